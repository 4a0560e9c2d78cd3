// The cache engine on an injected clock and random: TTL, refresh ahead and its jitter bounds, single flight, stale if
// error with its backoff and max-stale, eviction on revocation, LRU and the byte bound, invalidation, the refresh guard.
import { describe, expect, it } from "vitest";
import { AuthenticationError, ConnectionError, NotFoundError, PermissionDeniedError, RateLimitedError } from "../core/errors.js";
import { failure } from "../testing/clients.js";
import { type CacheRead, createCacheEngine } from "./cache-engine.js";
import { resolveCacheOptions, type SecretCacheOptions } from "./options.js";

/** A source of values by key, counting loads; `fail` queues errors for the next loads. */
function setup(options: SecretCacheOptions = {}) {
  const clock = { now: 0 };
  const values = new Map<string, string>();
  const loads: string[] = [];
  const failures: unknown[] = [];
  const engine = createCacheEngine(resolveCacheOptions({ now: () => clock.now, random: () => 0.5, ...options }));
  const spec = (key: string): CacheRead<string> => ({
    key,
    tags: [`name:${key}`],
    load: async () => {
      loads.push(key);
      const error = failures.shift();
      const value = values.get(key); // read as the load starts: a change after it is not in its answer
      await Promise.resolve();
      if (error !== undefined) throw error;
      if (value === undefined) throw new NotFoundError(`no ${key}`);
      return value;
    },
    sizeOf: (value) => 2 * value.length,
  });
  const read = (key: string) => engine.read(spec(key));
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return { clock, values, loads, failures, engine, read, settle };
}

describe("TTL and refresh ahead", () => {
  it("serves from memory until the jittered refresh point, then answers cached and refreshes once in the background", async () => {
    const { clock, values, loads, engine, read, settle } = setup({ ttlMs: 1000, random: () => 0.5 });
    values.set("a", "v1");
    expect(await read("a")).toBe("v1");
    clock.now = 749; // refresh point: 500 + 0.5 × 500 = 750
    expect(await read("a")).toBe("v1");
    expect(loads).toEqual(["a"]);
    values.set("a", "v2");
    clock.now = 750;
    const answers = await Promise.all([read("a"), read("a"), read("a")]);
    expect(answers).toEqual(["v1", "v1", "v1"]);
    await settle();
    expect(loads).toEqual(["a", "a"]);
    expect(await read("a")).toBe("v2");
    expect(engine.stats()).toMatchObject({ hits: 5, misses: 1, loads: 1, refreshes: 1 });
  });

  it("jitter bounds: random 0 refreshes from half the TTL, random near 1 just before the whole TTL", async () => {
    for (const [random, before, at] of [
      [0, 499, 500],
      [0.999, 998, 999.5],
    ] as const) {
      const { clock, values, loads, read, settle } = setup({ ttlMs: 1000, random: () => random });
      values.set("a", "v");
      await read("a");
      clock.now = before;
      await read("a");
      await settle();
      expect(loads).toHaveLength(1);
      clock.now = at;
      await read("a");
      await settle();
      expect(loads).toHaveLength(2);
    }
  });

  it("a read of an expired entry waits for its refresh", async () => {
    const { clock, values, read } = setup({ ttlMs: 1000 });
    values.set("a", "v1");
    await read("a");
    values.set("a", "v2");
    clock.now = 1000;
    expect(await read("a")).toBe("v2");
  });
});

describe("single flight", () => {
  it("1,000 concurrent reads of a cold key send one load; a key never has two refreshes in flight", async () => {
    const { clock, values, loads, engine, read, settle } = setup({ ttlMs: 1000 });
    values.set("a", "v");
    const answers = await Promise.all(Array.from({ length: 1000 }, () => read("a")));
    expect(new Set(answers)).toEqual(new Set(["v"]));
    expect(loads).toHaveLength(1);
    clock.now = 800;
    await Promise.all(Array.from({ length: 1000 }, () => read("a")));
    clock.now = 1200; // expired while the refresh is still in flight: the waiters join it
    await Promise.all(Array.from({ length: 1000 }, () => read("a")));
    await settle();
    expect(loads).toHaveLength(2);
    expect(engine.stats()).toMatchObject({ loads: 1, refreshes: 1, misses: 1000 });
  });
});

describe("stale if error", () => {
  it("serves the stale value through transient failures, with a doubling backoff, up to maxStaleMs", async () => {
    const { clock, values, loads, failures, engine, read } = setup({ ttlMs: 1000, maxStaleMs: 10_000, refreshBackoffMs: 1000 });
    values.set("a", "v1");
    await read("a");
    clock.now = 1000;
    failures.push(new ConnectionError("down"));
    expect(await read("a")).toBe("v1"); // failed refresh: stale, next try after 1000 ms
    clock.now = 1999;
    expect(await read("a")).toBe("v1");
    expect(loads).toHaveLength(2); // in backoff: no request
    clock.now = 2000;
    failures.push(new RateLimitedError("slow down", { retryAfterMs: 5000 }));
    expect(await read("a")).toBe("v1"); // second failure: max(2000, Retry-After 5000)
    clock.now = 6999;
    expect(await read("a")).toBe("v1");
    expect(loads).toHaveLength(3);
    clock.now = 11_000; // past expiry + maxStaleMs: the failure is thrown and the entry dropped
    failures.push(new ConnectionError("still down"));
    expect(await failure(read("a"))).toBeInstanceOf(ConnectionError);
    expect(engine.stats()).toMatchObject({ staleServed: 4, refreshErrors: 3, evictions: 1, entries: 0 });
  });

  it("a background refresh's transient failure keeps the fresh value and backs off", async () => {
    const { clock, values, loads, failures, read, settle } = setup({ ttlMs: 1000, refreshBackoffMs: 300 });
    values.set("a", "v1");
    await read("a");
    clock.now = 800;
    failures.push(new ConnectionError("down"));
    expect(await read("a")).toBe("v1");
    await settle();
    clock.now = 1099;
    expect(await read("a")).toBe("v1");
    await settle();
    expect(loads).toHaveLength(2);
  });

  for (const revoked of [new NotFoundError("gone"), new AuthenticationError("bad key"), new PermissionDeniedError("denied")]) {
    it(`${revoked.code} on a refresh evicts the entry and is thrown`, async () => {
      const { clock, values, failures, engine, read, settle } = setup({ ttlMs: 1000 });
      values.set("a", "v1");
      await read("a");
      clock.now = 1000;
      failures.push(revoked);
      expect(await failure(read("a"))).toBe(revoked);
      expect(engine.stats()).toMatchObject({ entries: 0, evictions: 1 });
      // In the background too: the next read goes to the provider.
      await read("a");
      clock.now = 1800;
      failures.push(revoked);
      expect(await read("a")).toBe("v1");
      await settle();
      expect(engine.stats().entries).toBe(0);
    });
  }
});

describe("bounds, invalidation, refresh, close", () => {
  it("evicts the least recently used past maxEntries, and past maxBytes", async () => {
    const { values, loads, engine, read } = setup({ maxEntries: 2 });
    for (const key of ["a", "b", "c"]) values.set(key, "v");
    await read("a");
    await read("b");
    await read("a");
    await read("c"); // b is the least recently used
    await read("a");
    await read("b");
    expect(loads).toEqual(["a", "b", "c", "b"]);
    expect(engine.stats().evictions).toBe(2);
    const small = setup({ maxBytes: 20 }); // key "a" 2 bytes + value; 10-character values are 20 bytes
    small.values.set("a", "0123456789");
    small.values.set("b", "0123");
    await small.read("a");
    await small.read("b");
    expect(small.engine.stats()).toMatchObject({ entries: 1, evictions: 0 });
    expect(small.engine.stats().bytes).toBeLessThanOrEqual(20);
  });

  it("invalidate drops the entry and a load in flight is not stored (its answer may predate the write)", async () => {
    const { values, loads, engine, read } = setup();
    values.set("a", "v1");
    const inFlight = read("a");
    values.set("a", "v2");
    engine.invalidate("name:a");
    expect(await inFlight).toBe("v1");
    expect(await read("a")).toBe("v2");
    expect(loads).toHaveLength(2);
  });

  it("refresh re-reads at most once per minRefreshIntervalMs however often it is called", async () => {
    const { clock, values, loads, engine, read } = setup({ minRefreshIntervalMs: 1000 });
    values.set("a", "v1");
    await read("a");
    values.set("a", "v2");
    for (let index = 0; index < 100; index += 1) await engine.refresh("name:a");
    expect(loads).toHaveLength(2);
    expect(await read("a")).toBe("v2");
    clock.now = 1000;
    await engine.refresh("name:a");
    expect(loads).toHaveLength(3);
  });

  it("clear empties it; after close nothing is cached and reads go to the source", async () => {
    const { values, loads, engine, read } = setup();
    values.set("a", "v");
    await read("a");
    engine.clear();
    await read("a");
    engine.close();
    await read("a");
    await read("a");
    expect(loads).toHaveLength(4);
    expect(engine.stats()).toMatchObject({ entries: 0, bytes: 0 });
    expect(engine.closed).toBe(true);
  });
});
