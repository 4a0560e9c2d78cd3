// The decision after an attempt, as a table: outcome × operation × where the call stands → what happens next.
import { describe, expect, it } from "vitest";
import { type CallState, type Classification, type DecisionInput, decide, finalError } from "./decide.js";
import { ConnectionError, OutcomeUnknownError, ProviderApiError, RateLimitedError, TimeoutError, ValidationError } from "./errors.js";

const details = { provider: "example", operation: "write" };
const state = (overrides: Partial<CallState> = {}): CallState => ({
  details,
  retries: 0,
  maxRetries: 2,
  repeatable: true,
  reauthorized: false,
  backoffMs: 500,
  maxRetryAfterMs: 60_000,
  ...overrides,
});
const ok: Classification = { kind: "ok" };
const refused = (retry: Extract<Classification, { kind: "error" }>["retry"], status = 200): Classification => ({
  kind: "error",
  error: new ProviderApiError("refused", { ...details, status }),
  retry,
});
const answer = (classification: Classification, status = 200, retryAfterMs?: number): DecisionInput<"final"> => ({
  kind: "answer",
  status,
  classification,
  retryAfterMs,
  final: "final",
});
const timeout = new TimeoutError("no answer", details);
const reset = new ConnectionError("reset", details);
const failure = (error: TimeoutError | ConnectionError, mayHaveArrived: boolean): DecisionInput<"final"> => ({
  kind: "failure",
  error,
  mayHaveArrived,
});

const returned = { kind: "return", final: "final" };
const retryAfter = (afterMs: number) => ({ kind: "retry", afterMs });

describe("decide", () => {
  it.each([
    ["an answer the vendor calls fine is returned", answer(ok), state(), returned],
    ["a final error is returned (the facade throws it)", answer(refused("final")), state(), returned],
    ["a transient error of a read is retried after the backoff", answer(refused("try-later", 503), 503), state(), retryAfter(500)],
    [
      "a transient error of a write is returned, never re-sent",
      answer(refused("try-later", 503), 503),
      state({ repeatable: false }),
      returned,
    ],
    [
      "a rate limit is retried for a write too (it was not processed)",
      answer(refused("rate-limited", 429), 429),
      state({ repeatable: false }),
      retryAfter(500),
    ],
    ["Retry-After replaces the backoff", answer(refused("rate-limited", 429), 429, 3_000), state(), retryAfter(3_000)],
    ["a Retry-After over the limit is not waited for", answer(refused("rate-limited", 429), 429, 60_001), state(), returned],
    ["a Retry-After at the limit is waited for", answer(refused("rate-limited", 429), 429, 60_000), state(), retryAfter(60_000)],
    ["no retries left: the answer is returned", answer(refused("try-later", 503), 503), state({ retries: 2 }), returned],
    [
      "a rejected token is replaced once, outside the retry budget",
      answer(refused("refresh-auth")),
      state({ retries: 2, repeatable: false }),
      { kind: "reauthorize" },
    ],
    ["a token rejected again is returned", answer(refused("refresh-auth")), state({ reauthorized: true }), returned],
    ["a read's timeout is retried", failure(timeout, true), state(), retryAfter(500)],
    ["a write's lost answer is never re-sent: outcome unknown", failure(reset, true), state({ repeatable: false }), "unknown"],
    ["a write that never left is re-sent", failure(reset, false), state({ repeatable: false }), retryAfter(500)],
    ["a write that never left, no retries left: the failure", failure(timeout, false), state({ repeatable: false, retries: 2 }), timeout],
    ["a read with no retries left: the failure", failure(reset, true), state({ retries: 2 }), reset],
  ] as const)("%s", (_name, input, at, expected) => {
    const decision = decide(input, at);
    if (expected === "unknown") {
      expect(decision).toMatchObject({ kind: "throw", error: { code: OutcomeUnknownError.code, cause: reset } });
    } else if (expected instanceof Error) {
      expect(decision).toEqual({ kind: "throw", error: expected });
    } else {
      expect(decision).toEqual(expected);
    }
  });

  it("a fatal outcome (abort, too large, a credential step) is thrown as it is", () => {
    const error = new ValidationError("bad", details);
    expect(decide({ kind: "fatal", error }, state())).toEqual({ kind: "throw", error });
  });
});

describe("finalError", () => {
  const write = { repeatable: false };
  it.each([502, 503, 504])("a write a gateway answered %i for may have been applied: outcome unknown", (status) => {
    const error = finalError(
      { kind: "error", error: new ProviderApiError("gateway", { ...details, status }), retry: "try-later" },
      status,
      write,
      details,
    );
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error).toMatchObject({ status, operation: "write", provider: "example" });
  });

  it.each([
    ["a read's gateway error", 502, "try-later", { repeatable: true }],
    ["a write's 500", 500, "try-later", write],
    ["a write's final refusal with a gateway status", 503, "final", write],
    ["a write's rate limit", 503, "rate-limited", write],
  ] as const)("%s stays the vendor's error", (_name, status, retry, operation) => {
    const vendor = new RateLimitedError("no", { ...details, status });
    expect(finalError({ kind: "error", error: vendor, retry }, status, operation, details)).toBe(vendor);
  });
});
