// The cache over the Dapr client, against the emulator: single flight from its request log, keys that include store,
// metadata and key, eviction on 401 and 403, stale if error through connection resets and 5xx, no value in any form.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { AuthenticationError, PermissionDeniedError } from "../core/errors.js";
import { startDaprEmulator } from "../emulator/index.js";
import { createDaprClient } from "../providers/dapr/client.js";
import { failure } from "../testing/clients.js";
import { emulatorPerTest } from "../testing/emulator-per-test.js";
import type { SecretCacheOptions } from "./options.js";
import { withSecretCache } from "./with-secret-cache.js";

const emulate = emulatorPerTest(startDaprEmulator);

async function setup(options: SecretCacheOptions = {}) {
  const emulator = await emulate({
    stores: {
      vault: { kind: "local.file", secrets: { db: "db-v1", api: { stripe: "stripe-v1", github: "github-v1" } } },
      k8s: { kind: "kubernetes", secrets: { db: "prod-db" }, namespaces: { dev: { db: "dev-db" } }, defaultNamespace: "prod" },
    },
  });
  const clock = { now: 0 };
  const cached = withSecretCache(createDaprClient({ env: emulator.env, store: "vault", maxRetries: 0, retryDelayMs: 0 }), {
    now: () => clock.now,
    ...options,
  });
  const sent = (operation: string) => emulator.requests.filter((arrival) => arrival.operation === operation).length;
  return { emulator, clock, cached, sent };
}

describe("withSecretCache over the Dapr client", () => {
  it("1,000 concurrent cold reads send one getSecret (emulator log); bulk and value reads are cached too", async () => {
    const { cached, sent } = await setup();
    const answers = await Promise.all(Array.from({ length: 1000 }, () => cached.getSecret("vault", "db")));
    expect(answers.every((keys) => keys.db === "db-v1")).toBe(true);
    expect(sent("getSecret")).toBe(1);
    await cached.getBulkSecret("vault");
    await cached.getBulkSecret("vault");
    expect(await cached.getSecretValue("api", { key: "stripe" })).toBe("stripe-v1");
    expect(await cached.getSecretValue("api", { key: "github" })).toBe("github-v1");
    expect(await cached.getSecretValue("api", { key: "stripe" })).toBe("stripe-v1");
    expect({ getSecret: sent("getSecret"), getBulkSecret: sent("getBulkSecret") }).toEqual({ getSecret: 3, getBulkSecret: 1 });
  });

  it("the key includes store metadata: two namespaces are two entries", async () => {
    const { cached, sent } = await setup();
    expect(await cached.getSecret("k8s", "db", { metadata: { namespace: "dev" } })).toEqual({ db: "dev-db" });
    expect(await cached.getSecret("k8s", "db", { metadata: { namespace: "prod" } })).toEqual({ db: "prod-db" });
    expect(await cached.getSecret("k8s", "db", { metadata: { namespace: "dev" } })).toEqual({ db: "dev-db" });
    expect(sent("getSecret")).toBe(2);
  });

  for (const [status, kind] of [
    [401, AuthenticationError],
    [403, PermissionDeniedError],
  ] as const) {
    it(`a ${status} on refresh evicts the entry and throws ${kind.code}: a revoked credential serves nothing`, async () => {
      const { emulator, clock, cached, sent } = await setup();
      await cached.getSecret("vault", "db");
      clock.now = 300_000;
      emulator.faults.inject("getSecret", { kind: "status", status });
      expect(await failure(cached.getSecret("vault", "db"))).toBeInstanceOf(kind);
      expect(cached.cache.stats()).toMatchObject({ entries: 0, evictions: 1 });
      expect(await cached.getSecret("vault", "db")).toEqual({ db: "db-v1" });
      expect(sent("getSecret")).toBe(3);
    });
  }

  it("stale if error through a reset and a 503, then the value is thrown away after maxStaleMs", async () => {
    const { emulator, clock, cached } = await setup({ maxStaleMs: 60_000, refreshBackoffMs: 1000 });
    await cached.getSecret("vault", "db");
    clock.now = 300_000;
    emulator.faults.inject("getSecret", { kind: "reset", when: "before" });
    expect(await cached.getSecret("vault", "db")).toEqual({ db: "db-v1" });
    clock.now = 301_000;
    emulator.faults.inject("getSecret", { kind: "status", status: 503 });
    expect(await cached.getSecret("vault", "db")).toEqual({ db: "db-v1" });
    clock.now = 360_000;
    emulator.faults.inject("getSecret", { kind: "status", status: 503 });
    expect(await failure(cached.getSecret("vault", "db"))).toMatchObject({ code: "ERR_PROVIDER_API", status: 503 });
    const log = emulator.requests.filter((arrival) => arrival.operation === "getSecret").map((arrival) => arrival.fault ?? "ok");
    expect(log).toEqual(["ok", "reset", "status", "status"]);
    expect(cached.cache.stats()).toMatchObject({ staleServed: 2, refreshErrors: 3, entries: 0 });
  });

  it("no value in inspect, JSON or stats; the caller's signal ends its own wait only", async () => {
    const { emulator, cached, sent } = await setup();
    await cached.getSecret("vault", "db");
    const shown = [inspect(cached, { depth: 10 }), JSON.stringify(cached), inspect(cached.cache), JSON.stringify(cached.cache.stats())];
    for (const text of shown) expect(text).not.toContain("db-v1");
    emulator.faults.inject("getSecret", { kind: "delay", ms: 200 });
    const controller = new AbortController();
    const waiting = cached.getSecret("vault", "api", { signal: controller.signal });
    const other = cached.getSecret("vault", "api");
    controller.abort();
    expect(await failure(waiting)).toMatchObject({ code: "ERR_ABORTED" });
    expect(await other).toEqual({ stripe: "stripe-v1", github: "github-v1" });
    expect(sent("getSecret")).toBe(2);
  });
});
