// The invariants every step of a chaos run checks, whatever the vendor: what an answer may leave behind in the
// emulator's state, which errors a client may throw, what an error may show, and how often a write may arrive.
import { inspect } from "node:util";
import fc from "fast-check";
import { OutcomeUnknownError, SECRETS_ERROR_CODES, SecretsError } from "../../src/core/errors.js";
import type { Arrival, Fault } from "../../src/emulator/index.js";

/** What a step's call came to. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export async function outcomeOf<T>(call: Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await call };
  } catch (error) {
    return { ok: false, error };
  }
}

/** A fault for one arrival, or none; kinds that would only wait are kept short (the client's timeout is 300 ms). */
export const faultArbitrary = (vendorCodes: readonly (number | string)[]): fc.Arbitrary<Fault | undefined> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant(undefined) },
    fc.constantFrom<Fault>(
      { kind: "reset", when: "before" },
      { kind: "reset", when: "after" },
      { kind: "hang" },
      { kind: "status", status: 500 },
      { kind: "status", status: 503 },
      { kind: "rate-limit", retryAfterSeconds: 0 },
      { kind: "truncated-body" },
      { kind: "slow-body", chunkBytes: 16, intervalMs: 5 },
    ),
    fc.constantFrom(...vendorCodes).map((code): Fault => ({ kind: "vendor-error", code })),
  );

/** The settings a chaos client needs: short attempts, fast retries. */
export const CHAOS_CLIENT = { timeoutMs: 300, maxRetries: 2, retryDelayMs: 0 } as const;

/** Every error a client throws is one of ours, with a known code, and shows no secret anywhere. */
export function expectSafeError(error: unknown, secrets: Iterable<string>): void {
  if (!(error instanceof SecretsError)) throw new Error(`not a SecretsError: ${inspect(error)}`);
  if (!(SECRETS_ERROR_CODES as readonly string[]).includes(error.code)) throw new Error(`unknown code ${error.code}`);
  const shown = [
    String(error),
    error.stack,
    JSON.stringify(error),
    inspect(error, { depth: 10, showHidden: true }),
    error.serverMessage,
    error.requestId,
    String(error.providerCode),
  ].join("\n");
  for (const secret of secrets) if (secret.length >= 6 && shown.includes(secret)) throw new Error(`an error shows a secret: ${shown}`);
}

/**
 * A write's effect: done means the expected state; OutcomeUnknownError leaves it open (unchanged or applied); any
 * other failure means unchanged.
 */
export function expectWriteEffect<State>(
  outcome: Outcome<unknown>,
  states: { before: State; expected: State; after: State },
  same: (a: State, b: State) => boolean,
): void {
  const { before, expected, after } = states;
  const open = !outcome.ok && outcome.error instanceof OutcomeUnknownError;
  const allowed = outcome.ok ? [expected] : open ? [before, expected] : [before];
  if (allowed.some((state) => same(state, after))) return;
  const answer = outcome.ok ? "success" : inspect(outcome.error, { depth: 0 });
  throw new Error(`after ${answer} the state is ${inspect(after)}; expected one of ${inspect(allowed)}`);
}

/** Faults under which a write provably was not applied and may be sent again: refused for rate, or refused by the vendor. */
const REFUSED: ReadonlySet<string> = new Set(["rate-limit", "vendor-error"]);

/** A write that may have been applied reaches the emulator at most once. */
export function expectSentOnce(arrivals: readonly Arrival[], writes: readonly string[]): void {
  for (const operation of writes) {
    const mayHaveApplied = arrivals.filter((arrival) => arrival.operation === operation && !REFUSED.has(arrival.fault ?? ""));
    if (mayHaveApplied.length > 1)
      throw new Error(`${operation} reached the emulator ${mayHaveApplied.length} times: ${inspect(arrivals)}`);
  }
}

/** Timers armed by a run and left behind: none (idle keep-alive sockets are unref'd and do not hold a process). */
export const activeTimers = () => process.getActiveResourcesInfo().filter((resource) => resource === "Timeout").length;
