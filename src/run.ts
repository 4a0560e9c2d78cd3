/**
 * Subpath entry `typed-secrets/run`: secret references (`voximplant://APP/NAME`, `dapr://STORE/NAME#KEY`) resolved into
 * a child process's environment, as the CLI's `run` does. Its own entry, so that the root entry imports no
 * `node:child_process` and loads in a Worker.
 *
 * @example
 * ```ts
 * import { createVoximplantClient } from "typed-secrets";
 * import { runWithSecrets } from "typed-secrets/run";
 *
 * const { exitCode } = await runWithSecrets({
 *   command: "node",
 *   args: ["server.js"],
 *   references: { DB_PASSWORD: "voximplant://my-app/dbPassword" },
 *   clients: { voximplant: createVoximplantClient() },
 * });
 * ```
 */
export {
  CommandStartError,
  parseSecretReference,
  resolveSecretReferences,
  runWithSecrets,
  SecretReferenceError,
  SECRET_REFERENCE_SCHEMES,
  watchWithSecrets,
} from "./run-with-secrets.js";
export type {
  RunWithSecretsOptions,
  RunWithSecretsResult,
  SecretReference,
  SecretReferenceClients,
  SecretReferenceFailure,
  WatchClients,
  WatchClock,
  WatchEvent,
  WatchWithSecretsOptions,
} from "./run-with-secrets.js";
