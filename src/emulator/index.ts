/**
 * `typed-secrets/emulator`: stateful emulators of the three APIs, for tests (yours and ours), the CLI's `--mock`
 * and the tour. Each listens on 127.0.0.1, holds its state in memory, and answers `{ url, env, requests, faults,
 * close }`; behaviour follows the vendors' docs and runtime code, and what is not known is an option marked
 * UNVERIFIED in the README.
 *
 * @example
 * ```ts
 * const voximplant = await startVoximplantEmulator();
 * const client = createVoximplantClient({ env: voximplant.env });
 * voximplant.faults.inject("AddSecret", { kind: "reset", when: "after" });
 * await client.addSecret({ name: "apiKey", value: "v" }); // OutcomeUnknownError; the secret exists
 * await voximplant.close();
 * ```
 */
export { type DaprEmulatorOptions, type DaprStoreKind, type DaprStoreSeed, startDaprEmulator } from "./dapr.js";
export { type GcoreEmulatorOptions, type GcoreSeedSecret, startGcoreEmulator } from "./gcore.js";
export type { Arrival, Emulator, Fault, Faults } from "./server.js";
export { startVoximplantEmulator, type VoximplantEmulatorOptions, type VoximplantSeed } from "./voximplant.js";
