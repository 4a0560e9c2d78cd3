// A chaos run: random sequences of a vendor's commands (each with its fault) on one world, the world reset between
// sequences; fast-check shrinks a failure to its shortest sequence and prints the seed and path that replay it.
import fc from "fast-check";
import { activeTimers } from "./invariants.js";

export interface Command<World> {
  label: string;
  injected: unknown;
  run(world: World): Promise<void>;
}

export interface ChaosOptions {
  numRuns: number;
  seed: number;
  /** A failure's path, to replay exactly that case. */
  path?: string | undefined;
}

export async function runChaos<World>(
  world: World,
  commands: fc.Arbitrary<Command<World>>[],
  reset: (world: World) => Promise<void>,
  options: ChaosOptions,
): Promise<void> {
  const timers = activeTimers();
  await fc.assert(
    fc.asyncProperty(fc.array(fc.oneof(...commands), { minLength: 1, maxLength: 6 }), async (steps) => {
      await reset(world);
      for (const step of steps) await step.run(world);
    }),
    { numRuns: options.numRuns, seed: options.seed, ...(options.path ? { path: options.path } : {}) },
  );
  // Every attempt's timer was cleared with it: a run leaves none behind.
  const left = activeTimers() - timers;
  if (left > 0) throw new Error(`the chaos run left ${left} timer(s) armed`);
}
