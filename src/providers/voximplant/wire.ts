// Voximplant's wire conventions: errors in 2xx bodies, result shapes, timestamps, form bodies.
// Codes from the official SDKs and the docs' error list (../shared/reference/apis.md).
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
import type { Answer, Verdict } from "../../core/transport.js";

export interface VoximplantWireError {
  code: number;
  msg: string;
}

const AUTHENTICATION = new Set([100, 433, 447, 454, 455, 456]);
const VALIDATION = new Set([101, 134, 458, 485, 496, 499]);
const UNKNOWN_APPLICATION = new Set([107, 116, 558]);
const TRY_LATER = new Set([162, 515]);
/** Token issued in the future (clock skew) or expired: re-sign once and retry. */
const TOKEN_REJECTED = new Set([455, 456]);
const RATE_LIMIT = 340;

/** Reads `{error: {code, msg}}` (or the Go SDK's `{errors: [...]}`) from a parsed body. */
export function wireError(body: unknown): VoximplantWireError | undefined {
  if (!body || typeof body !== "object") return undefined;
  const candidate = (body as { error?: unknown }).error ?? (body as { errors?: unknown[] }).errors?.[0];
  if (!candidate || typeof candidate !== "object") return undefined;
  const { code, msg } = candidate as { code?: unknown; msg?: unknown };
  return { code: typeof code === "number" ? code : Number(code), msg: typeof msg === "string" ? msg : "" };
}

/** The error for a wire error; the call wrapper cuts the call's secrets and credentials out of its message. */
export function errorFromWire(wire: VoximplantWireError, details: SecretsErrorDetails): SecretsError {
  const message = `${wire.msg || "error"} (Voximplant code ${wire.code})`;
  const full = { ...details, providerCode: wire.code };
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

/** The transport's view of a 2xx answer, from its one parse: rejected tokens are re-signed, rate limits retried; non-2xx by status. */
export function voximplantVerdict(answer: Answer): Verdict | undefined {
  if (answer.status < 200 || answer.status >= 300) return undefined;
  const wire = wireError(answer.body);
  if (!wire) return "ok";
  if (TOKEN_REJECTED.has(wire.code)) return "refresh-auth";
  if (wire.code === RATE_LIMIT) return "rate-limited";
  if (TRY_LATER.has(wire.code)) return "try-later";
  return "ok";
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

/** Serialises a body as application/x-www-form-urlencoded, leaving out undefined fields. */
export function formBody(body: unknown): URLSearchParams {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (value !== undefined && value !== null) form.set(key, String(value));
  }
  return form;
}
