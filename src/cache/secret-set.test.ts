// The typed set against both emulators: the fewest requests (from their logs), every failure named at once and no
// value in it, later loads from memory through cached clients.
import { describe, expect, it } from "vitest";
import { startDaprEmulator, startVoximplantEmulator } from "../emulator/index.js";
import { createDaprClient } from "../providers/dapr/client.js";
import { createVoximplantClient } from "../providers/voximplant/client.js";
import { failure } from "../testing/clients.js";
import { emulatorPerTest } from "../testing/emulator-per-test.js";
import { defineSecretSet, SecretSetError } from "./secret-set.js";
import { withSecretCache } from "./with-secret-cache.js";

const voximplantEmulator = emulatorPerTest(startVoximplantEmulator);
const daprEmulator = emulatorPerTest(startDaprEmulator);

async function setup() {
  const voximplant = await voximplantEmulator({
    seed: {
      applications: [
        {
          id: 1,
          name: "shop",
          secrets: [
            { name: "stripeKey", value: "sk_test_1" },
            { name: "port", value: "8080" },
          ],
        },
      ],
    },
  });
  const dapr = await daprEmulator({
    stores: { vault: { kind: "local.file", secrets: { db: "postgres://db", api: { stripe: "s1", github: "g1" }, flags: "x" } } },
  });
  const clients = {
    voximplant: createVoximplantClient({ env: voximplant.env, maxRetries: 0, retryDelayMs: 0 }),
    dapr: createDaprClient({ env: dapr.env, maxRetries: 0, retryDelayMs: 0 }),
  };
  const sent = () => [...voximplant.requests, ...dapr.requests].map((arrival) => arrival.operation).sort();
  return { clients, sent };
}

const SPECS = {
  stripeKey: "voximplant://shop/stripeKey",
  port: { reference: "voximplant://1/port", parse: Number },
  database: "dapr://vault/db",
  github: "dapr://vault/api#github",
  stripe: { reference: "dapr://vault/api#stripe", parse: (value: string) => ({ key: value }) },
};

describe("defineSecretSet", () => {
  it("loads every secret with the fewest requests: one Dapr bulk read for the store, one GetSecretValue per secret", async () => {
    const { clients, sent } = await setup();
    const values = await defineSecretSet(SPECS, clients).load();
    expect(values).toEqual({ stripeKey: "sk_test_1", port: 8080, database: "postgres://db", github: "g1", stripe: { key: "s1" } });
    expect(sent()).toEqual(["GetSecretValue", "GetSecretValue", "getBulkSecret"]);
  });

  it("names every malformed reference at once when defined, and reads nothing", async () => {
    const { clients, sent } = await setup();
    const error = await failure(
      (async () => defineSecretSet({ a: "vault/db", b: "gcore://x/y", c: "dapr://vault/db", d: "https://example.com/x" }, clients))(),
    );
    expect(error).toBeInstanceOf(SecretSetError);
    const failures = (error as SecretSetError).failures.map(({ variable, reason }) => [variable, reason]);
    expect(failures).toEqual([
      ["a", "malformed"],
      ["b", "unsupported"],
      ["d", "unknown-scheme"],
    ]);
    expect(sent()).toEqual([]);
  });

  it("names every missing or unparsable secret at once, never a value", async () => {
    const { clients } = await setup();
    const set = defineSecretSet(
      {
        stripeKey: { reference: "voximplant://shop/stripeKey", parse: (value: string) => JSON.parse(value) as unknown },
        gone: "voximplant://shop/gone",
        missing: "dapr://vault/missing",
        database: "dapr://vault/db",
        noKey: "dapr://vault/api#gitlab",
      },
      clients,
    );
    const error = await failure(set.load());
    expect(error).toBeInstanceOf(SecretSetError);
    expect(error).toMatchObject({ code: "ERR_SECRET_REFERENCE" });
    const failures = (error as SecretSetError).failures.map(({ variable, reason, causeCode }) => [variable, reason, causeCode]);
    expect(failures).toEqual([
      ["stripeKey", "invalid-value", "ERR_VALIDATION"],
      ["gone", "unresolved", "ERR_NOT_FOUND"],
      ["missing", "unresolved", "ERR_NOT_FOUND"],
      ["noKey", "unresolved", "ERR_NOT_FOUND"],
    ]);
    const shown = `${String(error)} ${JSON.stringify(error)} ${(error as Error).stack}`;
    for (const value of ["sk_test_1", "postgres://db", "s1", "g1"]) expect(shown).not.toContain(value);
  });

  it("through cached clients a later load is served from memory", async () => {
    const { clients, sent } = await setup();
    const set = defineSecretSet(SPECS, { voximplant: withSecretCache(clients.voximplant), dapr: withSecretCache(clients.dapr) });
    await set.load();
    const before = sent().length;
    for (let index = 0; index < 100; index += 1) expect((await set.load()).port).toBe(8080);
    expect(sent().length).toBe(before);
  });
});
