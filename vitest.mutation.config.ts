// The tests Stryker runs against the mutants of one group (scripts/mutation.mjs sets MUTATION_TESTS to the group's
// test files; without it: every unit test of src/core and src/providers, and the leak and redaction tests).
import { defineConfig } from "vitest/config";

const DEFAULT = ["src/core/**/*.test.ts", "src/providers/**/*.test.ts", "src/no-secret-leaks.test.ts", "src/redaction.test.ts"];

export default defineConfig({
  test: {
    include: process.env.MUTATION_TESTS ? process.env.MUTATION_TESTS.split(",") : DEFAULT,
    // Instrumented code runs slower: the 20-million-character validation test needs more than the default 5 s.
    testTimeout: 60_000,
  },
});
