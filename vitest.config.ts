import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["src/**/*.test.ts", "scripts/**/*.test.ts"],
          typecheck: { enabled: true, include: ["src/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
        },
      },
      {
        test: {
          name: "contract",
          include: ["contract-tests/**/*.test.ts"],
          exclude: ["contract-tests/scenarios/**", "contract-tests/emulated/**"],
          // Starts the Prism mocks (and live proxies) on free ports; closes them at the end.
          globalSetup: ["contract-tests/global-setup.ts"],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: "emulated",
          // The replay cases against the emulators through prism proxy: their answers validated against the specs.
          include: ["contract-tests/emulated/**/*.test.ts"],
          globalSetup: ["contract-tests/emulated/global-setup.ts"],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: "scenarios",
          // The clients against the stateful emulators (typed-secrets/emulator), each file starting its own.
          include: ["contract-tests/scenarios/**/*.test.ts"],
          testTimeout: 30_000,
        },
      },
    ],
  },
});
