// The Gcore emulator's asynchronous tasks: a create or delete answers `{tasks: [id]}` and takes effect when its task
// finishes. By default a task advances one state per poll (NEW, RUNNING, then FINISHED or ERROR, applied then), and one
// nobody polls finishes on its own after a while; with `taskProgress: "instant"` it finishes when it starts.
import { randomUUID } from "node:crypto";
import { gcoreTime } from "./gcore-secrets.js";

export interface Task {
  id: string;
  type: "create_secret" | "delete_secret";
  state: "NEW" | "RUNNING" | "FINISHED" | "ERROR";
  created: string;
  startedAt: number;
  polled: boolean;
  error?: string;
  createdSecret?: string;
  /** The name a create will take. */
  name?: string;
  /** Applied when the task finishes: the secret appears, or goes. Answers an error text for ERROR. */
  finish: () => string | undefined;
}

export interface TaskSettings {
  progress: "per-poll" | "instant";
  unpolledFinishAfterMs: number;
  now: () => number;
}

/** The task's wire form (TaskSerializer). */
function toWire(task: Task) {
  const done = task.state === "FINISHED";
  return {
    id: task.id,
    user_id: 1,
    task_type: task.type,
    state: task.state,
    created_on: task.created,
    error: task.error ?? null,
    created_resources: done && task.type === "create_secret" ? { secrets: [task.createdSecret] } : null,
  };
}

export function createTasks(settings: TaskSettings) {
  const tasks = new Map<string, Task>();
  const complete = (task: Task) => {
    const failure = task.finish();
    task.state = failure === undefined ? "FINISHED" : "ERROR";
    if (failure !== undefined) task.error = failure;
  };
  return {
    /** Starts a task and answers its id, as the create and delete routes do. */
    start(type: Task["type"], finish: Task["finish"], extra: Pick<Task, "createdSecret" | "name"> = {}): { tasks: string[] } {
      const now = settings.now();
      const created = gcoreTime(now).replace("+00:00", "Z");
      const task: Task = { id: randomUUID(), type, state: "NEW", created, startedAt: now, polled: false, finish, ...extra };
      tasks.set(task.id, task);
      if (settings.progress === "instant") complete(task);
      return { tasks: [task.id] };
    },
    /** Whether a create of this name is still running (its name is taken until it ends). */
    creating: (name: string) =>
      [...tasks.values()].some((task) => task.name === name && (task.state === "NEW" || task.state === "RUNNING")),
    /** Finishes the tasks nobody polled for `unpolledFinishAfterMs` (real tasks run unwatched). */
    finishUnpolled() {
      for (const task of tasks.values())
        if (!task.polled && task.state === "NEW" && settings.now() - task.startedAt >= settings.unpolledFinishAfterMs) complete(task);
    },
    /** One poll: the first sees NEW, the second RUNNING, the third the end state, applied then. Undefined: no such task. */
    poll(id: string) {
      const task = tasks.get(id);
      if (!task) return undefined;
      if (!task.polled) task.polled = true;
      else if (task.state === "NEW") task.state = "RUNNING";
      else if (task.state === "RUNNING") complete(task);
      return toWire(task);
    },
  };
}
