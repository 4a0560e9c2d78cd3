// Gcore task polling: GET /cloud/v1/tasks/{id} until FINISHED or ERROR, like the official SDKs'
// "and wait" helpers (every 3 s, at least 1 s, for at most 7200 s), abortable.
import type { SecretsErrorDetails } from "../../core/errors.js";
import { TaskFailedError } from "../../core/errors.js";
import type { Answer } from "../../core/transport.js";
import { requirePathSegment } from "../../core/validate.js";
import { waitUntil, type WaitOptions } from "../../core/wait.js";
import { gcoreError, toTask, type GcoreTask, type Wire } from "./wire.js";

const MIN_INTERVAL_MS = 1_000;

/** Reads one task through the client's call wrapper, handing its answer to `handle`. */
export type TaskReader = <T>(
  taskId: string,
  signal: AbortSignal | undefined,
  handle: (answer: Answer, details: SecretsErrorDetails) => T,
) => Promise<T>;

export function createTaskWaiter(read: TaskReader, defaults: { intervalMs?: number; timeoutMs?: number } = {}) {
  const details = { provider: "gcore" as const, operation: "waitForTask" };
  return {
    async wait(taskId: string, options: WaitOptions<GcoreTask> = {}): Promise<GcoreTask> {
      requirePathSegment(taskId, "taskId", details);
      const intervalMs = Math.max(MIN_INTERVAL_MS, options.intervalMs ?? defaults.intervalMs ?? 3_000);
      const timeoutMs = options.timeoutMs ?? defaults.timeoutMs ?? 7_200_000;
      return await waitUntil<GcoreTask, GcoreTask>(
        (signal, report) =>
          read(taskId, signal, (answer, callDetails) => {
            if (answer.status !== 200 || !answer.body || typeof answer.body !== "object")
              throw gcoreError(answer, `task ${taskId}`, callDetails);
            const task = toTask(answer.body as Wire<"TaskSerializer">);
            if (task.state === "ERROR")
              throw new TaskFailedError(`task ${taskId} failed: ${task.error ?? "no reason given"}`, { ...callDetails, taskId });
            if (task.state === "FINISHED") return task;
            report(task);
            return undefined;
          }),
        { ...options, intervalMs, timeoutMs },
        { ...details, what: `task ${taskId}` },
      );
    },
  };
}
