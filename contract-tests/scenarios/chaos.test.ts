// Invariants under random faults (issue 19.7): each client against its emulator, random reads and writes with random
// faults (resets before and after a write is applied, hangs, 5xx, 429, vendor errors, truncated and slow bodies).
// After every step: a write reported done is in the emulator's state, one that failed is not, OutcomeUnknownError
// alone leaves it open; no write that may have been applied arrives twice; every error is a SecretsError with a
// known code and shows no secret; no timer is left. CHAOS_RUNS and CHAOS_SEED change the run
// (`npm run test:chaos -- --runs 10000` runs many more and prints its seed).
import { describe, it } from "vitest";
import { daprCommands, resetDapr, startDaprWorld } from "../chaos/dapr.js";
import { gcoreCommands, resetGcore, startGcoreWorld } from "../chaos/gcore.js";
import { runChaos } from "../chaos/run.js";
import { resetVoximplant, startVoximplantWorld, voximplantCommands } from "../chaos/voximplant.js";

const numRuns = Number(process.env.CHAOS_RUNS ?? 100);
const seed = Number(process.env.CHAOS_SEED ?? 20261202);

describe(`chaos, ${numRuns} runs per vendor, seed ${seed}`, () => {
  it("Voximplant", { timeout: 600_000 }, async () => {
    const world = await startVoximplantWorld();
    try {
      await runChaos(world, voximplantCommands, resetVoximplant, { numRuns, seed });
    } finally {
      await world.close();
    }
  });

  it("Dapr", { timeout: 600_000 }, async () => {
    const world = await startDaprWorld();
    try {
      await runChaos(world, daprCommands, resetDapr, { numRuns, seed });
    } finally {
      await world.close();
    }
  });

  it("Gcore", { timeout: 600_000 }, async () => {
    const world = await startGcoreWorld();
    try {
      await runChaos(world, gcoreCommands, resetGcore, { numRuns, seed });
    } finally {
      await world.close();
    }
  });
});
