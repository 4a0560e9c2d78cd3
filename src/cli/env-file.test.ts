// The env files of `run -f`: dotenv's dialect as Node's util.parseEnv reads it, plus which values are references.
import { parseEnv } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SecretReferenceError } from "../run/secret-references.js";
import { environmentReferences, expandEnvEntries, parseEnvFile, splitEnvFile } from "./env-file.js";
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
    expect(
      parseEnvFile(`${text}\r\nTRAIL="a   \r\nb"`, "app.env").map(({ name, value, quote, line }) => [name, value, quote, line]),
    ).toEqual([
      ["API_KEY", "voximplant://my-app/apiKey", "none", 3],
      ["DB", "dapr://vault/db#password", "none", 4],
      ["QUOTED", "postgres://user@host/db", "double", 5],
      ["SINGLE", "a \\n b # not a comment", "single", 6],
      ["ESCAPED", "line\nnext", "double", 7],
      ["SPACED", "plain value", "none", 8],
      ["EMPTY", "", "none", 9],
      ["PEM", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----", "double", 10],
      ["TICKS", "a 'b' \"c\"", "backtick", 13],
      // The opening line's trailing spaces stay, as Node keeps them.
      ["TRAIL", "a   \nb", "double", 14],
    ]);
  });

  it("names the file and line of a bad line, never its value", () => {
    for (const [line, message] of [
      ["no equals sign s3cr3t", "app.env:2: expected NAME=VALUE (NAME: letters, digits and underscores)"],
      ["1BAD=s3cr3t", "app.env:2: expected NAME=VALUE (NAME: letters, digits and underscores)"],
      ['OPEN="s3cr3t', "app.env:2: OPEN: the double quote is never closed"],
      ["OPEN=`s3cr3t", "app.env:2: OPEN: the back quote is never closed"],
      ["AFTER='s3cr3t' s3cr3t", "app.env:2: AFTER: unexpected text after the closing quote"],
    ] as const) {
      const run = () => parseEnvFile(`OK=1\n${line}\n`, "app.env");
      expect(run).toThrow(UsageError);
      expect(run).toThrow(message);
      expect(() => run()).not.toThrow(/s3cr3t/);
    }
  });
});

describe("parseEnvFile is linear in the file's size", () => {
  const KIB = 1024;
  /** Each shape at `size` characters: the findings (12 s for 100,000 spaces, 32 s for an unclosed quote over 200,000 lines). */
  const shapes: Record<string, (size: number) => string> = {
    "a value, then spaces": (size) => `A=x${" ".repeat(size - 4)}y`,
    "a value, then spaces and tabs before a comment": (size) => `A=x${" \t".repeat((size - 6) / 2)}# c`,
    "an unclosed double quote over many lines": (size) => `A="${"x\n".repeat((size - 3) / 2)}`,
    "an unclosed single quote over CRLF lines": (size) => `A='${"xy\r\n".repeat((size - 3) / 4)}`,
    "many short lines": (size) => "A=1\n".repeat(size / 4),
    "many comment lines": (size) => "# c\n".repeat(size / 4),
    "a line of spaces without =": (size) => `${" ".repeat(size - 1)}A`,
  };
  const steps = (text: string) => {
    const meter = { steps: 0 };
    try {
      parseEnvFile(text, "big.env", meter);
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
    }
    return meter.steps;
  };
  for (const [shape, make] of Object.entries(shapes)) {
    it(`${shape}: at most 6 steps per character, 1 MiB four times 256 KiB`, () => {
      const small = make(256 * KIB);
      const large = make(1024 * KIB);
      const [few, many] = [steps(small), steps(large)];
      expect(many).toBeLessThanOrEqual(6 * large.length);
      expect(many / few).toBeGreaterThan(3.9);
      expect(many / few).toBeLessThan(4.1);
    });
  }
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
      'A="trailing   \nspaces kept"',
      "A=x #c\rB=2",
      'A="a\\\\nb"',
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

describe("expandEnvEntries", () => {
  const expanded = (text: string, env: Record<string, string | undefined> = {}) =>
    Object.fromEntries(expandEnvEntries(parseEnvFile(text, "app.env"), env).map(({ name, value }) => [name, value]));

  it("expands unquoted and double-quoted values from earlier lines, then the environment; single and back quotes stay literal", () => {
    const text = [
      "A=${HOST:-localhost}:${PORT:-3000}",
      "HOST=file-host",
      'B="${HOST}\\n$HOME"',
      "C='${HOST} $HOME'",
      "D=`${HOST}`",
      "E=${LATER}",
      "LATER=x",
      "PATH=${PATH}:/opt/bin",
      "F=\\${HOST}",
    ].join("\n");
    expect(expanded(text, { HOST: "env-host", HOME: "/home/u", PATH: "/usr/bin" })).toEqual({
      A: "env-host:3000",
      HOST: "file-host",
      B: "file-host\n/home/u",
      C: "${HOST} $HOME",
      D: "${HOST}",
      E: "",
      LATER: "x",
      PATH: "/usr/bin:/opt/bin",
      F: "${HOST}",
    });
  });

  it("a reference's variable expands to the reference as a whole value; inside a longer text it is refused", () => {
    const entries = expandEnvEntries(parseEnvFile("DB=voximplant://app/db\nALIAS=${DB}\nSTORE=vault\nK=dapr://${STORE}/k", "f"), {});
    expect(splitEnvFile(entries).references).toEqual({ DB: "voximplant://app/db", ALIAS: "voximplant://app/db", K: "dapr://vault/k" });
    expect(() => expanded('DB=voximplant://app/db\nURL="postgres://u:${DB}@h"')).toThrow(UsageError);
    expect(() => expanded('URL="postgres://u:${DB}@h"', { DB: "dapr://vault/db" })).toThrow(
      /app\.env:1: URL: a variable holding a secret reference/,
    );
  });

  it("refuses a value that looks like one of our references with a typo, with a hint; single quotes pass it", () => {
    for (const line of ["X=voximplant:/app/x", 'X="dapr:/vault/x"', "X=DAPR//vault/x", "X=voximplant:app/x", "X=gcore;//x"]) {
      const run = () => splitEnvFile(parseEnvFile(`OK=1\n${line}`, "app.env"));
      expect(run, line).toThrow(SecretReferenceError);
      expect(run, line).toThrow(/^X: app\.env:2: looks like a mistyped reference .*single-quote it/);
      expect(() => run()).toThrow(expect.objectContaining({ variable: "X", reason: "malformed", causeCode: "ERR_VALIDATION" }));
    }
    expect(splitEnvFile(parseEnvFile("X='voximplant:/app/x'\nHOST=dapr:3500\nY=voximplant-app\nZ=dapr", "f")).literals).toEqual({
      X: "voximplant:/app/x",
      HOST: "dapr:3500",
      Y: "voximplant-app",
      Z: "dapr",
    });
  });
});
