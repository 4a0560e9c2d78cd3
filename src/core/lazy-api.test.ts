// client.api made on first use: nothing is created until a method is called, every method reaches the real client,
// and middleware registered before a call applies to it.
import type { Client, Middleware } from "openapi-fetch";
import { describe, expect, it, vi } from "vitest";
import { lazyClient } from "./lazy-api.js";

type Paths = { "/x": { get: { responses: { 200: { content: { "application/json": { a: number } } } } } } };

describe("lazyClient", () => {
  it("creates the client once, at the first call, and delegates every method with its arguments", async () => {
    const calls: unknown[][] = [];
    const real = Object.fromEntries(
      ["request", "GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE", "use", "eject"].map((name) => [
        name,
        (...args: unknown[]) => (calls.push([name, ...args]), Promise.resolve(name)),
      ]),
    );
    const create = vi.fn(async () => real as unknown as Client<Paths>);
    const api = lazyClient<Paths>(create);
    expect(create).not.toHaveBeenCalled();
    const middleware: Middleware = { onRequest: () => undefined };
    api.use(middleware);
    expect(await api.GET("/x")).toBe("GET");
    for (const name of ["PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"]) {
      // Paths has no such operations: the methods are reached as any caller of the untyped object would.
      const method: unknown = Reflect.get(api, name);
      expect(typeof method === "function" && (await method("/y"))).toBe(name);
    }
    expect(await api.request("get", "/x")).toBe("request");
    api.eject(middleware);
    await Promise.resolve();
    expect(create).toHaveBeenCalledTimes(1);
    expect(calls.map(([name]) => name)).toEqual([
      "use",
      "GET",
      "PUT",
      "POST",
      "DELETE",
      "OPTIONS",
      "HEAD",
      "PATCH",
      "TRACE",
      "request",
      "eject",
    ]);
    expect(calls[0]).toEqual(["use", middleware]);
  });
});
