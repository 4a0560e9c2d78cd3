// Property-based request fuzzing of every facade method against the Prism mocks: an input the client
// accepts is accepted by Prism (never a 422); an input it refuses is one the spec or the documented
// rules forbid. Seeded by FUZZ_SEED (printed with the case count); at least 1,000 cases per run.
import { afterAll, describe, expect, it } from "vitest";
import { mockUrl } from "./support/context.js";
import { daprTargets } from "./fuzz/dapr.js";
import { gcoreTargets } from "./fuzz/gcore.js";
import { FUZZ_SEED, fuzz, type FuzzStats, type FuzzTarget } from "./fuzz/harness.js";
import { voximplantTargets } from "./fuzz/voximplant.js";
import type { ProviderName } from "../src/providers/names.js";

const MIN_CASES = 1_000;
const stats: FuzzStats = { cases: 0, accepted: 0, rejected: 0, deviations: new Map() };
// biome-ignore lint/suspicious/noExplicitAny: one list of targets whose clients differ by provider.
const targets: Array<FuzzTarget<ProviderName, any>> = [...voximplantTargets, ...daprTargets, ...gcoreTargets];

describe(`request fuzzing (FUZZ_SEED=${FUZZ_SEED})`, () => {
  afterAll(() => {
    const deviations = [...stats.deviations].map(([bug, count]) => `\n  ${count} × ${bug}`).join("");
    const kept = stats.cases - stats.accepted - stats.rejected;
    const purpose = deviations ? `; refused on purpose though the spec allows it (contract-tests/fuzz-findings.test.ts):${deviations}` : "";
    const counts = `${stats.accepted} sent, ${stats.rejected} refused by the client, ${kept} kept out`;
    console.log(`[fuzz] seed ${FUZZ_SEED}: ${stats.cases} generated cases (${counts})${purpose}`);
  });

  it.each(targets.map((target) => [`${target.provider}.${target.method}`, target] as const))("%s", async (_name, target) => {
    await fuzz(target, mockUrl(target.provider), stats);
  });

  it(`checked at least ${MIN_CASES} generated cases across the APIs`, () => {
    expect(stats.accepted + stats.rejected).toBeGreaterThanOrEqual(MIN_CASES);
  });
});
