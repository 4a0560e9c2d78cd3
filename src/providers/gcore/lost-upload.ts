// An upload whose answer was lost (OutcomeUnknownError) may have been applied: the certificate then appears under its
// name once its task finishes. The list is looked at, at the task-polling interval, for at most a minute (or the
// wait's timeout, when shorter), so that a caller who uploads again does not get a ConflictError for their own
// certificate. A certificate is taken for the upload only when its identity is proven by what the list carries: the
// name, the type, a creation time after the upload started (less a clock-skew margin: the time is the server's) and
// the expiry the upload asked for. The payload is never listed (Gcore secrets are write-only) and names are the
// caller's, so these are all the API allows. Anything less is OutcomeUnknownError saying what was found.
import { OutcomeUnknownError, TimeoutError } from "../../core/errors.js";
import { duration, waitUntil } from "../../core/wait.js";
import type { GcoreSecret } from "./wire.js";

export const LOST_UPLOAD_LOOKUP_MS = 60_000;
/** How far the server's clock may be behind ours for a certificate created by the upload. */
export const CLOCK_SKEW_MS = 60_000;

export interface LostUpload {
  name: string;
  /** When the upload was sent, by our clock. */
  startedAt: number;
  expiresAt?: Date | undefined;
}

export interface LookupOptions {
  intervalMs: number;
  timeoutMs?: number | undefined;
  signal?: AbortSignal | undefined;
}

const details = { provider: "gcore", operation: "uploadCertificate" };

/** The certificate the upload made, once the list proves it; else `lost` again, saying what was found. */
export async function findLostUpload(
  list: (signal: AbortSignal | undefined) => AsyncIterable<GcoreSecret>,
  upload: LostUpload,
  lost: OutcomeUnknownError,
  options: LookupOptions,
): Promise<GcoreSecret> {
  const timeoutMs = Math.min(options.timeoutMs ?? LOST_UPLOAD_LOOKUP_MS, LOST_UPLOAD_LOOKUP_MS);
  let others: GcoreSecret[] = [];
  try {
    return await waitUntil<GcoreSecret>(
      async (signal) => {
        const named: GcoreSecret[] = [];
        for await (const secret of list(signal)) if (secret.name === upload.name && secret.type === "certificate") named.push(secret);
        const made = named.filter((secret) => isTheUpload(secret, upload));
        others = named.filter((secret) => !made.includes(secret));
        if (made.length > 1)
          throw unknown(`${made.length} certificates named ${upload.name} were created since the upload started (${describe(made)})`, lost);
        return made[0];
      },
      { intervalMs: options.intervalMs, timeoutMs, ...(options.signal ? { signal: options.signal } : {}) },
      { ...details, what: `certificate ${upload.name} to be listed` },
    );
  } catch (error) {
    if (!(error instanceof TimeoutError)) throw error;
    const found =
      others.length === 0
        ? ""
        : `; listed under that name but not made by it (created before the upload, or with another expiry): ${describe(others)}`;
    throw unknown(`no certificate ${upload.name} made by the upload was listed within ${duration(timeoutMs)}${found}`, lost);
  }
}

function isTheUpload(secret: GcoreSecret, upload: LostUpload): boolean {
  const created = secret.createdAt?.getTime();
  if (created === undefined || created < upload.startedAt - CLOCK_SKEW_MS) return false;
  return upload.expiresAt === undefined || secret.expiresAt?.getTime() === upload.expiresAt.getTime();
}

const describe = (secrets: GcoreSecret[]) =>
  secrets.map((secret) => `${secret.id} (created ${secret.createdAt?.toISOString() ?? "at an unknown time"})`).join(", ");

function unknown(what: string, lost: OutcomeUnknownError): OutcomeUnknownError {
  return new OutcomeUnknownError(
    `the upload's answer was lost and ${what}: list the secrets (the upload may yet appear) before uploading it again`,
    {
      ...details,
      cause: lost,
    },
  );
}
