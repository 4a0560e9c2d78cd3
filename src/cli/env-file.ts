// The env files of `typed-secrets run -f FILE`: dotenv's dialect (as Node's util.parseEnv reads it), where an
// unquoted or double-quoted `voximplant://` or `dapr://` value is a secret reference.
import { hasScheme, isKnownReference, SECRET_REFERENCE_SCHEMES, SecretReferenceError } from "../run/secret-references.js";
import { type ExpansionBudget, expandValue, newExpansionBudget } from "./env-expansion.js";
import { UsageError } from "./exit-codes.js";

export type EnvQuote = "none" | "double" | "single" | "backtick";

export interface EnvFileEntry {
  name: string;
  value: string;
  quote: EnvQuote;
  /** The file and the line the entry starts on, for messages. */
  file: string;
  line: number;
}

/** Counts the characters the parser looks at or copies: a test checks that it grows with the file's size, linearly. */
export interface ParseMeter {
  steps: number;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const QUOTES: Record<string, EnvQuote> = { '"': "double", "'": "single", "`": "backtick" };
const QUOTE_WORD: Record<EnvQuote, string> = { none: "", double: "double", single: "single", backtick: "back" };
const NEWLINE = 10;
const CARRIAGE_RETURN = 13;
const HASH = 35;
const EQUALS = 61;
const BACKSLASH = 92;

/** What String.prototype.trim removes, one UTF-16 unit at a time. */
function isWhitespace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || (code > 127 && /\s/.test(String.fromCharCode(code)));
}

/**
 * Parses `NAME=value` lines like Node's `util.parseEnv` and dotenv: blank lines and `#` comments, an optional
 * `export `, whitespace around names and unquoted values trimmed, values in double, single or back quotes
 * that may span lines (PEM blocks), `\n` expanded in double quotes only, later lines win. Where we differ, on
 * purpose: an unquoted value's comment starts at ` #` (whitespace first), so `dapr://STORE/NAME#KEY` keeps its
 * key; and a line that is not `NAME=VALUE`, an unclosed quote or text after a closing quote is an error naming
 * the file and line (Node skips such lines silently). Errors never quote a value.
 *
 * One pass over the text, each character looked at a bounded number of times (no regular expression runs over
 * the rest of the file): 1 MiB of spaces or of an unclosed quote takes milliseconds, not minutes.
 */
export function parseEnvFile(text: string, file: string, meter: ParseMeter = { steps: 0 }): EnvFileEntry[] {
  const entries: EnvFileEntry[] = [];
  const length = text.length;
  let position = 0;
  let line = 1;
  const code = (at: number) => {
    meter.steps += 1;
    return text.charCodeAt(at);
  };
  const slice = (from: number, to: number) => {
    meter.steps += to - from;
    return text.slice(from, to);
  };
  /** Skips whitespace on this line (not its line break). */
  const skipSpaces = () => {
    while (position < length && code(position) !== NEWLINE && isWhitespace(code(position))) position += 1;
  };
  /** Moves past the end of this line (its `\n`, if any). */
  const skipLine = () => {
    while (position < length && code(position) !== NEWLINE) position += 1;
    if (position < length) position += 1;
    line += 1;
  };
  const fail = (at: number, detail: string): never => {
    throw new UsageError(`${file}:${at}: ${detail}`);
  };

  while (position < length) {
    skipSpaces();
    if (position >= length) break;
    if (code(position) === NEWLINE || code(position) === HASH) {
      skipLine();
      continue;
    }
    const start = line;
    if (
      text.startsWith("export", position) &&
      position + 6 < length &&
      code(position + 6) !== NEWLINE &&
      isWhitespace(code(position + 6))
    ) {
      position += 6;
      skipSpaces();
    }
    const nameStart = position;
    while (position < length && code(position) !== NEWLINE && code(position) !== EQUALS) position += 1;
    const name = position < length && code(position) === EQUALS ? slice(nameStart, position).trim() : "";
    if (!NAME.test(name)) fail(start, "expected NAME=VALUE (NAME: letters, digits and underscores)");
    position += 1;
    skipSpaces();
    const quote = position < length ? QUOTES[text[position]!] : undefined;
    if (quote === undefined) {
      entries.push({ name, value: unquotedValue(), quote: "none", file, line: start });
      skipLine();
      continue;
    }
    const value = quotedValue(text.charCodeAt(position), quote === "double");
    if (value === undefined) return fail(start, `${name}: the ${QUOTE_WORD[quote]} quote is never closed`);
    skipSpaces();
    if (position < length && code(position) !== NEWLINE && code(position) !== HASH)
      fail(line, `${name}: unexpected text after the closing quote`);
    entries.push({ name, value, quote, file, line: start });
    skipLine();
  }
  return entries;

  /** The rest of the line up to a `#` that starts it or follows whitespace, trimmed. */
  function unquotedValue(): string {
    const from = position;
    let end = -1;
    let afterSpace = true;
    for (; position < length && code(position) !== NEWLINE; position += 1) {
      if (end < 0 && afterSpace && code(position) === HASH) end = position;
      afterSpace = isWhitespace(code(position));
    }
    let to = end < 0 ? position : end;
    while (to > from && isWhitespace(code(to - 1))) to -= 1;
    return slice(from, to);
  }

  /**
   * From the opening quote to the closing one, possibly lines later (their `\r\n` read as `\n`); in double quotes
   * `\n` becomes a line break. Leaves `position` after the closing quote; undefined when there is none.
   */
  function quotedValue(mark: number, double: boolean): string | undefined {
    let value = "";
    position += 1;
    let copied = position;
    for (; position < length; position += 1) {
      const current = code(position);
      if (current === mark) {
        value += slice(copied, position);
        position += 1;
        return value;
      }
      if (current === NEWLINE) line += 1;
      if (current === CARRIAGE_RETURN && position + 1 < length && code(position + 1) === NEWLINE) {
        value += slice(copied, position);
        copied = position + 1;
      } else if (double && current === BACKSLASH && position + 1 < length && code(position + 1) === 110) {
        value += `${slice(copied, position)}\n`;
        copied = position + 2;
        position += 1;
      }
    }
    return undefined;
  }
}

/**
 * `${VAR}`, `${VAR:-default}` and `$VAR` in unquoted and double-quoted values, from earlier lines (of this and
 * earlier files) and then the environment, as dotenvx expands them; `\$` is a plain `$`. Single and back quotes
 * keep a value literal. See env-expansion.ts for the bounds (no text is expanded twice; at most 1 MiB added).
 */
export function expandEnvEntries(
  entries: readonly EnvFileEntry[],
  env: Record<string, string | undefined>,
  budget: ExpansionBudget = newExpansionBudget(),
): EnvFileEntry[] {
  const values = new Map<string, { value: string; reference: boolean }>();
  const lookup = (name: string) => {
    const earlier = values.get(name);
    if (earlier) return earlier;
    const value = Object.hasOwn(env, name) ? env[name] : undefined;
    return value === undefined ? undefined : { value, reference: isKnownReference(value) };
  };
  return entries.map((entry) => {
    const literal = entry.quote === "single" || entry.quote === "backtick";
    const value = literal ? entry.value : expandValue(entry.value, lookup, budget, `${entry.file}:${entry.line}: ${entry.name}`);
    const expanded = { ...entry, value };
    values.set(entry.name, { value, reference: isReference(expanded) });
    return expanded;
  });
}

/** `voximplant:/app/x`, `dapr//vault/x`: one of our schemes, mistyped (a digit after the colon is a host's port: `dapr:3500`). */
const NEAR_MISS = new RegExp(`^(?:${[...SECRET_REFERENCE_SCHEMES, "gcore"].join("|")})(?::(?!//|\\d)|;//|//)`, "i");

/** Is the entry a secret reference to resolve? Unquoted and double-quoted values of a scheme are; single- and back-quoted never. */
function isReference(entry: EnvFileEntry): boolean {
  if (entry.quote === "single" || entry.quote === "backtick") return false;
  if (NEAR_MISS.test(entry.value))
    throw new SecretReferenceError(
      entry.name,
      "malformed",
      "ERR_VALIDATION",
      `${entry.file}:${entry.line}: looks like a mistyped reference (expected voximplant://APP/NAME or dapr://STORE/NAME#KEY, ` +
        "with two slashes); to pass the value as it is, single-quote it in the env file",
    );
  if (entry.quote === "none") return hasScheme(entry.value);
  // Double quotes also wrap ordinary URLs ("postgres://…"): only our schemes are references there.
  return isKnownReference(entry.value);
}

/** Splits the entries into references and literal variables; later lines win. */
export function splitEnvFile(entries: readonly EnvFileEntry[]): { references: Record<string, string>; literals: Record<string, string> } {
  const references: Record<string, string> = {};
  const literals: Record<string, string> = {};
  for (const entry of entries) {
    delete references[entry.name];
    delete literals[entry.name];
    if (isReference(entry)) references[entry.name] = entry.value;
    else literals[entry.name] = entry.value;
  }
  return { references, literals };
}

/** References already in the exported environment (as `op run` resolves them): values of our schemes only. */
export function environmentReferences(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && isKnownReference(entry[1])),
  );
}
