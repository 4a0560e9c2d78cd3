// How an attempt's failures are reported: a lost write as OutcomeUnknownError, a failing credential step as a
// ConfigurationError that does not quote it.
import { ConfigurationError, OutcomeUnknownError, SecretsError, TimeoutError } from "./errors.js";

export interface CallDetails {
  provider: string;
  operation: string;
  /** What the call is about, for messages (e.g. `secret db in store vault`); never a value. */
  subject?: string | undefined;
}

/** Sets credentials on an attempt's headers; `refresh` asks for a new token after the server rejected one. */
export type Authorize = (headers: Record<string, string>, context: { refresh: boolean; operation: string }) => Promise<void> | undefined;

/** A write whose answer was lost: said so, with what to do, and the failure underneath as the cause. */
export function outcomeUnknown(failure: SecretsError, details: CallDetails): OutcomeUnknownError {
  const what =
    failure instanceof TimeoutError
      ? "no answer in time"
      : failure.status === undefined
        ? "the connection failed"
        : "a gateway error came back";
  return new OutcomeUnknownError(
    `${what} after the request was sent: it may have been applied; read the current state before sending it again`,
    { provider: details.provider, operation: details.operation, status: failure.status, cause: failure },
  );
}

/** Runs a credential step; a failure that is not ours becomes a ConfigurationError without its message (it may hold the key). */
export function authorizeSafely(
  authorize: Authorize,
  headers: Record<string, string>,
  context: { refresh: boolean; operation: string },
  details: CallDetails,
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
