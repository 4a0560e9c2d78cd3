// A caller's signal ends its own wait, never the shared read other callers wait on; a cached answer is copied out.
import { untilAborted } from "../core/abort.js";
import { AbortedError } from "../core/errors.js";

export function abortable<T>(work: Promise<T>, signal: AbortSignal | undefined, provider: string, operation: string): Promise<T> {
  if (!signal) return work;
  return untilAborted(work, signal).catch((error: unknown) => {
    if (signal.aborted && error === signal.reason) throw new AbortedError("the call's signal fired", { provider, operation, cause: error });
    throw error;
  });
}

/** The caller's answer: a value from memory at once (copied, so a caller cannot alter the cache), or the wait for one. */
export function answer<Value, Answer>(
  result: Value | Promise<Value>,
  copy: (value: Value) => Answer,
  call: { signal?: AbortSignal | undefined; provider: string; operation: string },
): Promise<Answer> {
  if (result instanceof Promise) return abortable(result, call.signal, call.provider, call.operation).then(copy);
  if (call.signal?.aborted)
    return Promise.reject(
      new AbortedError("the call's signal fired", { provider: call.provider, operation: call.operation, cause: call.signal.reason }),
    );
  return Promise.resolve(copy(result));
}
