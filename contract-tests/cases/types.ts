// The shape of a replay case: a named user intent, the facade call with its arguments, what the mock is
// asked to answer, the operations the call must send, and the expected outcome.
import type * as errors from "../../src/core/errors.js";
import type { SecretsErrorCode } from "../../src/core/errors.js";
import type { Prefer } from "../support/strict-fetch.js";

type Methods<Client> = { [K in keyof Client]: Client[K] extends (...args: never[]) => unknown ? K : never }[keyof Client] & string;
type Call<Client> = {
  [K in Methods<Client>]: { call: K; args: Client[K] extends (...args: never[]) => unknown ? Parameters<Client[K]> : never };
}[Methods<Client>];

export type ErrorClassName = {
  [K in keyof typeof errors]: (typeof errors)[K] extends abstract new (...args: never[]) => errors.SecretsError ? K : never;
}[keyof typeof errors];

export interface ErrorExpectation {
  class: ErrorClassName;
  code: SecretsErrorCode;
  status?: number;
  providerCode?: string | number;
  field?: string;
  retryAfterMs?: number;
}

/**
 * A call on `client.api`, the typed openapi-fetch client, for a route or form the facade does not use (the official
 * SDKs' `cmd=` form, Gcore's deprecated v1 create): typed against the real client's method.
 */
type ApiCall<Client> = Client extends { api: { POST: infer Post; GET: infer Get } }
  ?
      | { call: "api.POST"; args: Post extends (...args: infer A) => unknown ? A : never }
      | { call: "api.GET"; args: Get extends (...args: infer A) => unknown ? A : never }
  : never;

/** What `client.api` answered: the status and the decoded body (openapi-fetch's `data`, or `error` when not 2xx). */
export interface ApiAnswer {
  status: number;
  body: unknown;
}

/**
 * `returns`: the call's result as JSON (Dates as ISO strings, async iterables as arrays, void as null).
 * `answers`: for a `client.api` call, the answer as it came.
 */
export type Outcome = { returns: unknown } | { throws: ErrorExpectation } | { answers: ApiAnswer };

/** Whether a case expects the vendor to refuse: an error thrown, a non-2xx answer, or Voximplant's error in a 200 body. */
export function expectsFailure(outcome: Outcome): boolean {
  if ("throws" in outcome) return true;
  if (!("answers" in outcome)) return false;
  const { status, body } = outcome.answers;
  return status >= 400 || (typeof body === "object" && body !== null && "error" in body);
}

export type Case<Client> = (Call<Client> | ApiCall<Client>) & {
  /** What the user wants, in their words; the docs' own examples first. Unique per API. */
  intent: string;
  /** The operationIds the call must send, in order ([] when the client rejects the input itself). */
  requests: string[];
  prefer?: Prefer;
  accept?: string;
  /** Client option for this case (default 0). */
  maxRetries?: number;
  /** Only for cases that write: live mode runs them only with CONTRACT_ALLOW_WRITES=1. */
  writes?: true;
  expect: Outcome;
};
