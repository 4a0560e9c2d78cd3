// A stateful emulator of the Dapr sidecar's secrets API as daprd serves it: the path read as Go and the router read
// it (dapr-paths.ts), the API token checked before routing on every route but the two health routes, `/secrets/
// {store}/bulk` and `/secrets/{store}/{name}` on GET only (anything else falls through to service invocation), the
// stores' own answers (dapr-stores.ts), and the runtime's status codes and error bodies
// (https://github.com/dapr/dapr/blob/master/pkg/messages/predefined.go).
import { parseRequestPath, unescapeParameter } from "./dapr-paths.js";
import { type DaprStoreSeed, EmulatedStore } from "./dapr-stores.js";
import { asEmulator, type Emulator, type IncomingCall, type Reply, startEmulatorServer } from "./server.js";

export type { DaprSecretValue, DaprStoreKind, DaprStoreSeed } from "./dapr-stores.js";

/**
 * The Dapr emulator's operations, as faults and the request log name them.
 *
 * @example
 * ```ts
 * dapr.faults.inject("getBulkSecret", { kind: "status", status: 500 });
 * ```
 */
export type DaprOperation = "getSecret" | "getBulkSecret" | "getOutboundHealth" | "getHealth" | "getMetadata";
/**
 * A running Dapr emulator: its faults take {@link DaprOperation} names.
 *
 * @example
 * ```ts
 * let dapr: DaprEmulator;
 * beforeAll(async () => (dapr = await startDaprEmulator()));
 * ```
 */
export type DaprEmulator = Emulator<DaprOperation>;

export const DAPR_OPERATIONS: readonly DaprOperation[] = ["getSecret", "getBulkSecret", "getOutboundHealth", "getHealth", "getMetadata"];

/**
 * Options of {@link startDaprEmulator}.
 *
 * @example
 * ```ts
 * const dapr = await startDaprEmulator({ apiToken: "test-token", stores: { vault: { secrets: { db: "p" } } } });
 * ```
 */
export interface DaprEmulatorOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Stores by name. Default: `vault` (local.file) with `db-secret` and the multi-key `api-keys`. `{}`: no store at all. */
  stores?: Record<string, DaprStoreSeed>;
  /** As daprd with `DAPR_API_TOKEN` set: every route but `GET /v1.0/healthz` and `/healthz/outbound` needs this `dapr-api-token`. */
  apiToken?: string;
  /** The health routes answer 500 (not ready) until this many ms after start, then 204. Default 0. */
  readyAfterMs?: number;
  /** How many arrivals `requests` keeps. Default 1000. */
  requestLogSize?: number;
  now?: () => number;
}

export const DEFAULT_DAPR_STORES: Record<string, DaprStoreSeed> = {
  vault: {
    kind: "local.file",
    secrets: { "db-secret": "demo-db-secret-value", "api-keys": { stripe: "demo-stripe-key", github: "demo-github-token" } },
  },
};

const error = (status: number, errorCode: string, message: string): Reply => ({ status, json: { errorCode, message } });
/** ErrDirectInvokeNoAppID: what the service-invocation fallback answers a path that names no app. */
const NO_ROUTE = error(404, "ERR_DIRECT_INVOKE", "failed getting app id either from the URL path or the header dapr-app-id");

interface Route {
  operation: DaprOperation | "unknown";
  store?: string;
  name?: string;
}

/** The routes daprd registers that this emulator serves, all GET; a path or method matching none is `unknown`. */
function route(method: string, routePath: string): Route {
  if (method !== "GET") return { operation: "unknown" };
  if (routePath === "/v1.0/healthz/outbound") return { operation: "getOutboundHealth" };
  if (routePath === "/v1.0/healthz") return { operation: "getHealth" };
  if (routePath === "/v1.0/metadata") return { operation: "getMetadata" };
  const [, version, secrets, store, name, ...rest] = routePath.split("/");
  if (version !== "v1.0" || secrets !== "secrets" || !store || !name || rest.length > 0) return { operation: "unknown" };
  // Routes match the escaped path: only a literal `bulk` is the bulk route (`bul%6B` is the secret `bulk`).
  return name === "bulk" ? { operation: "getBulkSecret", store } : { operation: "getSecret", store, name };
}

/** middlewares.go isRouteExcludedFromAPITokenAuth: GET on the two health routes, compared on the decoded path. */
const tokenExempt = (method: string, decoded: string) =>
  method === "GET" && ["v1.0/healthz", "v1.0/healthz/outbound"].includes(decoded.replace(/^\/+|\/+$/g, ""));

/**
 * Starts an emulator of the Dapr sidecar's secrets API on 127.0.0.1.
 *
 * @example
 * ```ts
 * const dapr = await startDaprEmulator({ stores: { vault: { secrets: { "db-secret": "p" } } } });
 * const client = createDaprClient({ env: dapr.env, store: "vault" });
 * await client.getSecretValue("db-secret"); // "p"
 * await dapr.close();
 * ```
 */
export async function startDaprEmulator(options: DaprEmulatorOptions = {}): Promise<DaprEmulator> {
  const now = options.now ?? Date.now;
  const startedAt = now();
  const stores = new Map(Object.entries(options.stores ?? DEFAULT_DAPR_STORES).map(([name, seed]) => [name, new EmulatedStore(seed)]));

  const secrets = (call: IncomingCall, where: Route): Reply => {
    if (stores.size === 0) return error(500, "ERR_SECRET_STORES_NOT_CONFIGURED", "secret store is not configured");
    const storeName = unescapeParameter(where.store!);
    const store = stores.get(storeName);
    if (!store) return error(401, "ERR_SECRET_STORE_NOT_FOUND", `failed finding secret store with key ${storeName}`);
    if (where.operation === "getBulkSecret") {
      const answer = store.bulk(call.query);
      if ("error" in answer) return error(500, "ERR_SECRET_GET", `failed getting secrets from secret store ${storeName}: ${answer.error}`);
      if ("noData" in answer) return { status: 204 };
      return { status: 200, json: Object.fromEntries(Object.entries(answer.data).filter(([name]) => !store.denied.has(name))) };
    }
    const name = unescapeParameter(where.name!);
    if (store.denied.has(name)) return error(403, "ERR_PERMISSION_DENIED", `access denied by policy to get "${name}" from "${storeName}"`);
    const answer = store.get(name, call.query);
    if ("error" in answer)
      return error(500, "ERR_SECRET_GET", `failed getting secret with key ${name} from secret store ${storeName}: ${answer.error}`);
    return "noData" in answer ? { status: 204 } : { status: 200, json: answer.data };
  };

  const handle = (call: IncomingCall): Reply => {
    const parsed = parseRequestPath(call.rawPath);
    // Go's HTTP server refuses a malformed escape before any handler runs: plain text, connection closed.
    if (!parsed) return { status: 400, text: "400 Bad Request", headers: { connection: "close" } };
    if (options.apiToken !== undefined && call.headers["dapr-api-token"] !== options.apiToken && !tokenExempt(call.method, parsed.decoded))
      return { status: 401, text: "invalid api token" };
    const where = route(call.method, parsed.routePath);
    const ready = now() - startedAt >= (options.readyAfterMs ?? 0);
    switch (where.operation) {
      case "unknown":
        return NO_ROUTE;
      case "getHealth":
        return ready ? { status: 204 } : error(500, "ERR_HEALTH_NOT_READY", "dapr is not ready: [emulator-components]");
      case "getOutboundHealth":
        return ready ? { status: 204 } : error(500, "ERR_OUTBOUND_HEALTH_NOT_READY", "dapr outbound is not ready");
      case "getMetadata": {
        // The official SDK polls it before its first call.
        const components = [...stores].map(([name, store]) => ({ name, type: `secretstores.${store.kind}`, version: "v1" }));
        return { status: 200, json: { id: "typed-secrets-emulator", runtimeVersion: "emulator", components } };
      }
      default:
        return secrets(call, where);
    }
  };

  const server = await startEmulatorServer<DaprOperation>(
    {
      name: "Dapr",
      operations: DAPR_OPERATIONS,
      operation: (call) => {
        const parsed = parseRequestPath(call.rawPath);
        return parsed ? route(call.method, parsed.routePath).operation : "unknown";
      },
      handle,
      // The ratelimit middleware (components-contrib middleware/http/ratelimit, tollbooth): 429, plain text.
      rateLimited: (retryAfterSeconds) => ({
        status: 429,
        text: "You have reached maximum request limit.",
        ...(retryAfterSeconds === undefined ? {} : { headers: { "retry-after": String(retryAfterSeconds) } }),
      }),
      vendorError: (code, message) => error(500, String(code), message ?? String(code)),
    },
    { port: options.port, requestLogSize: options.requestLogSize },
  );
  return asEmulator(server, {
    DAPR_HTTP_ENDPOINT: server.url,
    // For clients that take a port only (the official SDK); ours prefer DAPR_HTTP_ENDPOINT.
    DAPR_HTTP_PORT: new URL(server.url).port,
    ...(options.apiToken === undefined ? {} : { DAPR_API_TOKEN: options.apiToken }),
  });
}
