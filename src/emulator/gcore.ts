// A stateful emulator of Gcore Cloud's secrets API: `APIKey` auth, list (limit/offset → {count: the total, results}),
// get, create (v2 TLS upload, and the deprecated v1 create still served), delete, and tasks (gcore-tasks.ts); a secret
// appears or disappears only when its task finishes; payloads are never returned. Request shapes follow the published
// spec and the official Python SDK (https://github.com/G-Core/gcore-python, src/gcore/resources/cloud/secrets.py).
import { randomBytes, randomUUID } from "node:crypto";
import {
  checkCreate,
  checkUpload,
  type GcoreSeedSecret,
  gcoreTime,
  type Payload,
  seedSecret,
  type StoredSecret,
  toWire,
} from "./gcore-secrets.js";
import { createTasks } from "./gcore-tasks.js";
import { asEmulator, type Emulator, type Reply, startEmulatorServer } from "./server.js";

export type { GcoreSecretType, GcoreSeedSecret } from "./gcore-secrets.js";

/**
 * The Gcore emulator's operations (`createSecret` is the deprecated v1 create).
 *
 * @example
 * ```ts
 * gcore.faults.inject("uploadCertificate", { kind: "reset", when: "after" });
 * ```
 */
export type GcoreOperation = "listSecrets" | "getSecret" | "uploadCertificate" | "createSecret" | "deleteSecret" | "getTask";
/**
 * A running Gcore emulator: its faults take {@link GcoreOperation} names.
 *
 * @example
 * ```ts
 * const gcore: GcoreEmulator = await startGcoreEmulator({ taskProgress: "instant" });
 * ```
 */
export type GcoreEmulator = Emulator<GcoreOperation>;

export const GCORE_OPERATIONS: readonly GcoreOperation[] = [
  "listSecrets",
  "getSecret",
  "uploadCertificate",
  "createSecret",
  "deleteSecret",
  "getTask",
];

/**
 * Options of {@link startGcoreEmulator}.
 *
 * @example
 * ```ts
 * // Fast mode for tests: every task is FINISHED at its first poll.
 * const gcore = await startGcoreEmulator({ taskProgress: "instant", secrets: [] });
 * ```
 */
export interface GcoreEmulatorOptions {
  port?: number;
  /** The key clients must send as `Authorization: APIKey <key>`. Default: a random one (it is in `env`). */
  apiKey?: string;
  projectId?: number;
  regionId?: number;
  /** Secrets at start. Default: the certificate `lb-cert` (id bfc7824b-31b6-4a28-a0c4-7df137139215). */
  secrets?: GcoreSeedSecret[];
  /**
   * How tasks progress. `per-poll` (default, UNVERIFIED): one state per poll, NEW → RUNNING → FINISHED or ERROR, applied
   * at the third poll. `instant`: a task finishes (and applies) as it starts, so a create or delete that waits needs one
   * poll: the fast mode for tests.
   */
  taskProgress?: "per-poll" | "instant";
  /** UNVERIFIED: a name taken by a secret or a running create is a 409 (default), or allowed (ids tell secrets apart). */
  duplicateNames?: "conflict" | "allow";
  /** UNVERIFIED: a key that does not match its certificate fails the upload's task (default), or is a 400 at once. */
  keyMismatch?: "task-error" | "bad-request";
  /** A task nobody polls (its id was lost with the answer) finishes on its own this many ms after it started. Default 5000. */
  unpolledTaskFinishesAfterMs?: number;
  /** How many arrivals `requests` keeps. Default 1000. */
  requestLogSize?: number;
  now?: () => number;
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

interface Route {
  operation: GcoreOperation | "unknown";
  project?: string;
  region?: string;
  id?: string;
}

function route(method: string, rawPath: string): Route {
  const parts = rawPath.split("/").slice(1);
  if (parts[0] !== "cloud") return { operation: "unknown" };
  if (method === "GET" && parts[1] === "v1" && parts[2] === "tasks" && parts.length === 4) return { operation: "getTask", id: parts[3]! };
  if (parts[2] !== "secrets" || (parts.length !== 5 && parts.length !== 6)) return { operation: "unknown" };
  const [, version, , project, region, id] = parts;
  const where = { project: project!, region: region!, ...(id === undefined ? {} : { id }) };
  if (method === "POST" && id === undefined) {
    if (version === "v2") return { operation: "uploadCertificate", ...where };
    if (version === "v1") return { operation: "createSecret", ...where };
  }
  if (version !== "v1") return { operation: "unknown" };
  if (method === "GET") return { operation: id === undefined ? "listSecrets" : "getSecret", ...where };
  if (method === "DELETE" && id !== undefined) return { operation: "deleteSecret", ...where };
  return { operation: "unknown" };
}

const parseJson = (body: Buffer): Record<string, unknown> | undefined => {
  try {
    const value = JSON.parse(body.toString("utf8")) as unknown;
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Starts an emulator of Gcore Cloud's secrets and tasks API on 127.0.0.1.
 *
 * @example
 * ```ts
 * const gcore = await startGcoreEmulator({ taskProgress: "instant" });
 * const client = createGcoreClient({ env: gcore.env });
 * for await (const secret of client.listSecrets()) console.log(secret.name); // lb-cert
 * await gcore.close();
 * ```
 */
export async function startGcoreEmulator(options: GcoreEmulatorOptions = {}): Promise<GcoreEmulator> {
  const now = options.now ?? Date.now;
  const apiKey = options.apiKey ?? `emulator-${randomBytes(12).toString("hex")}`;
  const projectId = String(options.projectId ?? 1);
  const regionId = String(options.regionId ?? 1);
  const secrets: StoredSecret[] = (options.secrets ?? DEFAULT_GCORE_SECRETS).map((seed) =>
    seedSecret(seed, seed.id ?? randomUUID(), now()),
  );
  const tasks = createTasks({
    progress: options.taskProgress ?? "per-poll",
    unpolledFinishAfterMs: options.unpolledTaskFinishesAfterMs ?? 5_000,
    now,
  });
  const taken = (name: string) => tasks.creating(name) || secrets.some((each) => each.name === name);
  const create = (secret: Omit<StoredSecret, "id" | "created">, failure?: string): Reply => {
    // A name is taken by a secret, or by a create still running (UNVERIFIED: the real API may accept the second).
    if (options.duplicateNames !== "allow" && taken(secret.name))
      return error(409, "ConflictError", `Secret with name ${secret.name} already exists`);
    const id = randomUUID();
    const finish = () => failure ?? void secrets.push({ ...secret, id, created: gcoreTime(now()) });
    return { status: 200, json: tasks.start("create_secret", finish, { createdSecret: id, name: secret.name }) };
  };

  const handlers: Record<GcoreOperation, (where: Route, body: Buffer, query: URLSearchParams) => Reply> = {
    listSecrets(_where, _body, query) {
      const limit = Number(query.get("limit") ?? 1000);
      const offset = Number(query.get("offset") ?? 0);
      if (!Number.isInteger(limit) || limit <= 0 || limit > 1000) return error(400, "ValidationError", "limit must be from 1 to 1000");
      if (!Number.isInteger(offset) || offset < 0) return error(400, "ValidationError", "offset must be 0 or more");
      // `count` is the collection's size: the SDK's SyncOffsetPage pages on while offset + len(results) < count.
      return { status: 200, json: { count: secrets.length, results: secrets.slice(offset, offset + limit).map(toWire) } };
    },
    getSecret(where) {
      const secret = secrets.find((each) => each.id === where.id);
      return secret ? { status: 200, json: toWire(secret) } : error(404, "NotFoundError", `Secret ${where.id} not found`);
    },
    uploadCertificate(_where, body) {
      const input = parseJson(body) as { name?: unknown; payload?: Partial<Payload>; expiration?: unknown } | undefined;
      if (!input) return error(400, "ValidationError", "Invalid JSON body");
      const checked = checkUpload(input);
      if (typeof checked === "string") return error(400, "ValidationError", checked);
      const mismatch = checked.mismatch ? "Certificate and private key do not match" : undefined;
      if (mismatch && options.keyMismatch === "bad-request") return error(400, "ValidationError", mismatch);
      return create(checked.secret, mismatch);
    },
    createSecret(_where, body) {
      const input = parseJson(body);
      if (!input) return error(400, "ValidationError", "Invalid JSON body");
      const checked = checkCreate(input);
      return typeof checked === "string" ? error(400, "ValidationError", checked) : create(checked);
    },
    deleteSecret(where) {
      if (!secrets.some((each) => each.id === where.id)) return error(404, "NotFoundError", `Secret ${where.id} not found`);
      const finish = () => {
        const index = secrets.findIndex((each) => each.id === where.id);
        if (index !== -1) secrets.splice(index, 1);
        return undefined;
      };
      return { status: 200, json: tasks.start("delete_secret", finish) };
    },
    getTask(where) {
      const task = tasks.poll(where.id!);
      return task ? { status: 200, json: task } : error(404, "NotFoundError", `Task ${where.id} not found`);
    },
  };

  const server = await startEmulatorServer<GcoreOperation>(
    {
      name: "Gcore",
      operations: GCORE_OPERATIONS,
      operation: (call) => route(call.method, call.rawPath).operation,
      handle(call, operation) {
        if (!/^apikey /i.test(String(call.headers.authorization ?? "")))
          return error(401, "NotAuthenticated", "Authentication credentials were not provided.");
        if (String(call.headers.authorization).slice(7) !== apiKey) return error(401, "NotAuthenticated", "Invalid token.");
        tasks.finishUnpolled();
        const where = route(call.method, call.rawPath);
        if (operation === "unknown") return error(404, "NotFoundError", "Not found.");
        if (where.project !== undefined && (where.project !== projectId || where.region !== regionId))
          return error(404, "NotFoundError", `Project ${where.project} or region ${where.region} not found`);
        if (where.id !== undefined && operation !== "getTask" && !UUID.test(where.id))
          return error(404, "NotFoundError", `${where.id} is not a valid id`);
        return handlers[operation](where, call.body, call.query);
      },
      rateLimited: (retryAfterSeconds) => ({
        ...error(429, "TooManyRequests", "Request was throttled."),
        headers: { "retry-after": String(retryAfterSeconds ?? 1) },
      }),
      vendorError: (code, message) => error(STATUS_OF[String(code)] ?? 500, String(code), message ?? String(code)),
    },
    { port: options.port, requestLogSize: options.requestLogSize },
  );
  return asEmulator(server, {
    GCORE_BASE_URL: server.url,
    GCORE_API_KEY: apiKey,
    GCORE_CLOUD_PROJECT_ID: projectId,
    GCORE_CLOUD_REGION_ID: regionId,
  });
}
