// The Voximplant client's public types: its options, its secrets and its methods.
import type { Client } from "openapi-fetch";
import type { paths } from "../../../generated/voximplant.js";
import type { SecretStore, SecretSummary } from "../../core/capabilities.js";
import type { CallOptions, ClientOptions, CredentialSource, Environment } from "../../core/options.js";
import type { VoximplantCredentials } from "./credentials.js";

export type VoximplantApplication = { id: number; name?: never } | { name: string; id?: never };
export type VoximplantSecretRef = { id: number; name?: never } | { name: string; id?: never };

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

export interface VoximplantSecretInfo extends SecretSummary {
  id: number;
}

export interface VoximplantSecret extends VoximplantSecretInfo {
  value: string;
}

export interface WithApplication {
  /** Overrides the client's application for this call. */
  application?: VoximplantApplication;
}

export interface VoximplantClient extends SecretStore {
  readonly provider: "voximplant";
  /** The typed openapi-fetch client for every operation, with auth, retries and timeouts applied. */
  readonly api: Client<paths>;
  addSecret(input: { name: string; value: string; description?: string } & WithApplication, options?: CallOptions): Promise<{ id: number }>;
  /** Updates the secret's value (and description), or adds it when SetSecretInfo finds no such secret. */
  upsertSecret(
    input: { name: string; value: string; description?: string } & WithApplication,
    options?: CallOptions,
  ): Promise<{ action: "updated" } | { action: "added"; id: number }>;
  listSecrets(options?: CallOptions & WithApplication & { namePart?: string; pageSize?: number }): AsyncIterable<VoximplantSecretInfo>;
  getSecret(ref: VoximplantSecretRef & WithApplication, options?: CallOptions): Promise<VoximplantSecret>;
  updateSecret(
    ref: VoximplantSecretRef & WithApplication & { newName?: string; value?: string; description?: string },
    options?: CallOptions,
  ): Promise<void>;
  deleteSecrets(target: ({ ids: number[] } | { names: string[] } | { all: true }) & WithApplication, options?: CallOptions): Promise<void>;
}
