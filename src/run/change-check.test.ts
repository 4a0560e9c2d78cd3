// The change check against the emulators, counting the calls each vendor's check makes: Voximplant lists once per
// application and reads only secrets whose stamp moved (a recent stamp once more, as it counts whole seconds); Dapr
// reads again, in bulk for two or more secrets of a store. Failures name a variable, never a value.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { startDaprEmulator, startVoximplantEmulator } from "../emulator/index.js";
import { createDaprClient } from "../providers/dapr/client.js";
import { createVoximplantClient } from "../providers/voximplant/client.js";
import { emulatorPerTest } from "../testing/emulator-per-test.js";
import { createChangeCheck } from "./change-check.js";
import { resolveSecretReferences, SecretReferenceError } from "./secret-references.js";

const startVoximplant = emulatorPerTest(startVoximplantEmulator);
const startDapr = emulatorPerTest(startDaprEmulator);
const signal = new AbortController().signal;

/** `checkAhead`: how far the check's clock runs ahead of the emulator's (stamps then look that much older). */
async function voximplantSetup(checkAhead = 0) {
  let now = Date.now();
  const seed = {
    applications: [
      {
        id: 1,
        name: "shop",
        secrets: [
          { name: "db", value: "db-value-1" },
          { name: "api", value: "api-value-1" },
        ],
      },
      { id: 2, name: "crm", secrets: [{ name: "token", value: "token-value-1" }] },
    ],
  };
  const emulator = await startVoximplant({ seed, now: () => now });
  const client = createVoximplantClient({ env: emulator.env, retryDelayMs: 0 });
  const references = { DB: "voximplant://shop/db", API: "voximplant://shop/api", TOKEN: "voximplant://2/token" };
  const clients = { voximplant: client };
  const check = createChangeCheck(references, clients, () => now + checkAhead);
  const current = await resolveSecretReferences(references, clients);
  /** The operations one check sends, and its answer. */
  const run = async (values = current) => {
    const before = emulator.requests.length;
    const answer = await check.check(values, signal);
    return {
      answer,
      calls: emulator.requests
        .slice(before)
        .map((arrival) => arrival.operation)
        .sort(),
    };
  };
  const later = (ms: number) => (now += ms);
  return { emulator, client, current, run, later };
}

describe("Voximplant: one listing per application, then only moved stamps", () => {
  it("reads every value at the first check and recent ones once more, then lists only", async () => {
    const { run, later } = await voximplantSetup();
    later(60_000);
    expect(await run()).toEqual({
      answer: undefined,
      calls: ["GetSecretValue", "GetSecretValue", "GetSecretValue", "GetSecrets", "GetSecrets"],
    });
    later(60_000);
    // The stamps are recent (within 5 minutes of the clock): read once more, in case a change fell in the same second.
    expect(await run()).toEqual({
      answer: undefined,
      calls: ["GetSecretValue", "GetSecretValue", "GetSecretValue", "GetSecrets", "GetSecrets"],
    });
    later(60_000);
    expect(await run()).toEqual({ answer: undefined, calls: ["GetSecrets", "GetSecrets"] });
  });

  it("a stamp older than 5 minutes is settled at once; a rotation re-reads that secret alone and answers every value", async () => {
    const { client, current, run, later } = await voximplantSetup(10 * 60_000);
    later(60_000);
    await run();
    later(60_000);
    expect((await run()).calls).toEqual(["GetSecrets", "GetSecrets"]);
    await client.updateSecret({ name: "api", application: { name: "shop" }, value: "api-value-2" });
    later(60_000);
    const rotated = await run();
    expect(rotated.calls).toEqual(["GetSecretValue", "GetSecrets", "GetSecrets"]);
    expect(rotated.answer).toEqual({ ...current, API: "api-value-2" });
  });

  it("a moved stamp whose read failed is read again at the next check, even when the stamp is old", async () => {
    const { emulator, client, current, run, later } = await voximplantSetup(10 * 60_000);
    later(60_000);
    await run();
    await client.updateSecret({ name: "db", application: { name: "shop" }, value: "db-value-2" });
    emulator.faults.inject("GetSecretValue", { kind: "vendor-error", code: 100 });
    later(60_000);
    await expect(run()).rejects.toMatchObject({ variable: "DB", causeCode: "ERR_AUTHENTICATION" });
    later(60_000);
    const retried = await run();
    expect(retried.calls).toEqual(["GetSecretValue", "GetSecrets", "GetSecrets"]);
    expect(retried.answer).toEqual({ ...current, DB: "db-value-2" });
  });

  it("a secret gone from the listing fails the check naming its variable, never a value", async () => {
    const { client, run, later } = await voximplantSetup();
    await client.deleteSecrets({ names: ["db"], application: { name: "shop" } });
    later(60_000);
    const error = await run().catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(SecretReferenceError);
    expect(error).toMatchObject({ variable: "DB", reason: "unresolved", causeCode: "ERR_NOT_FOUND" });
    expect(inspect(error, { depth: 5 })).not.toMatch(/value-1/);
  });

  it("a failed listing fails the check naming the application's first variable", async () => {
    const { emulator, run } = await voximplantSetup();
    emulator.faults.inject("GetSecrets", { kind: "vendor-error", code: 100 }, { times: Infinity });
    const error = await run().catch((reason: unknown) => reason);
    expect(error).toMatchObject({ code: "ERR_SECRET_REFERENCE", causeCode: "ERR_AUTHENTICATION" });
    expect(["DB", "TOKEN"]).toContain((error as SecretReferenceError).variable);
  });
});

describe("Dapr: no change feed, so every value is read again", () => {
  const stores = {
    vault: { secrets: { db: "dapr-db-1", api: "dapr-api-1", other: "not-referenced" } },
    single: { secrets: { only: "only-value-1" } },
    hv: { kind: "hashicorp.vault" as const, secrets: { key: "v2-value" }, versions: { key: ["v1-value"] } },
  };

  it("one bulk read for a store holding two or more of the references, single reads otherwise and with metadata", async () => {
    const emulator = await startDapr({ stores });
    const clients = { dapr: createDaprClient({ env: emulator.env, retryDelayMs: 0 }) };
    const references = {
      DB: "dapr://vault/db",
      API: "dapr://vault/api#api",
      ONLY: "dapr://single/only",
      OLD: "dapr://hv/key?version_id=1",
    };
    const current = await resolveSecretReferences(references, clients);
    const check = createChangeCheck(references, clients);
    const before = emulator.requests.length;
    expect(await check.check(current, signal)).toBeUndefined();
    const calls = emulator.requests.slice(before).map((arrival) => `${arrival.operation} ${arrival.path}`);
    expect(calls.sort()).toEqual([
      "getBulkSecret /v1.0/secrets/vault/bulk",
      "getSecret /v1.0/secrets/hv/key?metadata.version_id=1",
      "getSecret /v1.0/secrets/single/only",
    ]);
    // A value that differs from the current one is a change: every value is answered.
    expect(await check.check({ ...current, DB: "stale" }, signal)).toEqual(current);
  });

  it("a secret the bulk read leaves out is read alone, and its failure names the variable", async () => {
    const emulator = await startDapr({ stores: { vault: { secrets: { db: "dapr-db-1" }, denied: ["api"] } } });
    const clients = { dapr: createDaprClient({ env: emulator.env, retryDelayMs: 0 }) };
    const check = createChangeCheck({ DB: "dapr://vault/db", API: "dapr://vault/api" }, clients);
    const error = await check.check({ DB: "dapr-db-1", API: "x" }, signal).catch((reason: unknown) => reason);
    expect(error).toMatchObject({ variable: "API", code: "ERR_SECRET_REFERENCE", causeCode: "ERR_PERMISSION_DENIED" });
  });

  it("a new value holding a NUL byte fails the check, naming the variable and never the value", async () => {
    const emulator = await startDapr({ stores: { vault: { secrets: { db: "top\0secret-value" } } } });
    const check = createChangeCheck({ DB: "dapr://vault/db" }, { dapr: createDaprClient({ env: emulator.env, retryDelayMs: 0 }) });
    const error = await check.check({ DB: "old-value" }, signal).catch((reason: unknown) => reason);
    expect(error).toMatchObject({ variable: "DB", reason: "invalid-value", code: "ERR_SECRET_REFERENCE", causeCode: "ERR_VALIDATION" });
    expect(inspect(error, { depth: 5 })).not.toContain("secret-value");
  });
});
