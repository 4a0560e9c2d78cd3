// Model test: random sequences of reads, writes through the cache, changes behind its back, clock steps and faults,
// each read checked against a reference model of what a value may be: one that was the provider's value at some
// moment since the last write through the cache and within ttlMs + maxStaleMs of now. NotFoundError only when the
// secret is gone; any other failure only one that was injected.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConnectionError, NotFoundError, PermissionDeniedError, RateLimitedError } from "../core/errors.js";
import { type CacheRead, createCacheEngine } from "./cache-engine.js";
import { resolveCacheOptions } from "./options.js";

const MODEL_RUNS = 300;
const KEYS = ["a", "b", "c"];
const TTL = 1000;
const MAX_STALE = 2000;

type Command =
  | { kind: "read"; key: string }
  | { kind: "write"; key: string; value: string }
  | { kind: "change"; key: string; value: string | undefined }
  | { kind: "step"; ms: number }
  | { kind: "fault"; error: "connection" | "rate" | "denied" };

const key = fc.constantFrom(...KEYS);
const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant("read" as const), key }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("write" as const), key, value: fc.string({ maxLength: 3 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("change" as const), key, value: fc.option(fc.string({ maxLength: 3 }), { nil: undefined }) }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("step" as const), ms: fc.integer({ min: 0, max: 1500 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("fault" as const), error: fc.constantFrom("connection", "rate", "denied") }) },
);

/**
 * Each key's values over time: from `from` to `to` (the time of the next change; Infinity for the current one), with
 * the command index that ended it (`until`), so that changes at one instant keep their order; undefined is "gone".
 */
class Model {
  history = new Map<string, Array<{ value: string | undefined; to: number; until: number }>>(KEYS.map((each) => [each, []]));
  /** The command index of the last write through the cache, per key. */
  writtenAt = new Map<string, number>(KEYS.map((each) => [each, -1]));
  constructor() {
    for (const each of KEYS) this.set(each, `${each}0`, 0, -1);
  }
  set(name: string, value: string | undefined, now: number, index: number): void {
    const values = this.history.get(name)!;
    const last = values.at(-1);
    if (last) Object.assign(last, { to: now, until: index });
    values.push({ value, to: Number.POSITIVE_INFINITY, until: Number.POSITIVE_INFINITY });
  }
  current(name: string): string | undefined {
    return this.history.get(name)!.at(-1)!.value;
  }
  /** May a read at `now` answer `value`: current at some moment after the last write and within TTL + max-stale? */
  allows(name: string, value: string, now: number): boolean {
    const written = this.writtenAt.get(name)!;
    return this.history.get(name)!.some((each) => each.value === value && each.until > written && each.to > now - TTL - MAX_STALE);
  }
}

async function run(commands: Command[], random: number): Promise<void> {
  let now = 0;
  const source = new Map<string, string>(KEYS.map((each) => [each, `${each}0`]));
  const faults: Error[] = [];
  const injected = new Set<unknown>();
  /** Keys whose last read threw a revoking error: the entry is gone, so their next answer is a fresh load. */
  const revoked = new Set<string>();
  const model = new Model();
  const engine = createCacheEngine(
    resolveCacheOptions({ ttlMs: TTL, maxStaleMs: MAX_STALE, maxEntries: 2, refreshBackoffMs: 100, now: () => now, random: () => random }),
  );
  const spec = (name: string): CacheRead<string> => ({
    key: name,
    tags: [name],
    load: async () => {
      const fault = faults.shift();
      const value = source.get(name);
      await Promise.resolve();
      if (fault) throw fault;
      if (value === undefined) throw new NotFoundError(`no ${name}`);
      return value;
    },
    sizeOf: (value) => 2 * value.length,
  });
  for (const [index, step] of commands.entries()) {
    if (step.kind === "step") now += step.ms;
    else if (step.kind === "fault") {
      const error =
        step.error === "connection"
          ? new ConnectionError("down")
          : step.error === "rate"
            ? new RateLimitedError("slow", { retryAfterMs: 10_000 })
            : new PermissionDeniedError("denied");
      faults.push(error);
      injected.add(error);
    } else if (step.kind === "write" || step.kind === "change") {
      if (step.value === undefined) source.delete(step.key);
      else source.set(step.key, step.value);
      model.set(step.key, step.value, now, index);
      if (step.kind === "write") {
        engine.invalidate(step.key);
        model.writtenAt.set(step.key, index);
      }
    } else {
      try {
        const value = await engine.read(spec(step.key));
        expect(model.allows(step.key, value, now), `${step.key} = ${value} at ${now}`).toBe(true);
        if (revoked.delete(step.key)) expect(value).toBe(model.current(step.key));
      } catch (error) {
        if (error instanceof NotFoundError || error instanceof PermissionDeniedError) revoked.add(step.key);
        if (error instanceof NotFoundError) expect(model.current(step.key)).toBeUndefined();
        else expect(injected.has(error), String(error)).toBe(true);
      }
    }
    await new Promise((resolve) => setImmediate(resolve));
    const stats = engine.stats();
    expect(stats.entries).toBeLessThanOrEqual(2);
  }
}

describe("cache engine against a reference model", () => {
  it(`${MODEL_RUNS} random runs of reads, writes, changes, clock steps and faults`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 60 }), fc.double({ min: 0, max: 0.999, noNaN: true }), run),
      {
        numRuns: MODEL_RUNS,
        // Always run too: a value changed behind the cache's back, a refresh rate-limited for longer than maxStaleMs.
        examples: [
          [
            [
              { kind: "read", key: "a" },
              { kind: "change", key: "a", value: "x" },
              { kind: "step", ms: 1500 },
              { kind: "fault", error: "rate" },
              { kind: "read", key: "a" },
              { kind: "step", ms: 1500 },
              { kind: "read", key: "a" },
            ],
            0.5,
          ],
        ],
      },
    );
  });
});
