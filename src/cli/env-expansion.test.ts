// `${VAR}`, `${VAR:-default}`, `$VAR` and `\$` as dotenvx expands them, in one pass and bounded.
import { describe, expect, it } from "vitest";
import { type ExpansionLookup, expandValue, MAX_EXPANDED_CHARS, newExpansionBudget } from "./env-expansion.js";
import { UsageError } from "./exit-codes.js";

const variables: Record<string, string> = { THE_ANSWER: "42", EMPTY: "", HOST: "db.local", DOLLAR: "$HOST ${HOST}" };
const lookup: ExpansionLookup = (name) => (Object.hasOwn(variables, name) ? { value: variables[name]!, reference: false } : undefined);
const expand = (source: string, from: ExpansionLookup = lookup) => expandValue(source, from, newExpansionBudget(), "app.env:3: X");

describe("expandValue", () => {
  it("expands as dotenvx does (its test cases), a default's word included", () => {
    for (const [source, expected] of [
      ["$THE_ANSWER", "42"],
      ["${THE_ANSWER}", "42"],
      ["${THE_ANSWER}!==$HOST", "42!==db.local"],
      ["$NO_SUCH_VAR", ""],
      ["${NO_SUCH_VAR}", ""],
      ["${NO_SUCH_VAR:-default}", "default"],
      ["${THE_ANSWER:-default}", "42"],
      ["${EMPTY:-default}", "default"],
      ["${EMPTY-default}", ""],
      ["${NO_SUCH_VAR-default}", "default"],
      ["${THE_ANSWER:+set}", "set"],
      ["${EMPTY:+set}", ""],
      ["${EMPTY+set}", "set"],
      ["${NO_SUCH_VAR+set}", ""],
      ["${NO_SUCH_VAR:-${THE_ANSWER:-default}}", "42"],
      ["${NO_SUCH_VAR:-${NO_SUCH_VAR:-default}}", "default"],
      ["${UNDEFINED_ENV_KEY:-/default/path}", "/default/path"],
      ["mongodb://${HOST}:${NO_PORT:-27017}/db", "mongodb://db.local:27017/db"],
      ["\\$THE_ANSWER", "$THE_ANSWER"],
      ["\\${THE_ANSWER}", "${THE_ANSWER}"],
      ["pa$$", "pa$$"],
      // As in shells and dotenvx: $word is a variable. Single quotes keep such a value literal.
      ["pa$$word", "pa$"],
      ["cost: 5$", "cost: 5$"],
      ["a\\b", "a\\b"],
    ] as const)
      expect(expand(source), source).toBe(expected);
  });

  it("inserts an expanded value as it is: a $ in it is not expanded again", () => {
    expect(expand("${DOLLAR}")).toBe("$HOST ${HOST}");
  });

  it("refuses an unclosed or malformed ${, naming the place, never the value", () => {
    for (const source of ["${HOST", "s3cr3t${", "${1X}", "${HOST?x}", "${HOST:-${HOST}"]) {
      expect(() => expand(source), source).toThrow(UsageError);
      expect(() => expand(source), source).toThrow(/^app\.env:3: X: /);
      expect(() => expand(source), source).not.toThrow(/s3cr3t/);
    }
  });

  it("refuses ${…} nested more than 16 deep", () => {
    const nested = (depth: number) => `${"${NO:-".repeat(depth)}x${"}".repeat(depth)}`;
    expect(expand(nested(16))).toBe("x");
    expect(() => expand(nested(17))).toThrow(UsageError);
  });

  it("a secret reference's variable only as the whole value", () => {
    const withReference: ExpansionLookup = (name) => (name === "DB" ? { value: "voximplant://app/db", reference: true } : lookup(name));
    expect(expand("${DB}", withReference)).toBe("voximplant://app/db");
    expect(expand("$DB", withReference)).toBe("voximplant://app/db");
    expect(expand("${NO_SUCH:-x}${THE_ANSWER:-${DB}}", withReference)).toBe("x42");
    for (const source of ["postgres://u:${DB}@host", "${DB}${DB}", "${NO_SUCH:-$DB}"])
      expect(() => expand(source, withReference), source).toThrow(/secret reference can be expanded only as the whole value/);
  });

  it("adds at most 1 MiB in all, across values (lines that double a value are stopped)", () => {
    const budget = newExpansionBudget();
    const values = new Map<string, string>([["A0", "x".repeat(1024)]]);
    const fromMap: ExpansionLookup = (name) => (values.has(name) ? { value: values.get(name)!, reference: false } : undefined);
    const doubling = () => {
      for (let index = 1; index < 40; index += 1)
        values.set(`A${index}`, expandValue(`\${A${index - 1}}$A${index - 1}`, fromMap, budget, `big.env:${index}: A${index}`));
    };
    expect(doubling).toThrow(UsageError);
    expect(doubling).toThrow(/the expansions add more than 1 MiB in all/);
    expect(budget.left).toBeLessThan(0);
    expect(budget.left).toBeGreaterThan(-MAX_EXPANDED_CHARS);
  });

  it("looks at each character of the source a bounded number of times", () => {
    const steps = (source: string) => {
      const budget = newExpansionBudget();
      try {
        expandValue(source, lookup, budget, "x");
      } catch {
        // an unclosed ${ at the end: the steps until then count
      }
      return budget.steps;
    };
    for (const make of [
      (size: number) => "$".repeat(size),
      (size: number) => "\\$".repeat(size / 2),
      (size: number) => "${NO:-${THE_ANSWER}}".repeat(size / 22),
      (size: number) => `\${NO:-${"x".repeat(size)}`,
      (size: number) => "$THE_ANSWER".repeat(size / 11),
    ]) {
      const [few, many] = [steps(make(66_000)), steps(make(264_000))];
      expect(many).toBeLessThanOrEqual(4 * 264_000);
      expect(many / few).toBeGreaterThan(3.9);
      expect(many / few).toBeLessThan(4.1);
    }
  });
});
