/**
 * Gcore Cloud secrets (TLS certificates, write-only payloads): `createGcoreClient(options)`.
 *
 * @example
 * ```ts
 * const gcore = createGcoreClient({ projectId: 1, regionId: 76 }); // GCORE_API_KEY from the environment
 * const secret = await gcore.uploadCertificateAndWait({ name: "lb-cert", certificate, privateKey, certificateChain });
 * for await (const each of gcore.listSecrets()) console.log(each.id, each.name);
 * ```
 */
import type { paths } from "../../../generated/gcore.js";
import { applyCredential, baseUrlFrom } from "../../core/options.js";
import { paginate } from "../../core/paginate.js";
import { showOnly } from "../../core/inspect.js";
import { createProviderClient } from "../../core/provider-client.js";
import type { Transport } from "../../core/transport.js";
import { isHeaderValue, parsePositiveInteger, requirePositiveInteger, requireUuid, type FieldContext } from "../../core/validate.js";
import { ConfigurationError, OutcomeUnknownError, ProviderApiError, type SecretsErrorDetails } from "../../core/errors.js";
import { findLostUpload } from "./lost-upload.js";
import { createTaskWaiter } from "./tasks.js";
import type { GcoreClient, GcoreClientOptions, GcoreLocation } from "./types.js";
import { uploadBody } from "./upload.js";
import { gcoreError, toSecret, type Wire } from "./wire.js";

export type { GcoreCertificateUpload, GcoreClient, GcoreClientOptions, GcoreLocation, GcoreWaitOptions } from "./types.js";
export type { GcoreSecret, GcoreSecretType, GcoreTask, GcoreTaskState } from "./wire.js";
export const GCORE_BASE_URL = "https://api.gcore.com";

function envInteger(value: number | undefined, raw: string | undefined, option: string, variable: string): number | undefined {
  if (value === undefined && (raw === undefined || raw === "")) return undefined;
  const candidate = value === undefined ? parsePositiveInteger(raw) : Number.isSafeInteger(value) && value > 0 ? value : undefined;
  if (candidate === undefined)
    throw new ConfigurationError(`${value === undefined ? variable : `option ${option}`} must be a positive integer`, {
      provider: "gcore",
    });
  return candidate;
}

export function createGcoreClient(options: GcoreClientOptions = {}): GcoreClient {
  const env = options.env ?? process.env;
  const apiKey = options.apiKey ?? env.GCORE_API_KEY;
  if (apiKey === undefined || apiKey === "")
    throw new ConfigurationError("no API key: pass option apiKey or set GCORE_API_KEY", { provider: "gcore" });
  const defaults = {
    projectId: envInteger(options.projectId, env.GCORE_CLOUD_PROJECT_ID, "projectId", "GCORE_CLOUD_PROJECT_ID"),
    regionId: envInteger(options.regionId, env.GCORE_CLOUD_REGION_ID, "regionId", "GCORE_CLOUD_REGION_ID"),
  };
  const { api, facade, resolved, call, redact } = createProviderClient<paths>({
    provider: "gcore",
    options,
    baseUrl: baseUrlFrom(options.baseUrl, env, "GCORE_BASE_URL", GCORE_BASE_URL),
    // Reads are repeatable; create and delete are never re-sent once they may have arrived.
    operations: {
      listSecrets: { repeatable: true },
      getSecret: { repeatable: true },
      uploadCertificate: { repeatable: false },
      deleteSecret: { repeatable: false },
      waitForTask: { repeatable: true },
    },
    paths: {
      "GET /cloud/v1/secrets/{project_id}/{region_id}": "listSecrets",
      "GET /cloud/v1/secrets/{project_id}/{region_id}/{secret_id}": "getSecret",
      "POST /cloud/v2/secrets/{project_id}/{region_id}": "uploadCertificate",
      "DELETE /cloud/v1/secrets/{project_id}/{region_id}/{secret_id}": "deleteSecret",
      "GET /cloud/v1/tasks/{task_id}": "waitForTask",
    },
    authorize: (headers) =>
      applyCredential(apiKey, (key) => {
        if (!isHeaderValue(key))
          throw new ConfigurationError("the API key (option apiKey or GCORE_API_KEY) must be a non-empty line of visible characters", {
            provider: "gcore",
          });
        // The SDKs send "APIKey <token>"; accept a key given with that prefix already.
        headers.set("authorization", /^apikey /i.test(key) ? key : `APIKey ${key}`);
      }),
  });
  const send = (request: (fetch: Transport) => Promise<unknown>) => request as (fetch: Transport) => Promise<{ response: Response }>;
  const context = (operation: string): FieldContext => ({ provider: "gcore", operation });
  const details = (operation: string): SecretsErrorDetails => ({ provider: "gcore", operation });
  const location = (given: GcoreLocation | undefined, operation: string) => {
    const projectId = given?.projectId ?? defaults.projectId;
    const regionId = given?.regionId ?? defaults.regionId;
    if (projectId === undefined)
      throw new ConfigurationError("no project: pass option projectId or set GCORE_CLOUD_PROJECT_ID", details(operation));
    if (regionId === undefined)
      throw new ConfigurationError("no region: pass option regionId or set GCORE_CLOUD_REGION_ID", details(operation));
    return {
      project_id: requirePositiveInteger(projectId, "projectId", context(operation)),
      region_id: requirePositiveInteger(regionId, "regionId", context(operation)),
    };
  };
  const taskIds = (data: { tasks?: string[] } | undefined, operation: string) => {
    if (!Array.isArray(data?.tasks)) throw new ProviderApiError("the answer has no task list", details(operation));
    return { taskIds: data.tasks };
  };
  const waiter = createTaskWaiter(
    (taskId, signal, handle) =>
      call(
        "waitForTask",
        signal,
        send((fetch) =>
          facade.GET("/cloud/v1/tasks/{task_id}", {
            params: { path: { task_id: taskId } },
            signal: signal ?? null,
            fetch,
            parseAs: "stream",
          }),
        ),
        handle,
      ),
    options.taskPolling,
  );

  const client: GcoreClient = {
    provider: "gcore",
    api,

    listSecrets(listOptions = {}) {
      const path = location(listOptions, "listSecrets");
      const pageSize =
        listOptions.pageSize === undefined ? 1000 : requirePositiveInteger(listOptions.pageSize, "pageSize", context("listSecrets"), 1000);
      return paginate(
        (offset, limit) =>
          call(
            "listSecrets",
            listOptions.signal,
            send((fetch) =>
              facade.GET("/cloud/v1/secrets/{project_id}/{region_id}", {
                params: { path, query: { limit, offset } },
                signal: listOptions.signal ?? null,
                fetch,
                parseAs: "stream",
              }),
            ),
            (answer, details) => {
              const data = answer.body as Wire<"SecretCollectionSerializer"> | undefined;
              if (answer.status !== 200 || !Array.isArray(data?.results)) throw gcoreError(answer, "listing secrets", details);
              // Whether `count` is the page's or the collection's size is not documented: stop on a short page.
              return { items: data.results.map(toSecret) };
            },
          ),
        pageSize,
        details("listSecrets"),
      );
    },

    async getSecret(id, getOptions = {}) {
      const path = { ...location(getOptions, "getSecret"), secret_id: requireUuid(id, "id", context("getSecret")) };
      const request = send((fetch) =>
        facade.GET("/cloud/v1/secrets/{project_id}/{region_id}/{secret_id}", {
          params: { path },
          signal: getOptions.signal ?? null,
          fetch,
          parseAs: "stream",
        }),
      );
      return call("getSecret", getOptions.signal, request, (answer, details) => {
        if (answer.status !== 200 || !answer.body || typeof answer.body !== "object") throw gcoreError(answer, `secret ${id}`, details);
        return toSecret(answer.body as Wire<"SecretSerializer">);
      });
    },

    async uploadCertificate(input, uploadOptions = {}) {
      const path = location(uploadOptions, "uploadCertificate");
      const body = uploadBody(input, context("uploadCertificate"));
      const request = send((fetch) =>
        facade.POST("/cloud/v2/secrets/{project_id}/{region_id}", {
          params: { path },
          body,
          signal: uploadOptions.signal ?? null,
          fetch,
          parseAs: "stream",
        }),
      );
      return call(
        "uploadCertificate",
        uploadOptions.signal,
        request,
        (answer, details) => {
          if (answer.status !== 200) throw gcoreError(answer, `uploading certificate ${body.name}`, details);
          return taskIds(answer.body as { tasks?: string[] } | undefined, "uploadCertificate");
        },
        Object.values(body.payload),
      );
    },

    async uploadCertificateAndWait(input, waitOptions = {}) {
      let tasks: string[];
      try {
        ({ taskIds: tasks } = await client.uploadCertificate(input, waitOptions));
      } catch (error) {
        if (!(error instanceof OutcomeUnknownError)) throw error;
        const { projectId, regionId } = waitOptions;
        const list = (signal: AbortSignal | undefined) =>
          client.listSecrets({ ...(projectId ? { projectId } : {}), ...(regionId ? { regionId } : {}), ...(signal ? { signal } : {}) });
        const intervalMs = Math.max(1_000, waitOptions.intervalMs ?? options.taskPolling?.intervalMs ?? 3_000);
        const found = await findLostUpload(list, input.name, error, {
          intervalMs,
          timeoutMs: waitOptions.timeoutMs,
          signal: waitOptions.signal,
        });
        return await client.getSecret(found.id, waitOptions);
      }
      if (tasks.length === 0) throw new ProviderApiError("the upload started no task", details("uploadCertificate"));
      // A failed task's message may quote the payload (a key that does not match the certificate).
      const task = await waiter.wait(tasks[0]!, waitOptions).catch((error: unknown) => {
        throw redact(error, [input.certificate, input.privateKey, input.certificateChain]);
      });
      const id = task.createdSecretIds[0];
      if (!id) throw new ProviderApiError(`task ${task.id} finished without a created secret`, details("uploadCertificate"));
      return await client.getSecret(id, waitOptions);
    },

    async startDeleteSecret(id, deleteOptions = {}) {
      const path = { ...location(deleteOptions, "deleteSecret"), secret_id: requireUuid(id, "id", context("deleteSecret")) };
      const request = send((fetch) =>
        facade.DELETE("/cloud/v1/secrets/{project_id}/{region_id}/{secret_id}", {
          params: { path },
          signal: deleteOptions.signal ?? null,
          fetch,
          parseAs: "stream",
        }),
      );
      return call("deleteSecret", deleteOptions.signal, request, (answer, details) => {
        if (answer.status !== 200) throw gcoreError(answer, `deleting secret ${id}`, details);
        return taskIds(answer.body as { tasks?: string[] } | undefined, "deleteSecret");
      });
    },

    async deleteSecret(id, waitOptions = {}) {
      const { taskIds: tasks } = await client.startDeleteSecret(id, waitOptions);
      for (const task of tasks) await waiter.wait(task, waitOptions);
    },

    waitForTask: (taskId, waitOptions) => waiter.wait(taskId, waitOptions),
  };
  return showOnly(client, "GcoreClient", { provider: "gcore", baseUrl: resolved.baseUrl });
}
