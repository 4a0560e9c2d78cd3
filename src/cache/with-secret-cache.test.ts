// withSecretCache: the wrapped client's own shape and type, its inspect and JSON forms, reads by id tagged with the
// secret's name, renames and delete-all evicting, the controls (invalidate, refresh, clear, close) from the emulators' logs.
import { inspect } from "node:util";
import { describe, expect, expectTypeOf, it } from "vitest";
import { startDaprEmulator, startVoximplantEmulator } from "../emulator/index.js";
import { createDaprClient, type DaprClient } from "../providers/dapr/client.js";
import { createVoximplantClient, type VoximplantClient } from "../providers/voximplant/client.js";
import { emulatorPerTest } from "../testing/emulator-per-test.js";
import { withSecretCache } from "./with-secret-cache.js";

const voximplantEmulator = emulatorPerTest(startVoximplantEmulator);
const daprEmulator = emulatorPerTest(startDaprEmulator);

async function voximplantSetup() {
  const emulator = await voximplantEmulator({
    seed: {
      applications: [
        {
          id: 1,
          name: "shop",
          secrets: [
            { name: "a", value: "a-v1" },
            { name: "b", value: "b-v1" },
          ],
        },
      ],
    },
  });
  const client = createVoximplantClient({ env: emulator.env, maxRetries: 0, retryDelayMs: 0 });
  const sent = () => emulator.requests.filter((arrival) => arrival.operation === "GetSecretValue").length;
  return { emulator, client, cached: withSecretCache(client), sent };
}

describe("withSecretCache", () => {
  it("keeps the client's type and shows no entry in inspect or JSON", async () => {
    const { client, cached } = await voximplantSetup();
    expectTypeOf(cached).toMatchTypeOf<VoximplantClient>();
    expectTypeOf(withSecretCache(createDaprClient({ env: {} }))).toMatchTypeOf<DaprClient>();
    await cached.getSecretValue("a");
    const baseUrl = (JSON.parse(JSON.stringify(client)) as { baseUrl: string }).baseUrl;
    expect(JSON.parse(JSON.stringify(cached))).toEqual({ provider: "voximplant", baseUrl, ttlMs: 300_000 });
    expect(inspect(cached)).toBe(`CachedClient { provider: "voximplant", baseUrl: ${JSON.stringify(baseUrl)}, ttlMs: 300000 }`);
    expect(inspect(cached.cache)).toBe("SecretCache { ttlMs: 300000, maxEntries: 1000, maxBytes: 8388608, maxStaleMs: 300000 }");
    expect(inspect(cached, { showHidden: true, depth: 10 })).not.toContain("a-v1");
  });

  it("a read by id is evicted by a write by name; a rename evicts both names; deleting all clears", async () => {
    const { cached, sent } = await voximplantSetup();
    const { id } = await cached.getSecret({ name: "a" });
    await cached.getSecret({ id });
    await cached.setSecret("a", "a-v2");
    expect((await cached.getSecret({ id })).value).toBe("a-v2");
    await cached.updateSecret({ name: "a", newName: "c" });
    expect((await cached.getSecret({ name: "c" })).value).toBe("a-v2");
    await cached.getSecretValue("b");
    await cached.deleteSecrets({ all: true });
    expect(cached.cache.stats().entries).toBe(0);
    expect(sent()).toBe(5);
  });

  it("invalidate and refresh act on one secret; clear on all; after close reads go to the provider", async () => {
    const { client, cached, sent } = await voximplantSetup();
    await cached.getSecretValue("a");
    await cached.getSecretValue("b");
    await client.setSecret("a", "a-v2"); // behind the cache's back
    expect(await cached.getSecretValue("a")).toBe("a-v1");
    await cached.cache.refresh("a");
    expect(await cached.getSecretValue("a")).toBe("a-v2");
    cached.cache.invalidate("b");
    await cached.getSecretValue("b");
    expect(sent()).toBe(4);
    cached.cache.clear();
    await cached.getSecretValue("a");
    cached.cache.close();
    await cached.getSecretValue("a");
    await cached.getSecretValue("a");
    expect(sent()).toBe(7);
  });

  it("Dapr: invalidate(name) drops the bulk read holding it too; listSecrets and the readiness wait pass through", async () => {
    const emulator = await daprEmulator({});
    const cached = withSecretCache(createDaprClient({ env: emulator.env, store: "vault", maxRetries: 0 }));
    await cached.getBulkSecret("vault");
    await cached.getSecret("vault", "db-secret");
    cached.cache.invalidate("db-secret");
    expect(cached.cache.stats().entries).toBe(0);
    await cached.waitUntilReady();
    const names: string[] = [];
    for await (const summary of cached.listSecrets()) names.push(summary.name);
    expect(names).toEqual(["api-keys", "db-secret"]);
  });
});
