// The tests Stryker runs against the mutants of one group (scripts/mutation.mjs sets MUTATION_TESTS to the group's
// test files; without it: every unit test of src/core and src/providers, and the leak and redaction tests).
import { defineConfig } from "vitest/config";
import { makeRsaKey, PREPARED_TEST_KEYS } from "./src/testing/observed-fetch.js";

const DEFAULT = [
  "src/core/**/*.test.ts",
  "src/providers/**/*.test.ts",
  "src/client-api.test.ts",
  "src/no-secret-leaks.test.ts",
  "src/redaction.test.ts",
];

// Every mutant re-imports its test files, and each Voximplant test file makes an RSA pair on import: made here once
// per Stryker worker instead (in memory only, never written), handed to the files through the environment.
process.env[PREPARED_TEST_KEYS] ??= JSON.stringify(Array.from({ length: 4 }, () => makeRsaKey(2048)));

export default defineConfig({
  test: {
    include: process.env.MUTATION_TESTS ? process.env.MUTATION_TESTS.split(",") : DEFAULT,
    // Instrumented code runs slower: the 20-million-character validation test needs more than the default 5 s.
    testTimeout: 60_000,
  },
});
