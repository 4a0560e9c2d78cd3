// Polling until a condition holds, bounded in time, abortable, with a progress callback.
import { setTimeout as delay } from "node:timers/promises";
import { AbortedError, TimeoutError, type ProviderName } from "../errors.js";

export interface WaitOptions<Progress> {
  /** Time between polls, in ms. */
  intervalMs?: number;
  /** Give up after this many ms with a TimeoutError. */
  timeoutMs?: number;
  /** Aborts the wait. */
  signal?: AbortSignal;
  /** Called after each poll that did not finish the wait (for progress lines). */
  onProgress?: (progress: Progress, elapsedMs: number) => void;
}

/**
 * Calls `poll` until it returns a value other than undefined. `poll` may report progress by returning
 * `undefined` after calling `report`; a poll that throws ends the wait with that error.
 */
export async function waitUntil<T, Progress = number>(
  poll: (signal: AbortSignal, report: (progress: Progress) => void) => Promise<T | undefined>,
  options: WaitOptions<Progress> & { intervalMs: number; timeoutMs: number },
  details: { provider: ProviderName; operation: string; what: string },
): Promise<T> {
  const started = Date.now();
  const deadline = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
  const fail = (): never => {
    if (options.signal?.aborted) throw new AbortedError(`aborted while waiting for ${details.what}`, { ...details, cause: options.signal.reason });
    throw new TimeoutError(`gave up waiting for ${details.what} after ${Math.round(options.timeoutMs / 1000)} s`, details);
  };
  for (let attempt = 1; ; attempt += 1) {
    if (signal.aborted) fail();
    let progress: Progress | undefined;
    let result: T | undefined;
    try {
      result = await poll(signal, (value) => (progress = value));
    } catch (error) {
      if (signal.aborted) fail();
      throw error;
    }
    if (result !== undefined) return result;
    options.onProgress?.(progress ?? (attempt as Progress), Date.now() - started);
    try {
      await delay(options.intervalMs, undefined, { signal });
    } catch {
      fail();
    }
  }
}
