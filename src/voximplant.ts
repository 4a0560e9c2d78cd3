/** Subpath entry `typed-secrets/voximplant`: the voximplant client alone, with the shared error model. */
export * from "./providers/voximplant.js";
export * from "./errors.js";
export type { CallOptions, ClientOptions, CredentialSource } from "./core/options.js";
export { parseVoximplantCredentials, readVoximplantCredentialsFile, type VoximplantCredentials } from "./auth/voximplant-credentials.js";
