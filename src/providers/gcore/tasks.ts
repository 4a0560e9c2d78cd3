// Gcore task polling: GET /cloud/v1/tasks/{id} until FINISHED or ERROR, like the official SDKs' "and wait" helpers
// (every 3 s, at least 1 s, for at most 7200 s), abortable. An interval under the SDKs' 1 s floor is refused, not
// silently raised.
import {
  AbortedError,
  ConfigurationError,
  OutcomeUnknownError,
  ProviderApiError,
  TaskFailedError,
  TimeoutError,
  ValidationError,
} from "../../core/errors.js";
import { requirePathSegment } from "../../core/validate.js";
import { waitUntil, type WaitOptions } from "../../core/wait.js";
import type { GcoreContext } from "./context.js";
import { type GcoreTask, toTask } from "./wire.js";

export const MIN_POLL_INTERVAL_MS = 1_000;

/** Checks the client's `taskPolling` option once, at creation. */
export function taskPollingDefaults(given: { intervalMs?: number; timeoutMs?: number } = {}): { intervalMs: number; timeoutMs: number } {
  const intervalMs = given.intervalMs ?? 3_000;
  if (!Number.isFinite(intervalMs) || intervalMs < MIN_POLL_INTERVAL_MS)
    throw new ConfigurationError(`option taskPolling.intervalMs must be at least ${MIN_POLL_INTERVAL_MS} ms (the official SDKs' floor)`, {
      provider: "gcore",
    });
  return { intervalMs, timeoutMs: given.timeoutMs ?? 7_200_000 };
}

export async function waitForTask(context: GcoreContext, taskId: string, options: WaitOptions<GcoreTask> = {}): Promise<GcoreTask> {
  const operation = "waitForTask";
  const details = { provider: "gcore", operation };
  const task_id = requirePathSegment(taskId, "taskId", details);
  const intervalMs = options.intervalMs ?? context.taskPolling.intervalMs;
  if (intervalMs < MIN_POLL_INTERVAL_MS)
    throw new ValidationError(`intervalMs must be at least ${MIN_POLL_INTERVAL_MS} ms (the official SDKs' floor)`, {
      ...details,
      field: "intervalMs",
    });
  const poll = (signal: AbortSignal | undefined, report: (task: GcoreTask) => void) =>
    context.call(operation, { path: { task_id } }, { signal, subject: `task ${taskId}` }, ({ body, details: callDetails }) => {
      if (body === undefined) throw new ProviderApiError("empty answer", callDetails);
      const task = toTask(body);
      // The task failed, not the request that read it: no HTTP status.
      if (task.state === "ERROR")
        throw new TaskFailedError(`task ${taskId} failed${task.error ? "" : " (no reason given)"}`, {
          ...details,
          taskId,
          serverMessage: task.error,
        });
      if (task.state === "FINISHED") return task;
      report(task);
      return undefined;
    });
  const timeoutMs = options.timeoutMs ?? context.taskPolling.timeoutMs;
  return await waitUntil<GcoreTask, GcoreTask>(poll, { ...options, intervalMs, timeoutMs }, { ...details, what: `task ${taskId}` });
}

/**
 * Waits for the task of a write the API accepted. A failure to read its progress (a connection, a refusal) leaves the
 * write's outcome open: it is an OutcomeUnknownError that says the task was accepted and which one to poll. The
 * task's own failure, the wait's time limit and the caller's abort stay what they are.
 */
export async function waitForAcceptedTask(
  context: GcoreContext,
  taskId: string,
  options: WaitOptions<GcoreTask>,
  what: "upload" | "deletion",
): Promise<GcoreTask> {
  try {
    return await waitForTask(context, taskId, options);
  } catch (error) {
    if (error instanceof TaskFailedError || error instanceof TimeoutError || error instanceof AbortedError) throw error;
    throw new OutcomeUnknownError(
      `the ${what} was accepted as task ${taskId}, but its progress could not be read: wait for that task before trying again`,
      { provider: "gcore", operation: "waitForTask", cause: error },
    );
  }
}
