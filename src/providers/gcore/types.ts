// The Gcore client's public types: its options, uploads and methods.
import type { Client } from "openapi-fetch";
import type { paths } from "../../../generated/gcore.js";
import type { SecretDeleter, SecretLister } from "../../core/capabilities.js";
import type { CallOptions, ClientOptions, CredentialSource, Environment } from "../../core/options.js";
import type { WaitOptions } from "../../core/wait.js";
import type { GcoreSecret, GcoreTask } from "./wire.js";

/** Options of `createGcoreClient`: the shared `ClientOptions`, the API key, project, region and task polling. */
export interface GcoreClientOptions extends ClientOptions {
  /** API token, sent as `Authorization: APIKey <token>`. Default: env `GCORE_API_KEY`. */
  apiKey?: CredentialSource<string>;
  /** Default: env `GCORE_CLOUD_PROJECT_ID`. */
  projectId?: number;
  /** Default: env `GCORE_CLOUD_REGION_ID`. */
  regionId?: number;
  /** Task polling defaults (the official SDKs': every 3 s, at most 7200 s). */
  taskPolling?: { intervalMs?: number; timeoutMs?: number };
  /** Environment to read defaults from. Default `process.env`. */
  env?: Environment;
}

/** The project and region a call addresses, when it is not the client's default. */
export interface GcoreLocation {
  projectId?: number;
  regionId?: number;
}

/** A TLS certificate to upload: its name, PEM certificate, private key and optional chain. */
export interface GcoreCertificateUpload {
  name: string;
  /** PEM. */
  certificate: string;
  /** PEM. Sent once, never readable again. */
  privateKey: string;
  /** PEM, intermediates and root concatenated. */
  certificateChain: string;
  expiresAt?: Date;
}

/** How long a Gcore task may run and how often it is polled (`WaitOptions` with the task as progress). */
export type GcoreWaitOptions = WaitOptions<GcoreTask>;

/** Payloads are write-only in Gcore: this type has no way to read a secret's value. */
export interface GcoreClient extends SecretLister, SecretDeleter {
  readonly provider: "gcore";
  readonly api: Client<paths>;
  /** Every secret of the project and region, page by page until the total `count`. No payloads. */
  listSecrets(options?: CallOptions & GcoreLocation & { pageSize?: number }): AsyncIterable<GcoreSecret>;
  /** One secret's metadata by id (payloads are write-only). */
  getSecret(id: string, options?: CallOptions & GcoreLocation): Promise<GcoreSecret>;
  /** Starts the upload; answers the task ids to poll. Never retried once sent. */
  uploadCertificate(input: GcoreCertificateUpload, options?: CallOptions & GcoreLocation): Promise<{ taskIds: string[] }>;
  /** Uploads, waits for the task and returns the created secret; a failed task throws TaskFailedError. */
  uploadCertificateAndWait(input: GcoreCertificateUpload, options?: GcoreWaitOptions & GcoreLocation): Promise<GcoreSecret>;
  /** Starts the deletion; answers the task ids (none when there was nothing to do). */
  startDeleteSecret(id: string, options?: CallOptions & GcoreLocation): Promise<{ taskIds: string[] }>;
  /** Deletes and waits for the deletion to finish. */
  deleteSecret(id: string, options?: GcoreWaitOptions & GcoreLocation): Promise<void>;
  /** Polls a task until it finishes; a failed task throws TaskFailedError, a wait past `timeoutMs` TimeoutError. */
  waitForTask(taskId: string, options?: GcoreWaitOptions): Promise<GcoreTask>;
}
