// What to do after an attempt, decided without side effects: return the answer, throw, retry after N ms, or
// re-authorize and send again. Its inputs are the attempt's outcome, the vendor's classification of an answer and
// where the call stands; `decide.test.ts` is its table of cases.
import { outcomeUnknown, type CallDetails } from "./attempt-failures.js";
import type { SecretsError } from "./errors.js";

/**
 * A vendor's reading of an answer (its `classify`): fine, or the error it means and whether another attempt may
 * change it — `refresh-auth` (the token was rejected before anything ran), `rate-limited` (not processed: any
 * operation may be sent again), `try-later` (a transient failure: only operations safe to repeat are sent again).
 */
export type Classification = { kind: "ok" } | { kind: "error"; error: SecretsError; retry: RetryHint };

export type RetryHint = "refresh-auth" | "rate-limited" | "try-later" | "final";

export type Classify = (
  answer: { status: number; headers: { get(name: string): string | null }; body: unknown },
  details: CallDetails,
) => Classification;

export type Decision<Final> =
  | { kind: "return"; final: Final }
  | { kind: "throw"; error: SecretsError }
  | { kind: "retry"; afterMs: number }
  | { kind: "reauthorize" };

/** What the decision knows of the outcome: an answer's classification and Retry-After (and what to return), or a failure. */
export type DecisionInput<Final> =
  | { kind: "answer"; status: number; classification: Classification; retryAfterMs?: number | undefined; final: Final }
  | { kind: "failure"; error: SecretsError; mayHaveArrived: boolean }
  | { kind: "fatal"; error: SecretsError };

export interface CallState {
  details: CallDetails;
  /** Retries already made (re-authorizing is not one). */
  retries: number;
  maxRetries: number;
  /** May the operation be sent again after it may have reached the server? */
  repeatable: boolean;
  /** A rejected token was already replaced once in this call. */
  reauthorized: boolean;
  /** The backoff before the next retry (computed outside, so this stays pure). */
  backoffMs: number;
  /** A longer Retry-After is not waited for. */
  maxRetryAfterMs: number;
}

/** Gateway statuses: a write they answer may have reached the vendor behind them. */
const GATEWAY = new Set([502, 503, 504]);

export function decide<Final>(input: DecisionInput<Final>, state: CallState): Decision<Final> {
  const retriesLeft = state.retries < state.maxRetries;
  if (input.kind === "fatal") return { kind: "throw", error: input.error };
  if (input.kind === "failure") {
    if (retriesLeft && (state.repeatable || !input.mayHaveArrived)) return { kind: "retry", afterMs: state.backoffMs };
    if (input.mayHaveArrived && !state.repeatable) return { kind: "throw", error: outcomeUnknown(input.error, state.details) };
    return { kind: "throw", error: input.error };
  }
  const { classification } = input;
  const done = { kind: "return", final: input.final } as const;
  if (classification.kind === "ok") return done;
  if (classification.retry === "refresh-auth") return state.reauthorized ? done : { kind: "reauthorize" };
  const again = classification.retry === "rate-limited" || (classification.retry === "try-later" && state.repeatable);
  const waitable = input.retryAfterMs === undefined || input.retryAfterMs <= state.maxRetryAfterMs;
  if (again && retriesLeft && waitable) return { kind: "retry", afterMs: input.retryAfterMs ?? state.backoffMs };
  return done;
}

/**
 * The error a facade call throws for a final answer the vendor's classify called an error: a write a gateway answered
 * for (502, 503, 504) may have been applied behind it, so its outcome is unknown. (`client.api` hands the answer back.)
 */
export function finalError(
  classification: Extract<Classification, { kind: "error" }>,
  status: number,
  operation: { repeatable: boolean },
  details: CallDetails,
): SecretsError {
  if (!operation.repeatable && classification.retry === "try-later" && GATEWAY.has(status))
    return outcomeUnknown(classification.error, details);
  return classification.error;
}
