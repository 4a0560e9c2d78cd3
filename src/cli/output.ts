// What the CLI writes: data on stdout (aligned tables for people, JSON for scripts), everything else on stderr.
import type { Environment } from "../core/options.js";
import { hasControlCharacters, terminalJson, terminalText } from "./terminal-text.js";

export interface OutputStream {
  write(chunk: string): unknown;
  isTTY?: boolean | undefined;
}

export interface InputStream extends AsyncIterable<Buffer | string> {
  isTTY?: boolean | undefined;
}

/** The process's streams and environment, or captured ones (tests, the tour). */
export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  stdin: InputStream;
  env: Environment;
}

export type Cell = string | number | Date | undefined | null;

/** `2024-06-01 08:15:42` (UTC), the way Voximplant writes timestamps. */
export function formatDate(date: Date | undefined | null): string {
  return date ? date.toISOString().slice(0, 19).replace("T", " ") : "";
}

function cellText(cell: Cell): string {
  if (cell === undefined || cell === null || cell === "") return "-";
  if (cell instanceof Date) return formatDate(cell);
  // Server-supplied text: line breaks and tabs become spaces, escape sequences and other controls are neutralised.
  return terminalText(String(cell).replace(/[\r\n\t]+/g, " "));
}

/** Columns aligned with two spaces; the last column is not padded. */
export function formatTable(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const lines = [headers.map((header) => header.toUpperCase()), ...rows.map((row) => row.map(cellText))];
  const widths = headers.map((_, column) => Math.max(...lines.map((line) => (line[column] ?? "").length)));
  return `${lines
    .map((line) =>
      line
        .map((text, column) => (column === line.length - 1 ? text : text.padEnd(widths[column] ?? 0)))
        .join("  ")
        .trimEnd(),
    )
    .join("\n")}\n`;
}

/** A two-column "field  value" block for one record. */
export function formatRecord(fields: readonly (readonly [string, Cell])[]): string {
  const width = Math.max(...fields.map(([name]) => name.length));
  return `${fields.map(([name, value]) => `${`${name}:`.padEnd(width + 1)}  ${cellText(value)}`).join("\n")}\n`;
}

/** JSON for scripts: Dates as ISO strings, undefined fields left out, one document per command; controls stay escaped. */
export function formatJson(value: unknown): string {
  return `${terminalJson(value, 2)}\n`;
}

export interface Output {
  readonly json: boolean;
  /** Data for stdout: `json` when --json, else the human text (built from sanitised cells). */
  data(human: string, json: unknown): void;
  /**
   * A secret value alone on stdout (`get`), exactly as stored when stdout is a pipe or file. On a terminal,
   * control characters are shown escaped (with a note), so a stored escape sequence cannot act on the terminal.
   */
  value(text: string, newline: boolean): void;
  /** A message for people, on stderr. */
  note(text: string): void;
  /** A progress line, only on a terminal; `done()` clears it. */
  progress(text: string): void;
  done(): void;
}

export function createOutput(io: CliIo, json: boolean): Output {
  let progressShown = false;
  const done = () => {
    if (progressShown) io.stderr.write("\r\x1b[2K");
    progressShown = false;
  };
  return {
    json,
    data: (human, value) => {
      io.stdout.write(json ? formatJson(value) : human);
    },
    value: (text, newline) => {
      const shown = io.stdout.isTTY && hasControlCharacters(text) ? terminalText(text, { keepNewlines: true }) : text;
      if (shown !== text) {
        done();
        io.stderr.write(
          "typed-secrets: the value holds control characters, shown escaped on this terminal; redirect stdout to get it exactly\n",
        );
      }
      io.stdout.write(newline ? `${shown}\n` : shown);
    },
    note: (text) => {
      done();
      io.stderr.write(`${terminalText(text, { keepNewlines: true })}\n`);
    },
    progress: (text) => {
      if (!io.stderr.isTTY) return;
      io.stderr.write(`\r\x1b[2K${terminalText(text)}`);
      progressShown = true;
    },
    done,
  };
}

export function seconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}
