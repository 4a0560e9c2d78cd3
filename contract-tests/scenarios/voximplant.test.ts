// Scenarios against the Voximplant emulator: state that persists between calls, paging, one JWT for many calls,
// lost answers, rate limits and "not found" under either code.
import { describe, expect, it } from "vitest";
import { NotFoundError, OutcomeUnknownError } from "../../src/core/errors.js";
import { startVoximplantEmulator, type VoximplantEmulatorOptions } from "../../src/emulator/index.js";
import { emulatorPerTest } from "./fixture.js";
import { createVoximplantClient } from "../../src/providers/voximplant/client.js";
import { testRsaKey } from "../../src/testing/observed-fetch.js";

const emulate = emulatorPerTest(startVoximplantEmulator);
async function start(options: VoximplantEmulatorOptions = {}) {
  const emulator = await emulate(options);
  return { emulator, client: createVoximplantClient({ env: emulator.env }) };
}
const names = async (client: ReturnType<typeof createVoximplantClient>, pageSize?: number) => {
  const seen: string[] = [];
  for await (const secret of client.listSecrets(pageSize ? { pageSize } : {})) seen.push(secret.name);
  return seen;
};

describe("Voximplant emulator scenarios", () => {
  it("add → list → get → update → delete", async () => {
    const { client } = await start();
    const { id } = await client.addSecret({ name: "roundTrip", value: "first value", description: "made by a test" });
    expect(await names(client)).toContain("roundTrip");
    expect(await client.getSecret({ id })).toMatchObject({ name: "roundTrip", value: "first value", description: "made by a test" });
    await client.updateSecret({ name: "roundTrip", value: "second value", newName: "renamed" });
    expect(await client.getSecretValue("renamed")).toBe("second value");
    await expect(client.getSecretValue("roundTrip")).rejects.toBeInstanceOf(NotFoundError);
    await client.deleteSecret("renamed");
    expect(await names(client)).not.toContain("renamed");
  });

  it("pages over 50 secrets with count/offset; setSecret adds, then updates", async () => {
    const secrets = Array.from({ length: 50 }, (_, index) => ({ name: `s${String(index).padStart(2, "0")}`, value: `v${index}` }));
    const { client, emulator } = await start({ seed: { applications: [{ id: 1, name: "demo", secrets }] } });
    expect(await names(client, 10)).toEqual(secrets.map((secret) => secret.name));
    expect(emulator.requests.filter((arrival) => arrival.operation === "GetSecrets")).toHaveLength(5);
    await client.setSecret("fresh", "one");
    await client.setSecret("fresh", "two");
    expect(await client.getSecretValue("fresh")).toBe("two");
  });

  it("1,000 concurrent calls: the server sees one distinct JWT", async () => {
    const { client, emulator } = await start();
    await Promise.all(Array.from({ length: 1000 }, () => client.getSecretValue("apiKeyProd")));
    const tokens = new Set(emulator.requests.map((arrival) => arrival.headers.authorization));
    expect(emulator.requests).toHaveLength(1000);
    expect(tokens.size).toBe(1);
  });

  it("a lost answer to an applied AddSecret: one arrival, OutcomeUnknownError, and the secret exists", async () => {
    const { client, emulator } = await start();
    emulator.faults.inject("AddSecret", { kind: "reset", when: "after" });
    await expect(client.addSecret({ name: "lostAnswer", value: "v" })).rejects.toBeInstanceOf(OutcomeUnknownError);
    expect(emulator.requests.filter((arrival) => arrival.operation === "AddSecret")).toHaveLength(1);
    expect(await client.getSecretValue("lostAnswer")).toBe("v");
  });

  it("recovers from a rate limit (340) by retrying a read", async () => {
    const { client, emulator } = await start();
    emulator.faults.inject("GetSecretValue", { kind: "rate-limit" });
    expect(await client.getSecretValue("apiKeyProd")).toBe("demo-api-key-value");
    expect(emulator.requests.map((arrival) => arrival.fault ?? "ok")).toEqual(["rate-limit", "ok"]);
  });

  it.each([341, 496] as const)("an unknown secret is NotFoundError when the server says %i", async (notFoundCode) => {
    const { client, emulator } = await start({ notFoundCode });
    await expect(client.getSecretValue("nope")).rejects.toBeInstanceOf(NotFoundError);
    await expect(client.deleteSecret("nope")).rejects.toBeInstanceOf(NotFoundError);
    expect(await client.upsertSecret({ name: "nope", value: "v" })).toMatchObject({ action: "added" });
    const lookups = emulator.requests.filter((arrival) => arrival.operation === "GetSecrets").length;
    expect(lookups).toBe(notFoundCode === 341 ? 0 : 3);
  });

  it("checks the JWT: another key is 100, an expired token 456, one from the future 455", async () => {
    let clock = Date.now();
    const { emulator } = await start({ now: () => clock });
    const privateKey = testRsaKey().privateKeyPem;
    const stranger = createVoximplantClient({
      env: emulator.env,
      credentials: { accountId: 1, keyId: "emulator-key", privateKey },
      maxRetries: 0,
    });
    await expect(stranger.getSecretValue("apiKeyProd")).rejects.toMatchObject({ code: "ERR_AUTHENTICATION", providerCode: 100 });
    const fresh = () => createVoximplantClient({ env: emulator.env, maxRetries: 0 });
    // The server's clock an hour ahead: every token is expired (re-signed once, then reported).
    clock += 3_600_000;
    await expect(fresh().getSecretValue("apiKeyProd")).rejects.toMatchObject({ code: "ERR_AUTHENTICATION", providerCode: 456 });
    // An hour behind: every token is from the future.
    clock -= 7_200_000;
    await expect(fresh().getSecretValue("apiKeyProd")).rejects.toMatchObject({ code: "ERR_AUTHENTICATION", providerCode: 455 });
  });
});
