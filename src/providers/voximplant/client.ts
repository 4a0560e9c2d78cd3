// Voximplant Management API secrets: `createVoximplantClient(options)`.
import type { paths } from "../../../generated/voximplant.js";
import { showOnly } from "../../core/inspect.js";
import { baseUrlFrom } from "../../core/options.js";
import { createProviderClient } from "../../core/provider-client.js";
import { bearerAuthorization, createJwtSigner } from "./jwt.js";
import { addSecret, deleteSecrets, getSecret, listSecrets, updateSecret, type VoximplantContext } from "./operations.js";
import { OPERATIONS } from "./spec.js";
import { credentialSource, defaultApplication } from "./settings.js";
import { deleteSecret, getSecretValue, setSecret, upsertSecret } from "./store-methods.js";
import type { VoximplantClient, VoximplantClientOptions } from "./types.js";
import { classifyVoximplant, formBody } from "./wire.js";

export type {
  VoximplantApplication,
  VoximplantClient,
  VoximplantClientOptions,
  VoximplantSecret,
  VoximplantSecretInfo,
  VoximplantSecretRef,
} from "./types.js";

/** The Management API endpoint used unless `baseUrl` or `VOXIMPLANT_BASE_URL` gives another. */
export const VOXIMPLANT_BASE_URL = "https://api.voximplant.com/platform_api";

/**
 * A client for one Voximplant account's secrets; options are checked here, credentials read at the first call.
 *
 * @example
 * ```ts
 * import { readFile } from "node:fs/promises";
 * import { createVoximplantClient } from "typed-secrets/voximplant";
 *
 * const voximplant = createVoximplantClient({ credentialsFile: "credentials.json", application: { name: "my-app" } });
 * await voximplant.addSecret({ name: "apiKey", value: await readFile("key.txt", "utf8") });
 * for await (const secret of voximplant.listSecrets()) console.log(secret.name);
 * ```
 */
export function createVoximplantClient(options: VoximplantClientOptions = {}): VoximplantClient {
  const env = options.env ?? process.env;
  const lifetime = options.jwtLifetimeSeconds ? { lifetimeSeconds: options.jwtLifetimeSeconds } : {};
  const signer = createJwtSigner({ credentials: credentialSource(options, env), ...lifetime });
  const { api, resolved, call } = createProviderClient<paths, typeof OPERATIONS>({
    provider: "voximplant",
    options,
    baseUrl: baseUrlFrom(options.baseUrl, env, "VOXIMPLANT_BASE_URL", VOXIMPLANT_BASE_URL),
    operations: OPERATIONS,
    classify: classifyVoximplant,
    authorize: bearerAuthorization(signer),
    apiOptions: { headers: { "content-type": "application/x-www-form-urlencoded" }, bodySerializer: formBody },
  });
  const context: VoximplantContext = { call, application: defaultApplication(options, env) };
  const client: VoximplantClient = {
    provider: "voximplant",
    api,
    addSecret: (input, callOptions) => addSecret(context, input, callOptions),
    listSecrets: (listOptions) => listSecrets(context, listOptions),
    getSecret: (ref, callOptions) => getSecret(context, ref, callOptions),
    updateSecret: (ref, callOptions) => updateSecret(context, ref, callOptions),
    deleteSecrets: (target, callOptions) => deleteSecrets(context, target, callOptions),
    upsertSecret: (input, callOptions) => upsertSecret(context, input, callOptions),
    getSecretValue: (name, readOptions) => getSecretValue(context, name, readOptions),
    setSecret: (name, value, callOptions) => setSecret(context, name, value, callOptions),
    deleteSecret: (name, callOptions) => deleteSecret(context, name, callOptions),
  };
  return showOnly(client, "VoximplantClient", { provider: "voximplant", baseUrl: resolved.baseUrl, transport: resolved.transport });
}
