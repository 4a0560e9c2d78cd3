// A stateful emulator of the Dapr sidecar's secrets API: `/v1.0/secrets/{store}/{name}` and `/bulk`, routed on
// the escaped path and unescaped afterwards as the runtime does (so `bul%6B` is the secret `bulk`), `metadata.*`
// query parameters, the optional `dapr-api-token`, the runtime's status codes, and readiness on
// `/v1.0/healthz/outbound` (../shared/reference/apis.md).
import { type Emulator, type IncomingCall, type Reply, startEmulatorServer } from "./server.js";

/**
 * How a store answers a missing secret: `local.file` 500 ERR_SECRET_GET "... not found", `local.env` 200 with an
 * empty value, `no-content` 204 (a store that returns no data).
 */
export type DaprStoreKind = "local.file" | "local.env" | "no-content";

export interface DaprStoreSeed {
  kind?: DaprStoreKind;
  /** Secret name → value (one key named like the secret) or key → value. */
  secrets: Record<string, string | Record<string, string>>;
  /** Names the scope policy denies: 403 on the single route, left out of bulk. */
  denied?: string[];
}

export interface DaprEmulatorOptions {
  port?: number;
  /** Stores by name. Default: `vault` (local.file) with `db-secret` and the multi-key `api-keys`. `{}`: no store at all. */
  stores?: Record<string, DaprStoreSeed>;
  /** When set, every secrets call needs this `dapr-api-token` (401 text/plain otherwise). */
  apiToken?: string;
  /** The health route answers 500 until this many ms after start, then 204. Default 0. */
  readyAfterMs?: number;
  now?: () => number;
}

export const DEFAULT_DAPR_STORES: Record<string, DaprStoreSeed> = {
  vault: {
    kind: "local.file",
    secrets: { "db-secret": "demo-db-secret-value", "api-keys": { stripe: "demo-stripe-key", github: "demo-github-token" } },
  },
};

const error = (status: number, errorCode: string, message: string): Reply => ({ status, json: { errorCode, message } });

/** Go's url.QueryUnescape, as the runtime decodes path parameters: `+` is a space; a broken escape is an error. */
function pathUnescape(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment.replace(/\+/g, " "));
  } catch {
    return undefined;
  }
}

function route(rawPath: string): { operation: string; store?: string; name?: string } {
  if (rawPath === "/v1.0/healthz/outbound") return { operation: "getOutboundHealth" };
  if (rawPath === "/v1.0/healthz") return { operation: "getHealth" };
  if (rawPath === "/v1.0/metadata") return { operation: "getMetadata" };
  const parts = rawPath.split("/");
  if (parts.length !== 5 || parts[1] !== "v1.0" || parts[2] !== "secrets" || !parts[3] || !parts[4]) return { operation: "unknown" };
  // Routes match the escaped path: only a literal `bulk` is the bulk route.
  if (parts[4] === "bulk") return { operation: "getBulkSecret", store: parts[3] };
  return { operation: "getSecret", store: parts[3], name: parts[4] };
}

export async function startDaprEmulator(options: DaprEmulatorOptions = {}): Promise<Emulator> {
  const now = options.now ?? Date.now;
  const startedAt = now();
  const stores = new Map(
    Object.entries(options.stores ?? DEFAULT_DAPR_STORES).map(([name, seed]) => [
      name,
      {
        kind: seed.kind ?? ("local.file" as DaprStoreKind),
        denied: new Set(seed.denied ?? []),
        secrets: new Map(
          Object.entries(seed.secrets).map(([secret, value]) => [secret, typeof value === "string" ? { [secret]: value } : { ...value }]),
        ),
      },
    ]),
  );

  const server = await startEmulatorServer(
    {
      operation: (call) => route(call.rawPath).operation,
      handle(call: IncomingCall, operation): Reply {
        if (call.method !== "GET") return error(405, "ERR_METHOD_NOT_ALLOWED", "method not allowed");
        const ready = now() - startedAt >= (options.readyAfterMs ?? 0);
        if (operation === "getOutboundHealth" || operation === "getHealth") return { status: ready ? 204 : 500, text: "" };
        // The sidecar's metadata: the official SDK polls it before its first call.
        if (operation === "getMetadata") {
          const components = [...stores].map(([name, store]) => ({ name, type: `secretstores.${store.kind}`, version: "v1" }));
          return { status: 200, json: { id: "typed-secrets-emulator", runtimeVersion: "emulator", components } };
        }
        if (operation === "unknown") return error(404, "ERR_DIRECT_INVOKE", "failed to invoke, id: , err: app id is empty");
        if (options.apiToken !== undefined && call.headers["dapr-api-token"] !== options.apiToken)
          return { status: 401, text: "invalid api token" };
        const where = route(call.rawPath);
        const storeName = pathUnescape(where.store!);
        if (storeName === undefined) return error(400, "ERR_MALFORMED_REQUEST", "invalid escape in the path");
        if (stores.size === 0) return error(500, "ERR_SECRET_STORES_NOT_CONFIGURED", "secret store is not configured");
        const store = stores.get(storeName);
        if (!store) return error(401, "ERR_SECRET_STORE_NOT_FOUND", `failed finding secret store with key ${storeName}`);
        if (operation === "getBulkSecret") {
          const visible = [...store.secrets].filter(([name]) => !store.denied.has(name));
          return { status: 200, json: Object.fromEntries(visible) };
        }
        const name = pathUnescape(where.name!);
        if (name === undefined) return error(400, "ERR_MALFORMED_REQUEST", "invalid escape in the path");
        if (store.denied.has(name))
          return error(403, "ERR_PERMISSION_DENIED", `access denied by policy to get "${name}" from "${storeName}"`);
        const keys = store.secrets.get(name);
        if (keys) return { status: 200, json: keys };
        if (store.kind === "local.env") return { status: 200, json: { [name]: "" } };
        if (store.kind === "no-content") return { status: 204 };
        return error(
          500,
          "ERR_SECRET_GET",
          `failed getting secret with key ${name} from secret store ${storeName}: secret ${name} not found`,
        );
      },
      rateLimited: (retryAfterSeconds) => ({
        status: 429,
        text: "Too Many Requests",
        ...(retryAfterSeconds === undefined ? {} : { headers: { "retry-after": String(retryAfterSeconds) } }),
      }),
      vendorError: (code, message) => error(500, String(code), message ?? String(code)),
    },
    options.port,
  );
  return {
    url: server.url,
    env: {
      DAPR_HTTP_ENDPOINT: server.url,
      // For clients that take a port only (the official SDK); ours prefer DAPR_HTTP_ENDPOINT.
      DAPR_HTTP_PORT: new URL(server.url).port,
      ...(options.apiToken === undefined ? {} : { DAPR_API_TOKEN: options.apiToken }),
    },
    requests: server.requests,
    faults: server.faults,
    close: () => server.close(),
  };
}
