// The cache over the Voximplant client, against the emulator: single flight and change detection counted in its
// request log, writes that evict, a deleted secret evicted on refresh, stale if error through an injected fault.
import { describe, expect, it } from "vitest";
import { NotFoundError } from "../core/errors.js";
import { startVoximplantEmulator } from "../emulator/index.js";
import { createVoximplantClient } from "../providers/voximplant/client.js";
import { failure } from "../testing/clients.js";
import { emulatorPerTest } from "../testing/emulator-per-test.js";
import type { SecretCacheOptions } from "./options.js";
import { withSecretCache } from "./with-secret-cache.js";

const emulate = emulatorPerTest(startVoximplantEmulator);
const names = Array.from({ length: 20 }, (_, index) => `secret${index}`);

/** The emulator's clock (ms offset from the start) for `modified`, and the cache's, both driven by the test. */
async function setup(options: SecretCacheOptions = {}) {
  const base = Date.now();
  const clocks = { emulator: 0, cache: 3000 };
  const emulator = await emulate({
    seed: { applications: [{ id: 1, name: "shop", secrets: names.map((name) => ({ name, value: `${name}-v1` })) }] },
    now: () => base + clocks.emulator,
  });
  const client = () => createVoximplantClient({ env: emulator.env, maxRetries: 0, retryDelayMs: 0 });
  const cached = withSecretCache(client(), { now: () => base + clocks.cache, random: () => 0.5, ...options });
  const sent = (operation: string) => emulator.requests.filter((arrival) => arrival.operation === operation).length;
  return { emulator, clocks, direct: client(), cached, sent };
}

describe("withSecretCache over the Voximplant client", () => {
  it("1,000 concurrent cold reads send one GetSecretValue; the next ones none", async () => {
    const { cached, sent } = await setup();
    const values = await Promise.all(Array.from({ length: 1000 }, () => cached.getSecretValue("secret0")));
    expect(new Set(values)).toEqual(new Set(["secret0-v1"]));
    expect(sent("GetSecretValue")).toBe(1);
    expect((await cached.getSecret({ name: "secret0" })).value).toBe("secret0-v1");
    expect(sent("GetSecretValue")).toBe(1);
    expect(cached.cache.stats()).toMatchObject({ misses: 1000, hits: 1, loads: 1 });
  });

  it("writes through the cached client evict what they touch", async () => {
    const { cached, sent } = await setup();
    await cached.getSecretValue("secret0");
    await cached.setSecret("secret0", "secret0-v2");
    expect(await cached.getSecretValue("secret0")).toBe("secret0-v2");
    await cached.updateSecret({ name: "secret0", value: "secret0-v3" });
    expect(await cached.getSecretValue("secret0")).toBe("secret0-v3");
    await cached.deleteSecret("secret0");
    expect(await failure(cached.getSecretValue("secret0"))).toBeInstanceOf(NotFoundError);
    expect(sent("GetSecretValue")).toBe(4);
  });

  it("a secret deleted elsewhere is evicted on its refresh and NotFoundError thrown", async () => {
    const { cached, direct, clocks } = await setup({ changeDetection: false });
    await cached.getSecretValue("secret1");
    await direct.deleteSecret("secret1");
    clocks.cache += 300_000;
    const error = await failure(cached.getSecretValue("secret1"));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(cached.cache.stats()).toMatchObject({ entries: 0, evictions: 1 });
  });

  it("stale if error: a rate-limited refresh serves the last value (emulator log: the fault, then no retry in backoff)", async () => {
    const { emulator, cached, clocks, sent } = await setup({ changeDetection: false });
    await cached.getSecretValue("secret2");
    clocks.cache += 300_000;
    emulator.faults.inject("GetSecretValue", { kind: "rate-limit" });
    expect(await cached.getSecretValue("secret2")).toBe("secret2-v1");
    expect(await cached.getSecretValue("secret2")).toBe("secret2-v1");
    expect(emulator.requests.filter((arrival) => arrival.operation === "GetSecretValue").map((arrival) => arrival.fault)).toEqual([
      undefined,
      "rate-limit",
    ]);
    clocks.cache += 1000;
    expect(await cached.getSecretValue("secret2")).toBe("secret2-v1");
    expect(sent("GetSecretValue")).toBe(3);
    expect(cached.cache.stats()).toMatchObject({ staleServed: 2, refreshErrors: 1 });
  });

  it("change detection: 20 expired secrets, one changed: one GetSecrets and one GetSecretValue instead of 20", async () => {
    const counts: Record<string, Record<string, number>> = {};
    for (const changeDetection of [true, false]) {
      const { cached, direct, clocks, sent } = await setup({ changeDetection });
      for (const name of names) await cached.getSecretValue(name);
      clocks.emulator += 5000;
      await direct.setSecret("secret7", "secret7-v2");
      const before = { GetSecrets: sent("GetSecrets"), GetSecretValue: sent("GetSecretValue") };
      clocks.cache += 300_000;
      const values = await Promise.all(names.map((name) => cached.getSecretValue(name)));
      expect(values).toEqual(names.map((name) => (name === "secret7" ? "secret7-v2" : `${name}-v1`)));
      counts[String(changeDetection)] = {
        GetSecrets: sent("GetSecrets") - before.GetSecrets,
        GetSecretValue: sent("GetSecretValue") - before.GetSecretValue,
      };
    }
    expect(counts).toEqual({ true: { GetSecrets: 1, GetSecretValue: 1 }, false: { GetSecrets: 0, GetSecretValue: 20 } });
  });
});
