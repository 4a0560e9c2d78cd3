// HTTP status → error class, shared by the providers; and conversion of stray failures to SecretsError.
import {
  AbortedError,
  AuthenticationError,
  ConflictError,
  NotFoundError,
  PermissionDeniedError,
  ProviderApiError,
  RateLimitedError,
  SecretsError,
  TimeoutError,
  ValidationError,
  type SecretsErrorDetails,
} from "../errors.js";
import { parseRetryAfter } from "./retry.js";

export function errorForStatus(response: Response, detail: string, details: SecretsErrorDetails): SecretsError {
  const withStatus = { ...details, status: response.status };
  switch (response.status) {
    case 400:
    case 422:
      return new ValidationError(detail, withStatus);
    case 401:
      return new AuthenticationError(detail, withStatus);
    case 403:
      return new PermissionDeniedError(detail, withStatus);
    case 404:
      return new NotFoundError(detail, withStatus);
    case 409:
      return new ConflictError(detail, withStatus);
    case 429:
      return new RateLimitedError(detail, { ...withStatus, retryAfterMs: parseRetryAfter(response.headers.get("retry-after")) });
    default:
      return new ProviderApiError(detail, withStatus);
  }
}

/**
 * Runs one facade call; anything thrown that is not a SecretsError (a body read cut short, bad JSON)
 * is converted, and an abort by the call's `signal` (whatever its reason) is an AbortedError.
 */
export async function guard<T>(context: SecretsErrorDetails & { signal?: AbortSignal | undefined }, run: () => Promise<T>): Promise<T> {
  const { signal, ...details } = context;
  try {
    return await run();
  } catch (error) {
    if (error instanceof SecretsError) throw error;
    if (signal?.aborted) throw new AbortedError("aborted by the caller", { ...details, cause: signal.reason });
    const name = (error as { name?: unknown } | null)?.name;
    if (name === "TimeoutError") throw new TimeoutError("the answer did not arrive in time", details);
    if (name === "AbortError") throw new AbortedError("aborted by the caller", { ...details, cause: error });
    if (name === "SyntaxError") throw new ProviderApiError("the answer is not valid JSON", details);
    throw new ProviderApiError(`unexpected failure (${typeof name === "string" ? name : "error"})`, details);
  }
}
