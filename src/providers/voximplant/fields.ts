// Voximplant's documented rules for the fields the client sends: names, value and description lengths, DelSecret targets.
import { ValidationError } from "../../core/errors.js";
import { requirePositiveInteger, requireString, type FieldContext } from "../../core/validate.js";

export const NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
export const NAME_RULE = "a Latin letter followed by up to 63 letters, digits or underscores";
export const MAX_VALUE = 8192;
export const MAX_DESCRIPTION = 200;

export function deleteFields(
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
