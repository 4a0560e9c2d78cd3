/** Subpath entry `typed-secrets/dapr`: the dapr client alone, with the shared error model. */
export * from "./providers/dapr/client.js";
export * from "./core/errors.js";
export type { CallOptions, ClientOptions, CredentialSource } from "./core/options.js";
