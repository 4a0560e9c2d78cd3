// The shared conformance suite against the emulators (contract-tests/conformance.test.ts runs it on the Prism
// mocks): the same behaviours, from state instead of examples. Every exchange is still checked against the spec
// (an operation of the spec, a declared status).
import { afterAll, beforeAll } from "vitest";
import { describeConformance, type Scenario } from "../conformance/suite.js";
import { type Emulator, startDaprEmulator, startGcoreEmulator, startVoximplantEmulator } from "../../src/emulator/index.js";
import { createDaprClient, createGcoreClient, createVoximplantClient } from "../../src/index.js";
import { testRsaKey } from "../../src/testing/observed-fetch.js";

const emulators: Record<string, Emulator> = {};
beforeAll(async () => {
  emulators.voximplant = await startVoximplantEmulator({
    seed: {
      applications: [
        {
          id: 1,
          name: "demo",
          secrets: [
            { name: "apiKeyProd", value: "demo-api-key-value" },
            { name: "dbPassword", value: "demo-db-password" },
          ],
        },
        { id: 2, name: "empty" },
      ],
    },
  });
  emulators.dapr = await startDaprEmulator({
    apiToken: "conformance-token",
    stores: { vault: { secrets: { "db-secret": "demo-db-secret-value", "api-keys": { stripe: "s" } } }, empty: { secrets: {} } },
  });
  emulators.gcore = await startGcoreEmulator();
  emulators.gcoreEmpty = await startGcoreEmulator({ secrets: [] });
});
afterAll(() => Promise.all(Object.values(emulators).map((emulator) => emulator.close())));

const common = (fetch: (request: Request) => Promise<Response>) => ({ fetch, maxRetries: 0 });
const wrong = (scenario: Scenario) => scenario.emulated === "wrong-credentials";

describeConformance({
  provider: "voximplant",
  create: (fetch, scenario) => {
    const env = { ...emulators.voximplant!.env, VOXIMPLANT_BASE_URL: emulators.voximplant!.url };
    return createVoximplantClient({
      ...common(fetch),
      env,
      ...(scenario.emulated === "empty" ? { application: { id: 2 } } : {}),
      ...(wrong(scenario) ? { credentials: { accountId: 1, keyId: "emulator-key", privateKey: testRsaKey().privateKeyPem } } : {}),
    });
  },
  read: { existing: { name: "apiKeyProd", value: "demo-api-key-value" }, missing: {}, unauthenticated: { emulated: "wrong-credentials" } },
  list: { keys: ["apiKeyProd", "dbPassword"], empty: { emulated: "empty" }, unauthenticated: { emulated: "wrong-credentials" } },
  write: {
    name: "apiKeyProd",
    value: "rotated value ✓",
    absent: { emulated: "empty" },
    unauthenticated: { emulated: "wrong-credentials" },
  },
  delete: { name: "dbPassword", missing: {}, unauthenticated: { emulated: "wrong-credentials" } },
});

describeConformance({
  provider: "dapr",
  create: (fetch, scenario) =>
    createDaprClient({
      ...common(fetch),
      env: { ...emulators.dapr!.env, ...(wrong(scenario) ? { DAPR_API_TOKEN: "wrong" } : {}) },
      store: scenario.emulated === "empty" ? "empty" : "vault",
    }),
  read: { existing: { name: "db-secret", value: "demo-db-secret-value" }, missing: {}, unauthenticated: { emulated: "wrong-credentials" } },
  list: { keys: ["api-keys", "db-secret"], empty: { emulated: "empty" }, unauthenticated: { emulated: "wrong-credentials" } },
});

describeConformance({
  provider: "gcore",
  create: (fetch, scenario) =>
    createGcoreClient({
      ...common(fetch),
      env: {
        ...(scenario.emulated === "empty" ? emulators.gcoreEmpty! : emulators.gcore!).env,
        ...(wrong(scenario) ? { GCORE_API_KEY: "wrong" } : {}),
      },
      taskPolling: { intervalMs: 1_000 },
    }),
  list: {
    keys: ["bfc7824b-31b6-4a28-a0c4-7df137139215"],
    empty: { emulated: "empty" },
    unauthenticated: { emulated: "wrong-credentials" },
  },
  delete: { name: "bfc7824b-31b6-4a28-a0c4-7df137139215", missing: {}, unauthenticated: { emulated: "wrong-credentials" } },
});
