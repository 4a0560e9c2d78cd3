// Chaos against the Dapr emulator (a read-only API): random reads of present and absent secrets, single and bulk,
// each with a random fault, with an API token the sidecar checks; every answer is the seed's or an error of ours.
import fc from "fast-check";
import { NotFoundError } from "../../src/core/errors.js";
import { type DaprOperation, type Emulator, type Fault, startDaprEmulator } from "../../src/emulator/index.js";
import { createDaprClient, type DaprClient } from "../../src/providers/dapr/client.js";
import { CHAOS_CLIENT, expectSafeError, expectSentOnce, faultArbitrary, type Outcome, outcomeOf } from "./invariants.js";

const TOKEN = "chaos-token-5f1d2e9a";
const SECRETS: Record<string, string> = { "db-password": "chaos-value-a81f0c", "api-key": "chaos-value-77e2b1" };

interface World {
  emulator: Emulator<DaprOperation>;
  client: DaprClient;
}

export async function startDaprWorld(): Promise<World & { close(): Promise<void> }> {
  const emulator = await startDaprEmulator({ apiToken: TOKEN, stores: { vault: { kind: "local.file", secrets: SECRETS } } });
  const client = createDaprClient({ env: emulator.env, apiToken: TOKEN, store: "vault", ...CHAOS_CLIENT });
  return { emulator, client, close: () => emulator.close() };
}

async function step<T>(
  world: World,
  injected: { operation: DaprOperation; fault: Fault | undefined },
  call: () => Promise<T>,
  check: (outcome: Outcome<T>) => void,
) {
  const seen = world.emulator.requests.length;
  if (injected.fault) world.emulator.faults.inject(injected.operation, injected.fault);
  const outcome = await outcomeOf(call());
  world.emulator.faults.clear();
  if (!outcome.ok) expectSafeError(outcome.error, [TOKEN, ...Object.values(SECRETS)]);
  expectSentOnce(world.emulator.requests.slice(seen), []);
  check(outcome);
}

const name = fc.constantFrom("db-password", "api-key", "missing-one");
const fault = (operation: DaprOperation) =>
  fc.record({ operation: fc.constant(operation), fault: faultArbitrary(["ERR_SECRET_GET", "ERR_PERMISSION_DENIED"]) });

const expectValue = (secret: string, read: string) => {
  if (read !== SECRETS[secret]) throw new Error(`read ${secret}: ${read}`);
};
const expectNotFoundOnlyWhenAbsent = (secret: string, outcome: Outcome<unknown>) => {
  if (!outcome.ok && outcome.error instanceof NotFoundError && secret in SECRETS) throw new Error(`${secret} exists, read says not found`);
  if (outcome.ok && !(secret in SECRETS)) throw new Error(`${secret} does not exist, read answered ${JSON.stringify(outcome.value)}`);
};

export const daprCommands = [
  fc.tuple(name, fault("getSecret")).map(([secret, injected]) => ({
    label: `get ${secret}`,
    injected,
    run: (world: World) =>
      step(
        world,
        injected,
        () => world.client.getSecretValue(secret),
        (outcome) => {
          expectNotFoundOnlyWhenAbsent(secret, outcome);
          if (outcome.ok) expectValue(secret, outcome.value);
        },
      ),
  })),
  fault("getBulkSecret").map((injected) => ({
    label: "bulk",
    injected,
    run: (world: World) =>
      step(
        world,
        injected,
        () => world.client.getBulkSecret("vault"),
        (outcome) => {
          if (!outcome.ok) return;
          for (const [secret, keys] of Object.entries(outcome.value)) expectValue(secret, keys[secret] ?? "");
          if (Object.keys(outcome.value).length !== Object.keys(SECRETS).length)
            throw new Error(`bulk answered ${Object.keys(outcome.value)}`);
        },
      ),
  })),
];

export async function resetDapr(world: World): Promise<void> {
  world.emulator.faults.clear();
}
