/**
 * Voximplant Management API secrets: `createVoximplantClient(options)`.
 *
 * @example
 * ```ts
 * const voximplant = createVoximplantClient({ credentialsFile: "credentials.json", application: { name: "my-app" } });
 * await voximplant.addSecret({ name: "apiKey", value: await readFile("key.txt", "utf8") });
 * for await (const secret of voximplant.listSecrets()) console.log(secret.name);
 * ```
 */
import type { Client } from "openapi-fetch";
import type { components, paths } from "../../../generated/voximplant.js";
import { readVoximplantCredentialsFile, type VoximplantCredentials } from "./credentials.js";
import { createJwtSigner } from "./jwt.js";
import { errorForStatus } from "../../core/http-errors.js";
import {
  baseUrlFrom,
  resolveCredential,
  type CallOptions,
  type ClientOptions,
  type CredentialSource,
  type Environment,
} from "../../core/options.js";
import { paginate } from "../../core/paginate.js";
import { showOnly } from "../../core/inspect.js";
import { createProviderClient } from "../../core/provider-client.js";
import type { Answer } from "../../core/transport.js";
import {
  defined,
  exactlyOne,
  parsePositiveInteger,
  requirePositiveInteger,
  requireString,
  type FieldContext,
} from "../../core/validate.js";
import { ConfigurationError, ProviderApiError, SecretsError, ValidationError, type SecretsErrorDetails } from "../../core/errors.js";
import type { SecretStore, SecretSummary } from "../../core/capabilities.js";
import { errorFromWire, formBody, parseTimestamp, single, voximplantVerdict, wireError } from "./wire.js";

export const VOXIMPLANT_BASE_URL = "https://api.voximplant.com/platform_api";
const NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const NAME_RULE = "a Latin letter followed by up to 63 letters, digits or underscores";
const MAX_VALUE = 8192;
const MAX_DESCRIPTION = 200;
/** The API's operations: reads are POSTs too, and safe to repeat; writes are not. */
const OPERATIONS = {
  AddSecret: { repeatable: false },
  GetSecrets: { repeatable: true },
  GetSecretValue: { repeatable: true },
  SetSecretInfo: { repeatable: false },
  DelSecret: { repeatable: false },
};
const PATHS = Object.fromEntries(Object.keys(OPERATIONS).map((name) => [`POST /${name}`, name]));

export type VoximplantApplication = { id: number; name?: never } | { name: string; id?: never };
export type VoximplantSecretRef = { id: number; name?: never } | { name: string; id?: never };

export interface VoximplantClientOptions extends ClientOptions {
  /** Service-account credentials, or a function returning them. */
  credentials?: CredentialSource<VoximplantCredentials>;
  /** Path of `credentials.json` (flat or `{result}`). Default: env `VOXIMPLANT_CREDENTIALS`. */
  credentialsFile?: string;
  /** The application whose secrets to use. Default: env `VOXIMPLANT_APPLICATION_ID` or `VOXIMPLANT_APPLICATION_NAME`. */
  application?: VoximplantApplication;
  /** JWT lifetime in seconds (tokens are reused until 60 s before expiry). Default 600. */
  jwtLifetimeSeconds?: number;
  /** Environment to read defaults from (also `VOXIMPLANT_BASE_URL`). Default `process.env`. */
  env?: Environment;
}

export interface VoximplantSecretInfo extends SecretSummary {
  id: number;
}

export interface VoximplantSecret extends VoximplantSecretInfo {
  value: string;
}

interface WithApplication {
  /** Overrides the client's application for this call. */
  application?: VoximplantApplication;
}

export interface VoximplantClient extends SecretStore {
  readonly provider: "voximplant";
  /** The typed openapi-fetch client for every operation, with auth, retries and timeouts applied. */
  readonly api: Client<paths>;
  addSecret(input: { name: string; value: string; description?: string } & WithApplication, options?: CallOptions): Promise<{ id: number }>;
  /** Updates the secret's value (and description), or adds it when SetSecretInfo finds no such secret. */
  upsertSecret(
    input: { name: string; value: string; description?: string } & WithApplication,
    options?: CallOptions,
  ): Promise<{ action: "updated" } | { action: "added"; id: number }>;
  listSecrets(options?: CallOptions & WithApplication & { namePart?: string; pageSize?: number }): AsyncIterable<VoximplantSecretInfo>;
  getSecret(ref: VoximplantSecretRef & WithApplication, options?: CallOptions): Promise<VoximplantSecret>;
  updateSecret(
    ref: VoximplantSecretRef & WithApplication & { newName?: string; value?: string; description?: string },
    options?: CallOptions,
  ): Promise<void>;
  deleteSecrets(target: ({ ids: number[] } | { names: string[] } | { all: true }) & WithApplication, options?: CallOptions): Promise<void>;
}

type Wire<Name extends keyof components["schemas"]> = components["schemas"][Name];

function credentialSource(options: VoximplantClientOptions, env: Environment): () => Promise<VoximplantCredentials> {
  if (options.credentials !== undefined) return () => resolveCredential(options.credentials!);
  const file = options.credentialsFile ?? env.VOXIMPLANT_CREDENTIALS;
  if (!file)
    throw new ConfigurationError(
      "no credentials: pass option credentials or credentialsFile, or set VOXIMPLANT_CREDENTIALS to the path of credentials.json",
      { provider: "voximplant" },
    );
  let loading: Promise<VoximplantCredentials> | undefined;
  return () => {
    // A failed read is not kept: the next call tries again (the file may have been fixed).
    loading ??= readVoximplantCredentialsFile(file).catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
}

function defaultApplication(options: VoximplantClientOptions, env: Environment): VoximplantApplication | undefined {
  if (options.application) return options.application;
  if (env.VOXIMPLANT_APPLICATION_ID) {
    const id = parsePositiveInteger(env.VOXIMPLANT_APPLICATION_ID);
    if (id === undefined) throw new ConfigurationError("VOXIMPLANT_APPLICATION_ID must be a positive integer", { provider: "voximplant" });
    return { id };
  }
  return env.VOXIMPLANT_APPLICATION_NAME ? { name: env.VOXIMPLANT_APPLICATION_NAME } : undefined;
}

export function createVoximplantClient(options: VoximplantClientOptions = {}): VoximplantClient {
  const env = options.env ?? process.env;
  const credentials = credentialSource(options, env);
  const signer = createJwtSigner({ credentials, ...(options.jwtLifetimeSeconds ? { lifetimeSeconds: options.jwtLifetimeSeconds } : {}) });
  const application = defaultApplication(options, env);
  const { api, facade, resolved, call } = createProviderClient<paths>({
    provider: "voximplant",
    options,
    baseUrl: baseUrlFrom(options.baseUrl, env, "VOXIMPLANT_BASE_URL", VOXIMPLANT_BASE_URL),
    operations: OPERATIONS,
    paths: PATHS,
    authorize: async (headers, { refresh }) => headers.set("authorization", `Bearer ${await signer.token({ refresh })}`),
    verdict: voximplantVerdict,
    fetchClientOptions: { headers: { "content-type": "application/x-www-form-urlencoded" }, bodySerializer: formBody },
  });

  const context = (operation: string): FieldContext => ({ provider: "voximplant", operation });
  const appFields = (input: WithApplication | undefined, operation: string) => {
    const chosen = input?.application ?? application;
    if (!chosen)
      throw new ConfigurationError(
        "no application: pass option application, the call's application, or set VOXIMPLANT_APPLICATION_ID or VOXIMPLANT_APPLICATION_NAME",
        { provider: "voximplant", operation },
      );
    const which = exactlyOne(chosen, "id", "name", context(operation));
    return which === "id"
      ? { application_id: requirePositiveInteger(chosen.id, "application.id", context(operation)) }
      : { application_name: requireString(chosen.name, "application.name", context(operation)) };
  };
  const secretFields = (ref: VoximplantSecretRef, operation: string) =>
    exactlyOne(ref, "id", "name", context(operation)) === "id"
      ? { secret_id: requirePositiveInteger(ref.id, "id", context(operation)) }
      : { secret_name: requireString(ref.name, "name", context(operation), { pattern: NAME, rule: NAME_RULE }) };
  const valueField = (value: unknown, operation: string) =>
    requireString(value, "value", context(operation), { maxLength: MAX_VALUE, nonEmpty: false });
  const descriptionField = (value: unknown, operation: string) =>
    value === undefined ? undefined : requireString(value, "description", context(operation), { maxLength: MAX_DESCRIPTION });

  /** Turns an answer into its data or the right error (non-2xx, or an error in a 2xx body). */
  function check<T>(answer: Answer, details: SecretsErrorDetails, secrets: string[] = []): T {
    // Voximplant answers every failure with 200 and an error body: anything else came from the transport
    // (a proxy, a gateway), so only a 429 keeps its meaning.
    if (answer.status < 200 || answer.status >= 300) {
      if (answer.status === 429) throw errorForStatus(answer, "rate limited", details);
      throw new ProviderApiError("unexpected HTTP status (a proxy or a wrong base URL?)", { ...details, status: answer.status });
    }
    const wire = wireError(answer.body);
    if (wire) throw errorFromWire(wire, { ...details, status: answer.status }, secrets);
    if (answer.body === undefined || typeof answer.body !== "object")
      throw new ProviderApiError("empty answer", { ...details, status: answer.status });
    return answer.body as T;
  }
  const post =
    <Path extends "/AddSecret" | "/GetSecrets" | "/GetSecretValue" | "/SetSecretInfo" | "/DelSecret">(
      path: Path,
      body: Record<string, unknown>,
      signal: AbortSignal | undefined,
    ) =>
    (fetch: (request: Request) => Promise<Response>) =>
      facade.POST(path, { body: body as never, signal: signal ?? null, fetch, parseAs: "stream" } as never) as Promise<{
        response: Response;
      }>;

  const client: VoximplantClient = {
    provider: "voximplant",
    api,

    async addSecret(input, callOptions) {
      const body = defined({
        ...appFields(input, "AddSecret"),
        secret_name: requireString(input?.name, "name", context("AddSecret"), { pattern: NAME, rule: NAME_RULE }),
        secret_value: valueField(input?.value, "AddSecret"),
        description: descriptionField(input?.description, "AddSecret"),
      });
      return call("AddSecret", callOptions?.signal, post("/AddSecret", body, callOptions?.signal), (answer, details) => {
        const data = check<Wire<"secrets_AddSecret_Response_200">>(answer, details, [body.secret_value]);
        const id = Number(single(data.result)?.secret_id);
        if (!Number.isSafeInteger(id)) throw new ProviderApiError("the answer has no secret_id", details);
        return { id };
      });
    },

    listSecrets(listOptions = {}) {
      // GetSecrets documents no maximum for count: the API answers what it allows.
      const pageSize =
        listOptions.pageSize === undefined ? 100 : requirePositiveInteger(listOptions.pageSize, "pageSize", context("GetSecrets"));
      const fields = defined({
        ...appFields(listOptions, "GetSecrets"),
        secret_name_part:
          listOptions.namePart === undefined ? undefined : requireString(listOptions.namePart, "namePart", context("GetSecrets")),
      });
      return paginate(
        (offset, count) =>
          call(
            "GetSecrets",
            listOptions.signal,
            post("/GetSecrets", { ...fields, count, offset }, listOptions.signal),
            (answer, details) => {
              const data = check<Wire<"secrets_GetSecrets_Response_200">>(answer, details);
              return { items: (data.result ?? []).map(toInfo), total: data.total_count };
            },
          ),
        pageSize,
        context("GetSecrets"),
      );
    },

    async getSecret(ref, callOptions) {
      const body = { ...appFields(ref, "GetSecretValue"), ...secretFields(ref, "GetSecretValue") };
      return call("GetSecretValue", callOptions?.signal, post("/GetSecretValue", body, callOptions?.signal), (answer, details) => {
        const data = check<Wire<"secrets_GetSecretValue_Response_200">>(answer, details);
        const secret = single(data.result);
        if (!secret || typeof secret.secret_value !== "string") throw new ProviderApiError("the answer has no secret_value", details);
        return { ...toInfo({ ...secret, secret_id: Number(secret.secret_id) }), value: secret.secret_value };
      });
    },

    async updateSecret(ref, callOptions) {
      const body = defined({
        ...appFields(ref, "SetSecretInfo"),
        ...secretFields(ref, "SetSecretInfo"),
        new_secret_name:
          ref.newName === undefined
            ? undefined
            : requireString(ref.newName, "newName", context("SetSecretInfo"), { pattern: NAME, rule: NAME_RULE }),
        secret_value: ref.value === undefined ? undefined : valueField(ref.value, "SetSecretInfo"),
        description: descriptionField(ref.description, "SetSecretInfo"),
      });
      await call("SetSecretInfo", callOptions?.signal, post("/SetSecretInfo", body, callOptions?.signal), (answer, details) =>
        check(answer, details, ref.value ? [ref.value] : []),
      );
    },

    async deleteSecrets(target, callOptions) {
      const body = { ...appFields(target, "DelSecret"), ...deleteFields(target, context("DelSecret")) };
      await call("DelSecret", callOptions?.signal, post("/DelSecret", body, callOptions?.signal), (answer, details) =>
        check(answer, details),
      );
    },

    async getSecretValue(name, callOptions) {
      return (await client.getSecret({ name }, callOptions)).value;
    },
    async upsertSecret(input, callOptions) {
      try {
        await client.updateSecret(input, callOptions);
        return { action: "updated" };
      } catch (error) {
        if (!(error instanceof SecretsError && error.code === "ERR_NOT_FOUND")) throw error;
        return { action: "added", id: (await client.addSecret(input, callOptions)).id };
      }
    },
    async setSecret(name, value, callOptions) {
      await client.upsertSecret({ name, value }, callOptions);
    },
    async deleteSecret(name, callOptions) {
      await client.deleteSecrets({ names: [name] }, callOptions);
    },
  };
  return showOnly(client, "VoximplantClient", { provider: "voximplant", baseUrl: resolved.baseUrl });
}

function deleteFields(
  target: { ids?: number[]; names?: string[]; all?: true },
  context: FieldContext,
): { secret_id: string } | { secret_name: string } {
  const given = (["ids", "names", "all"] as const).filter((field) => target?.[field] !== undefined);
  if (given.length !== 1)
    throw new ValidationError(`ids/names/all: give exactly one (got ${given.join(", ") || "none"})`, {
      ...context,
      field: "ids/names/all",
    });
  if (target.all !== undefined) {
    if (target.all !== true) throw new ValidationError("all must be true", { ...context, field: "all" });
    return { secret_id: "all" };
  }
  const list = (target.ids ?? target.names) as unknown;
  if (!Array.isArray(list) || list.length === 0)
    throw new ValidationError(`${given[0]} must be a non-empty array`, { ...context, field: given[0] });
  if (target.ids) return { secret_id: target.ids.map((id, index) => requirePositiveInteger(id, `ids[${index}]`, context)).join(";") };
  return {
    secret_name: target
      .names!.map((name, index) => requireString(name, `names[${index}]`, context, { pattern: NAME, rule: NAME_RULE }))
      .join(";"),
  };
}

function toInfo(wire: Wire<"SecretInfo">): VoximplantSecretInfo {
  return {
    key: wire.secret_name ?? "",
    id: Number(wire.secret_id),
    name: wire.secret_name ?? "",
    description: wire.description || undefined,
    createdAt: parseTimestamp(wire.created),
    updatedAt: parseTimestamp(wire.modified),
  };
}
