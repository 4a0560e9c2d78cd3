// Stryker with the vitest runner over src/core and src/providers (the JWT code included). `npm run test:mutation`
// (scripts/mutation.mjs, not in CI) runs it one group at a time against each group's own tests.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutation.config.ts" },
  mutate: ["src/core/**/*.ts", "src/providers/**/*.ts", "!src/**/*.test.ts", "!src/**/*.test-d.ts"],
  coverageAnalysis: "perTest",
  ignoreStatic: true,
  concurrency: 2,
  timeoutMS: 15_000,
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: ".tmp/mutation/report.html" },
  jsonReporter: { fileName: ".tmp/mutation/report.json" },
  tempDirName: ".tmp/stryker-tmp",
  thresholds: { high: 80, low: 60, break: null },
};
