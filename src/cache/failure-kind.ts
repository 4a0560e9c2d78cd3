// What a failed refresh means for the entry: serve it stale and try later (transient), or drop it and throw.
import {
  AuthenticationError,
  ConnectionError,
  NotFoundError,
  PermissionDeniedError,
  ProviderApiError,
  RateLimitedError,
  TimeoutError,
} from "../core/errors.js";
import { MAX_BACKOFF_MS } from "./options.js";

/**
 * `transient`: connection, timeout, a 5xx, rate limiting: the provider may answer again soon, so the last value
 * stays (up to maxStaleMs). `revoked`: the secret is gone or the credential no longer reads it; a revoked credential
 * must not keep serving secrets. Anything else is `final`: dropped and thrown too, as nothing says it is still valid.
 */
export type FailureKind = "transient" | "revoked" | "final";

export function failureKind(error: unknown): FailureKind {
  if (error instanceof NotFoundError || error instanceof AuthenticationError || error instanceof PermissionDeniedError) return "revoked";
  if (error instanceof ConnectionError || error instanceof TimeoutError || error instanceof RateLimitedError) return "transient";
  if (error instanceof ProviderApiError && error.status !== undefined && error.status >= 500) return "transient";
  return "final";
}

/** The wait before the next refresh attempt after `failures` failures in a row (1 or more). */
export function backoffMs(failures: number, firstMs: number, error: unknown): number {
  const doubled = Math.min(firstMs * 2 ** Math.min(failures - 1, 30), MAX_BACKOFF_MS);
  const asked = error instanceof RateLimitedError ? Math.min(error.retryAfterMs ?? 0, MAX_BACKOFF_MS) : 0;
  return Math.max(doubled, asked);
}
