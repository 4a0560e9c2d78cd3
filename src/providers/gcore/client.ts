// Gcore Cloud secrets (TLS certificates, write-only payloads): `createGcoreClient(options)`.
import type { paths } from "../../../generated/gcore.js";
import type { Authorize } from "../../core/attempt-failures.js";
import { ConfigurationError } from "../../core/errors.js";
import { showOnly } from "../../core/inspect.js";
import { applyCredential, baseUrlFrom, type CredentialSource } from "../../core/options.js";
import { createProviderClient } from "../../core/provider-client.js";
import { isHeaderValue, parsePositiveInteger } from "../../core/validate.js";
import type { GcoreContext } from "./context.js";
import { deleteSecret, getSecret, listSecrets, startDeleteSecret, uploadCertificate } from "./operations.js";
import { OPERATIONS } from "./spec.js";
import { taskPollingDefaults, waitForTask } from "./tasks.js";
import type { GcoreClient, GcoreClientOptions } from "./types.js";
import { uploadCertificateAndWait } from "./upload-and-wait.js";
import { classifyGcore } from "./wire.js";

export type { GcoreCertificateUpload, GcoreClient, GcoreClientOptions, GcoreLocation, GcoreWaitOptions } from "./types.js";
export type { GcoreSecret, GcoreSecretType, GcoreTask, GcoreTaskState } from "./wire.js";
/** Gcore's API origin, used unless `baseUrl` or `GCORE_BASE_URL` gives another. */
export const GCORE_BASE_URL = "https://api.gcore.com";

/**
 * A client for one Gcore account's Cloud secrets; a missing API key is an error here, not at the first call.
 *
 * @example
 * ```ts
 * import { readFile } from "node:fs/promises";
 * import { createGcoreClient } from "typed-secrets/gcore";
 *
 * const read = (file: string) => readFile(file, "utf8");
 * const [certificate, privateKey, certificateChain] = await Promise.all([read("lb.crt"), read("lb.key"), read("chain.pem")]);
 * const gcore = createGcoreClient({ projectId: 1, regionId: 76 }); // GCORE_API_KEY from the environment
 * const secret = await gcore.uploadCertificateAndWait({ name: "lb-cert", certificate, privateKey, certificateChain });
 * for await (const each of gcore.listSecrets()) console.log(each.id, each.name);
 * ```
 */
export function createGcoreClient(options: GcoreClientOptions = {}): GcoreClient {
  const env = options.env ?? process.env;
  const apiKey = options.apiKey ?? env.GCORE_API_KEY;
  if (apiKey === undefined || apiKey === "")
    throw new ConfigurationError("no API key: pass option apiKey or set GCORE_API_KEY", { provider: "gcore" });
  const { api, resolved, call, redact } = createProviderClient<paths, typeof OPERATIONS>({
    provider: "gcore",
    options,
    baseUrl: baseUrlFrom(options.baseUrl, env, "GCORE_BASE_URL", GCORE_BASE_URL),
    operations: OPERATIONS,
    classify: classifyGcore,
    authorize: apiKeyHeader(apiKey),
  });
  const location = {
    projectId: envInteger(options.projectId, env.GCORE_CLOUD_PROJECT_ID, "projectId", "GCORE_CLOUD_PROJECT_ID"),
    regionId: envInteger(options.regionId, env.GCORE_CLOUD_REGION_ID, "regionId", "GCORE_CLOUD_REGION_ID"),
  };
  const context: GcoreContext = { call, location, taskPolling: taskPollingDefaults(options.taskPolling), redact };
  const client: GcoreClient = {
    provider: "gcore",
    api,
    listSecrets: (listOptions) => listSecrets(context, listOptions),
    getSecret: (id, getOptions) => getSecret(context, id, getOptions),
    uploadCertificate: (input, uploadOptions) => uploadCertificate(context, input, uploadOptions),
    uploadCertificateAndWait: (input, waitOptions) => uploadCertificateAndWait(context, input, waitOptions),
    startDeleteSecret: (id, deleteOptions) => startDeleteSecret(context, id, deleteOptions),
    deleteSecret: (id, waitOptions) => deleteSecret(context, id, waitOptions),
    waitForTask: (taskId, waitOptions) => waitForTask(context, taskId, waitOptions),
  };
  return showOnly(client, "GcoreClient", { provider: "gcore", baseUrl: resolved.baseUrl, transport: resolved.transport });
}

/** `Authorization: APIKey <token>`, as the SDKs send it; a key given with that prefix already is taken as it is. */
function apiKeyHeader(apiKey: CredentialSource<string>): Authorize {
  return (headers) =>
    applyCredential(apiKey, (key) => {
      if (!isHeaderValue(key))
        throw new ConfigurationError("the API key (option apiKey or GCORE_API_KEY) must be a non-empty line of visible characters", {
          provider: "gcore",
        });
      headers.authorization = /^apikey /i.test(key) ? key : `APIKey ${key}`;
    });
}

function envInteger(value: number | undefined, raw: string | undefined, option: string, variable: string): number | undefined {
  if (value === undefined && (raw === undefined || raw === "")) return undefined;
  const candidate = value === undefined ? parsePositiveInteger(raw) : Number.isSafeInteger(value) && value > 0 ? value : undefined;
  if (candidate === undefined)
    throw new ConfigurationError(`${value === undefined ? variable : `option ${option}`} must be a positive integer`, {
      provider: "gcore",
    });
  return candidate;
}
