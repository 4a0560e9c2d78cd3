// Chaos against the Voximplant emulator: random adds, upserts, deletes and reads, each with a random fault on the
// operation it sends, checked against the emulator's state read back without faults after every step.
import fc from "fast-check";
import { ConflictError, NotFoundError } from "../../src/core/errors.js";
import { type Emulator, type Fault, startVoximplantEmulator, type VoximplantOperation } from "../../src/emulator/index.js";
import { createVoximplantClient, type VoximplantClient } from "../../src/providers/voximplant/client.js";
import { CHAOS_CLIENT, expectSafeError, expectSentOnce, expectWriteEffect, faultArbitrary, type Outcome, outcomeOf } from "./invariants.js";

type State = Map<string, string>;
interface World {
  emulator: Emulator<VoximplantOperation>;
  client: VoximplantClient;
  probe: VoximplantClient;
  /** Every value written so far: no error may show one. */
  values: Set<string>;
}

const NAMES = ["alpha", "beta", "gamma"];
const WRITES: VoximplantOperation[] = ["AddSecret", "SetSecretInfo", "DelSecret"];

export async function startVoximplantWorld(): Promise<World & { close(): Promise<void> }> {
  const emulator = await startVoximplantEmulator({ seed: { applications: [{ id: 1, name: "chaos", secrets: [] }] } });
  const options = { env: emulator.env, application: { id: 1 } };
  const world = {
    emulator,
    client: createVoximplantClient({ ...options, ...CHAOS_CLIENT }),
    probe: createVoximplantClient({ ...options, retryDelayMs: 0 }),
    values: new Set<string>(),
  };
  return { ...world, close: () => emulator.close() };
}

async function stateOf(world: World): Promise<State> {
  const state: State = new Map();
  for await (const secret of world.probe.listSecrets()) state.set(secret.name, await world.probe.getSecretValue(secret.name));
  return state;
}

const same = (a: State, b: State) => a.size === b.size && [...a].every(([name, value]) => b.get(name) === value);

/** One step: the fault injected on `operation`, the call, then every invariant against the state before and after. */
async function step<T>(
  world: World,
  fault: { operation: VoximplantOperation; fault: Fault | undefined },
  call: () => Promise<T>,
  expected: (before: State, outcome: Outcome<T>) => State | "read",
): Promise<void> {
  const before = await stateOf(world);
  const seen = world.emulator.requests.length;
  if (fault.fault) world.emulator.faults.inject(fault.operation, fault.fault);
  const outcome = await outcomeOf(call());
  world.emulator.faults.clear();
  const arrivals = world.emulator.requests.slice(seen);
  if (!outcome.ok) expectSafeError(outcome.error, world.values);
  expectSentOnce(arrivals, WRITES);
  const after = await stateOf(world);
  const wanted = expected(before, outcome);
  if (wanted === "read") {
    if (!same(before, after)) throw new Error("a read changed the state");
  } else expectWriteEffect(outcome, { before, expected: wanted, after }, same);
}

const name = fc.constantFrom(...NAMES);
const value = fc.string({ unit: "grapheme-ascii", minLength: 8, maxLength: 24 });
const fault = (operations: VoximplantOperation[]) =>
  fc.record({ operation: fc.constantFrom(...operations), fault: faultArbitrary([101, 340, 455, 485, 496, 162]) });

/** The commands of a run: each a step on the world. */
export const voximplantCommands = [
  fc.tuple(name, value, fault(["AddSecret"])).map(([secret, text, injected]) => ({
    label: `add ${secret}`,
    injected,
    run: (world: World) => {
      world.values.add(text);
      return step(
        world,
        injected,
        () => world.client.addSecret({ name: secret, value: text }),
        (before) => (before.has(secret) ? before : new Map(before).set(secret, text)),
      );
    },
  })),
  fc.tuple(name, value, fault(["SetSecretInfo", "AddSecret", "GetSecrets"])).map(([secret, text, injected]) => ({
    label: `set ${secret}`,
    injected,
    run: (world: World) => {
      world.values.add(text);
      return step(
        world,
        injected,
        () => world.client.setSecret(secret, text),
        (before) => new Map(before).set(secret, text),
      );
    },
  })),
  fc.tuple(name, fault(["DelSecret", "GetSecrets"])).map(([secret, injected]) => ({
    label: `delete ${secret}`,
    injected,
    run: (world: World) =>
      step(
        world,
        injected,
        () => world.client.deleteSecret(secret),
        (before) => {
          const after = new Map(before);
          after.delete(secret);
          return after;
        },
      ),
  })),
  fc.tuple(name, fault(["GetSecretValue", "GetSecrets"])).map(([secret, injected]) => ({
    label: `get ${secret}`,
    injected,
    run: (world: World) =>
      step(
        world,
        injected,
        async () => {
          const read = await world.client.getSecretValue(secret);
          return read;
        },
        (before, outcome) => {
          if (outcome.ok && outcome.value !== before.get(secret))
            throw new Error(`read ${secret}: ${outcome.value}, state ${before.get(secret)}`);
          if (!outcome.ok && outcome.error instanceof NotFoundError && before.has(secret))
            throw new Error(`${secret} exists, read says not found`);
          if (!outcome.ok && outcome.error instanceof ConflictError) throw new Error("a read cannot conflict");
          return "read";
        },
      ),
  })),
];

/** Empties the application between runs. */
export async function resetVoximplant(world: World): Promise<void> {
  world.emulator.faults.clear();
  const state = await stateOf(world);
  if (state.size > 0) await world.probe.deleteSecrets({ names: [...state.keys()] });
}
