// `npm run test:mutation [-- group…] [-- --incremental]` (not in CI): Stryker over src/core and src/providers, one group at
// a time, each group's mutants against the tests that are about them (MUTATION_TESTS, read by
// vitest.mutation.config.ts). One run over everything made every mutant wait for the slow tests (heap snapshots, real
// timeouts): ~12 mutants a minute here. Every run tests every mutant: Stryker's incremental mode (opt-in) reused
// survivors' results after new tests were added, so it can report a stale score. Prints each group's
// counts and the total score; reports in .tmp/mutation/<group>.html. MUTATION_PROGRESS=1 shows Stryker's progress.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";

// Tests that drive every client (leaks, redaction): they are about each provider's code too.
const CLIENT_WIDE = ["src/redaction.test.ts", "src/no-secret-leaks.test.ts", "src/providers/client-api.test.ts"];
const GROUPS = {
  "core-pure": {
    mutate: ["redact", "paginate", "runtime", "validate", "retry", "wait", "http-errors", "inspect"].map((name) => `src/core/${name}.ts`),
    // Each module's rules, one by one, in its own tests.
    tests: ["src/core/*.test.ts"],
  },
  "core-transport": {
    mutate: ["transport", "answer", "attempt-failures", "options", "errors", "abort"].map((name) => `src/core/${name}.ts`),
    // Their own tests, and the clients' (credentials for one origin only, re-signing and retries of writes are only
    // reached through a client).
    tests: [
      "src/core/*.test.ts",
      "src/providers/dapr/*.test.ts",
      "src/providers/gcore/client.test.ts",
      ...["client", "answers", "credentials"].map((name) => `src/providers/voximplant/${name}.test.ts`),
      ...CLIENT_WIDE,
    ],
  },
  "core-calls": {
    // The call wrapper every facade method goes through, and bounded file reads.
    mutate: ["provider-client", "bounded-file"].map((name) => `src/core/${name}.ts`),
    tests: ["src/core/*.test.ts", "src/providers/dapr/*.test.ts", "src/providers/voximplant/credentials.test.ts", ...CLIENT_WIDE],
  },
  voximplant: { mutate: ["src/providers/voximplant/*.ts", "!src/**/*.test.ts"], tests: ["src/providers/voximplant/*.test.ts", ...CLIENT_WIDE] },
  dapr: { mutate: ["src/providers/dapr/*.ts", "!src/**/*.test.ts"], tests: ["src/providers/dapr/*.test.ts", ...CLIENT_WIDE] },
  gcore: { mutate: ["src/providers/gcore/*.ts", "!src/**/*.test.ts"], tests: ["src/providers/gcore/*.test.ts", ...CLIENT_WIDE] },
};
// The groups named on the command line, in that order; else all of them.
const named = process.argv.slice(2).filter((arg) => !arg.startsWith("--"));
const chosen = named.length > 0 ? named : Object.keys(GROUPS);
const totals = { killed: 0, timeout: 0, survived: 0, noCoverage: 0 };
for (const group of chosen) {
  if (!GROUPS[group]) throw new Error(`unknown group ${group} (groups: ${Object.keys(GROUPS).join(", ")})`);
  const { mutate, tests } = GROUPS[group];
  const started = Date.now();
  const report = `.tmp/mutation/${group}`;
  // One config per group, beside its reports: the shared options, this group's mutants and report files.
  mkdirSync(".tmp/mutation", { recursive: true });
  // --incremental reuses the last results of unchanged mutants; it did not re-test survivors against new test files.
  const options = {
    mutate,
    incremental: process.argv.includes("--incremental"),
    incrementalFile: `${report}.incremental.json`,
    concurrency: Number(process.env.MUTATION_CONCURRENCY ?? 4),
    htmlReporter: { fileName: `${report}.html` },
    jsonReporter: { fileName: `${report}.json` },
  };
  writeFileSync(`${report}.config.mjs`, `import base from "../../stryker.config.mjs";\nexport default { ...base, ...${JSON.stringify(options)} };\n`);
  execFileSync("npx", ["stryker", "run", `${report}.config.mjs`], {
    stdio: ["ignore", process.env.MUTATION_PROGRESS ? "inherit" : "ignore", "inherit"],
    env: { ...process.env, MUTATION_TESTS: tests.join(",") },
  });
  const counts = { killed: 0, timeout: 0, survived: 0, noCoverage: 0 };
  for (const file of Object.values(JSON.parse(readFileSync(`${report}.json`, "utf8")).files))
    for (const mutant of file.mutants) {
      const key = { Killed: "killed", Timeout: "timeout", Survived: "survived", NoCoverage: "noCoverage" }[mutant.status];
      if (key) counts[key] += 1;
    }
  for (const key of Object.keys(totals)) totals[key] += counts[key];
  const score = (c) => ((100 * (c.killed + c.timeout)) / (c.killed + c.timeout + c.survived + c.noCoverage)).toFixed(1);
  console.log(`${group.padEnd(15)} ${score(counts)} %  ${JSON.stringify(counts)}  ${Math.round((Date.now() - started) / 1000)} s`);
  if (group === chosen.at(-1)) console.log(`${"total".padEnd(15)} ${score(totals)} %  ${JSON.stringify(totals)}`);
}
