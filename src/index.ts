/**
 * typed-secrets: typed clients for the Voximplant, Dapr and Gcore secrets APIs. Secret references for a child
 * process (`runWithSecrets`) have their own entry, `typed-secrets/run`; the emulators theirs, `typed-secrets/emulator`.
 *
 * @example
 * ```ts
 * import { createDaprClient, NotFoundError, type SecretReader } from "typed-secrets";
 * ```
 */
export * from "./core/errors.js";
export type { ProviderName } from "./providers/names.js";
export type {
  SecretDeleter,
  SecretLister,
  SecretReader,
  SecretStore,
  SecretStoreBase,
  SecretSummary,
  SecretWriter,
  ReadOptions,
} from "./core/capabilities.js";
export type { CallOptions, ClientOptions, CredentialSource, Environment } from "./core/options.js";
export type { WaitOptions } from "./core/wait.js";
export { createVoximplantClient, VOXIMPLANT_BASE_URL } from "./providers/voximplant/client.js";
export type {
  VoximplantApplication,
  VoximplantClient,
  VoximplantClientOptions,
  VoximplantSecret,
  VoximplantSecretInfo,
  VoximplantSecretRef,
} from "./providers/voximplant/client.js";
export {
  parseVoximplantCredentials,
  readVoximplantCredentialsFile,
  type VoximplantCredentials,
} from "./providers/voximplant/credentials.js";
export { createDaprClient, DAPR_BASE_URL } from "./providers/dapr/client.js";
export type { DaprClient, DaprClientOptions, DaprGetOptions } from "./providers/dapr/client.js";
export { createGcoreClient, GCORE_BASE_URL } from "./providers/gcore/client.js";
export type {
  GcoreCertificateUpload,
  GcoreClient,
  GcoreClientOptions,
  GcoreLocation,
  GcoreSecret,
  GcoreSecretType,
  GcoreTask,
  GcoreTaskState,
  GcoreWaitOptions,
} from "./providers/gcore/client.js";
