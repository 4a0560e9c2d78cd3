import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { ConfigurationError } from "./errors.js";
import { requireUrl, resolveClientOptions, resolveCredential, VERSION } from "./options.js";

describe("client options", () => {
  it("the user agent carries the package's version", async () => {
    const { version } = JSON.parse(await readFile("package.json", "utf8")) as { version: string };
    expect(VERSION).toBe(version);
    expect(resolveClientOptions({ userAgent: "my-app/2" }, "example", { value: "http://x", from: "option baseUrl" }, true).userAgent).toBe(
      `typed-secrets/${version} node/${process.versions.node} my-app/2`,
    );
  });

  it("rejects URLs with credentials or other schemes, naming where the URL came from", () => {
    expect(() => requireUrl("https://user:pw@host", "EXAMPLE_BASE_URL", "example")).toThrow(
      new ConfigurationError("EXAMPLE_BASE_URL must not contain credentials", { provider: "example" }),
    );
    expect(() => requireUrl("file:///etc", "option baseUrl", "example")).toThrow("example: option baseUrl must be an http(s) URL");
    expect(requireUrl("http://127.0.0.1:3500/", "x", "example")).toBe("http://127.0.0.1:3500");
  });

  it("refuses a query or fragment (openapi-fetch appends paths as text: `?cmd=DelSecret` would ride along on every call)", () => {
    for (const url of [
      "https://api.test/platform_api?cmd=DelSecret&secret_id=all",
      "https://api.test/platform_api#x",
      "https://api.test/?",
    ]) {
      expect(() => requireUrl(url, "EXAMPLE_BASE_URL", "example")).toThrow(
        "example: EXAMPLE_BASE_URL must not contain a query or a fragment",
      );
    }
  });

  it("plain http only to loopback, unless the vendor allows it (a sidecar)", () => {
    expect(() => requireUrl("http://10.0.0.5:3500", "x", "example")).toThrow(
      "must be an https URL (http is allowed for loopback addresses only)",
    );
    expect(requireUrl("http://10.0.0.5:3500", "x", "example", true)).toBe("http://10.0.0.5:3500");
  });

  it("bounds timeoutMs and maxRetries", () => {
    const base = { value: "http://x", from: "option baseUrl" };
    expect(() => resolveClientOptions({ maxRetries: 11 }, "example", base, true)).toThrow(
      "example: option maxRetries must be an integer from 0 to 10",
    );
    expect(() => resolveClientOptions({ timeoutMs: 1.5 }, "example", base, true)).toThrow(
      "example: option timeoutMs must be an integer from 1 to 3600000",
    );
    expect(resolveClientOptions({}, "example", base, true)).toMatchObject({
      timeoutMs: 30_000,
      retry: { maxRetries: 2 },
      maxResponseBytes: 16 * 1024 * 1024,
    });
    expect(() => resolveClientOptions({ maxResponseBytes: 0 }, "example", base, true)).toThrow(
      "example: option maxResponseBytes must be an integer from 1 to 2147483647",
    );
  });

  it("credentials may be values or async functions", async () => {
    expect(await resolveCredential("k")).toBe("k");
    expect(await resolveCredential(async () => "k2")).toBe("k2");
  });
});
