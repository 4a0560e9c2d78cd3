// Chaos against the Gcore emulator: random certificate uploads (waiting for their tasks), deletions and reads, each
// with a random fault on the operation it sends, checked against the list read back without faults after every step.
import fc from "fast-check";
import {
  type Emulator,
  type Fault,
  type GcoreOperation,
  startGcoreEmulator,
  type TestCertificate,
  testCertificate,
} from "../../src/emulator/index.js";
import { createGcoreClient, type GcoreClient } from "../../src/providers/gcore/client.js";
import { CHAOS_CLIENT, expectSafeError, expectSentOnce, expectWriteEffect, faultArbitrary, type Outcome, outcomeOf } from "./invariants.js";

/** id → name of the listed secrets. */
type State = Map<string, string>;
interface World {
  emulator: Emulator<GcoreOperation>;
  client: GcoreClient;
  probe: GcoreClient;
  pem: TestCertificate;
}

const WRITES: GcoreOperation[] = ["uploadCertificate", "deleteSecret"];
/** A lost upload is looked for this long at most (the lookup polls at the SDKs' 1 s floor). */
const WAIT = { timeoutMs: 1_500 };

export async function startGcoreWorld(): Promise<World & { close(): Promise<void> }> {
  const emulator = await startGcoreEmulator({ secrets: [], taskProgress: "instant" });
  const pem = await testCertificate();
  const world = {
    emulator,
    pem,
    client: createGcoreClient({ env: emulator.env, ...CHAOS_CLIENT, taskPolling: { intervalMs: 1_000 } }),
    probe: createGcoreClient({ env: emulator.env, retryDelayMs: 0 }),
  };
  return { ...world, close: () => emulator.close() };
}

async function stateOf(world: World): Promise<State> {
  const state: State = new Map();
  for await (const secret of world.probe.listSecrets()) state.set(secret.id, secret.name);
  return state;
}

/** The same certificates by name (a lost upload's id is not known; names are unique while duplicateNames is "conflict"). */
const same = (a: State, b: State) => JSON.stringify([...a.values()].sort()) === JSON.stringify([...b.values()].sort());
const secrets = (world: World) => [
  world.pem.privateKey.split("\n")[1]!,
  world.pem.certificate.split("\n")[1]!,
  world.emulator.env.GCORE_API_KEY!,
];

async function step<T>(
  world: World,
  injected: { operation: GcoreOperation; fault: Fault | undefined },
  call: (before: State) => Promise<T>,
  expected: (before: State, outcome: Outcome<T>) => State | "read",
): Promise<void> {
  const before = await stateOf(world);
  const seen = world.emulator.requests.length;
  if (injected.fault) world.emulator.faults.inject(injected.operation, injected.fault);
  const outcome = await outcomeOf(call(before));
  world.emulator.faults.clear();
  if (!outcome.ok) expectSafeError(outcome.error, secrets(world));
  expectSentOnce(world.emulator.requests.slice(seen), WRITES);
  const after = await stateOf(world);
  const wanted = expected(before, outcome);
  if (wanted === "read") {
    if (!same(before, after)) throw new Error("a read changed the state");
  } else expectWriteEffect(outcome, { before, expected: wanted, after }, same);
}

const name = fc.constantFrom("lb-one", "lb-two");
const fault = (operations: GcoreOperation[]) =>
  fc.record({ operation: fc.constantFrom(...operations), fault: faultArbitrary(["ValidationError", "ConflictError", "NotFoundError"]) });
/** Which listed secret a deletion or read names: by its place in the list (any that exists), or one that does not. */
const pick = fc.nat(3);
const idAt = (state: State, at: number) => [...state.keys()][at] ?? "00000000-0000-4000-8000-000000000000";

export const gcoreCommands = [
  fc.tuple(name, fault(["uploadCertificate", "getTask", "listSecrets", "getSecret"])).map(([secret, injected]) => ({
    label: `upload ${secret}`,
    injected,
    run: (world: World) =>
      step(
        world,
        injected,
        () => world.client.uploadCertificateAndWait({ name: secret, ...world.pem }, WAIT),
        (before, outcome) => {
          // A name already listed is taken (409, nothing made); else the upload adds one certificate of that name.
          if ([...before.values()].includes(secret)) return before;
          const made = outcome.ok ? outcome.value.id : "unknown";
          return new Map(before).set(made, secret);
        },
      ),
  })),
  fc.tuple(pick, fault(["deleteSecret", "getTask"])).map(([at, injected]) => ({
    label: `delete #${at}`,
    injected,
    run: (world: World) =>
      step(
        world,
        injected,
        (before) => world.client.deleteSecret(idAt(before, at), WAIT),
        (before) => {
          const after = new Map(before);
          after.delete(idAt(before, at));
          return after;
        },
      ),
  })),
  fc.tuple(pick, fault(["getSecret"])).map(([at, injected]) => ({
    label: `get #${at}`,
    injected,
    run: (world: World) =>
      step(
        world,
        injected,
        (before) => world.client.getSecret(idAt(before, at)),
        (before, outcome) => {
          if (outcome.ok && before.get(outcome.value.id) !== outcome.value.name) throw new Error(`read ${outcome.value.id}: not as listed`);
          return "read";
        },
      ),
  })),
];

export async function resetGcore(world: World): Promise<void> {
  world.emulator.faults.clear();
  for (const id of (await stateOf(world)).keys()) await world.probe.deleteSecret(id);
}
