// The cache's options: defaults, and a refusal naming the option.
import { describe, expect, it } from "vitest";
import { ConfigurationError } from "../core/errors.js";
import { CACHE_DEFAULTS, resolveCacheOptions } from "./options.js";

describe("resolveCacheOptions", () => {
  it("defaults: TTL 300 s, 1000 entries, 8 MiB, 300 s stale, 1 s backoff and refresh guard, change detection on", () => {
    expect(resolveCacheOptions()).toMatchObject({ ...CACHE_DEFAULTS, changeDetection: true });
    expect(CACHE_DEFAULTS).toEqual({
      ttlMs: 300_000,
      maxEntries: 1000,
      maxBytes: 8 * 1024 * 1024,
      maxStaleMs: 300_000,
      refreshBackoffMs: 1000,
      minRefreshIntervalMs: 1000,
    });
  });

  it.each([
    [{ ttlMs: -1 }, "ttlMs"],
    [{ maxStaleMs: Number.NaN }, "maxStaleMs"],
    [{ maxBytes: Number.POSITIVE_INFINITY }, "maxBytes"],
    [{ maxEntries: 0 }, "maxEntries"],
    [{ maxEntries: 1.5 }, "maxEntries"],
  ])("refuses %o, naming %s", (options, name) => {
    expect(() => resolveCacheOptions(options)).toThrow(ConfigurationError);
    expect(() => resolveCacheOptions(options)).toThrow(name);
  });
});
