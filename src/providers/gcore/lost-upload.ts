// An upload whose answer was lost (OutcomeUnknownError) may have been applied: the certificate then appears under
// its name once its task finishes. Before giving up, the name is looked for in the list, at the task-polling
// interval, for at most a minute (or the wait's timeout, when shorter), so that a caller who uploads again does not
// get a ConflictError for their own certificate.
import { OutcomeUnknownError, TimeoutError } from "../../core/errors.js";
import { waitUntil } from "../../core/wait.js";
import type { GcoreSecret } from "./wire.js";

export const LOST_UPLOAD_LOOKUP_MS = 60_000;

export interface LookupOptions {
  intervalMs: number;
  timeoutMs?: number | undefined;
  signal?: AbortSignal | undefined;
}

/** The certificate named `name` once the list shows it; else `lost` again, saying how long it was looked for. */
export async function findLostUpload(
  list: (signal: AbortSignal | undefined) => AsyncIterable<GcoreSecret>,
  name: string,
  lost: OutcomeUnknownError,
  options: LookupOptions,
): Promise<GcoreSecret> {
  const timeoutMs = Math.min(options.timeoutMs ?? LOST_UPLOAD_LOOKUP_MS, LOST_UPLOAD_LOOKUP_MS);
  const details = { provider: "gcore", operation: "uploadCertificate" };
  try {
    return await waitUntil<GcoreSecret>(
      async (signal) => {
        for await (const secret of list(signal)) if (secret.name === name) return secret;
        return undefined;
      },
      { intervalMs: options.intervalMs, timeoutMs, ...(options.signal ? { signal: options.signal } : {}) },
      { ...details, what: `certificate ${name} to be listed` },
    );
  } catch (error) {
    if (!(error instanceof TimeoutError)) throw error;
    throw new OutcomeUnknownError(
      `the upload's answer was lost and certificate ${name} was not listed within ${Math.round(timeoutMs / 1000)} s: ` +
        "it may still appear; list the secrets before uploading it again",
      { ...details, cause: lost },
    );
  }
}
