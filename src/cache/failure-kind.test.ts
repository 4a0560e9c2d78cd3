// What a failed refresh means, as a table: transient (served stale, backed off) or revoked / final (evicted, thrown).
import { describe, expect, it } from "vitest";
import {
  AuthenticationError,
  ConnectionError,
  NotFoundError,
  PermissionDeniedError,
  ProviderApiError,
  RateLimitedError,
  TimeoutError,
  ValidationError,
} from "../core/errors.js";
import { backoffMs, failureKind } from "./failure-kind.js";

describe("failureKind", () => {
  it.each([
    [new ConnectionError("reset"), "transient"],
    [new TimeoutError("slow"), "transient"],
    [new RateLimitedError("340"), "transient"],
    [new ProviderApiError("bad gateway", { status: 502 }), "transient"],
    [new ProviderApiError("odd answer", { status: 200 }), "final"],
    [new ProviderApiError("no status"), "final"],
    [new NotFoundError("gone"), "revoked"],
    [new AuthenticationError("401"), "revoked"],
    [new PermissionDeniedError("403"), "revoked"],
    [new ValidationError("bad"), "final"],
    [new TypeError("bug"), "final"],
  ])("%s is %s", (error, kind) => {
    expect(failureKind(error)).toBe(kind);
  });
});

describe("backoffMs", () => {
  it("doubles from the first wait up to 60 s, and waits at least what Retry-After asked (up to 60 s)", () => {
    expect([1, 2, 3, 7, 8, 50].map((failures) => backoffMs(failures, 1000, new ConnectionError("x")))).toEqual([
      1000, 2000, 4000, 60_000, 60_000, 60_000,
    ]);
    expect(backoffMs(1, 1000, new RateLimitedError("x", { retryAfterMs: 5000 }))).toBe(5000);
    expect(backoffMs(1, 1000, new RateLimitedError("x", { retryAfterMs: 3_600_000 }))).toBe(60_000);
  });
});
