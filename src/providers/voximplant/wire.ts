// Voximplant's wire conventions: errors in 2xx bodies (its one classify), result shapes, timestamps, form bodies.
// Codes from the official SDKs and the docs' error list (docs/vendor-behaviour.md, "Voximplant").
import type { Classify, RetryHint } from "../../core/decide.js";
import {
  AuthenticationError,
  ConflictError,
  NotFoundError,
  PermissionDeniedError,
  ProviderApiError,
  RateLimitedError,
  ValidationError,
  type SecretsError,
  type SecretsErrorDetails,
} from "../../core/errors.js";
import { errorForStatus } from "../../core/http-errors.js";
import { RETRYABLE_STATUSES } from "../../core/retry.js";
import type { Wire } from "./spec.js";

/** `{error: {code, msg}}`, as the spec's VoximplantErrorResponse types it. */
export type VoximplantWireError = Wire<"VoximplantErrorResponse">["error"];

const AUTHENTICATION = new Set([100, 433, 447, 454, 455, 456]);
const VALIDATION = new Set([101, 134, 458, 485, 496, 499]);
const UNKNOWN_APPLICATION = new Set([107, 116, 558]);
const TRY_LATER = new Set([162, 515]);
/** Token issued in the future (clock skew) or expired: re-sign once and retry. */
const TOKEN_REJECTED = new Set([455, 456]);
const RATE_LIMIT = 340;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;

/** Reads `{error: {code, msg}}` (or the Go SDK's `{errors: [...]}`) from a parsed body. */
export function wireError(body: unknown): VoximplantWireError | undefined {
  if (!isRecord(body)) return undefined;
  const candidate = body.error ?? (Array.isArray(body.errors) ? body.errors[0] : undefined);
  if (!isRecord(candidate)) return undefined;
  const { code, msg } = candidate;
  return { code: typeof code === "number" ? code : Number(code), msg: typeof msg === "string" ? msg : "" };
}

/** The error for a wire error; the call wrapper cuts the call's secrets and credentials out of its message. */
export function errorFromWire(wire: VoximplantWireError, details: SecretsErrorDetails): SecretsError {
  const message = `refused (code ${wire.code})`;
  const full = { ...details, providerCode: wire.code, serverMessage: wire.msg };
  // Documented codes first. The secret-specific codes are undocumented: 341 is taken as "no such secret"; any other
  // refusal of a call that named secrets is checked by a lookup (confirm-missing.ts), never by the message's wording.
  if (AUTHENTICATION.has(wire.code)) return new AuthenticationError(message, full);
  if (wire.code === 104) return new PermissionDeniedError(message, full);
  if (wire.code === RATE_LIMIT) return new RateLimitedError(message, full);
  if (UNKNOWN_APPLICATION.has(wire.code) || wire.code === 341) return new NotFoundError(message, full);
  if (wire.code === 493 || /already exists|is taken|duplicate/i.test(wire.msg)) return new ConflictError(message, full);
  if (VALIDATION.has(wire.code)) return new ValidationError(message, full);
  return new ProviderApiError(message, full);
}

/**
 * Voximplant answers every failure with 200 and an error body; any other status came from something in between (a
 * proxy, a gateway), so only a 429 keeps its meaning. Rejected tokens are re-signed once, rate limits retried.
 */
export const classifyVoximplant: Classify = (answer, details) => {
  const { status } = answer;
  if (status < 200 || status > 299) {
    if (status === 429) return { kind: "error", error: errorForStatus(answer, "rate limited", details), retry: "rate-limited" };
    const what = status >= 500 ? "gateway error" : "unexpected HTTP status (a wrong base URL?)";
    return {
      kind: "error",
      error: new ProviderApiError(what, { ...details, status }),
      retry: RETRYABLE_STATUSES.has(status) ? "try-later" : "final",
    };
  }
  const wire = wireError(answer.body);
  if (!wire) return { kind: "ok" };
  return { kind: "error", error: errorFromWire(wire, { ...details, status }), retry: retryOf(wire.code) };
};

function retryOf(code: number): RetryHint {
  if (TOKEN_REJECTED.has(code)) return "refresh-auth";
  if (code === RATE_LIMIT) return "rate-limited";
  return TRY_LATER.has(code) ? "try-later" : "final";
}

/** `result` is documented as an object; the Node SDK types it as an array of one. */
export function single<T>(result: T | T[] | undefined): T | undefined {
  return Array.isArray(result) ? result[0] : result;
}

/** "YYYY-MM-DD HH:MM:SS", UTC → Date (undefined when absent or unreadable). */
export function parseTimestamp(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const date = new Date(`${value.trim().replace(" ", "T")}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** `client.api`'s body serializer: application/x-www-form-urlencoded, leaving out undefined fields. */
export function formBody(body: unknown): URLSearchParams {
  const form = new URLSearchParams();
  if (!isRecord(body)) return form;
  for (const [key, value] of Object.entries(body)) {
    if (value !== undefined && value !== null) form.set(key, String(value));
  }
  return form;
}
