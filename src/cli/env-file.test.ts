// The --env-file format: dotenv lines; unquoted scheme:// values are references, quoted values literal.
import { describe, expect, it } from "vitest";
import { parseEnvFile, splitEnvFile } from "./env-file.js";
import { UsageError } from "./exit-codes.js";

describe("parseEnvFile", () => {
  it("reads comments, export, quotes, escapes and trailing comments", () => {
    const text = [
      "# a comment",
      "",
      "export API_KEY=voximplant://my-app/apiKey",
      "DB=dapr://vault/db#password   # a comment after a value",
      'QUOTED="postgres://user@host/db"',
      "SINGLE='a \\n b # not a comment'",
      'ESCAPED="line\\nnext \\"q\\""',
      "  SPACED =  plain value  ",
      "EMPTY=",
    ].join("\r\n");
    expect(parseEnvFile(text, "app.env").map(({ name, value, quoted }) => [name, value, quoted])).toEqual([
      ["API_KEY", "voximplant://my-app/apiKey", false],
      ["DB", "dapr://vault/db#password", false],
      ["QUOTED", "postgres://user@host/db", true],
      ["SINGLE", "a \\n b # not a comment", true],
      ["ESCAPED", 'line\nnext "q"', true],
      ["SPACED", "plain value", false],
      ["EMPTY", "", false],
    ]);
  });

  it("names the file and line of a bad line, never its value", () => {
    for (const [line, message] of [
      ["no equals sign s3cr3t", "app.env:2: expected NAME=VALUE (NAME: letters, digits and underscores)"],
      ["1BAD=s3cr3t", "app.env:2: expected NAME=VALUE (NAME: letters, digits and underscores)"],
      ['OPEN="s3cr3t', "app.env:2: OPEN: the double quote is not closed on this line"],
      ["AFTER='s3cr3t' s3cr3t", "app.env:2: AFTER: unexpected text after the closing quote"],
    ] as const) {
      const run = () => parseEnvFile(`OK=1\n${line}\n`, "app.env");
      expect(run).toThrow(UsageError);
      expect(run).toThrow(message);
    }
  });
});

describe("splitEnvFile", () => {
  it("makes unquoted scheme:// values references and everything else literal; later lines win", () => {
    const entries = parseEnvFile('A=voximplant://app/a\nB="dapr://vault/b"\nC=plain\nD=postgres://x\nA=now-literal\nC=dapr://vault/c\n', "f");
    expect(splitEnvFile(entries)).toEqual({
      references: { D: "postgres://x", C: "dapr://vault/c" },
      literals: { B: "dapr://vault/b", A: "now-literal" },
    });
  });
});
