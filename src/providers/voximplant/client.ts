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
import type { components, paths } from "../../../generated/voximplant.js";
import { confirmMissing } from "./confirm-missing.js";
import { createJwtSigner } from "./jwt.js";
import { errorForStatus } from "../../core/http-errors.js";
import { baseUrlFrom, type CallOptions } from "../../core/options.js";
import { paginate } from "../../core/paginate.js";
import { showOnly } from "../../core/inspect.js";
import { createProviderClient } from "../../core/provider-client.js";
import type { Answer } from "../../core/transport.js";
import { defined, exactlyOne, requirePositiveInteger, requireString, type FieldContext } from "../../core/validate.js";
import { ConfigurationError, ProviderApiError, SecretsError, type SecretsErrorDetails } from "../../core/errors.js";
import { deleteFields, MAX_DESCRIPTION, MAX_VALUE, NAME, NAME_RULE } from "./fields.js";
import { credentialSource, defaultApplication } from "./settings.js";
import type { VoximplantClient, VoximplantClientOptions, VoximplantSecretInfo, VoximplantSecretRef, WithApplication } from "./types.js";
import { errorFromWire, formBody, parseTimestamp, single, voximplantVerdict, wireError } from "./wire.js";

export type {
  VoximplantApplication,
  VoximplantClient,
  VoximplantClientOptions,
  VoximplantSecret,
  VoximplantSecretInfo,
  VoximplantSecretRef,
} from "./types.js";

export const VOXIMPLANT_BASE_URL = "https://api.voximplant.com/platform_api";
/** The API's operations: reads are POSTs too, and safe to repeat; writes are not. */
const OPERATIONS = {
  AddSecret: { repeatable: false },
  GetSecrets: { repeatable: true },
  GetSecretValue: { repeatable: true },
  SetSecretInfo: { repeatable: false },
  DelSecret: { repeatable: false },
};
const PATHS = Object.fromEntries(Object.keys(OPERATIONS).map((name) => [`POST /${name}`, name]));

type Wire<Name extends keyof components["schemas"]> = components["schemas"][Name];

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
    authorize: (headers, { refresh }) => {
      // A token still valid is set at once; a new one is signed (one signature in flight for every caller).
      const current = refresh ? undefined : signer.current();
      if (current !== undefined) return void headers.set("authorization", `Bearer ${current}`);
      return signer.token({ refresh }).then((jwt) => headers.set("authorization", `Bearer ${jwt}`));
    },
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
  function check<T>(answer: Answer, details: SecretsErrorDetails): T {
    // Voximplant answers every failure with 200 and an error body: anything else came from the transport
    // (a proxy, a gateway), so only a 429 keeps its meaning.
    if (answer.status < 200 || answer.status >= 300) {
      if (answer.status === 429) throw errorForStatus(answer, "rate limited", details);
      const what = answer.status >= 500 ? "gateway error" : "unexpected HTTP status (a wrong base URL?)";
      throw new ProviderApiError(what, { ...details, status: answer.status });
    }
    const wire = wireError(answer.body);
    if (wire) throw errorFromWire(wire, { ...details, status: answer.status });
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

  /** A refusal of well-formed refs becomes NotFoundError when GetSecrets confirms they are absent (confirm-missing.ts). */
  const confirm = (error: unknown, refs: VoximplantSecretRef[], input: WithApplication, callOptions: CallOptions | undefined) =>
    confirmMissing(error, client.listSecrets, refs, input.application, callOptions?.signal);

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
      return call(
        "AddSecret",
        callOptions?.signal,
        post("/AddSecret", body, callOptions?.signal),
        (answer, details) => {
          const data = check<Wire<"secrets_AddSecret_Response_200">>(answer, details);
          const id = Number(single(data.result)?.secret_id);
          if (!Number.isSafeInteger(id)) throw new ProviderApiError("the answer has no secret_id", details);
          return { id };
        },
        [body.secret_value],
      );
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
      }).catch((error: unknown) => confirm(error, [ref], ref, callOptions));
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
      await call(
        "SetSecretInfo",
        callOptions?.signal,
        post("/SetSecretInfo", body, callOptions?.signal),
        (answer, details) => check(answer, details),
        body.secret_value === undefined ? [] : [body.secret_value],
      ).catch((error: unknown) => confirm(error, [ref], ref, callOptions));
    },

    async deleteSecrets(target, callOptions) {
      const body = { ...appFields(target, "DelSecret"), ...deleteFields(target, context("DelSecret")) };
      await call("DelSecret", callOptions?.signal, post("/DelSecret", body, callOptions?.signal), (answer, details) =>
        check(answer, details),
      ).catch((error: unknown) => {
        const refs = "all" in target ? [] : "ids" in target ? target.ids.map((id) => ({ id })) : target.names.map((name) => ({ name }));
        return confirm(error, refs, target, callOptions);
      });
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
