/** Subpath entry `typed-secrets/dapr`: the dapr client alone, with the shared error model. */
export * from "./providers/dapr.js";
export * from "./errors.js";
export type { CallOptions, ClientOptions, CredentialSource } from "./core/options.js";
