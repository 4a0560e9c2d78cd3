// A caller's signal ends its own wait, never the shared read other callers wait on.
import { untilAborted } from "../core/abort.js";
import { AbortedError } from "../core/errors.js";

export function abortable<T>(work: Promise<T>, signal: AbortSignal | undefined, provider: string, operation: string): Promise<T> {
  if (!signal) return work;
  return untilAborted(work, signal).catch((error: unknown) => {
    if (signal.aborted && error === signal.reason) throw new AbortedError("the call's signal fired", { provider, operation, cause: error });
    throw error;
  });
}
