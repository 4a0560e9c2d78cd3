// `npm run test:mutation [-- group…] [-- --incremental]` (not in CI): Stryker over src/core and src/providers, one group at
// a time, each group's mutants against the tests that are about them (MUTATION_TESTS, read by
// vitest.mutation.config.ts). One run over everything made every mutant wait for the slow tests (heap snapshots, real
// timeouts): ~12 mutants a minute here. Every run tests every mutant: Stryker's incremental mode (opt-in) reused
// survivors' results after new tests were added, so it can report a stale score. Prints each group's
// counts and the total score; reports in .tmp/mutation/<group>.html. MUTATION_PROGRESS=1 shows Stryker's progress.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";

// Tests that drive every client (leaks, redaction, the pinned messages): they are about each provider's code too.
const CLIENT_WIDE = ["src/client-api.test.ts", "src/redaction.test.ts", "src/no-secret-leaks.test.ts", "src/error-messages.test.ts"];
// Core's own tests, and the clients' (credentials for one origin only, re-signing, retries of writes and the transports'
// timeouts are only reached through a client).
const CORE_AND_CLIENTS = ["src/core/*.test.ts", "src/providers/**/*.test.ts", ...CLIENT_WIDE];
const core = (...names) => names.map((name) => `src/core/${name}.ts`);
const sources = (folder) =>
  readdirSync(folder, { recursive: true })
    .map((file) => `${folder}/${file}`)
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts") && !file.endsWith(".test-d.ts"));
const vendor = (name) => ({ mutate: sources(`src/providers/${name}`), tests: [`src/providers/${name}/*.test.ts`, ...CLIENT_WIDE] });
const GROUPS = {
  // Sending one request: the two transports, their choice, cancellation and one attempt's send.
  "core-send": {
    mutate: core("http", "fetch-transport", "node-transport", "transports", "cancellation", "abort", "send-once"),
    tests: CORE_AND_CLIENTS,
  },
  // What an answer means: the verdict, the attempts' failures, the API fetch, request paths and client.api.
  "core-decide": {
    mutate: core("decide", "answer", "attempt-failures", "api-fetch", "request-path", "operations", "lazy-api"),
    tests: CORE_AND_CLIENTS,
  },
  // Rules each module holds alone, one by one, in its own tests.
  "core-pure": {
    mutate: core("redact", "paginate", "runtime", "validate", "retry", "wait", "http-errors", "inspect"),
    tests: ["src/core/*.test.ts", "src/error-messages.test.ts"],
  },
  // The call wrapper every facade method goes through, options, the errors, bounded file reads; the provider names.
  "core-calls": {
    mutate: [...core("provider-client", "options", "errors", "capabilities", "bounded-file"), "src/providers/names.ts"],
    tests: CORE_AND_CLIENTS,
  },
  voximplant: vendor("voximplant"),
  dapr: vendor("dapr"),
  gcore: vendor("gcore"),
};
// Every source file of src/core and src/providers is in exactly one group: a new file cannot go unmeasured.
const grouped = Object.values(GROUPS).flatMap((group) => group.mutate);
for (const file of [...sources("src/core"), ...sources("src/providers")]) {
  const count = grouped.filter((entry) => entry === file).length;
  if (count !== 1) throw new Error(`${file} is in ${count} mutation groups (scripts/mutation.mjs): it must be in exactly one`);
}
for (const file of grouped) if (!existsSync(file)) throw new Error(`mutation group lists ${file}, which does not exist`);
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
