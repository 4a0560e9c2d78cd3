/** Subpath entry `typed-secrets/voximplant`: the voximplant client alone, with the shared error model. */
export * from "./providers/voximplant/client.js";
export * from "./core/errors.js";
export type { CallOptions, ClientOptions, CredentialSource } from "./core/options.js";
export {
  parseVoximplantCredentials,
  readVoximplantCredentialsFile,
  type VoximplantCredentials,
} from "./providers/voximplant/credentials.js";
