// The tests Stryker runs against each mutant of src/core and src/providers: their unit tests and the cross-cutting
// leak and redaction tests (no CLI processes: they test the CLI, and take seconds each).
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/core/**/*.test.ts", "src/providers/**/*.test.ts", "src/no-secret-leaks.test.ts", "src/redaction.test.ts"],
  },
});
