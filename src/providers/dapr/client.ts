// Dapr secrets API (read-only): `createDaprClient(options)`.
import type { paths } from "../../../generated/dapr.js";
import type { Authorize } from "../../core/attempt-failures.js";
import { ConfigurationError } from "../../core/errors.js";
import { showOnly } from "../../core/inspect.js";
import { applyCredential, type BaseUrlSource, type CredentialSource, type Environment } from "../../core/options.js";
import { createProviderClient } from "../../core/provider-client.js";
import { isHeaderValue, parsePositiveInteger } from "../../core/validate.js";
import { type DaprContext, getBulkSecret, getSecret, getSecretValue, listSecrets, waitUntilReady } from "./operations.js";
import { OPERATIONS } from "./spec.js";
import type { DaprClient, DaprClientOptions } from "./types.js";
import { classifyDapr } from "./wire.js";

export type { DaprClient, DaprClientOptions, DaprGetOptions } from "./types.js";
/** The sidecar address used when neither `baseUrl` nor `DAPR_HTTP_ENDPOINT`/`DAPR_HTTP_PORT` gives one. */
export const DAPR_BASE_URL = "http://127.0.0.1:3500";

/**
 * A client for a Dapr sidecar's secrets API; reads only (Dapr has no write).
 *
 * @example
 * ```ts
 * import { createDaprClient } from "typed-secrets/dapr";
 *
 * const dapr = createDaprClient({ store: "vault" });
 * await dapr.waitUntilReady();
 * const password = await dapr.getSecretValue("db-password");
 * const keys = await dapr.getSecret("kubernetes", "db-secret", { metadata: { namespace: "prod" } });
 * ```
 */
export function createDaprClient(options: DaprClientOptions = {}): DaprClient {
  const env = options.env ?? process.env;
  const token = options.apiToken ?? env.DAPR_API_TOKEN;
  const { api, resolved, call } = createProviderClient<paths, typeof OPERATIONS>({
    provider: "dapr",
    options,
    baseUrl: daprBaseUrl(options, env),
    // The sidecar speaks plain http on the pod's network by design.
    allowPlainHttp: true,
    operations: OPERATIONS,
    classify: classifyDapr,
    credentialHeaders: ["dapr-api-token"],
    authorize: token === undefined ? undefined : tokenHeader(token),
  });
  const context: DaprContext = { call, store: options.store, baseUrl: resolved.baseUrl };
  const client: DaprClient = {
    provider: "dapr",
    api,
    getSecret: (store, name, getOptions) => getSecret(context, store, name, getOptions),
    getBulkSecret: (store, getOptions) => getBulkSecret(context, store, getOptions),
    waitUntilReady: (waitOptions) => waitUntilReady(context, waitOptions),
    getSecretValue: (name, readOptions) => getSecretValue(context, name, readOptions),
    listSecrets: (callOptions) => listSecrets(context, callOptions),
  };
  return showOnly(client, "DaprClient", { provider: "dapr", baseUrl: resolved.baseUrl, transport: resolved.transport });
}

/** The option, else `DAPR_HTTP_ENDPOINT`, else `127.0.0.1:$DAPR_HTTP_PORT`, else `127.0.0.1:3500`, as the official SDK reads them. */
function daprBaseUrl(options: DaprClientOptions, env: Environment): BaseUrlSource {
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

/** `dapr-api-token` on every route but the readiness probe (the sidecar asks for none there). */
function tokenHeader(token: CredentialSource<string>): Authorize {
  return (headers, { operation }) => {
    if (operation === "getOutboundHealth") return undefined;
    return applyCredential(token, (value) => {
      if (!isHeaderValue(value))
        throw new ConfigurationError(
          "the Dapr API token (option apiToken or DAPR_API_TOKEN) must be a non-empty line of visible characters",
          {
            provider: "dapr",
          },
        );
      headers["dapr-api-token"] = value;
    });
  };
}
