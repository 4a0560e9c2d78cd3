// Secret values and PEM files come from files or stdin, never from an argument.
import { readFile } from "node:fs/promises";
import { booleanOption, stringOption, type OptionSpec, type ParsedCommand } from "./command.js";
import { UsageError } from "./exit-codes.js";
import type { CliIo, Output } from "./output.js";

export const VALUE_OPTIONS: Record<string, OptionSpec> = {
  "value-file": { type: "string", value: "FILE", help: "read the secret value from FILE" },
  "value-stdin": { type: "boolean", help: "read the secret value from stdin" },
  "keep-newline": { type: "boolean", help: "keep the value's trailing newline (one is removed by default)" },
};

export const VALUE_DETAILS = [
  "The value is read from --value-file or stdin (--value-stdin), never from an argument: arguments end",
  "up in shell history and in `ps`. One trailing newline is removed unless --keep-newline is given.",
];

/** Reads a whole file as UTF-8; the error names the option and the path, never the content. */
export async function readTextFile(path: string, option: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    throw new UsageError(`${option} ${path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
}

async function readStdin(io: CliIo, out: Output): Promise<string> {
  if (io.stdin.isTTY) out.note("typed-secrets: reading the value from stdin; end it with Ctrl-D");
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8");
}

/** The value given by --value-file or --value-stdin; undefined when neither was given and none is required. */
export async function readSecretValue(args: ParsedCommand, io: CliIo, out: Output, required: boolean): Promise<string | undefined> {
  const file = stringOption(args, "value-file");
  const fromStdin = booleanOption(args, "value-stdin");
  if (file !== undefined && fromStdin) throw new UsageError("give one of --value-file or --value-stdin, not both");
  if (file === undefined && !fromStdin) {
    if (required) throw new UsageError("no value: pass --value-file FILE or --value-stdin (values are never taken from an argument)");
    return undefined;
  }
  const raw = file === undefined ? await readStdin(io, out) : await readTextFile(file, "--value-file");
  const value = booleanOption(args, "keep-newline") ? raw : raw.replace(/\r?\n$/, "");
  if (value === "") throw new UsageError(`the value from ${file === undefined ? "stdin" : `--value-file ${file}`} is empty`);
  return value;
}
