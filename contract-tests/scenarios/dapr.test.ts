// Scenarios against the Dapr emulator: names a URL must carry intact, scope policy, token, readiness and rate limits
// (the official @dapr/dapr client drives it in official-dapr.test.ts).
import { describe, expect, it } from "vitest";
import { type DaprEmulatorOptions, startDaprEmulator } from "../../src/emulator/index.js";
import { emulatorPerTest } from "./fixture.js";
import { createDaprClient } from "../../src/providers/dapr/client.js";

const emulate = emulatorPerTest(startDaprEmulator);
async function start(options: DaprEmulatorOptions = {}) {
  const emulator = await emulate(options);
  return { emulator, client: createDaprClient({ env: emulator.env, store: "vault" }) };
}

const TRICKY = ["a/b", "with spaces", "a+b", "what?", "hash#tag", "%41", "пароль-ü", "bulk", "..a", "a%2Fb"];

describe("Dapr emulator scenarios", () => {
  it.each(TRICKY)("reads the secret named %j, and only that one", async (name) => {
    const secrets = Object.fromEntries([...TRICKY, "A", "b", "a"].map((each) => [each, `value of ${each}`]));
    const { client } = await start({ stores: { vault: { secrets } } });
    expect(await client.getSecret("vault", name)).toEqual({ [name]: `value of ${name}` });
  });

  it("bulk leaves out what the scope policy denies, which the single route refuses with 403", async () => {
    const { client } = await start({ stores: { vault: { secrets: { open: "1", closed: "2" }, denied: ["closed"] } } });
    expect(await client.getBulkSecret("vault")).toEqual({ open: { open: "1" } });
    await expect(client.getSecret("vault", "closed")).rejects.toMatchObject({ code: "ERR_PERMISSION_DENIED", status: 403 });
  });

  it.each([
    ["local.file", "ERR_NOT_FOUND"],
    ["no-content", "ERR_NOT_FOUND"],
  ] as const)("a missing secret in a %s store is NotFoundError", async (kind, code) => {
    const { client } = await start({ stores: { vault: { kind, secrets: {} } } });
    await expect(client.getSecret("vault", "missing")).rejects.toMatchObject({ code });
  });

  it("a local.env store answers a missing secret with an empty value (as the runtime does)", async () => {
    const { client } = await start({ stores: { vault: { kind: "local.env", secrets: {} } } });
    expect(await client.getSecret("vault", "missing")).toEqual({ missing: "" });
  });

  it("the API token: required when set, 401 text when wrong; an unknown store is 401 JSON", async () => {
    const { emulator } = await start({ apiToken: "emulator-token" });
    const right = createDaprClient({ env: emulator.env, store: "vault" });
    expect(await right.getSecretValue("db-secret")).toBe("demo-db-secret-value");
    const wrong = createDaprClient({ env: { ...emulator.env, DAPR_API_TOKEN: "wrong" }, store: "vault", maxRetries: 0 });
    await expect(wrong.getSecretValue("db-secret")).rejects.toMatchObject({ code: "ERR_AUTHENTICATION", status: 401 });
    await expect(right.getSecret("nostore", "x")).rejects.toMatchObject({
      code: "ERR_NOT_FOUND",
      providerCode: "ERR_SECRET_STORE_NOT_FOUND",
    });
  });

  it("dapr.kubernetes-namespace and dapr.vault-version: the client's metadata reaches the store", async () => {
    const { client } = await start({
      stores: {
        vault: { kind: "hashicorp.vault", secrets: { db: "v2" }, versions: { db: ["v1"] } },
        kubernetes: { kind: "kubernetes", secrets: { db: { user: "dev" } }, namespaces: { prod: { db: { user: "prod" } } } },
      },
    });
    expect(await client.getSecret("kubernetes", "db", { metadata: { namespace: "prod" } })).toEqual({ user: "prod" });
    expect(await client.getSecret("kubernetes", "db")).toEqual({ user: "dev" });
    expect(await client.getSecret("vault", "db", { metadata: { version_id: "1" } })).toEqual({ db: "v1" });
    await expect(client.getSecret("vault", "db", { metadata: { version_id: "7" } })).rejects.toMatchObject({
      providerCode: "ERR_SECRET_GET",
    });
  });

  it("dapr.env-store: the client reads an environment store without the sidecar's own variables", async () => {
    const secrets = { PATH: "/usr/bin", DAPR_API_TOKEN: "sidecar-token" };
    const { client } = await start({ stores: { env: { kind: "local.env", secrets } } });
    expect(await client.getBulkSecret("env")).toEqual({ PATH: { PATH: "/usr/bin" } });
    expect(await client.getSecret("env", "DAPR_API_TOKEN")).toEqual({ DAPR_API_TOKEN: "" });
  });

  it("waits for readiness (500 until ready, then 204)", async () => {
    const { client, emulator } = await start({ readyAfterMs: 1_200 });
    await client.waitUntilReady({ intervalMs: 500, timeoutMs: 20_000 });
    const probes = emulator.requests.filter((arrival) => arrival.operation === "getOutboundHealth");
    expect(probes.at(-1)!.status).toBe(204);
    expect(probes.slice(0, -1).every((probe) => probe.status === 500)).toBe(true);
  });

  it("honours Retry-After on a 429", async () => {
    const { client, emulator } = await start();
    emulator.faults.inject("getSecret", { kind: "rate-limit", retryAfterSeconds: 1 });
    expect(await client.getSecretValue("db-secret")).toBe("demo-db-secret-value");
    const [limited, served] = emulator.requests;
    expect([limited!.status, served!.status]).toEqual([429, 200]);
    // Retry-After: 1 was waited for (a timer never fires early; 50 ms of slack for the two clocks involved).
    expect(served!.startedAt - limited!.startedAt).toBeGreaterThanOrEqual(950);
  });
});
