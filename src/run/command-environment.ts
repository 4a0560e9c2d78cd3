// The environment and the masked values of the command `run` starts, from the resolved references.
import type { StdioOptions } from "node:child_process";
import { ValidationError } from "../core/errors.js";
import { maskedValues } from "./output-masking.js";
import { SecretReferenceError } from "./secret-references.js";

const NUL_DETAIL = "holds a NUL byte, which an environment variable cannot carry";

/** Refuses a resolved value holding a NUL byte, naming its variable only. */
export function refuseNulBytes(resolved: Readonly<Record<string, string>>): void {
  for (const [variable, value] of Object.entries(resolved))
    if (value.includes("\0"))
      throw new SecretReferenceError(variable, "invalid-value", "ERR_VALIDATION", `the resolved value ${NUL_DETAIL}`);
}

/** The command's environment; a NUL byte (which spawn would reject, quoting the value) fails naming the variable only. */
export function commandEnvironment(
  base: Record<string, string | undefined>,
  resolved: Record<string, string>,
): Record<string, string | undefined> {
  refuseNulBytes(resolved);
  const env = { ...base, ...resolved };
  for (const [variable, value] of Object.entries(env)) {
    if (!value?.includes("\0")) continue;
    throw new ValidationError(`${variable}: the value ${NUL_DETAIL}`, { field: `env.${variable}` });
  }
  return env;
}

/**
 * The values to mask (none when masking is off or stdio is not the default); tells `onUnmasked` which variables are
 * too short to mask. `retired`: earlier values, masked too (a restarted command may still print them).
 */
export function maskingPlan(
  options: { masking?: boolean | undefined; stdio?: StdioOptions | undefined; onUnmasked?: ((variables: string[]) => void) | undefined },
  resolved: Record<string, string>,
  retired: readonly string[] = [],
): string[] {
  if (options.masking === false || (options.stdio !== undefined && options.stdio !== "inherit")) return [];
  const unmasked = Object.entries(resolved)
    .filter(([, value]) => !maskedValues([value]).length)
    .map(([variable]) => variable);
  if (unmasked.length) options.onUnmasked?.(unmasked);
  return maskedValues([...Object.values(resolved), ...retired]);
}
