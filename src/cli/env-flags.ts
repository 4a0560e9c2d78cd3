// Boolean environment switches (TYPED_SECRETS_MOCK, TYPED_SECRETS_DEBUG): 1/true/yes/on, 0/false/no/off or empty.
import type { Environment } from "../core/options.js";
import { UsageError } from "./exit-codes.js";

const ON = new Set(["1", "true", "yes", "on"]);
const OFF = new Set(["", "0", "false", "no", "off"]);

/** Is the switch on? Unset or empty is off; anything but the words above is a usage error naming the variable. */
export function envFlag(env: Environment, name: string): boolean {
  const text = env[name]?.trim().toLowerCase();
  if (text === undefined || OFF.has(text)) return false;
  if (ON.has(text)) return true;
  throw new UsageError(`${name} must be 1 or 0 (or true/false, yes/no, on/off)`);
}
