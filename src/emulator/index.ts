/**
 * `typed-secrets/emulator`: stateful emulators of the three APIs, for tests (yours and ours), the CLI's `--mock`
 * and the tour. Each listens on 127.0.0.1, holds its state in memory, and answers `{ url, env, requests, faults,
 * close }`; behaviour follows the vendors' docs, runtime code and official SDKs, and what is not known is an option
 * marked UNVERIFIED (the README's fidelity table lists every behaviour with its source).
 *
 * @example
 * ```ts
 * const voximplant = await startVoximplantEmulator();
 * const client = createVoximplantClient({ env: voximplant.env });
 * voximplant.faults.inject("AddSecret", { kind: "reset", when: "after" });
 * await client.addSecret({ name: "apiKey", value: "v" }); // OutcomeUnknownError; the secret exists
 * await voximplant.close();
 * ```
 * @module
 */
export {
  type DaprEmulator,
  type DaprEmulatorOptions,
  type DaprOperation,
  type DaprSecretValue,
  type DaprStoreKind,
  type DaprStoreSeed,
  startDaprEmulator,
} from "./dapr.js";
export {
  type GcoreEmulator,
  type GcoreEmulatorOptions,
  type GcoreOperation,
  type GcoreSecretType,
  type GcoreSeedSecret,
  startGcoreEmulator,
} from "./gcore.js";
export type { Arrival, Emulator, Fault, Faults } from "./server.js";
export { type TestCertificate, testCertificate } from "./test-certificate.js";
export {
  startVoximplantEmulator,
  type VoximplantEmulator,
  type VoximplantEmulatorOptions,
  type VoximplantErrorCodes,
  type VoximplantOperation,
  type VoximplantSeed,
} from "./voximplant.js";
