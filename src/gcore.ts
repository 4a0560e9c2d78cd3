/** Subpath entry `typed-secrets/gcore`: the gcore client alone, with the shared error model. */
export * from "./providers/gcore/client.js";
export * from "./core/errors.js";
export type { CallOptions, ClientOptions, CredentialSource } from "./core/options.js";
