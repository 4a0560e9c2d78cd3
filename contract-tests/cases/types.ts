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

/** `returns`: the call's result as JSON (Dates as ISO strings, async iterables as arrays, void as null). */
export type Outcome = { returns: unknown } | { throws: ErrorExpectation };

export type Case<Client> = Call<Client> & {
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
