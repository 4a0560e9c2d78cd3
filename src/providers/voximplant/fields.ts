// Voximplant's documented rules for the fields the client sends, checked before anything is sent: the application,
// a secret by id or name, names, value and description lengths, DelSecret targets.
import { ConfigurationError, ValidationError } from "../../core/errors.js";
import { exactlyOne, type FieldContext, requirePositiveInteger, requireString } from "../../core/validate.js";
import type { Form, OperationName } from "./spec.js";
import type { VoximplantApplication, VoximplantSecretRef } from "./types.js";

/** One of two alternative fields of a form, the other absent. */
type OneOf<T, A extends keyof T, B extends keyof T> =
  | (Required<Pick<T, A>> & { [K in B]?: undefined })
  | (Required<Pick<T, B>> & { [K in A]?: undefined });

export const NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
export const NAME_RULE = "a Latin letter followed by up to 63 letters, digits or underscores";
export const MAX_VALUE = 8192;
export const MAX_DESCRIPTION = 200;

const context = (operation: string): FieldContext => ({ provider: "voximplant", operation });

/** The call's application, else the client's: `application_id` or `application_name`. */
export function applicationFields<Name extends OperationName>(
  chosen: VoximplantApplication | undefined,
  operation: Name,
): OneOf<Form<Name>, "application_id", "application_name"> {
  if (!chosen)
    throw new ConfigurationError(
      "no application: pass option application, the call's application, or set VOXIMPLANT_APPLICATION_ID or VOXIMPLANT_APPLICATION_NAME",
      context(operation),
    );
  return exactlyOne(chosen, "id", "name", context(operation)) === "id"
    ? { application_id: requirePositiveInteger(chosen.id, "application.id", context(operation)) }
    : { application_name: requireString(chosen.name, "application.name", context(operation)) };
}

/** A secret by `secret_id` or `secret_name`. */
export function secretFields<Name extends "GetSecretValue" | "SetSecretInfo">(
  ref: VoximplantSecretRef,
  operation: Name,
): OneOf<Form<Name>, "secret_id", "secret_name"> {
  return exactlyOne(ref, "id", "name", context(operation)) === "id"
    ? { secret_id: requirePositiveInteger(ref.id, "id", context(operation)) }
    : { secret_name: secretName(ref.name, "name", operation) };
}

export function secretName(value: unknown, field: string, operation: string): string {
  return requireString(value, field, context(operation), { pattern: NAME, rule: NAME_RULE });
}

export function secretValue(value: unknown, operation: string): string {
  return requireString(value, "value", context(operation), { maxLength: MAX_VALUE, nonEmpty: false });
}

/** Refused over 200 characters: the API would cut it silently. */
export function description(value: unknown, operation: string): string | undefined {
  return value === undefined ? undefined : requireString(value, "description", context(operation), { maxLength: MAX_DESCRIPTION });
}

export function deleteFields(
  target: { ids?: number[]; names?: string[]; all?: true },
  operation: "DelSecret",
): OneOf<Form<"DelSecret">, "secret_id", "secret_name"> {
  const at = context(operation);
  const given = (["ids", "names", "all"] as const).filter((field) => target?.[field] !== undefined);
  if (given.length !== 1)
    throw new ValidationError(`ids/names/all: give exactly one (got ${given.join(", ") || "none"})`, { ...at, field: "ids/names/all" });
  if (target.all !== undefined) {
    if (target.all !== true) throw new ValidationError("all must be true", { ...at, field: "all" });
    return { secret_id: "all" };
  }
  const list: unknown = target.ids ?? target.names;
  if (!Array.isArray(list) || list.length === 0)
    throw new ValidationError(`${given[0]} must be a non-empty array`, { ...at, field: given[0] });
  if (target.ids) return { secret_id: target.ids.map((id, index) => requirePositiveInteger(id, `ids[${index}]`, at)).join(";") };
  return { secret_name: list.map((name, index) => secretName(name, `names[${index}]`, operation)).join(";") };
}
