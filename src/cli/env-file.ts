// The `--env-file` format of `typed-secrets run`: dotenv lines, where an unquoted `scheme://` value is a secret reference.
import { hasScheme } from "../run-with-secrets.js";
import { UsageError } from "./exit-codes.js";

export interface EnvFileEntry {
  name: string;
  value: string;
  /** Quoted values are always literal, even when they look like a reference or a URL. */
  quoted: boolean;
  line: number;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ESCAPES: Record<string, string> = { n: "\n", r: "\r", t: "\t", '"': '"', "\\": "\\" };

/**
 * Parses `NAME=value` lines: `#` comments, blank lines, an optional `export `, values in double quotes
 * (with \n \r \t \" \\ escapes) or single quotes (literal), and `  # comment` after an unquoted value.
 * Errors name the file and line, never a value.
 */
export function parseEnvFile(text: string, file: string): EnvFileEntry[] {
  const entries: EnvFileEntry[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const where = `${file}:${line}`;
    const trimmed = raw.trim();
    if (trimmed === "" || trimmed.startsWith("#")) return;
    const statement = trimmed.replace(/^export\s+/, "");
    const equals = statement.indexOf("=");
    const name = equals < 0 ? "" : statement.slice(0, equals).trim();
    if (!NAME.test(name)) throw new UsageError(`${where}: expected NAME=VALUE (NAME: letters, digits and underscores)`);
    const rest = statement.slice(equals + 1).trimStart();
    const quote = rest[0];
    if (quote !== '"' && quote !== "'") {
      entries.push({ name, value: rest.replace(/\s+#.*$/, "").trimEnd(), quoted: false, line });
      return;
    }
    let value = "";
    let at = 1;
    for (; at < rest.length && rest[at] !== quote; at += 1) {
      const char = rest[at]!;
      if (quote === '"' && char === "\\" && at + 1 < rest.length) {
        const next = rest[at + 1]!;
        value += ESCAPES[next] ?? `\\${next}`;
        at += 1;
      } else {
        value += char;
      }
    }
    if (at >= rest.length) throw new UsageError(`${where}: ${name}: the ${quote === '"' ? "double" : "single"} quote is not closed on this line`);
    const after = rest.slice(at + 1).trim();
    if (after !== "" && !after.startsWith("#")) throw new UsageError(`${where}: ${name}: unexpected text after the closing quote`);
    entries.push({ name, value, quoted: true, line });
  });
  return entries;
}

/** Splits the entries into references (unquoted `scheme://` values) and literal variables; later lines win. */
export function splitEnvFile(entries: readonly EnvFileEntry[]): { references: Record<string, string>; literals: Record<string, string> } {
  const references: Record<string, string> = {};
  const literals: Record<string, string> = {};
  for (const entry of entries) {
    delete references[entry.name];
    delete literals[entry.name];
    if (!entry.quoted && hasScheme(entry.value)) references[entry.name] = entry.value;
    else literals[entry.name] = entry.value;
  }
  return { references, literals };
}
