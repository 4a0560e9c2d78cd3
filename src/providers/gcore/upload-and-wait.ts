// A certificate upload that waits for its task and answers the created secret; a lost answer is looked for.
import { AbortedError, OutcomeUnknownError, ProviderApiError } from "../../core/errors.js";
import type { GcoreContext } from "./context.js";
import { findLostUpload } from "./lost-upload.js";
import { getSecret, listSecrets, uploadCertificate } from "./operations.js";
import { waitForAcceptedTask } from "./tasks.js";
import type { GcoreClient } from "./types.js";
import type { GcoreSecret } from "./wire.js";

type Method<Name extends keyof GcoreClient> = GcoreClient[Name];

/** Uploads, waits for the task and returns the created secret; a lost answer is looked for before giving up. */
export async function uploadCertificateAndWait(
  context: GcoreContext,
  ...[input, options = {}]: Parameters<Method<"uploadCertificateAndWait">>
): Promise<GcoreSecret> {
  const startedAt = Date.now();
  let tasks: string[];
  try {
    ({ taskIds: tasks } = await uploadCertificate(context, input, options));
  } catch (error) {
    if (!(error instanceof OutcomeUnknownError)) throw error;
    const { projectId, regionId } = options;
    const list = (signal: AbortSignal | undefined) =>
      listSecrets(context, { ...(projectId ? { projectId } : {}), ...(regionId ? { regionId } : {}), ...(signal ? { signal } : {}) });
    const intervalMs = options.intervalMs ?? context.taskPolling.intervalMs;
    const lost = { name: input.name, startedAt, expiresAt: input.expiresAt };
    const found = await findLostUpload(list, lost, error, { intervalMs, timeoutMs: options.timeoutMs, signal: options.signal });
    return await readUploaded(context, found.id, options);
  }
  const details = { provider: "gcore", operation: "uploadCertificate" };
  if (tasks.length === 0) throw new ProviderApiError("the upload started no task", details);
  // A failed task's message may quote the payload (a key that does not match the certificate).
  const task = await waitForAcceptedTask(context, tasks[0]!, options, "upload").catch((error: unknown) => {
    throw context.redact(error, [input.certificate, input.privateKey, input.certificateChain]);
  });
  const id = task.createdSecretIds[0];
  if (!id) throw new ProviderApiError(`task ${task.id} finished without a created secret`, details);
  return await readUploaded(context, id, options);
}

/**
 * The certificate an upload made. It exists: a failure to read it must not read as the upload's (a caller would
 * upload again and meet a conflict), so it is an OutcomeUnknownError naming the secret to read.
 */
async function readUploaded(context: GcoreContext, id: string, options: Parameters<typeof getSecret>[2]): Promise<GcoreSecret> {
  try {
    return await getSecret(context, id, options);
  } catch (error) {
    if (error instanceof AbortedError) throw error;
    throw new OutcomeUnknownError(
      `the certificate was uploaded as secret ${id}, but reading it back failed: read it before uploading again`,
      {
        provider: "gcore",
        operation: "uploadCertificate",
        cause: error,
      },
    );
  }
}
