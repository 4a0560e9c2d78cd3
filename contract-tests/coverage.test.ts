// Fails when an operation of a generated spec has no replay case that succeeds through it, or none that
// fails on its answer. The replay test proves each case sends exactly the operations it declares.
import { describe, expect, it } from "vitest";
import { casesByProvider } from "./cases/index.js";
import { expectsFailure, type Outcome } from "./cases/types.js";
import { operationsOf, PROVIDERS } from "./support/specs.js";

describe.each(PROVIDERS)("%s: every operation has cases", (provider) => {
  const cases: Array<{ intent: string; requests: string[]; expect: Outcome }> = casesByProvider[provider];
  const operations = operationsOf(provider).map((operation) => operation.operationId);

  it("cases name only operations of the spec", () => {
    expect(
      cases.flatMap((kase) =>
        kase.requests.filter((operation) => !operations.includes(operation)).map((operation) => `${kase.intent}: ${operation}`),
      ),
    ).toEqual([]);
  });

  it.each(operations)("%s has a success case", (operation) => {
    const successes = cases.filter((kase) => !expectsFailure(kase.expect) && kase.requests.includes(operation));
    expect(
      successes.map((kase) => kase.intent),
      `no case succeeds through ${operation}`,
    ).not.toEqual([]);
  });

  it.each(operations)("%s has an error case answered by it", (operation) => {
    const failures = cases.filter((kase) => expectsFailure(kase.expect) && kase.requests.at(-1) === operation);
    expect(
      failures.map((kase) => kase.intent),
      `no case fails on the answer of ${operation}`,
    ).not.toEqual([]);
  });
});
