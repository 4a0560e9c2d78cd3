// A stateful emulator of Gcore Cloud's secrets API: `APIKey` auth, list (limit/offset → {count, results}), get,
// create (v2, certificate + key + chain), delete, and tasks that advance one state per poll (NEW → RUNNING →
// FINISHED or ERROR); a secret appears or disappears only when its task finishes; payloads are never returned
// (../shared/reference/apis.md).
import { randomBytes, randomUUID } from "node:crypto";
import { type Emulator, type Reply, startEmulatorServer } from "./server.js";
import { checkUpload, type GcoreSeedSecret, type Payload, type StoredSecret, toWire } from "./gcore-secrets.js";

export type { GcoreSeedSecret } from "./gcore-secrets.js";

export interface GcoreEmulatorOptions {
  port?: number;
  /** The key clients must send as `Authorization: APIKey <key>`. Default: a random one (it is in `env`). */
  apiKey?: string;
  projectId?: number;
  regionId?: number;
  /** Secrets at start. Default: the certificate `lb-cert` (id bfc7824b-31b6-4a28-a0c4-7df137139215). */
  secrets?: GcoreSeedSecret[];
  /**
   * Tasks advance one state per poll. One nobody polls (its id was lost with the answer) finishes on its own this
   * many ms after it started, as real tasks run without being watched. Default 5000.
   */
  unpolledTaskFinishesAfterMs?: number;
  /** UNVERIFIED: whether the list's `count` is the page's size (default) or the collection's. */
  countIs?: "page" | "total";
  now?: () => number;
}

interface Task {
  id: string;
  type: "create_secret" | "delete_secret";
  state: "NEW" | "RUNNING" | "FINISHED" | "ERROR";
  created: string;
  startedAt: number;
  polled: boolean;
  error?: string;
  createdSecret?: string;
  /** The name an upload will create. */
  name?: string;
  /** Applied when the task finishes: the secret appears, or goes. Answers an error text for ERROR. */
  finish: () => string | undefined;
}

export const DEFAULT_GCORE_SECRETS: GcoreSeedSecret[] = [{ id: "bfc7824b-31b6-4a28-a0c4-7df137139215", name: "lb-cert" }];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STATUS_OF: Record<string, number> = {
  ValidationError: 400,
  NotAuthenticated: 401,
  ForbiddenError: 403,
  NotFoundError: 404,
  ConflictError: 409,
};
const error = (status: number, exceptionClass: string, message: string): Reply => ({
  status,
  json: { exception_class: exceptionClass, message, request_id: randomUUID() },
});

function route(method: string, rawPath: string): { operation: string; project?: string; region?: string; id?: string } {
  const parts = rawPath.split("/").slice(1);
  if (parts[0] !== "cloud") return { operation: "unknown" };
  if (method === "GET" && parts[1] === "v1" && parts[2] === "tasks" && parts.length === 4) return { operation: "getTask", id: parts[3]! };
  if (parts[2] !== "secrets" || (parts.length !== 5 && parts.length !== 6)) return { operation: "unknown" };
  const [, version, , project, region, id] = parts;
  const where = { project: project!, region: region!, ...(id === undefined ? {} : { id }) };
  if (version === "v2" && method === "POST" && id === undefined) return { operation: "uploadCertificate", ...where };
  if (version !== "v1") return { operation: "unknown" };
  if (method === "GET") return { operation: id === undefined ? "listSecrets" : "getSecret", ...where };
  if (method === "DELETE" && id !== undefined) return { operation: "deleteSecret", ...where };
  return { operation: "unknown" };
}

export async function startGcoreEmulator(options: GcoreEmulatorOptions = {}): Promise<Emulator> {
  const now = options.now ?? Date.now;
  const apiKey = options.apiKey ?? `emulator-${randomBytes(12).toString("hex")}`;
  const projectId = String(options.projectId ?? 1);
  const regionId = String(options.regionId ?? 1);
  const secrets: StoredSecret[] = (options.secrets ?? DEFAULT_GCORE_SECRETS).map((seed) => ({
    id: seed.id ?? randomUUID(),
    name: seed.name,
    created: new Date(now()).toISOString(),
    expiration: seed.expiration ?? null,
  }));
  const tasks = new Map<string, Task>();
  const startTask = (type: Task["type"], finish: Task["finish"], extra: Pick<Task, "createdSecret" | "name"> = {}): Reply => {
    const task: Task = {
      id: randomUUID(),
      type,
      state: "NEW",
      created: new Date(now()).toISOString(),
      startedAt: now(),
      polled: false,
      finish,
      ...extra,
    };
    tasks.set(task.id, task);
    return { status: 200, json: { tasks: [task.id] } };
  };

  const complete = (task: Task): Task => {
    const failure = task.finish();
    task.state = failure === undefined ? "FINISHED" : "ERROR";
    if (failure !== undefined) task.error = failure;
    return task;
  };
  const finishUnpolled = () => {
    const limit = options.unpolledTaskFinishesAfterMs ?? 5_000;
    for (const task of tasks.values()) if (!task.polled && task.state === "NEW" && now() - task.startedAt >= limit) complete(task);
  };

  const handlers: Record<string, (where: ReturnType<typeof route>, body: Buffer, query: URLSearchParams) => Reply> = {
    listSecrets(_where, _body, query) {
      const limit = Number(query.get("limit") ?? 1000);
      const offset = Number(query.get("offset") ?? 0);
      if (!Number.isInteger(limit) || limit <= 0 || limit > 1000) return error(400, "ValidationError", "limit must be from 1 to 1000");
      if (!Number.isInteger(offset) || offset < 0) return error(400, "ValidationError", "offset must be 0 or more");
      const page = secrets.slice(offset, offset + limit).map(toWire);
      return { status: 200, json: { count: options.countIs === "total" ? secrets.length : page.length, results: page } };
    },
    getSecret(where) {
      const secret = secrets.find((each) => each.id === where.id);
      return secret ? { status: 200, json: toWire(secret) } : error(404, "NotFoundError", `Secret ${where.id} not found`);
    },
    uploadCertificate(_where, body) {
      let input: { name?: unknown; payload?: Partial<Payload>; expiration?: unknown };
      try {
        input = JSON.parse(body.toString("utf8")) as typeof input;
      } catch {
        return error(400, "ValidationError", "Invalid JSON body");
      }
      const checked = checkUpload(input);
      if (typeof checked === "string") return error(400, "ValidationError", checked);
      // A name is taken by a secret, or by an upload still running (UNVERIFIED: the real API may accept the second).
      const running = [...tasks.values()].some((task) => task.name === checked.name && (task.state === "NEW" || task.state === "RUNNING"));
      if (running || secrets.some((each) => each.name === checked.name))
        return error(409, "ConflictError", `Secret with name ${checked.name} already exists`);
      const id = randomUUID();
      return startTask(
        "create_secret",
        () => {
          if (checked.mismatch) return "Certificate and private key do not match";
          secrets.push({ id, name: checked.name, created: new Date(now()).toISOString(), expiration: checked.expiration });
          return undefined;
        },
        { createdSecret: id, name: checked.name },
      );
    },
    deleteSecret(where) {
      if (!secrets.some((each) => each.id === where.id)) return error(404, "NotFoundError", `Secret ${where.id} not found`);
      return startTask("delete_secret", () => {
        const index = secrets.findIndex((each) => each.id === where.id);
        if (index !== -1) secrets.splice(index, 1);
        return undefined;
      });
    },
    getTask(where) {
      const task = tasks.get(where.id!);
      if (!task) return error(404, "NotFoundError", `Task ${where.id} not found`);
      // One state per poll: the first poll sees NEW, the second RUNNING, the third the end state, applied then.
      if (!task.polled) task.polled = true;
      else if (task.state === "NEW") task.state = "RUNNING";
      else if (task.state === "RUNNING") complete(task);
      const answer = { ...task };
      const done = answer.state === "FINISHED";
      return {
        status: 200,
        json: {
          id: answer.id,
          user_id: 1,
          task_type: answer.type,
          state: answer.state,
          created_on: answer.created,
          error: answer.error ?? null,
          created_resources: done && answer.type === "create_secret" ? { secrets: [answer.createdSecret] } : null,
        },
      };
    },
  };

  const server = await startEmulatorServer(
    {
      operation: (call) => route(call.method, call.rawPath).operation,
      handle(call, operation) {
        if (!/^apikey /i.test(String(call.headers.authorization ?? "")))
          return error(401, "NotAuthenticated", "Authentication credentials were not provided.");
        if (String(call.headers.authorization).slice(7) !== apiKey) return error(401, "NotAuthenticated", "Invalid token.");
        finishUnpolled();
        const where = route(call.method, call.rawPath);
        if (operation === "unknown") return error(404, "NotFoundError", "Not found.");
        if (where.project !== undefined && (where.project !== projectId || where.region !== regionId))
          return error(404, "NotFoundError", `Project ${where.project} or region ${where.region} not found`);
        if (where.id !== undefined && !UUID.test(where.id)) return error(404, "NotFoundError", `${where.id} is not a valid id`);
        return handlers[operation]!(where, call.body, call.query);
      },
      rateLimited: (retryAfterSeconds) => ({
        ...error(429, "TooManyRequests", "Request was throttled."),
        headers: { "retry-after": String(retryAfterSeconds ?? 1) },
      }),
      vendorError: (code, message) => error(STATUS_OF[String(code)] ?? 500, String(code), message ?? String(code)),
    },
    options.port,
  );
  return {
    url: server.url,
    env: { GCORE_BASE_URL: server.url, GCORE_API_KEY: apiKey, GCORE_CLOUD_PROJECT_ID: projectId, GCORE_CLOUD_REGION_ID: regionId },
    requests: server.requests,
    faults: server.faults,
    close: () => server.close(),
  };
}
