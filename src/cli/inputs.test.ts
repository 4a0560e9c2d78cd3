// Values and files from the user: bounded, and UTF-8 or refused (never stored with U+FFFD in place of their bytes).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { ParsedCommand } from "./command.js";
import { UsageError } from "./exit-codes.js";
import { readTextFile, valueSource } from "./inputs.js";
import { type CliIo, createOutput } from "./output.js";

const dir = mkdtempSync(path.join(tmpdir(), "typed-secrets-inputs-"));
const file = (name: string, content: string | Uint8Array) => {
  const at = path.join(dir, name);
  writeFileSync(at, content);
  return at;
};

function source(values: ParsedCommand["values"], stdin: Array<Buffer | string> = []) {
  const io: CliIo = {
    stdout: { write: () => true },
    stderr: { write: () => true },
    stdin: (async function* () {
      yield* stdin;
    })(),
    env: {},
  };
  return valueSource({ values, positionals: [], rest: [] }, io, createOutput(io, false), new AbortController().signal, true)!;
}

/** Latin-1 "pässword", a lone continuation byte, and a truncated 3-byte sequence: none of them UTF-8. */
const NOT_UTF8 = [Buffer.from("p\xe4ssword", "latin1"), Buffer.from([0x73, 0x80, 0x73]), Buffer.from([0x61, 0xe2, 0x82])];

describe("--value-file and --value-stdin", () => {
  it("read UTF-8 values as they are, a byte order mark included; one trailing newline goes", async () => {
    expect(await source({ "value-file": file("ok.txt", "пароль ✓\n") }).read()).toBe("пароль ✓");
    expect(await source({ "value-file": file("bom.txt", "\ufeffvalue") }).read()).toBe("\ufeffvalue");
    expect(await source({ "value-stdin": true }, [Buffer.from([0xd0]), Buffer.from([0xbf, 0x0a])]).read()).toBe("п");
  });

  it("refuse bytes that are not UTF-8 (a usage error, exit 2), naming the option and path, never the bytes", async () => {
    for (const [index, bytes] of NOT_UTF8.entries()) {
      const at = file(`bad-${index}.bin`, bytes);
      const fromFile = source({ "value-file": at }).read();
      await expect(fromFile).rejects.toThrow(UsageError);
      await expect(source({ "value-file": at }).read()).rejects.toThrow(`--value-file ${at}: not UTF-8 text (save it as UTF-8)`);
      await expect(source({ "value-stdin": true }, [bytes]).read()).rejects.toThrow("stdin: not UTF-8 text (save it as UTF-8)");
    }
  });

  it("as -f env files and PEM files are: read as UTF-8 or refused", async () => {
    await expect(readTextFile(file("bad.env", Buffer.concat([Buffer.from("A="), NOT_UTF8[0]!])), "-f")).rejects.toThrow(
      /^-f .*bad\.env: not UTF-8 text/,
    );
  });
});
