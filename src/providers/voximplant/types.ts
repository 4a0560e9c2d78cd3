// The Voximplant client's public types: its options, its secrets and its methods.
import type { Client } from "openapi-fetch";
import type { paths } from "../../../generated/voximplant.js";
import type { SecretStore, SecretSummary } from "../../core/capabilities.js";
import type { CallOptions, ClientOptions, CredentialSource, Environment } from "../../core/options.js";
import type { VoximplantCredentials } from "./credentials.js";

/** An application, by its numeric id or its name (one of the two). */
export type VoximplantApplication = { id: number; name?: never } | { name: string; id?: never };
/** A secret, by its numeric id or its name (one of the two). */
export type VoximplantSecretRef = { id: number; name?: never } | { name: string; id?: never };

/** Options of `createVoximplantClient`: the shared `ClientOptions`, credentials and a default application. */
export interface VoximplantClientOptions extends ClientOptions {
  /** Service-account credentials, or a function returning them. */
  credentials?: CredentialSource<VoximplantCredentials>;
  /** Path of `credentials.json` (flat or `{result}`). Default: env `VOXIMPLANT_CREDENTIALS`. */
  credentialsFile?: string;
  /** The application whose secrets to use. Default: env `VOXIMPLANT_APPLICATION_ID` or `VOXIMPLANT_APPLICATION_NAME`. */
  application?: VoximplantApplication;
  /** JWT lifetime in seconds (tokens are reused until 60 s before expiry). Default 600. */
  jwtLifetimeSeconds?: number;
  /** Environment to read defaults from (also `VOXIMPLANT_BASE_URL`). Default `process.env`. */
  env?: Environment;
}

/** A listed secret: its summary and its numeric id. */
export interface VoximplantSecretInfo extends SecretSummary {
  id: number;
}

/** A secret as `getSecret` answers it: its metadata and its value. */
export interface VoximplantSecret extends VoximplantSecretInfo {
  value: string;
}

export interface WithApplication {
  /** Overrides the client's application for this call. */
  application?: VoximplantApplication;
}

/** A client for one account's secrets: every capability, and the Management API's own methods by name. */
export interface VoximplantClient extends SecretStore {
  readonly provider: "voximplant";
  /** The typed openapi-fetch client for every operation, with auth, retries and timeouts applied. */
  readonly api: Client<paths>;
  /** Adds a secret (AddSecret); a name already taken is a ConflictError. Never retried once sent. */
  addSecret(input: { name: string; value: string; description?: string } & WithApplication, options?: CallOptions): Promise<{ id: number }>;
  /** Updates the secret's value (and description), or adds it when SetSecretInfo finds no such secret. */
  upsertSecret(
    input: { name: string; value: string; description?: string } & WithApplication,
    options?: CallOptions,
  ): Promise<{ action: "updated" } | { action: "added"; id: number }>;
  /** Every secret of the application (GetSecrets), page by page; `namePart` filters by name. No values. */
  listSecrets(options?: CallOptions & WithApplication & { namePart?: string; pageSize?: number }): AsyncIterable<VoximplantSecretInfo>;
  /** One secret with its value (GetSecretValue), by id or name. */
  getSecret(ref: VoximplantSecretRef & WithApplication, options?: CallOptions): Promise<VoximplantSecret>;
  /** Renames a secret or replaces its value or description (SetSecretInfo). */
  updateSecret(
    ref: VoximplantSecretRef & WithApplication & { newName?: string; value?: string; description?: string },
    options?: CallOptions,
  ): Promise<void>;
  /** Deletes secrets by ids, by names, or all of the application's (DelSecret). */
  deleteSecrets(target: ({ ids: number[] } | { names: string[] } | { all: true }) & WithApplication, options?: CallOptions): Promise<void>;
}
