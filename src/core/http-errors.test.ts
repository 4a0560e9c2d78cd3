// Status → error class: the one mapping every vendor's default case goes through.
import { describe, expect, it } from "vitest";
import {
  AuthenticationError,
  ConflictError,
  NotFoundError,
  PermissionDeniedError,
  ProviderApiError,
  RateLimitedError,
  ValidationError,
} from "./errors.js";
import { errorForStatus } from "./http-errors.js";

const details = { provider: "example", operation: "op" };

describe("errorForStatus", () => {
  it.each([
    [400, ValidationError],
    [422, ValidationError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [429, RateLimitedError],
    [405, ProviderApiError],
    [500, ProviderApiError],
    [503, ProviderApiError],
  ])("%i is a %o, with the status and the detail", (status, kind) => {
    const error = errorForStatus({ status, headers: new Headers() }, "what happened", details);
    expect(error.constructor).toBe(kind);
    expect(error).toMatchObject({ status, provider: "example", operation: "op", message: `example op: what happened (HTTP ${status})` });
  });

  it("a 429 carries Retry-After in milliseconds, or none", () => {
    const limited = errorForStatus({ status: 429, headers: new Headers({ "retry-after": "3" }) }, "slow down", details);
    expect(limited).toMatchObject({ retryAfterMs: 3_000 });
    expect(errorForStatus({ status: 429, headers: new Headers() }, "slow down", details)).toMatchObject({ retryAfterMs: undefined });
  });
});
