// How an attempt's failures are reported: a lost write as OutcomeUnknownError, a failing credential step as a
// ConfigurationError that does not quote it.
import { ConfigurationError, OutcomeUnknownError, SecretsError, TimeoutError } from "./errors.js";

/** A write whose answer was lost: said so, with what to do, and the failure underneath as the cause. */
export function outcomeUnknown(failure: SecretsError, details: { provider: string; operation: string }): OutcomeUnknownError {
  const what = failure instanceof TimeoutError ? "no answer in time" : "the connection failed";
  return new OutcomeUnknownError(
    `${what} after the request was sent: it may have been applied; read the current state before sending it again`,
    { ...details, cause: failure },
  );
}

/** Runs a credential step; a failure that is not ours becomes a ConfigurationError without its message (it may hold the key). */
export function authorizeSafely(
  authorize: (headers: Headers, context: { refresh: boolean; operation: string }) => Promise<void> | undefined,
  headers: Headers,
  context: { refresh: boolean; operation: string },
  details: { provider: string; operation: string },
): Promise<void> | undefined {
  const convert = (error: unknown) => {
    if (error instanceof SecretsError) return error;
    return new ConfigurationError(
      `could not set the credentials on the request (${error instanceof Error ? error.name : "error"})`,
      details,
    );
  };
  try {
    return authorize(headers, context)?.catch((error: unknown) => Promise.reject(convert(error)));
  } catch (error) {
    return Promise.reject(convert(error));
  }
}
