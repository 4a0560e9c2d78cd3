/**
 * Dapr secrets API (read-only): `createDaprClient(options)`.
 *
 * @example
 * ```ts
 * const dapr = createDaprClient({ store: "vault" });
 * await dapr.waitUntilReady();
 * const password = await dapr.getSecretValue("db-password");
 * const keys = await dapr.getSecret("kubernetes", "db-secret", { metadata: { namespace: "prod" } });
 * ```
 */
import type { Client } from "openapi-fetch";
import type { paths } from "../../../generated/dapr.js";
import { applyCredential, type CallOptions, type ClientOptions, type CredentialSource, type Environment } from "../../core/options.js";
import { showOnly } from "../../core/inspect.js";
import { createProviderClient } from "../../core/provider-client.js";
import type { Transport } from "../../core/transport.js";
import { isHeaderValue, parsePositiveInteger, requirePathSegment, type FieldContext } from "../../core/validate.js";
import { waitUntil, type WaitOptions } from "../../core/wait.js";
import { ConfigurationError, ProviderApiError } from "../../core/errors.js";
import type { ReadOptions, SecretLister, SecretReader, SecretSummary } from "../../core/capabilities.js";
import { daprError, daprSecretValue, daprVerdict, metadataQuery, secretPath } from "./wire.js";

export const DAPR_BASE_URL = "http://127.0.0.1:3500";

export interface DaprClientOptions extends ClientOptions {
  /** Default store for getSecretValue / listSecrets. */
  store?: string;
  /** Sent as `dapr-api-token` when the sidecar enforces one. Default: env `DAPR_API_TOKEN`. */
  apiToken?: CredentialSource<string>;
  /** Environment to read `DAPR_HTTP_ENDPOINT`, `DAPR_HTTP_PORT`, `DAPR_API_TOKEN` from. Default `process.env`. */
  env?: Environment;
}

export interface DaprGetOptions extends CallOptions {
  /** Store-specific options, sent as `metadata.<key>=<value>` (e.g. `{ version_id: "15" }`). */
  metadata?: Record<string, string>;
}

/** Read-only by design: Dapr's secrets API has no write, so this type has no write methods. */
export interface DaprClient extends SecretReader, SecretLister {
  readonly provider: "dapr";
  readonly api: Client<paths>;
  /** Every key and value of one secret. */
  getSecret(store: string, name: string, options?: DaprGetOptions): Promise<Record<string, string>>;
  /** Every secret the scope policy allows: name → (key → value). */
  getBulkSecret(store: string, options?: DaprGetOptions): Promise<Record<string, Record<string, string>>>;
  /** Waits until `/v1.0/healthz/outbound` answers 204 (components loaded). Default limit 60 s. */
  waitUntilReady(options?: WaitOptions<number>): Promise<void>;
}

function daprBaseUrl(options: DaprClientOptions, env: Environment): { value: string; from: string } {
  if (options.baseUrl) return { value: options.baseUrl, from: "option baseUrl" };
  if (env.DAPR_HTTP_ENDPOINT) return { value: env.DAPR_HTTP_ENDPOINT, from: "DAPR_HTTP_ENDPOINT" };
  if (env.DAPR_HTTP_PORT) {
    const port = parsePositiveInteger(env.DAPR_HTTP_PORT);
    if (port === undefined || port > 65535)
      throw new ConfigurationError("DAPR_HTTP_PORT must be a port number (1-65535)", { provider: "dapr" });
    return { value: `http://127.0.0.1:${port}`, from: "DAPR_HTTP_PORT" };
  }
  return { value: DAPR_BASE_URL, from: "the default" };
}

export function createDaprClient(options: DaprClientOptions = {}): DaprClient {
  const env = options.env ?? process.env;
  const baseUrl = daprBaseUrl(options, env);
  const token = options.apiToken ?? env.DAPR_API_TOKEN;
  const defaultStore = options.store;
  const { api, facade, resolved, call } = createProviderClient<paths>({
    provider: "dapr",
    options,
    baseUrl,
    // The sidecar speaks plain http on the pod's network by design.
    allowPlainHttp: true,
    // Every route of this API is a read; the readiness probe is polled, so one attempt per poll.
    operations: {
      getSecret: { repeatable: true },
      getBulkSecret: { repeatable: true },
      getOutboundHealth: { repeatable: true, maxRetries: 0 },
    },
    paths: {
      "GET /v1.0/secrets/{store}/{name}": "getSecret",
      "GET /v1.0/secrets/{store}/bulk": "getBulkSecret",
      "GET /v1.0/healthz/outbound": "getOutboundHealth",
    },
    credentialHeaders: ["dapr-api-token"],
    authorize:
      token === undefined
        ? undefined
        : (headers, { operation }) => {
            // The readiness probe needs no token (the sidecar does not ask for one there).
            if (operation === "getOutboundHealth") return undefined;
            return applyCredential(token, (value) => {
              if (!isHeaderValue(value))
                throw new ConfigurationError(
                  "the Dapr API token (option apiToken or DAPR_API_TOKEN) must be a non-empty line of visible characters",
                  { provider: "dapr" },
                );
              headers.set("dapr-api-token", value);
            });
          },
    verdict: daprVerdict,
  });
  const get =
    <Path extends "/v1.0/secrets/{store}/{name}" | "/v1.0/secrets/{store}/bulk" | "/v1.0/healthz/outbound">(
      path: Path,
      params: object,
      query: string,
      signal: AbortSignal | undefined,
    ) =>
    (fetch: Transport) =>
      facade.GET(path, { params, querySerializer: () => query, signal: signal ?? null, fetch, parseAs: "stream" } as never) as Promise<{
        response: Response;
      }>;
  const context = (operation: string): FieldContext => ({ provider: "dapr", operation });
  const storeOrDefault = (operation: string) => {
    if (!defaultStore) throw new ConfigurationError("no store: pass option store to createDaprClient", { provider: "dapr", operation });
    return defaultStore;
  };

  const client: DaprClient = {
    provider: "dapr",
    api,

    async getSecret(store, name, getOptions = {}) {
      const details = { provider: "dapr" as const, operation: "getSecret" };
      const path = {
        store: requirePathSegment(store, "store", context("getSecret")),
        name: requirePathSegment(name, "name", context("getSecret")),
      };
      const query = metadataQuery(getOptions.metadata, context("getSecret"));
      const request = (fetch: Transport) =>
        facade.GET("/v1.0/secrets/{store}/{name}", {
          params: { path },
          querySerializer: () => query,
          pathSerializer: secretPath,
          signal: getOptions.signal ?? null,
          fetch,
          parseAs: "stream",
        } as never) as Promise<{ response: Response }>;
      return call("getSecret", getOptions.signal, request, (answer) => {
        if (answer.status !== 200) throw daprError(answer, `secret ${name} in store ${store}`, details);
        if (!answer.body || typeof answer.body !== "object")
          throw new ProviderApiError("the answer is not a JSON object", { ...details, status: 200 });
        return answer.body as Record<string, string>;
      });
    },

    async getBulkSecret(store, getOptions = {}) {
      const details = { provider: "dapr" as const, operation: "getBulkSecret" };
      const path = { store: requirePathSegment(store, "store", context("getBulkSecret")) };
      const query = metadataQuery(getOptions.metadata, context("getBulkSecret"));
      return call("getBulkSecret", getOptions.signal, get("/v1.0/secrets/{store}/bulk", { path }, query, getOptions.signal), (answer) => {
        if (answer.status === 204) return {};
        if (answer.status !== 200) throw daprError(answer, `secrets of store ${store}`, details);
        return (answer.body ?? {}) as Record<string, Record<string, string>>;
      });
    },

    async waitUntilReady(waitOptions = {}) {
      await waitUntil(
        async (signal) => {
          const status = await call(
            "getOutboundHealth",
            signal,
            get("/v1.0/healthz/outbound", {}, "", signal),
            (answer) => answer.status,
          ).catch(() => undefined);
          return status === 204 ? true : undefined;
        },
        { intervalMs: 500, timeoutMs: 60_000, ...waitOptions },
        // The address says where it waited: a wrong port is the usual cause.
        { provider: "dapr", operation: "getOutboundHealth", what: `the Dapr sidecar at ${resolved.baseUrl} to load its components` },
      );
    },

    async getSecretValue(name, readOptions: ReadOptions = {}) {
      return daprSecretValue(await client.getSecret(storeOrDefault("getSecret"), name, readOptions), name, readOptions.key);
    },

    async *listSecrets(callOptions: CallOptions = {}): AsyncGenerator<SecretSummary> {
      const secrets = await client.getBulkSecret(storeOrDefault("getBulkSecret"), callOptions);
      for (const name of Object.keys(secrets).sort()) yield { key: name, name };
    },
  };
  return showOnly(client, "DaprClient", { provider: "dapr", baseUrl: resolved.baseUrl });
}
