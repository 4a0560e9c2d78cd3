// Property-based request fuzzing: each facade method's generated inputs are checked against the client,
// the Prism mock and the documented rules. Seeded (FUZZ_SEED) and bounded (runs per method).
import fc from "fast-check";
import { expect } from "vitest";
import { SecretsError } from "../../src/core/errors.js";
import type { ProviderName } from "../../src/providers/names.js";
import { clientFactories, type Clients } from "../support/clients.js";
import { strictFetch, type StrictFetch } from "../support/strict-fetch.js";
import { hasLoneSurrogate } from "./inputs.js";

export const FUZZ_SEED = (() => {
  const raw = process.env.FUZZ_SEED ?? "20260322";
  if (!/^-?\d+$/.test(raw)) throw new Error(`FUZZ_SEED must be an integer, got ${raw}`);
  return Number(raw);
})();

/** A way the client is stricter than the spec and the documented rules: reported, kept out of the property. */
export interface Deviation<Input> {
  bug: string;
  matches(input: Input): boolean;
}

export interface FuzzTarget<P extends ProviderName, Input> {
  provider: P;
  method: string;
  runs: number;
  input: fc.Arbitrary<Input>;
  /** The facade call. */
  call(client: Clients[P], input: Input): unknown;
  /** The documented rule (with its source) that forbids this input beyond the spec, if any. */
  forbiddenBy(input: Input): string | undefined;
  /** The request the spec describes for the input, through the raw typed client: Prism judges it. */
  wire(client: Clients[P], input: Input): Promise<unknown>;
  deviations?: Array<Deviation<Input>>;
  /** Inputs a known src/ bug mishandles: not sent through the property, counted and reported. */
  knownBugs?: Array<Deviation<Input>>;
  /** For an accepted input: why the request sent is not what the caller gave, if it is not. */
  unfaithful?(fetch: StrictFetch, input: Input): string | undefined;
}

export interface FuzzStats {
  cases: number;
  accepted: number;
  rejected: number;
  /** Inputs matching a known deviation or bug, by its text. */
  deviations: Map<string, number>;
}

/** WHATWG URL and form encoding turn a lone UTF-16 surrogate into U+FFFD: such a string cannot be sent as given. */
const unencodable = (input: unknown) =>
  hasLoneSurrogate(input) ? "WHATWG encoding: a lone surrogate would be sent as U+FFFD, not as given" : undefined;

const count = (stats: FuzzStats, bug: string) => stats.deviations.set(bug, (stats.deviations.get(bug) ?? 0) + 1);

async function settle(result: unknown): Promise<void> {
  if (result && typeof result === "object" && Symbol.asyncIterator in result) {
    for await (const _item of result as AsyncIterable<unknown>);
  } else await result;
}

/** A client made once per target whose requests go through the current case's strict fetch. */
function switchable<P extends ProviderName>(provider: P, baseUrl: string): { client: Clients[P]; next(): StrictFetch } {
  let current = strictFetch(provider);
  const client = clientFactories[provider]({ baseUrl, fetch: (request) => current(request) }) as Clients[P];
  return { client, next: () => (current = strictFetch(provider)) };
}

export async function fuzz<P extends ProviderName, Input>(target: FuzzTarget<P, Input>, baseUrl: string, stats: FuzzStats): Promise<void> {
  const facade = switchable(target.provider, baseUrl);
  const raw = switchable(target.provider, baseUrl);
  const property = fc.asyncProperty(target.input, async (input) => {
    stats.cases += 1;
    const bug = target.knownBugs?.find((known) => known.matches(input));
    if (bug) return void count(stats, bug.bug);
    const fetch = facade.next();
    // listSecrets validates when called, before iterating: a synchronous throw is a refusal too.
    const error = await Promise.resolve()
      .then(() => settle(target.call(facade.client, input)))
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    const rule = unencodable(input) ?? target.forbiddenBy(input);
    if (fetch.exchanges.length > 0) {
      stats.accepted += 1;
      // Accepted: Prism must accept it too, the answer must decode, and no documented rule may forbid it.
      expect(fetch.problems(), "the client sent a request the spec forbids").toEqual([]);
      expect(rule, "the client sent an input a documented rule forbids").toBeUndefined();
      expect(target.unfaithful?.(fetch, input), "the request differs from the input").toBeUndefined();
      if (error !== undefined) expect(error, "an accepted call may fail only as the API answered").toBeInstanceOf(SecretsError);
      expect((error as SecretsError | undefined)?.code).not.toBe("ERR_CONNECTION");
      return;
    }
    stats.rejected += 1;
    // Rejected before sending: a ValidationError naming the field, and the spec or a documented rule forbids it.
    expect(error, "nothing was sent, so the call must have been refused").toBeInstanceOf(SecretsError);
    expect(error).toMatchObject({ code: "ERR_VALIDATION", provider: target.provider, field: expect.any(String) });
    if (rule) return;
    const wire = raw.next();
    await target.wire(raw.client, input).catch(() => undefined);
    if (wire.problems().length > 0) return;
    // The spec allows it: only a known, reported deviation may explain the refusal.
    const deviation = target.deviations?.find((known) => known.matches(input));
    if (deviation) return void count(stats, deviation.bug);
    throw new Error(
      `${target.provider}.${target.method} refused ${JSON.stringify(input)?.slice(0, 300)} (${(error as Error).message}), which the ` +
        `spec and the documented rules allow`,
    );
  });
  await fc.assert(property, { seed: FUZZ_SEED, numRuns: target.runs });
}
