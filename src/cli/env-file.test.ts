// The env files of `run -f`: dotenv's dialect as Node's util.parseEnv reads it, plus which values are references.
import { parseEnv } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { environmentReferences, parseEnvFile, splitEnvFile } from "./env-file.js";
import { UsageError } from "./exit-codes.js";

const values = (text: string) => Object.fromEntries(parseEnvFile(text, "f").map(({ name, value }) => [name, value]));

describe("parseEnvFile", () => {
  it("reads comments, export, quotes, multi-line values, \\n in double quotes and trailing comments", () => {
    const text = [
      "# a comment",
      "",
      "export API_KEY=voximplant://my-app/apiKey",
      "DB=dapr://vault/db#password   # a comment after a value",
      'QUOTED="postgres://user@host/db"',
      "SINGLE='a \\n b # not a comment'",
      'ESCAPED="line\\nnext"',
      "  SPACED =  plain value  ",
      "EMPTY=",
      'PEM="-----BEGIN CERTIFICATE-----',
      "MIIB",
      '-----END CERTIFICATE-----"',
      "TICKS=`a 'b' \"c\"`",
    ].join("\r\n");
    expect(parseEnvFile(text, "app.env").map(({ name, value, quote, line }) => [name, value, quote, line])).toEqual([
      ["API_KEY", "voximplant://my-app/apiKey", "none", 3],
      ["DB", "dapr://vault/db#password", "none", 4],
      ["QUOTED", "postgres://user@host/db", "double", 5],
      ["SINGLE", "a \\n b # not a comment", "single", 6],
      ["ESCAPED", "line\nnext", "double", 7],
      ["SPACED", "plain value", "none", 8],
      ["EMPTY", "", "none", 9],
      ["PEM", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----", "double", 10],
      ["TICKS", "a 'b' \"c\"", "backtick", 13],
    ]);
  });

  it("names the file and line of a bad line, never its value", () => {
    for (const [line, message] of [
      ["no equals sign s3cr3t", "app.env:2: expected NAME=VALUE (NAME: letters, digits and underscores)"],
      ["1BAD=s3cr3t", "app.env:2: expected NAME=VALUE (NAME: letters, digits and underscores)"],
      ['OPEN="s3cr3t', "app.env:2: OPEN: the double quote is never closed"],
      ["AFTER='s3cr3t' s3cr3t", "app.env:2: AFTER: unexpected text after the closing quote"],
    ] as const) {
      const run = () => parseEnvFile(`OK=1\n${line}\n`, "app.env");
      expect(run).toThrow(UsageError);
      expect(run).toThrow(message);
      expect(() => run()).not.toThrow(/s3cr3t/);
    }
  });
});

describe("the same plain values as Node's util.parseEnv", () => {
  it("on a corpus of the dialect's forms", () => {
    const corpus = [
      "A=plain",
      "A = spaced ",
      "export A=x",
      "A=x # comment",
      'A="dq # not a comment"',
      "A='sq \\n stays'",
      'A="esc\\nexpanded"',
      'A="multi\nline"',
      "A='multi\nsingle'",
      "A=`back`",
      "A=",
      'A=""',
      "A=''",
      "  A=lead",
      "A=x\nB=y",
      "# c\nA=1",
      "A=1\r\nB=2",
      "A=x\nA=later wins",
      "A=  spaced value  ",
      "A='x' # c",
      'A="x" # c',
      "A=a'b",
      "A='a\"b'",
      'A="dapr://v/n#k"',
    ];
    for (const text of corpus) expect(values(text), JSON.stringify(text)).toEqual(parseEnv(text));
  });

  it("for generated names, values and quotes", () => {
    const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,12}$/);
    // Plain text: no quote characters, backslashes, # or line breaks, which the quoting rules treat specially.
    const text = fc.stringMatching(/^[^"'`\\#\r\n]{0,30}$/);
    // `export A=` with nothing after it: Node 22 reads a variable named "export A" (Node 20 and we read A), so
    // `export` comes with a non-empty value only.
    const line = fc
      .tuple(name, text, fc.constantFrom("", '"', "'", "`"), fc.boolean())
      .map(
        ([key, value, quote, exported]) =>
          `${exported && (quote || value.trim()) ? "export " : ""}${key}=${quote}${quote ? value : value.trim()}${quote}`,
      );
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), fc.constantFrom("\n", "\r\n"), (lines, newline) => {
        const file = lines.join(newline);
        expect(values(file)).toEqual(parseEnv(file));
      }),
      { numRuns: 300 },
    );
  });
});

describe("splitEnvFile", () => {
  it("resolves unquoted and double-quoted references; single quotes and back quotes are literal; later lines win", () => {
    const entries = parseEnvFile(
      [
        "A=voximplant://app/a",
        'B="dapr://vault/b#key"',
        "C='voximplant://app/c'",
        "D=`dapr://vault/d`",
        "E=postgres://x",
        'F="postgres://user@host/db"',
        "G=plain",
        "A=now-literal",
        "G=dapr://vault/g",
      ].join("\n"),
      "f",
    );
    expect(splitEnvFile(entries)).toEqual({
      // E: an unquoted unknown scheme is kept as a reference, so that resolving fails on the typo guard.
      references: { B: "dapr://vault/b#key", E: "postgres://x", G: "dapr://vault/g" },
      literals: { C: "voximplant://app/c", D: "dapr://vault/d", F: "postgres://user@host/db", A: "now-literal" },
    });
  });

  it("takes references from the exported environment for our schemes only", () => {
    expect(
      environmentReferences({ A: "voximplant://app/a", B: "DAPR://vault/b", C: "gcore://x", D: "postgres://db", E: "plain", F: undefined }),
    ).toEqual({
      A: "voximplant://app/a",
      B: "DAPR://vault/b",
      C: "gcore://x",
    });
  });
});
