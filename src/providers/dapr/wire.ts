// Dapr's wire conventions: its one classify (error bodies, the two kinds of 401, final and transient 500s), path
// encoding, metadata, and a secret's value among its keys. From the runtime's code and tests
// (docs/vendor-behaviour.md, "Dapr"); the docs' status table is wrong in places.
import type { Classify, RetryHint } from "../../core/decide.js";
import {
  AuthenticationError,
  NotFoundError,
  PermissionDeniedError,
  ProviderApiError,
  RateLimitedError,
  type SecretsError,
  type SecretsErrorDetails,
} from "../../core/errors.js";
import { parseRetryAfter, RETRYABLE_STATUSES } from "../../core/retry.js";
import { type FieldContext, requireString } from "../../core/validate.js";
import type { Wire } from "./spec.js";

/** The fields of the runtime's error body this client reads. */
type DaprErrorBody = { [Field in "errorCode" | "message"]?: Wire<"DaprError">[Field] | undefined };

/** 500s a retry cannot change: no store configured at all. */
const FINAL_500 = new Set(["ERR_SECRET_STORES_NOT_CONFIGURED"]);

function errorBody(body: unknown): DaprErrorBody {
  if (typeof body !== "object" || body === null) return {};
  const errorCode = "errorCode" in body && typeof body.errorCode === "string" ? body.errorCode : undefined;
  const message = "message" in body && typeof body.message === "string" ? body.message : undefined;
  return { errorCode, message };
}

/** Local file stores report a missing secret as a 500 ERR_SECRET_GET "... not found". */
const isMissingSecret = (body: DaprErrorBody) => body.errorCode === "ERR_SECRET_GET" && /not found/i.test(body.message ?? "");

/** Any status outside 2xx is an error; 429 and transient 5xx are retried, but not the 500s a retry cannot change. */
export const classifyDapr: Classify = (answer, details) => {
  if (answer.status >= 200 && answer.status < 300) return { kind: "ok" };
  const body = errorBody(answer.body);
  const final500 = answer.status === 500 && (isMissingSecret(body) || FINAL_500.has(body.errorCode ?? ""));
  const retry: RetryHint =
    answer.status === 429 ? "rate-limited" : RETRYABLE_STATUSES.has(answer.status) && !final500 ? "try-later" : "final";
  return { kind: "error", error: daprError(answer, body, details), retry };
};

function daprError(
  answer: { status: number; headers: { get(name: string): string | null } },
  body: DaprErrorBody,
  details: SecretsErrorDetails & { subject?: string | undefined },
): SecretsError {
  const what = details.subject ?? "the request";
  const full = { provider: details.provider, operation: details.operation, status: answer.status, providerCode: body.errorCode };
  switch (answer.status) {
    case 401:
      // The runtime answers an unknown store with 401 JSON ERR_SECRET_STORE_NOT_FOUND (the docs say 400)
      // and a missing or wrong dapr-api-token with 401 text/plain "invalid api token".
      return body.errorCode === "ERR_SECRET_STORE_NOT_FOUND"
        ? new NotFoundError(`${what}: unknown secret store`, full)
        : new AuthenticationError(`${what}: invalid or missing Dapr API token`, full);
    case 403:
      return new PermissionDeniedError(`${what}: denied by the secret scope policy`, full);
    case 429:
      // The runtime's rate-limit middleware (and proxies in front of it) answer 429, with Retry-After when they know.
      return new RateLimitedError(`${what}: rate limited`, { ...full, retryAfterMs: parseRetryAfter(answer.headers.get("retry-after")) });
    default: {
      const said = { ...full, serverMessage: body.message };
      return answer.status === 500 && isMissingSecret(body) ? new NotFoundError(what, said) : new ProviderApiError(what, said);
    }
  }
}

/** `metadata.<key>=<value>` query parameters (the runtime passes each <key> to the store). */
export function metadataQuery(metadata: Record<string, string> | undefined, context: FieldContext): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries(metadata ?? {})) {
    query[`metadata.${requireString(key, "metadata key", context)}`] = requireString(value, `metadata.${key}`, context);
  }
  return query;
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
