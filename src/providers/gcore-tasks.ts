// Gcore task polling: GET /cloud/v1/tasks/{id} until FINISHED or ERROR, like the official SDKs'
// "and wait" helpers (every 3 s, at least 1 s, for at most 7200 s), abortable.
import type { Client } from "openapi-fetch";
import type { paths } from "../../generated/gcore.js";
import { guard } from "../core/http-errors.js";
import { waitUntil, type WaitOptions } from "../core/wait.js";
import { TaskFailedError } from "../errors.js";
import { requirePathSegment } from "../core/validate.js";
import { gcoreError, toTask, type GcoreTask } from "./gcore-wire.js";

const MIN_INTERVAL_MS = 1_000;

export function createTaskWaiter(api: Client<paths>, defaults: { intervalMs?: number; timeoutMs?: number } = {}) {
  const details = { provider: "gcore" as const, operation: "waitForTask" };
  return {
    async wait(taskId: string, options: WaitOptions<GcoreTask> = {}): Promise<GcoreTask> {
      requirePathSegment(taskId, "taskId", details);
      const intervalMs = Math.max(MIN_INTERVAL_MS, options.intervalMs ?? defaults.intervalMs ?? 3_000);
      const timeoutMs = options.timeoutMs ?? defaults.timeoutMs ?? 7_200_000;
      return await waitUntil<GcoreTask, GcoreTask>(
        (signal, report) =>
          guard({ ...details, signal }, async () => {
            const { data, error, response } = await api.GET("/cloud/v1/tasks/{task_id}", { params: { path: { task_id: taskId } }, signal: signal ?? null });
            if (response.status !== 200 || !data) throw gcoreError(response, error, `task ${taskId}`, details);
            const task = toTask(data);
            if (task.state === "ERROR") throw new TaskFailedError(`task ${taskId} failed: ${task.error ?? "no reason given"}`, { ...details, taskId });
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
