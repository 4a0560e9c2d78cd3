// `npm run test:chaos [-- --runs N] [--seed S] [--path P] [--vendor voximplant|dapr|gcore]`: the chaos model test
// (contract-tests/scenarios/chaos.test.ts runs 100 per vendor in npm test) for as long as asked. Prints its seed
// first; a failure prints the seed and path that replay it (`--seed S --path P`).
import { parseArgs } from "node:util";
import { daprCommands, resetDapr, startDaprWorld } from "../contract-tests/chaos/dapr.js";
import { gcoreCommands, resetGcore, startGcoreWorld } from "../contract-tests/chaos/gcore.js";
import { runChaos } from "../contract-tests/chaos/run.js";
import { resetVoximplant, startVoximplantWorld, voximplantCommands } from "../contract-tests/chaos/voximplant.js";

const { values } = parseArgs({
  options: { runs: { type: "string", default: "1000" }, seed: { type: "string" }, path: { type: "string" }, vendor: { type: "string" } },
});
const numRuns = Number(values.runs);
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
if (!Number.isSafeInteger(numRuns) || numRuns < 1 || !Number.isSafeInteger(seed)) {
  console.error("test:chaos: --runs and --seed must be integers");
  process.exit(2);
}
console.log(`chaos: ${numRuns} runs per vendor, seed ${seed}${values.path ? `, path ${values.path}` : ""}`);

const vendors = {
  voximplant: async () => {
    const world = await startVoximplantWorld();
    await runChaos(world, voximplantCommands, resetVoximplant, { numRuns, seed, path: values.path }).finally(() => world.close());
  },
  dapr: async () => {
    const world = await startDaprWorld();
    await runChaos(world, daprCommands, resetDapr, { numRuns, seed, path: values.path }).finally(() => world.close());
  },
  gcore: async () => {
    const world = await startGcoreWorld();
    await runChaos(world, gcoreCommands, resetGcore, { numRuns, seed, path: values.path }).finally(() => world.close());
  },
};
for (const [vendor, run] of Object.entries(vendors)) {
  if (values.vendor !== undefined && values.vendor !== vendor) continue;
  const started = performance.now();
  try {
    await run();
    console.log(`ok   ${vendor.padEnd(10)} ${numRuns} runs in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    console.log(`FAIL ${vendor.padEnd(10)} replay: npm run test:chaos -- --vendor ${vendor} --seed ${seed} --runs ${numRuns}`);
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
