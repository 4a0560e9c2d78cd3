// Dapr's wire conventions: error bodies, the two kinds of 401, "not found" as 204 or 500, metadata.
// From the runtime's code and tests (../shared/reference/apis.md); the docs' status table is wrong in places.
import {
  AuthenticationError,
  NotFoundError,
  PermissionDeniedError,
  ProviderApiError,
  RateLimitedError,
  type SecretsError,
  type SecretsErrorDetails,
} from "../../core/errors.js";
import { parseRetryAfter } from "../../core/retry.js";
import type { Answer, Verdict } from "../../core/transport.js";
import { requireString, type FieldContext } from "../../core/validate.js";

interface DaprErrorBody {
  errorCode?: string;
  message?: string;
}

/** Maps a non-200 answer of the secrets routes to the error model; the body is an object for JSON, a string for text/plain. */
export function daprError(answer: Answer, what: string, details: SecretsErrorDetails): SecretsError {
  const full = { ...details, status: answer.status };
  if (answer.status === 204) return new NotFoundError(`${what}: the store returned no data`, full);
  const body: DaprErrorBody = answer.body && typeof answer.body === "object" ? (answer.body as DaprErrorBody) : {};
  const withCode = { ...full, providerCode: body.errorCode };
  const message = body.message ? `${what}: ${body.message}` : what;
  switch (answer.status) {
    case 401:
      // The runtime answers an unknown store with 401 JSON ERR_SECRET_STORE_NOT_FOUND (the docs say 400)
      // and a missing or wrong dapr-api-token with 401 text/plain "invalid api token".
      return body.errorCode === "ERR_SECRET_STORE_NOT_FOUND"
        ? new NotFoundError(`${what}: unknown secret store`, withCode)
        : new AuthenticationError(`${what}: invalid or missing Dapr API token`, withCode);
    case 403:
      return new PermissionDeniedError(`${what}: denied by the secret scope policy`, withCode);
    case 429:
      // The runtime's rate-limit middleware (and proxies in front of it) answer 429, with Retry-After when they know.
      return new RateLimitedError(`${what}: rate limited`, {
        ...withCode,
        retryAfterMs: parseRetryAfter(answer.headers.get("retry-after")),
      });
    case 500:
      // Local file stores report a missing secret as ERR_SECRET_GET "... not found".
      if (body.errorCode === "ERR_SECRET_GET" && /not found/i.test(body.message ?? "")) return new NotFoundError(message, withCode);
      return new ProviderApiError(message, withCode);
    default:
      return new ProviderApiError(message, withCode);
  }
}

/**
 * The single-secret route's path, each parameter percent-encoded. The runtime matches routes on the escaped path
 * and unescapes parameters afterwards, so a secret named `bulk` is sent as `bul%6B`: it reaches the single route
 * (as `bulk`) instead of the bulk route (../shared/reference/apis.md: inferred from the router code).
 */
export function secretPath(url: string, params: Record<string, unknown>): string {
  const name = params.name === "bulk" ? "bul%6B" : encodeURIComponent(String(params.name));
  return url.replace("{store}", encodeURIComponent(String(params.store))).replace("{name}", name);
}

/** `metadata.<key>=<value>` query parameters (the runtime passes each <key> to the store). */
export function metadataQuery(metadata: Record<string, string> | undefined, context: FieldContext): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(metadata ?? {})) {
    query.append(`metadata.${requireString(key, "metadata key", context)}`, requireString(value, `metadata.${key}`, context));
  }
  return query.toString();
}

/** 500s a retry cannot change (a missing secret, no store configured) are final; other 500s are retried. */
export function daprVerdict(answer: Answer): Verdict | undefined {
  if (answer.status !== 500 || !answer.body || typeof answer.body !== "object") return undefined;
  const body = answer.body as DaprErrorBody;
  if (body.errorCode === "ERR_SECRET_STORES_NOT_CONFIGURED") return "ok";
  if (body.errorCode === "ERR_SECRET_GET" && /not found/i.test(body.message ?? "")) return "ok";
  return undefined;
}

/** A Dapr secret's value: KEY, else the only key, else the key named like the secret. */
export function daprSecretValue(keys: Record<string, string>, name: string, key?: string): string {
  const names = Object.keys(keys);
  const chosen = key ?? (names.length === 1 ? names[0]! : name);
  // Own keys only: `--key constructor` must not reach Object.prototype.
  const value = Object.hasOwn(keys, chosen) ? keys[chosen] : undefined;
  if (typeof value !== "string") {
    const hint = key === undefined && names.length > 1 ? "; choose one with a #KEY or --key" : "";
    throw new NotFoundError(`secret ${name} has no key ${chosen} (keys: ${names.join(", ") || "none"})${hint}`, {
      provider: "dapr",
      operation: "getSecret",
    });
  }
  return value;
}
