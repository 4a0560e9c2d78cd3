// The Voximplant client's operations, one named function each over a small context (the call function and the
// default application): requests built as the generated form types, answers read as the generated result types.
import type { CallFunction, Success } from "../../core/provider-client.js";
import type { CallOptions } from "../../core/options.js";
import { paginate } from "../../core/paginate.js";
import { ProviderApiError } from "../../core/errors.js";
import { requirePositiveInteger, requireString } from "../../core/validate.js";
import type { paths } from "../../../generated/voximplant.js";
import { confirmMissing } from "./confirm-missing.js";
import { applicationFields, deleteFields, description, secretFields, secretName, secretValue } from "./fields.js";
import type { VoximplantApplication, VoximplantClient, VoximplantSecret, VoximplantSecretInfo, VoximplantSecretRef } from "./types.js";
import type { Form, OPERATIONS, Wire } from "./spec.js";
import { parseTimestamp, single } from "./wire.js";

export interface VoximplantContext {
  call: CallFunction<paths, typeof OPERATIONS>;
  /** The client's application (option or environment), used when a call names none. */
  application: VoximplantApplication | undefined;
}

type Method<Name extends keyof VoximplantClient> = VoximplantClient[Name];

export async function addSecret(context: VoximplantContext, ...[input, options]: Parameters<Method<"addSecret">>): Promise<{ id: number }> {
  const operation = "AddSecret";
  const form: Form<typeof operation> = {
    ...applicationFields(input?.application ?? context.application, operation),
    secret_name: secretName(input?.name, "name", operation),
    secret_value: secretValue(input?.value, operation),
    description: description(input?.description, operation),
  };
  return context.call(operation, { form }, { signal: options?.signal, secrets: [form.secret_value] }, ({ body, details }) => {
    const id = Number(body && "result" in body ? single(body.result)?.secret_id : undefined);
    if (!Number.isSafeInteger(id)) throw new ProviderApiError("the answer has no secret_id", details);
    return { id };
  });
}

export function listSecrets(
  context: VoximplantContext,
  options: Parameters<Method<"listSecrets">>[0] = {},
): AsyncIterable<VoximplantSecretInfo> {
  const operation = "GetSecrets";
  const at = { provider: "voximplant", operation };
  // GetSecrets documents no maximum for count: the API answers what it allows.
  const pageSize = options.pageSize === undefined ? 100 : requirePositiveInteger(options.pageSize, "pageSize", at);
  const fields: Form<typeof operation> = {
    ...applicationFields(options?.application ?? context.application, operation),
    secret_name_part: options.namePart === undefined ? undefined : requireString(options.namePart, "namePart", at),
  };
  const page = (offset: number, count: number) =>
    context.call(operation, { form: { ...fields, count, offset } }, { signal: options.signal }, ({ body, details }) => {
      // A page without its list is not an empty page: the lookup in confirm-missing.ts would call every secret absent.
      if (!body || !("result" in body) || !Array.isArray(body.result)) throw new ProviderApiError("the answer has no result list", details);
      return { items: body.result.map(toInfo), total: body.total_count };
    });
  return paginate(page, pageSize, at);
}

export async function getSecret(context: VoximplantContext, ...[ref, options]: Parameters<Method<"getSecret">>): Promise<VoximplantSecret> {
  const operation = "GetSecretValue";
  const form: Form<typeof operation> = {
    ...applicationFields(ref?.application ?? context.application, operation),
    ...secretFields(ref, operation),
  };
  return context
    .call(operation, { form }, { signal: options?.signal }, ({ body, details }) => {
      const secret = body && "result" in body ? single(body.result) : undefined;
      if (!secret || typeof secret.secret_value !== "string") throw new ProviderApiError("the answer has no secret_value", details);
      return { ...toInfo(secret), value: secret.secret_value };
    })
    .catch((error: unknown) => confirm(context, error, [ref], ref?.application, options));
}

export async function updateSecret(context: VoximplantContext, ...[ref, options]: Parameters<Method<"updateSecret">>): Promise<void> {
  const operation = "SetSecretInfo";
  const form: Form<typeof operation> = {
    ...applicationFields(ref?.application ?? context.application, operation),
    ...secretFields(ref, operation),
    new_secret_name: ref?.newName === undefined ? undefined : secretName(ref.newName, "newName", operation),
    secret_value: ref?.value === undefined ? undefined : secretValue(ref.value, operation),
    description: description(ref?.description, operation),
  };
  const secrets = form.secret_value === undefined ? [] : [form.secret_value];
  await context
    .call(operation, { form }, { signal: options?.signal, secrets }, requireBody)
    .catch((error: unknown) => confirm(context, error, [ref], ref?.application, options));
}

export async function deleteSecrets(context: VoximplantContext, ...[target, options]: Parameters<Method<"deleteSecrets">>): Promise<void> {
  const operation = "DelSecret";
  const form: Form<typeof operation> = {
    ...applicationFields(target?.application ?? context.application, operation),
    ...deleteFields(target, operation),
  };
  await context.call(operation, { form }, { signal: options?.signal }, requireBody).catch((error: unknown) => {
    const refs = "all" in target ? [] : "ids" in target ? target.ids.map((id) => ({ id })) : target.names.map((name) => ({ name }));
    return confirm(context, error, refs, target.application, options);
  });
}

/** A write's answer: `{result: 1}`, or at least a body (an empty 200 is not a confirmation). */
function requireBody({ body, details }: Success<unknown>): void {
  if (body === undefined) throw new ProviderApiError("empty answer", details);
}

/** A refusal of well-formed refs becomes NotFoundError when GetSecrets confirms they are absent (confirm-missing.ts). */
function confirm(
  context: VoximplantContext,
  error: unknown,
  refs: VoximplantSecretRef[],
  application: VoximplantApplication | undefined,
  options: CallOptions | undefined,
): Promise<never> {
  return confirmMissing(error, (listOptions) => listSecrets(context, listOptions), refs, application, options?.signal);
}

/** A listed secret, or the value's metadata (GetSecretValue types `secret_id` as a number or a string). */
function toInfo(wire: Wire<"SecretInfo"> | Wire<"GetSecretValueResult">): VoximplantSecretInfo {
  return {
    key: wire.secret_name ?? "",
    id: Number(wire.secret_id),
    name: wire.secret_name ?? "",
    description: wire.description || undefined,
    createdAt: parseTimestamp(wire.created),
    updatedAt: parseTimestamp(wire.modified),
  };
}
