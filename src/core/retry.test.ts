// The retry policy's pieces: which failures prove a request was never sent, the backoff, Retry-After.
import { describe, expect, it } from "vitest";
import { backoffDelay, DEFAULT_RETRY_POLICY, neverReachedServer, networkErrorCode, parseRetryAfter, RETRYABLE_STATUSES } from "./retry.js";

const coded = (code: unknown, cause?: unknown) => Object.assign(new Error("failed", { cause }), { code });

describe("network errors", () => {
  it("finds the code on the error or down its causes, at most five deep", () => {
    expect(networkErrorCode(coded("ECONNRESET"))).toBe("ECONNRESET");
    expect(networkErrorCode(new TypeError("fetch failed", { cause: coded("ECONNREFUSED") }))).toBe("ECONNREFUSED");
    // The nearest code wins.
    expect(networkErrorCode(coded("UND_ERR_SOCKET", coded("ECONNREFUSED")))).toBe("UND_ERR_SOCKET");
    // A numeric code is not a network code: keep looking.
    expect(networkErrorCode(coded(503, coded("ETIMEDOUT")))).toBe("ETIMEDOUT");
    let deep: unknown = coded("ENOTFOUND");
    for (let depth = 0; depth < 4; depth += 1) deep = new Error("wrapped", { cause: deep });
    expect(networkErrorCode(deep)).toBe("ENOTFOUND");
    expect(networkErrorCode(new Error("wrapped", { cause: deep }))).toBeUndefined();
    expect(networkErrorCode(undefined)).toBeUndefined();
    for (const thrown of [null, "ECONNRESET", 42]) expect(networkErrorCode(thrown)).toBeUndefined();
    expect(networkErrorCode(new Error("no code"))).toBeUndefined();
  });

  it.each(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "UND_ERR_CONNECT_TIMEOUT"])(
    "%s proves the request never left",
    (code) => {
      expect(neverReachedServer(new TypeError("fetch failed", { cause: coded(code) }))).toBe(true);
    },
  );

  it.each(["ECONNRESET", "EPIPE", "UND_ERR_SOCKET", "ETIMEDOUT", "UND_ERR_HEADERS_TIMEOUT"])(
    "%s may come after the server had it",
    (code) => {
      expect(neverReachedServer(new TypeError("fetch failed", { cause: coded(code) }))).toBe(false);
    },
  );

  it("an error without a code proves nothing", () => {
    expect(neverReachedServer(new TypeError("fetch failed"))).toBe(false);
  });
});

describe("backoff", () => {
  const policy = { ...DEFAULT_RETRY_POLICY, initialDelayMs: 100, maxDelayMs: 1_000 };

  it("doubles from the initial delay up to the bound, less up to a quarter of jitter", () => {
    expect([0, 1, 2, 3, 4, 10].map((retry) => backoffDelay(retry, policy, () => 0))).toEqual([100, 200, 400, 800, 1_000, 1_000]);
    expect([0, 1, 4].map((retry) => backoffDelay(retry, policy, () => 1))).toEqual([75, 150, 750]);
    expect(backoffDelay(1, policy, () => 0.5)).toBe(175);
  });

  it("defaults: two retries, 500 ms doubling to 8 s, Retry-After waited for up to a minute", () => {
    expect(DEFAULT_RETRY_POLICY).toEqual({ maxRetries: 2, initialDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 60_000 });
    expect([...RETRYABLE_STATUSES].sort()).toEqual([408, 429, 500, 502, 503, 504]);
  });
});

describe("Retry-After", () => {
  const now = Date.parse("2026-11-29T10:00:00Z");

  it("reads delta-seconds, fractions included", () => {
    expect(parseRetryAfter("7", now)).toBe(7_000);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
    expect(parseRetryAfter("1.5", now)).toBe(1_500);
    expect(parseRetryAfter("1.25", now)).toBe(1_250);
    expect(parseRetryAfter("120", now)).toBe(120_000);
    for (const unreadable of ["", "  ", "-5", "1e3", "2026-11-29T10:00:30Z"])
      expect(parseRetryAfter(unreadable, now), unreadable).toBeUndefined();
  });

  it("reads an HTTP date as the time left, never negative", () => {
    expect(parseRetryAfter("Sun, 29 Nov 2026 10:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Sun, 29 Nov 2026 09:59:00 GMT", now)).toBe(0);
  });

  it("is undefined when absent, blank or unreadable", () => {
    for (const value of [null, "", "  ", "soon", "-5", "-500", "1e3", "10 s"])
      expect(parseRetryAfter(value, now), String(value)).toBeUndefined();
  });
});
