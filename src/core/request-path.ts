// A call from first attempt to final answer: send once, classify, decide, and again while the decision says so.
import { setTimeout as delay } from "node:timers/promises";
import type { Answer } from "./answer.js";
import { type CallState, type Classification, type Classify, type DecisionInput, decide } from "./decide.js";
import { AbortedError } from "./errors.js";
import { backoffDelay, parseRetryAfter, type RetryPolicy } from "./retry.js";
import { type PreparedCall, type Sender, sendOnce } from "./send-once.js";

export interface RequestPath extends Sender {
  classify: Classify;
  retry: RetryPolicy;
  sleep?: ((ms: number, signal: AbortSignal | undefined) => Promise<void>) | undefined;
  random?: (() => number) | undefined;
}

export interface OperationRules {
  repeatable: boolean;
  maxRetries?: number | undefined;
}

/** The final answer and the vendor's classification of it (an error to throw, for a facade call). */
export interface FinalAnswer<Body> {
  answer: Answer<Body>;
  classification: Classification;
}

const defaultSleep = (ms: number, signal: AbortSignal | undefined) => delay(ms, undefined, signal ? { signal } : {});

export async function perform<Body>(call: PreparedCall, rules: OperationRules, path: RequestPath): Promise<FinalAnswer<Body>> {
  const state: CallState = {
    details: call.details,
    retries: 0,
    maxRetries: rules.maxRetries ?? path.retry.maxRetries,
    repeatable: rules.repeatable,
    reauthorized: false,
    backoffMs: 0,
    maxRetryAfterMs: path.retry.maxRetryAfterMs,
  };
  let refresh = false;
  for (;;) {
    const outcome = await sendOnce<Body>(call, refresh, path);
    state.backoffMs = backoffDelay(state.retries, path.retry, path.random);
    const decision = decide(outcome.kind === "answer" ? classified(outcome.answer, call, path) : outcome, state);
    refresh = false;
    switch (decision.kind) {
      case "return":
        return decision.final;
      case "throw":
        throw decision.error;
      case "reauthorize":
        state.reauthorized = true;
        refresh = true;
        break;
      case "retry":
        await pause(decision.afterMs, call, path);
        state.retries += 1;
        break;
    }
  }
}

function classified<Body>(answer: Answer<Body>, call: PreparedCall, path: RequestPath): DecisionInput<FinalAnswer<Body>> {
  const classification = path.classify(answer, call.details);
  const retryAfterMs = parseRetryAfter(answer.headers.get("retry-after"));
  return { kind: "answer", status: answer.status, classification, retryAfterMs, final: { answer, classification } };
}

async function pause(ms: number, call: PreparedCall, path: RequestPath): Promise<void> {
  try {
    await (path.sleep ?? defaultSleep)(ms, call.signal);
  } catch {
    throw new AbortedError("aborted by the caller while waiting to retry", { ...call.details, cause: call.signal?.reason });
  }
}
