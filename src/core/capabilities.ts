/**
 * The interface the three providers share, split by capability: code written against "a store that
 * can read" works with any of them, and calling an operation a provider lacks is a compile error.
 *
 * Secrets are addressed by a `key`: a name or an id, whichever the vendor reads and deletes by.
 * Listed summaries carry it, so a listed secret can always be read or deleted by `summary.key`.
 *
 * @example
 * ```ts
 * import type { SecretReader } from "typed-secrets";
 *
 * export async function databaseUrl(store: SecretReader): Promise<string> {
 *   return await store.getSecretValue("database_url");
 * }
 * ```
 */
import type { CallOptions } from "./options.js";

/** One listed secret: its key, name and what the vendor says about it (never its value). */
export interface SecretSummary {
  /** What getSecretValue and deleteSecret take for this secret (a name, or an id where the vendor has only ids). */
  key: string;
  /** The secret's name as the provider shows it. */
  name: string;
  description?: string | undefined;
  createdAt?: Date | undefined;
  updatedAt?: Date | undefined;
}

/** Options of `getSecretValue`: the shared `CallOptions` and, for multi-key stores, the key. */
export interface ReadOptions extends CallOptions {
  /** For stores whose secrets hold several keys (e.g. on Kubernetes): which key to return. */
  key?: string;
}

/** What every store names about itself, whatever it can do. */
export interface SecretStoreBase {
  /** The vendor, as its client names itself (`ProviderName` lists them). */
  readonly provider: string;
}

/** A store that can read a secret's value. */
export interface SecretReader extends SecretStoreBase {
  /** The secret's value. Throws NotFoundError when there is no such secret. */
  getSecretValue(key: string, options?: ReadOptions): Promise<string>;
}

/** A store that can list its secrets (names and metadata, no values). */
export interface SecretLister extends SecretStoreBase {
  /** Every secret's summary (never a value), fetching pages as the iteration goes. */
  listSecrets(options?: CallOptions): AsyncIterable<SecretSummary>;
}

/** A store that can create or replace a secret's value. */
export interface SecretWriter extends SecretStoreBase {
  /** Creates the secret or replaces its value. */
  setSecret(key: string, value: string, options?: CallOptions): Promise<void>;
}

/** A store that can delete a secret. */
export interface SecretDeleter extends SecretStoreBase {
  /** Deletes the secret. Throws NotFoundError when there is no such secret. */
  deleteSecret(key: string, options?: CallOptions): Promise<void>;
}

/** A store with every capability. */
export type SecretStore = SecretReader & SecretLister & SecretWriter & SecretDeleter;
