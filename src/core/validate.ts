// Input checks run before anything is sent: a rejected input throws ValidationError naming the field.
import { ValidationError } from "./errors.js";

export interface FieldContext {
  provider: string;
  operation: string;
}

function fail(field: string, problem: string, context: FieldContext): never {
  throw new ValidationError(`${field} ${problem}`, { ...context, field });
}

/** A lone UTF-16 surrogate cannot be encoded in a URL or form: it would be sent as U+FFFD. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface StringRule {
  /** A RegExp, or any test of the whole value (one that must stay linear in its length). */
  pattern?: { test(value: string): boolean };
  /** How `pattern` reads in a message. */
  rule?: string;
  /** In characters (code points), as JSON Schema's maxLength counts. */
  maxLength?: number;
  nonEmpty?: boolean;
}

/** A string that can be sent as given: well-formed Unicode, within the rule. Empty only if the rule allows. */
export function requireString(value: unknown, field: string, context: FieldContext, rule: StringRule = {}): string {
  if (typeof value !== "string") fail(field, "must be a string", context);
  if (rule.nonEmpty && value.length === 0) fail(field, "must be a non-empty string", context);
  // The length first: an over-long value is refused before anything scans or copies it.
  if (rule.maxLength !== undefined && value.length > rule.maxLength) {
    const characters = codePoints(value);
    if (characters > rule.maxLength) fail(field, `must be at most ${rule.maxLength} characters (got ${characters})`, context);
  }
  if (LONE_SURROGATE.test(value))
    fail(field, "must be well-formed Unicode (it holds a lone surrogate, which cannot be sent unchanged)", context);
  if (rule.pattern && !rule.pattern.test(value)) fail(field, `must match ${rule.rule ?? String(rule.pattern)}`, context);
  return value;
}

/** Code points in a string, counted in place (`[...value]` would build an array as long as the string). */
export function codePoints(value: string): number {
  let count = value.length;
  for (let index = 0; index < value.length - 1; index += 1) {
    const unit = value.charCodeAt(index);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = value.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count -= 1;
        index += 1;
      }
    }
  }
  return count;
}

/** A URL path segment: non-empty, and not "." or ".." (a URL resolves those whatever the encoding). */
export function requirePathSegment(value: unknown, field: string, context: FieldContext): string {
  const segment = requireString(value, field, context, { nonEmpty: true });
  if (segment === "." || segment === "..") fail(field, 'cannot be "." or ".." (a URL path would resolve it)', context);
  return segment;
}

export function requirePositiveInteger(value: unknown, field: string, context: FieldContext, max?: number): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value <= 0) fail(field, "must be a positive integer", context);
  if (max !== undefined && value > max) fail(field, `must be at most ${max}`, context);
  return value;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function requireUuid(value: unknown, field: string, context: FieldContext): string {
  return requireString(value, field, context, { pattern: UUID, rule: "a UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)" });
}

/** Exactly one of two alternative fields (e.g. `id` or `name`) must be given. */
export function exactlyOne<A extends string, B extends string>(
  input: Partial<Record<A | B, unknown>> | undefined,
  a: A,
  b: B,
  context: FieldContext,
): A | B {
  const hasA = input?.[a] !== undefined;
  const hasB = input?.[b] !== undefined;
  if (hasA === hasB)
    throw new ValidationError(`${a}/${b}: give ${a} or ${b}${hasA ? ", not both" : ""}`, { ...context, field: `${a}/${b}` });
  return hasA ? a : b;
}

/** A credential that can travel in a header: visible Latin-1 and spaces only (Headers.set would throw, value in its message). */
export function isHeaderValue(value: unknown): value is string {
  return typeof value === "string" && /^[\x20-\x7e\x80-\xff]+$/.test(value) && value.trim() !== "";
}

/** Decimal digits naming a positive safe integer (an id, a port from the environment or a command line), else undefined. */
export function parsePositiveInteger(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d+$/.test(text.trim())) return undefined;
  const value = Number(text.trim());
  return Number.isSafeInteger(value) && value > 0 ? value : undefined;
}
