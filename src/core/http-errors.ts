// HTTP status → error class, shared by the providers.
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
} from "./errors.js";
import { parseRetryAfter } from "./retry.js";

/** The error class for an HTTP status (with `Retry-After` for 429). */
export function errorForStatus(
  answer: { status: number; headers: { get(name: string): string | null } },
  detail: string,
  details: SecretsErrorDetails,
): SecretsError {
  const withStatus = { ...details, status: answer.status };
  switch (answer.status) {
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
      return new RateLimitedError(detail, { ...withStatus, retryAfterMs: parseRetryAfter(answer.headers.get("retry-after")) });
    default:
      return new ProviderApiError(detail, withStatus);
  }
}
