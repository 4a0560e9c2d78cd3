// The replay runner: builds the client for a case, makes the facade call through a strict fetch and
// reports the outcome, the operations sent and any contract violation.
import { expect } from "vitest";
import * as errors from "../../src/core/errors.js";
import type { ProviderName } from "../../src/providers/names.js";
import type { ApiAnswer, Case, ErrorExpectation, Outcome } from "../cases/types.js";
import { clientFactories, type Clients } from "./clients.js";
import { strictFetch, type StrictFetch } from "./strict-fetch.js";

export interface Replayed {
  outcome: { returns: unknown } | { threw: unknown };
  fetch: StrictFetch;
}

/** JSON view of a result: Dates as ISO strings, undefined fields dropped, void as null. */
export function normalize(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}

async function settle(result: unknown): Promise<unknown> {
  if (result && typeof result === "object" && Symbol.asyncIterator in result && !(result instanceof Promise)) {
    const items: unknown[] = [];
    for await (const item of result as AsyncIterable<unknown>) items.push(item);
    return items;
  }
  return await result;
}

export async function replay<P extends ProviderName>(
  provider: P,
  kase: Case<Clients[P]>,
  target: { baseUrl: string; live?: Record<string, string | undefined> },
): Promise<Replayed> {
  // Live mode never sends Prefer: the real API answers what it answers.
  const fetch = strictFetch(provider, target.live ? {} : { prefer: kase.prefer, accept: kase.accept });
  const client = clientFactories[provider]({ baseUrl: target.baseUrl, fetch, maxRetries: kase.maxRetries, live: target.live });
  const [receiver, name] = kase.call.startsWith("api.") ? [client.api, kase.call.slice(4)] : [client, kase.call];
  const method = (receiver as unknown as Record<string, (...args: unknown[]) => unknown>)[name];
  if (typeof method !== "function") throw new Error(`${provider} has no method ${kase.call}`);
  try {
    const result = await settle(method.apply(receiver, kase.args as unknown[]));
    return { outcome: { returns: normalize(receiver === client ? result : apiAnswer(result)) }, fetch };
  } catch (error) {
    return { outcome: { threw: error }, fetch };
  }
}

/** openapi-fetch's `{data, error, response}` as the cases state it: the status and whichever body came. */
function apiAnswer(result: unknown): ApiAnswer {
  const { data, error, response } = result as { data?: unknown; error?: unknown; response: Response };
  return { status: response.status, body: data ?? error ?? null };
}

export function expectError(error: unknown, expected: ErrorExpectation, provider: ProviderName): void {
  // biome-ignore lint/performance/noDynamicNamespaceImportAccess: test code, the class is named by the case.
  const errorClass = errors[expected.class] as unknown as abstract new (...args: never[]) => errors.SecretsError;
  expect(error, `expected ${expected.class}, got ${String(error)}`).toBeInstanceOf(errorClass);
  const actual = error as errors.SecretsError & { field?: string; retryAfterMs?: number };
  expect(actual.name).toBe(expected.class);
  expect(actual.code).toBe(expected.code);
  expect(actual.provider).toBe(provider);
  for (const key of ["status", "providerCode", "field", "retryAfterMs"] as const) {
    if (expected[key] !== undefined) expect(actual[key], key).toEqual(expected[key]);
  }
}

/** Asserts the replayed outcome equals the case's. */
export function expectOutcome(replayed: Replayed, expected: Outcome, provider: ProviderName): void {
  if ("answers" in expected) {
    if ("threw" in replayed.outcome) throw new Error(`expected an answer, the call threw ${String(replayed.outcome.threw)}`);
    expect(replayed.outcome.returns).toEqual(expected.answers);
  } else if ("returns" in expected) {
    if ("threw" in replayed.outcome)
      throw new Error(`expected a result, the call threw ${String(replayed.outcome.threw)}`, { cause: replayed.outcome.threw });
    expect(replayed.outcome.returns).toEqual(expected.returns);
  } else {
    if (!("threw" in replayed.outcome))
      throw new Error(`expected ${expected.throws.class}, the call returned ${JSON.stringify(replayed.outcome.returns)}`);
    expectError(replayed.outcome.threw, expected.throws, provider);
  }
}
