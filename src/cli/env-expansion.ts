// Variable expansion in env-file values, as dotenvx writes it (`${VAR}`, `${VAR:-default}`, `$VAR`, `\$`), in one
// pass: an expanded value is inserted as it is, never scanned again, and all expansions together add at most 1 MiB.
import { formatBytes } from "../core/bounded-file.js";
import { UsageError } from "./exit-codes.js";

/** 1 MiB: what all the expansions of a run together may add (lines that double a value cannot grow it without end). */
export const MAX_EXPANDED_CHARS = 1 << 20;
/** `${A:-${B:-…}}` nested deeper than this is refused (the parser recurses once per level). */
const MAX_DEPTH = 16;

/** What is left to add, and the characters looked at so far (tests check that it grows linearly). */
export interface ExpansionBudget {
  left: number;
  steps: number;
}

export function newExpansionBudget(): ExpansionBudget {
  return { left: MAX_EXPANDED_CHARS, steps: 0 };
}

/** A variable's value, and whether it is a secret reference (which may only be expanded as a whole value). */
export type ExpansionLookup = (name: string) => { value: string; reference: boolean } | undefined;

const NAME_START = /[A-Za-z_]/;
const NAME_PART = /[A-Za-z0-9_]/;
const OPERATORS = [":-", "-", ":+", "+"] as const;

/**
 * Expands one value: `${VAR}` and `$VAR` (empty when unset), `${VAR:-word}` (word when unset or empty), `${VAR-word}`
 * (word when unset), `${VAR:+word}` / `${VAR+word}` (word when set and non-empty / set), `\$` a plain `$`, and `$`
 * before anything else stays. The word is itself expanded. `where` names the file, line and variable in errors
 * (never the value). A secret reference's variable can be expanded only as the whole value (`B=${A}`): inside a
 * longer text it would hand the command the reference's text, not the secret.
 */
export function expandValue(source: string, lookup: ExpansionLookup, budget: ExpansionBudget, where: string): string {
  let position = 0;
  let usedReference = false;
  const fail = (detail: string): never => {
    throw new UsageError(`${where}: ${detail}`);
  };
  const at = (index: number) => {
    budget.steps += 1;
    return source[index];
  };
  const add = (text: string) => {
    budget.left -= text.length;
    budget.steps += text.length;
    if (budget.left < 0) fail(`the expansions add more than ${formatBytes(MAX_EXPANDED_CHARS)} in all`);
    return text;
  };
  const readName = () => {
    const from = position;
    if (!NAME_START.test(at(position) ?? "")) return "";
    while (NAME_PART.test(at(position) ?? "")) position += 1;
    return source.slice(from, position);
  };
  const variable = (name: string) => {
    const found = lookup(name);
    if (found?.reference) usedReference = true;
    return found;
  };

  /** Text up to the end (depth 0) or to the `}` that closes a `${…}` word; `emit` false parses without building. */
  const word = (depth: number, emit: boolean): string => {
    let out = "";
    while (position < source.length) {
      const char = at(position)!;
      if (char === "}" && depth > 0) return out;
      if (char === "\\" && at(position + 1) === "$") {
        if (emit) out += "$";
        position += 2;
      } else if (char === "$" && at(position + 1) === "{") {
        position += 2;
        const text = braced(depth + 1, emit);
        if (emit) out += text;
      } else if (char === "$" && NAME_START.test(at(position + 1) ?? "")) {
        position += 1;
        const name = readName();
        if (emit) out += add(variable(name)?.value ?? "");
      } else {
        if (emit) out += char;
        position += 1;
      }
    }
    if (depth > 0) fail("a ${ is never closed (write \\$ for a plain $)");
    return out;
  };

  /** After `${`: NAME, an optional operator and word, and the closing `}`. */
  const braced = (depth: number, emit: boolean): string => {
    if (depth > MAX_DEPTH) fail(`\${…} nested more than ${MAX_DEPTH} deep`);
    const name = readName();
    if (name === "") fail("expected ${NAME}, ${NAME:-default} or $NAME (write \\$ for a plain $)");
    const operator = OPERATORS.find((each) => source.startsWith(each, position));
    if (operator === undefined) {
      if (at(position) !== "}") fail("expected ${NAME}, ${NAME:-default} or $NAME (write \\$ for a plain $)");
      position += 1;
      return emit ? add(variable(name)?.value ?? "") : "";
    }
    position += operator.length;
    const found = emit ? variable(name) : undefined;
    const set = found !== undefined && (!operator.startsWith(":") || found.value !== "");
    const useWord = operator.endsWith("-") ? !set : set;
    const text = word(depth, emit && useWord);
    position += 1;
    if (!emit) return "";
    if (useWord) return text;
    return operator.endsWith("-") ? add(found!.value) : "";
  };

  const result = word(0, true);
  if (usedReference && !isWholeReference(source, lookup))
    fail("a variable holding a secret reference can be expanded only as the whole value (B=${A}), not inside a longer text");
  return result;
}

/** `${NAME}` or `$NAME` alone, naming a variable whose value is a reference. */
function isWholeReference(source: string, lookup: ExpansionLookup): boolean {
  const name = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$|^\$([A-Za-z_][A-Za-z0-9_]*)$/.exec(source);
  const named = name?.[1] ?? name?.[2];
  return named !== undefined && lookup(named)?.reference === true;
}
