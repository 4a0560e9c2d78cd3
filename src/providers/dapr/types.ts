// The Dapr client's public types: its options and methods.
import type { Client } from "openapi-fetch";
import type { paths } from "../../../generated/dapr.js";
import type { SecretLister, SecretReader } from "../../core/capabilities.js";
import type { CallOptions, ClientOptions, CredentialSource, Environment } from "../../core/options.js";
import type { WaitOptions } from "../../core/wait.js";

/** Options of `createDaprClient`: the shared `ClientOptions`, a default store and the sidecar's API token. */
export interface DaprClientOptions extends ClientOptions {
  /** Default store for getSecretValue / listSecrets. */
  store?: string;
  /** Sent as `dapr-api-token` when the sidecar enforces one. Default: env `DAPR_API_TOKEN`. */
  apiToken?: CredentialSource<string>;
  /** Environment to read `DAPR_HTTP_ENDPOINT`, `DAPR_HTTP_PORT`, `DAPR_API_TOKEN` from. Default `process.env`. */
  env?: Environment;
}

/** Per-call options of the Dapr reads: the shared `CallOptions` and the store's metadata. */
export interface DaprGetOptions extends CallOptions {
  /** Store-specific options, sent as `metadata.<key>=<value>` (e.g. `{ version_id: "15" }`). */
  metadata?: Record<string, string>;
}

/** Read-only by design: Dapr's secrets API has no write, so this type has no write methods. */
export interface DaprClient extends SecretReader, SecretLister {
  readonly provider: "dapr";
  readonly api: Client<paths>;
  /** Every key and value of one secret. */
  getSecret(store: string, name: string, options?: DaprGetOptions): Promise<Record<string, string>>;
  /** Every secret the scope policy allows: name → (key → value). */
  getBulkSecret(store: string, options?: DaprGetOptions): Promise<Record<string, Record<string, string>>>;
  /** Waits until `/v1.0/healthz/outbound` answers 204 (components loaded). Default limit 60 s. */
  waitUntilReady(options?: WaitOptions<number>): Promise<void>;
}
