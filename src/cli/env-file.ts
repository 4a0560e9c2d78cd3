// The env files of `typed-secrets run -f FILE`: dotenv's dialect (as Node's util.parseEnv reads it), where an
// unquoted or double-quoted `voximplant://` or `dapr://` value is a secret reference.
import { hasScheme, isKnownReference } from "../run/secret-references.js";
import { UsageError } from "./exit-codes.js";

export type EnvQuote = "none" | "double" | "single" | "backtick";

export interface EnvFileEntry {
  name: string;
  value: string;
  quote: EnvQuote;
  line: number;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const QUOTES: Record<string, EnvQuote> = { '"': "double", "'": "single", "`": "backtick" };

/**
 * Parses `NAME=value` lines like Node's `util.parseEnv` and dotenv: blank lines and `#` comments, an optional
 * `export `, whitespace around names and unquoted values trimmed, values in double, single or back quotes
 * that may span lines (PEM blocks), `\n` expanded in double quotes only, later lines win. Where we differ, on
 * purpose: an unquoted value's comment starts at ` #` (whitespace first), so `dapr://STORE/NAME#KEY` keeps its
 * key; and a line that is not `NAME=VALUE`, an unclosed quote or text after a closing quote is an error naming
 * the file and line (Node skips such lines silently). Errors never quote a value.
 */
export function parseEnvFile(text: string, file: string): EnvFileEntry[] {
  const entries: EnvFileEntry[] = [];
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index += 1) {
    const line = index + 1;
    const where = `${file}:${line}`;
    const trimmed = lines[index]!.trim();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    const statement = trimmed.replace(/^export\s+/, "");
    const equals = statement.indexOf("=");
    const name = equals < 0 ? "" : statement.slice(0, equals).trim();
    if (!NAME.test(name)) throw new UsageError(`${where}: expected NAME=VALUE (NAME: letters, digits and underscores)`);
    let rest = statement.slice(equals + 1).trimStart();
    const quote = QUOTES[rest[0] ?? ""];
    if (!quote) {
      entries.push({ name, value: rest.replace(/(^|\s+)#.*$/, "").trimEnd(), quote: "none", line });
      continue;
    }
    const mark = rest[0]!;
    // The closing quote may be on a later line: the value then holds the line breaks.
    let close = rest.indexOf(mark, 1);
    while (close < 0 && index + 1 < lines.length) {
      index += 1;
      rest += `\n${lines[index]!}`;
      close = rest.indexOf(mark, 1);
    }
    if (close < 0)
      throw new UsageError(
        `${where}: ${name}: the ${quote === "double" ? "double" : quote === "single" ? "single" : "back"} quote is never closed`,
      );
    const after = rest.slice(close + 1).trim();
    if (after !== "" && !after.startsWith("#"))
      throw new UsageError(`${file}:${index + 1}: ${name}: unexpected text after the closing quote`);
    const raw = rest.slice(1, close);
    entries.push({ name, value: quote === "double" ? raw.replace(/\\n/g, "\n") : raw, quote, line });
  }
  return entries;
}

/** Is the entry a secret reference to resolve? Unquoted and double-quoted values of a scheme are; single- and back-quoted never. */
function isReference(entry: EnvFileEntry): boolean {
  if (entry.quote === "none") return hasScheme(entry.value);
  // Double quotes also wrap ordinary URLs ("postgres://…"): only our schemes are references there.
  return entry.quote === "double" && isKnownReference(entry.value);
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
