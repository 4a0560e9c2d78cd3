// Polling until a condition holds, bounded in time, abortable, with a progress callback.
import { AbortedError, TimeoutError } from "./errors.js";

/** How long a wait (a vendor's task, a sidecar's readiness) may take, how often it checks, and its progress callback. */
export interface WaitOptions<Progress> {
  /** Time between polls, in ms. */
  intervalMs?: number;
  /** Give up after this many ms with a TimeoutError. */
  timeoutMs?: number;
  /** Aborts the wait. */
  signal?: AbortSignal;
  /** Called after each poll that did not finish the wait and reported its progress (for progress lines). */
  onProgress?: (progress: Progress, elapsedMs: number) => void;
}

/** A timer-based sleep (so fake timers drive it in tests) that an AbortSignal cuts short. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** A wait's length as a message says it: milliseconds under 10 s, whole seconds from there. */
export const duration = (ms: number): string => (ms < 10_000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`);

/**
 * Calls `poll` until it returns a value other than undefined, at most until `timeoutMs` has passed.
 * `poll` may describe its progress through `report`; a poll that throws ends the wait with that error.
 */

export async function waitUntil<T, Progress = number>(
  poll: (signal: AbortSignal | undefined, report: (progress: Progress) => void) => Promise<T | undefined>,
  options: WaitOptions<Progress> & { intervalMs: number; timeoutMs: number },
  details: { provider: string; operation: string; what: string },
): Promise<T> {
  const started = Date.now();
  const aborted = () => new AbortedError(`aborted while waiting for ${details.what}`, { ...details, cause: options.signal?.reason });
  const limit = duration(options.timeoutMs);
  const timedOut = () => new TimeoutError(`gave up waiting for ${details.what} after ${limit}`, details);
  for (;;) {
    if (options.signal?.aborted) throw aborted();
    let progress: Progress | undefined;
    // A poll in flight is cut off at the deadline too, not only between polls.
    const left = Math.max(1, options.timeoutMs - (Date.now() - started));
    const deadline = AbortSignal.timeout(left);
    const pollSignal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
    let result: T | undefined;
    try {
      result = await poll(pollSignal, (value) => (progress = value));
    } catch (error) {
      if (options.signal?.aborted) throw aborted();
      if (deadline.aborted) throw timedOut();
      throw error;
    }
    if (result !== undefined) return result;
    const elapsed = Date.now() - started;
    if (progress !== undefined) options.onProgress?.(progress, elapsed);
    const remaining = options.timeoutMs - elapsed;
    if (remaining <= 0) throw timedOut();
    // A sleep that runs to the deadline ends the wait: no poll is started that could only be cut off. Decided
    // before sleeping, not by the clock after it (a timer may fire a millisecond early).
    const last = remaining <= options.intervalMs;
    try {
      await sleep(Math.min(options.intervalMs, remaining), options.signal);
    } catch {
      throw aborted();
    }
    if (last) throw timedOut();
  }
}
