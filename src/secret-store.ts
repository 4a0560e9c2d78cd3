/**
 * The interface the three providers share, split by capability: code written against "a store that
 * can read" works with any of them, and calling an operation a provider lacks is a compile error.
 *
 * The `name` of a secret is the provider's key for it: Voximplant's and Dapr's secret name, Gcore's
 * secret id (UUID).
 *
 * @example
 * ```ts
 * async function databaseUrl(store: SecretReader): Promise<string> {
 *   return await store.getSecretValue("database_url");
 * }
 * ```
 */
import type { ProviderName } from "./errors.js";
import type { CallOptions } from "./core/options.js";

export interface SecretSummary {
  name: string;
  description?: string | undefined;
  createdAt?: Date | undefined;
  updatedAt?: Date | undefined;
}

export interface ReadOptions extends CallOptions {
  /** For stores whose secrets hold several keys (Dapr on Kubernetes): which key to return. */
  key?: string;
}

export interface SecretStoreBase {
  readonly provider: ProviderName;
}

export interface SecretReader extends SecretStoreBase {
  /** The secret's value. Throws NotFoundError when there is no such secret. */
  getSecretValue(name: string, options?: ReadOptions): Promise<string>;
}

export interface SecretLister extends SecretStoreBase {
  /** Every secret's summary (never a value), fetching pages as the iteration goes. */
  listSecrets(options?: CallOptions): AsyncIterable<SecretSummary>;
}

export interface SecretWriter extends SecretStoreBase {
  /** Creates the secret or replaces its value. */
  setSecret(name: string, value: string, options?: CallOptions): Promise<void>;
}

export interface SecretDeleter extends SecretStoreBase {
  /** Deletes the secret. Throws NotFoundError when there is no such secret. */
  deleteSecret(name: string, options?: CallOptions): Promise<void>;
}

/** A store with every capability. */
export type SecretStore = SecretReader & SecretLister & SecretWriter & SecretDeleter;
