import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { ConfigurationError } from "./errors.js";
import { applyCredential, baseUrlFrom, requireUrl, resolveClientOptions, resolveCredential, VERSION } from "./options.js";

describe("client options", () => {
  it("the user agent carries the package's version", async () => {
    const { version } = JSON.parse(await readFile("package.json", "utf8")) as { version: string };
    expect(VERSION).toBe(version);
    expect(resolveClientOptions({ userAgent: "my-app/2" }, "example", { value: "http://x", from: "option baseUrl" }, true).userAgent).toBe(
      `typed-secrets/${version} node/${process.versions.node} my-app/2`,
    );
  });

  it("rejects URLs with credentials or other schemes, naming where the URL came from", () => {
    expect(() => requireUrl("https://user:pw@host", "EXAMPLE_BASE_URL", "example")).toThrow(ConfigurationError);
    expect(() => requireUrl("file:///etc", "option baseUrl", "example")).toThrow(ConfigurationError);
    expect(requireUrl("http://127.0.0.1:3500/", "x", "example")).toBe("http://127.0.0.1:3500");
  });

  it("refuses a query or fragment (openapi-fetch appends paths as text: `?cmd=DelSecret` would ride along on every call)", () => {
    for (const url of [
      "https://api.test/platform_api?cmd=DelSecret&secret_id=all",
      "https://api.test/platform_api#x",
      "https://api.test/?",
    ]) {
      expect(() => requireUrl(url, "EXAMPLE_BASE_URL", "example")).toThrow(ConfigurationError);
    }
  });

  it("plain http only to loopback, unless the vendor allows it (a sidecar)", () => {
    expect(() => requireUrl("http://10.0.0.5:3500", "x", "example")).toThrow(ConfigurationError);
    expect(requireUrl("http://10.0.0.5:3500", "x", "example", true)).toBe("http://10.0.0.5:3500");
  });

  it("bounds timeoutMs and maxRetries", () => {
    const base = { value: "http://x", from: "option baseUrl" };
    expect(() => resolveClientOptions({ maxRetries: 11 }, "example", base, true)).toThrow(ConfigurationError);
    expect(() => resolveClientOptions({ timeoutMs: 1.5 }, "example", base, true)).toThrow(ConfigurationError);
    expect(resolveClientOptions({}, "example", base, true)).toMatchObject({
      timeoutMs: 30_000,
      retry: { maxRetries: 2 },
      maxResponseBytes: 16 * 1024 * 1024,
    });
    expect(() => resolveClientOptions({ maxResponseBytes: 0 }, "example", base, true)).toThrow(ConfigurationError);
  });

  it("credentials may be values or async functions", async () => {
    expect(await resolveCredential("k")).toBe("k");
    expect(await resolveCredential(async () => "k2")).toBe("k2");
  });

  it("accepts each bound's edges and the values in range, refuses just outside", () => {
    const base = { value: "http://x", from: "option baseUrl" };
    const resolve = (options: Record<string, unknown>) => resolveClientOptions(options, "example", base, true);
    expect(resolve({ timeoutMs: 1, maxRetries: 0, maxResponseBytes: 1 })).toMatchObject({
      timeoutMs: 1,
      retry: { maxRetries: 0, initialDelayMs: 500 },
      maxResponseBytes: 1,
    });
    expect(resolve({ timeoutMs: 3_600_000, maxRetries: 10, maxResponseBytes: 2 ** 31 - 1 })).toMatchObject({
      timeoutMs: 3_600_000,
      retry: { maxRetries: 10 },
      maxResponseBytes: 2 ** 31 - 1,
    });
    for (const [option, value] of [
      ["timeoutMs", 0],
      ["timeoutMs", 3_600_001],
      ["timeoutMs", "100"],
      ["maxRetries", -1],
      ["maxRetries", Number.NaN],
      ["maxResponseBytes", 2 ** 31],
    ] as const)
      expect(() => resolve({ [option]: value }), `${option} ${value}`).toThrow(ConfigurationError);
  });

  it("uses the given fetch, else the global one at call time; refuses a fetch that is not a function", async () => {
    const base = { value: "http://x", from: "option baseUrl" };
    const mine = async () => new Response("mine");
    expect(resolveClientOptions({ fetch: mine }, "example", base, true).fetch).toBe(mine);
    const fallback = resolveClientOptions({}, "example", base, true).fetch;
    const original = globalThis.fetch;
    globalThis.fetch = async () => new Response("global");
    try {
      expect(await (await fallback(new Request("http://x/"))).text()).toBe("global");
    } finally {
      globalThis.fetch = original;
    }
    expect(() => resolveClientOptions({ fetch: "curl" as never }, "example", base, true)).toThrow(ConfigurationError);
  });

  it("retryDelayMs sets the first backoff (0 allowed, for tests); out of range is a configuration error", () => {
    const base = { value: "http://x", from: "option baseUrl" };
    expect(resolveClientOptions({}, "example", base, true).retry.initialDelayMs).toBe(500);
    expect(resolveClientOptions({ retryDelayMs: 0 }, "example", base, true).retry).toMatchObject({ initialDelayMs: 0, maxDelayMs: 8_000 });
    for (const bad of [-1, 60_001, 1.5])
      expect(() => resolveClientOptions({ retryDelayMs: bad }, "example", base, true)).toThrow(ConfigurationError);
  });

  it("the Node transport on Node, fetch whenever a fetch is given or asked for; the two options cannot contradict", () => {
    const base = { value: "http://x", from: "option baseUrl" };
    const mine = async () => new Response("mine");
    expect(resolveClientOptions({}, "example", base, true).transport).toBe("node");
    expect(resolveClientOptions({ fetch: mine }, "example", base, true).transport).toBe("fetch");
    expect(resolveClientOptions({ transport: "fetch" }, "example", base, true).transport).toBe("fetch");
    expect(resolveClientOptions({ transport: "node" }, "example", base, true).transport).toBe("node");
    expect(() => resolveClientOptions({ transport: "node", fetch: mine }, "example", base, true)).toThrow(ConfigurationError);
    expect(() => resolveClientOptions({ transport: "curl" as never }, "example", base, true)).toThrow(ConfigurationError);
  });

  it("each refused option names the provider; plain http is refused unless allowed", () => {
    const base = { value: "http://x", from: "option baseUrl" };
    for (const options of [{ transport: "curl" as never }, { fetch: "curl" as never }, { retryDelayMs: -1 }, { timeoutMs: 0 }]) {
      const error = (() => {
        try {
          resolveClientOptions(options, "example", base, true);
        } catch (caught) {
          return caught;
        }
      })();
      expect(error, JSON.stringify(options)).toMatchObject({ code: "ERR_CONFIGURATION", provider: "example" });
    }
    expect(() => resolveClientOptions({}, "example", { value: "http://api.example.com", from: "option baseUrl" })).toThrow(
      ConfigurationError,
    );
    expect(() => requireUrl("http://api.example.com", "x", "example")).toThrow(ConfigurationError);
  });

  it("without a userAgent option, the User-Agent is the package and the runtime only", () => {
    const base = { value: "http://x", from: "option baseUrl" };
    expect(resolveClientOptions({}, "example", base, true).userAgent).toBe(`typed-secrets/${VERSION} node/${process.versions.node}`);
  });

  it("names the source of an unparsable URL; strips trailing slashes only; knows every loopback form", () => {
    expect(() => requireUrl("not a url", "EXAMPLE_BASE_URL", "example")).toThrow(ConfigurationError);
    expect(requireUrl("https://api.test/v1//", "x", "example")).toBe("https://api.test/v1");
    for (const loopback of ["http://localhost:1", "http://127.0.0.1", "http://127.1.2.3:8", "http://127.10.200.254", "http://[::1]:9"])
      expect(requireUrl(loopback, "x", "example"), loopback).toBe(loopback);
    const remotes = ["http://localhost.example.com", "http://mylocalhost", "http://128.0.0.1", "http://127.0.0.1.nip.io", "http://[::2]"];
    for (const remote of remotes) expect(() => requireUrl(remote, "x", "example"), remote).toThrow(ConfigurationError);
    expect(() => requireUrl("https://user@host", "x", "example")).toThrow(ConfigurationError);
    expect(() => requireUrl("https://:pw@host", "x", "example")).toThrow(ConfigurationError);
  });

  it("baseUrlFrom: the option, else the variable, else the default, each saying where it came from", () => {
    expect(baseUrlFrom("https://a.test", { X_URL: "https://b.test" }, "X_URL", "https://c.test")).toEqual({
      value: "https://a.test",
      from: "option baseUrl",
    });
    expect(baseUrlFrom(undefined, { X_URL: "https://b.test" }, "X_URL", "https://c.test")).toEqual({
      value: "https://b.test",
      from: "X_URL",
    });
    expect(baseUrlFrom("", { X_URL: "" }, "X_URL", "https://c.test")).toEqual({ value: "https://c.test", from: "the default" });
  });

  it("applyCredential applies a value at once, a function once it resolves, and lets a function's error through", async () => {
    const applied: string[] = [];
    expect(applyCredential("now", (value) => applied.push(value))).toBeUndefined();
    const later = applyCredential(
      async () => "later",
      (value) => applied.push(value),
    );
    expect(applied).toEqual(["now"]);
    await later;
    expect(applied).toEqual(["now", "later"]);
    const broken = new Error("vault down");
    await expect(
      applyCredential(
        () => Promise.reject(broken),
        () => undefined,
      ),
    ).rejects.toBe(broken);
    expect(await resolveCredential(() => "sync")).toBe("sync");
  });
});
