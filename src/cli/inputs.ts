// Secret values, PEM files and env files come from regular files or stdin (never an argument), bounded in size and time.
import { BoundedReadError, formatBytes, readBoundedTextFile } from "../core/bounded-file.js";
import { booleanOption, stringOption, type OptionSpec, type ParsedCommand } from "./command.js";
import { InterruptedError, UsageError } from "./exit-codes.js";
import type { CliIo, InputStream, Output } from "./output.js";
import { untilAborted } from "../core/abort.js";

/** 1 MiB: far above any secret value (Voximplant's limit is 8192 characters), PEM bundle or env file. */
export const MAX_INPUT_BYTES = 1 << 20;

export const VALUE_OPTIONS: Record<string, OptionSpec> = {
  "value-file": { type: "string", value: "FILE", help: "read the secret value from FILE (a regular file, at most 1 MiB)" },
  "value-stdin": { type: "boolean", help: "read the secret value from stdin (hidden when typed on a terminal)" },
  "keep-newline": { type: "boolean", help: "keep the value's trailing newline (one is removed by default)" },
};

export const VALUE_DETAILS = [
  "The value is read from --value-file or stdin (--value-stdin), never from an argument: arguments end",
  "up in shell history and in `ps`. On a terminal, --value-stdin reads one line without echoing it (like",
  "`read -s`). One trailing newline is removed unless --keep-newline is given. Files must be regular",
  "files and, like stdin, hold at most 1 MiB.",
];

/** Reads a regular file of at most 1 MiB as UTF-8; the error names the option and the path, never the content. */
export async function readTextFile(path: string, option: string): Promise<string> {
  try {
    return await readBoundedTextFile(path, MAX_INPUT_BYTES);
  } catch (error) {
    throw new UsageError(`${option} ${path}: ${error instanceof BoundedReadError ? error.message : "cannot read the file"}`, {
      showHelp: false,
    });
  }
}

/** As files are read (core/bounded-file.ts): what is not UTF-8 is refused, not turned into U+FFFD. */
const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** All of a piped stdin, at most 1 MiB, UTF-8. */
async function readPipedStdin(stdin: InputStream): Promise<string> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stdin) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    length += bytes.length;
    if (length > MAX_INPUT_BYTES) throw new UsageError(`stdin: more than the limit of ${formatBytes(MAX_INPUT_BYTES)}`);
    chunks.push(bytes);
  }
  try {
    return UTF8.decode(Buffer.concat(chunks));
  } catch {
    throw new UsageError("stdin: not UTF-8 text (save it as UTF-8)", { showHelp: false });
  }
}

/**
 * One line typed on a terminal, not echoed (raw mode, as `read -s` turns echo off): Enter ends it, Backspace
 * and Ctrl-U edit it, Ctrl-C interrupts (exit 130), Ctrl-D ends it.
 */
function readHiddenLine(stdin: InputStream & { setRawMode(mode: boolean): unknown }, io: CliIo, prompt: () => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const stream = stdin as unknown as NodeJS.ReadStream;
    let line = "";
    const finish = (error?: Error) => {
      stream.off("data", onData);
      stdin.setRawMode(false);
      stream.pause();
      io.stderr.write("\n");
      if (error) reject(error);
      else resolve(line);
    };
    const onData = (chunk: Buffer | string) => {
      for (const char of typeof chunk === "string" ? chunk : chunk.toString("utf8")) {
        if (char === "\r" || char === "\n" || char === "\x04") return finish();
        if (char === "\x03") return finish(new InterruptedError("SIGINT"));
        if (char === "\x7f" || char === "\b") line = Array.from(line).slice(0, -1).join("");
        else if (char === "\x15") line = "";
        else line += char;
        if (line.length > MAX_INPUT_BYTES) return finish(new UsageError(`stdin: more than the limit of ${formatBytes(MAX_INPUT_BYTES)}`));
      }
    };
    // Echo off before the prompt shows: keys typed as soon as it appears are not echoed either.
    stdin.setRawMode(true);
    prompt();
    stream.on("data", onData);
    stream.resume();
  });
}

async function readStdin(io: CliIo, out: Output, signal: AbortSignal): Promise<string> {
  const stdin = io.stdin;
  if (stdin.isTTY && typeof (stdin as { setRawMode?: unknown }).setRawMode === "function") {
    const prompt = () => out.note("typed-secrets: type the value (it is not shown) and press Enter:");
    return untilAborted(readHiddenLine(stdin as InputStream & { setRawMode(mode: boolean): unknown }, io, prompt), signal);
  }
  if (stdin.isTTY) out.note("typed-secrets: reading the value from stdin; end it with Ctrl-D");
  return untilAborted(readPipedStdin(stdin), signal);
}

/** Where the value comes from, checked before anything else happens; `read()` reads it. */
export interface ValueSource {
  /** A terminal's stdin prompts: read it after connecting, so that any mock notice comes before the prompt. */
  readonly prompts: boolean;
  read(): Promise<string>;
}

/** Connects and reads the value: a file or pipe first (a bad one fails before any connection), a terminal after connecting. */
export async function connectAndRead<T>(source: ValueSource, connect: () => Promise<T>): Promise<[T, string]> {
  const fromFile = source.prompts ? undefined : await source.read();
  const client = await connect();
  return [client, fromFile ?? (await source.read())];
}

/**
 * The source given by --value-file or --value-stdin, checked now (usage errors come before any connection);
 * undefined when neither was given and none is required. Read it after connecting, so that any mock notice
 * comes before a prompt.
 */
export function valueSource(args: ParsedCommand, io: CliIo, out: Output, signal: AbortSignal, required: boolean): ValueSource | undefined {
  const file = stringOption(args, "value-file");
  const fromStdin = booleanOption(args, "value-stdin");
  if (file !== undefined && fromStdin) throw new UsageError("give one of --value-file or --value-stdin, not both");
  if (file === undefined && !fromStdin) {
    if (required) throw new UsageError("no value: pass --value-file FILE or --value-stdin (values are never taken from an argument)");
    return undefined;
  }
  return {
    prompts: fromStdin && Boolean(io.stdin.isTTY),
    async read() {
      const raw = file === undefined ? await readStdin(io, out, signal) : await readTextFile(file, "--value-file");
      const value = booleanOption(args, "keep-newline") ? raw : raw.replace(/\r?\n$/, "");
      if (value === "") throw new UsageError(`the value from ${file === undefined ? "stdin" : `--value-file ${file}`} is empty`);
      return value;
    },
  };
}
