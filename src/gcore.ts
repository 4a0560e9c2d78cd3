/** Subpath entry `typed-secrets/gcore`: the gcore client alone, with the shared error model. */
export * from "./providers/gcore.js";
export * from "./errors.js";
export type { CallOptions, ClientOptions, CredentialSource } from "./core/options.js";
