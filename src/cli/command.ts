// How a command is declared (options, positionals, help text), parsed with node:util parseArgs, and documented.
import { parseArgs } from "node:util";
import type { ConnectContext } from "./connect.js";
import type { CliIo } from "./output.js";
import { EXIT_CODES_HELP, UsageError } from "./exit-codes.js";

export interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
  multiple?: boolean;
  /** Placeholder shown in help, e.g. `NAME|ID`. */
  value?: string;
  help: string;
}

/** What a CLI run tells the process around it (see main.ts). */
export interface CliState {
  /** Set by `run` while its command runs: signals then go to the command, not to the CLI. */
  childRunning: boolean;
  /** Set by `run` when its command died of a signal: the CLI then dies of the same signal. */
  exitSignal?: NodeJS.Signals | undefined;
}

export interface CommandContext extends ConnectContext {
  signal: AbortSignal;
  state: CliState;
  /** Runs another CLI command line with the same emulators (the tour). */
  invoke(argv: readonly string[], io: CliIo): Promise<number>;
}

export interface ParsedCommand {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
  /** With `passThrough`: everything after `--`. */
  rest: string[];
}

/**
 * What a command does without credentials and without --mock: its --help shows it under an example command line,
 * and a test runs that line as written and compares the exit code and the first line (src/cli/help.test.ts).
 */
export interface Unconfigured {
  /** The condition, after "Without credentials", e.g. "(VOXIMPLANT_CREDENTIALS unset or empty)". */
  when: string;
  exit: number;
  /** Its first line: on stdout when it exits 0, else on stderr; `…` stands for any text. */
  says: string;
}

export interface CommandSpec {
  name: string;
  /** One line, for the group's command list. */
  summary: string;
  /** Arguments after the command name, e.g. `NAME [--app NAME|ID]`. */
  usage: string;
  /** More lines for `--help`. */
  details?: readonly string[];
  options: Record<string, OptionSpec>;
  positionals: { min: number; max: number };
  /** The command announces the emulators itself (the tour). */
  quietMocks?: boolean;
  /** Everything after `--` is not parsed but handed over as `rest` (and `--` is required). */
  passThrough?: boolean;
  /** What --json and --mock mean for this command (help text), or false when it refuses them. Default: GLOBAL_OPTIONS. */
  globals?: { json?: string | false; mock?: string | false };
  /** Exit codes of its own, added to the table its --help prints. */
  exitCodes?: readonly (readonly [string, string])[];
  /** A shell line that runs this command without credentials (files it names exist where the test runs it). */
  example?: string;
  /** What `example` does: by default its group's. */
  unconfigured?: Unconfigured;
  /** Returns the exit code (default 0). */
  // biome-ignore lint/suspicious/noConfusingVoidType: most commands only print, and return nothing.
  run(context: CommandContext, args: ParsedCommand): Promise<number | void>;
}

export interface GroupSpec {
  name: string;
  summary: string;
  details: readonly string[];
  /** What its commands do without credentials (a command may say otherwise). */
  unconfigured: Unconfigured;
  commands: readonly CommandSpec[];
}

/** Options every command takes. */
export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  json: { type: "boolean", help: "print JSON on stdout (for scripts) instead of tables" },
  mock: { type: "boolean", help: "use the embedded emulators, never a real API (also TYPED_SECRETS_MOCK=1)" },
  help: { type: "boolean", short: "h", help: "show this help" },
};

const SECRET_FLAGS = /^(value|secret|password|token|key-value)$/;

/** The global options a command takes, with its own help text for them. */
export function globalOptionsOf(spec: CommandSpec): Record<string, OptionSpec> {
  const options: Record<string, OptionSpec> = { ...GLOBAL_OPTIONS };
  for (const [name, help] of Object.entries(spec.globals ?? {})) {
    if (help === false) delete options[name];
    else if (help !== undefined) options[name] = { ...options[name]!, help };
  }
  return options;
}

export function parseCommand(spec: CommandSpec, all: readonly string[], path: string): ParsedCommand {
  const separator = spec.passThrough ? all.indexOf("--") : -1;
  const argv = separator < 0 ? all : all.slice(0, separator);
  const rest = separator < 0 ? [] : all.slice(separator + 1);
  const options = { ...globalOptionsOf(spec), ...spec.options };
  const config = Object.fromEntries(
    Object.entries(options).map(([name, option]) => [
      name,
      { type: option.type, ...(option.short ? { short: option.short } : {}), ...(option.multiple ? { multiple: true } : {}) },
    ]),
  );
  // A lenient pass first, to name unknown options without echoing what followed them (it may be a secret).
  const { tokens } = parseArgs({ args: [...argv], options: config, allowPositionals: true, strict: false, tokens: true });
  for (const token of tokens) {
    if (token.kind !== "option" || token.name in options || Object.values(options).some((option) => option.short === token.name)) continue;
    if (SECRET_FLAGS.test(token.name))
      throw new UsageError(
        `${path}: secret values are never taken from the command line (they end up in shell history and ps): use --value-file FILE or ` +
          `--value-stdin`,
      );
    throw new UsageError(`${path}: unknown option ${token.rawName}`);
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options: config, allowPositionals: true, strict: true });
  } catch (error) {
    const missing = /^Option '(-\w, )?(--[\w-]+) <value>' argument missing/.exec((error as Error).message);
    if (missing) {
      const option = options[missing[2]!.slice(2)];
      throw new UsageError(`${path}: ${missing[2]} needs a value${option?.value ? ` (${missing[2]} ${option.value})` : ""}`);
    }
    // parseArgs's messages name the option only, never its value.
    throw new UsageError(`${path}: ${(error as Error).message.split("\n")[0]}`);
  }
  const result = { values: parsed.values as ParsedCommand["values"], positionals: parsed.positionals, rest };
  if (result.values.help) return result;
  if (spec.passThrough && rest.length === 0)
    throw new UsageError(`${path}: give the command after --: typed-secrets ${path} ${spec.usage}`);
  const count = result.positionals.length;
  if (count < spec.positionals.min) throw new UsageError(`${path}: missing argument (usage: typed-secrets ${path} ${spec.usage})`);
  if (count > spec.positionals.max) {
    // The extra argument is not echoed: it may be a value typed where it does not belong.
    const hint = "value-file" in spec.options ? "; values come from --value-file or --value-stdin, never from an argument" : "";
    throw new UsageError(`${path}: too many arguments (usage: typed-secrets ${path} ${spec.usage})${hint}`);
  }
  return result;
}

export function stringOption(args: ParsedCommand, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === "string" ? value : undefined;
}

export function booleanOption(args: ParsedCommand, name: string): boolean {
  return args.values[name] === true;
}

/** `--timeout SECONDS` in milliseconds, `defaultSeconds` when absent. */
export function timeoutOption(args: ParsedCommand, defaultSeconds: number): number {
  const text = stringOption(args, "timeout");
  if (text === undefined) return defaultSeconds * 1000;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new UsageError(`--timeout ${text}: expected a number of seconds`);
  return Math.round(value * 1000);
}

export function listOption(args: ParsedCommand, name: string): string[] {
  const value = args.values[name];
  return Array.isArray(value) ? value : typeof value === "string" ? [value] : [];
}

function columns(rows: readonly (readonly [string, string])[], indent = "  "): string[] {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `${indent}${left.padEnd(width)}  ${right}`);
}

function optionRows(options: Record<string, OptionSpec>): [string, string][] {
  return Object.entries(options).map(([name, option]) => [
    `${option.short ? `-${option.short}, ` : ""}--${name}${option.value ? ` ${option.value}` : ""}`,
    option.help,
  ]);
}

/** The `exit N; stderr: …` line of an Unconfigured. */
export const outcomeLine = (outcome: Unconfigured) => `exit ${outcome.exit}; ${outcome.exit === 0 ? "stdout" : "stderr"}: ${outcome.says}`;

function unconfiguredLines(spec: CommandSpec, group: GroupSpec | undefined): string[] {
  const outcome = spec.unconfigured ?? group?.unconfigured;
  if (!spec.example || !outcome) return [];
  return ["", `Without credentials ${outcome.when}, for example:`, `  $ ${spec.example}`, `  ${outcomeLine(outcome)}`];
}

export function commandHelp(spec: CommandSpec, path: string, group?: GroupSpec): string {
  return [
    `Usage: typed-secrets ${path} ${spec.usage}`.trimEnd(),
    "",
    `${spec.summary[0]!.toUpperCase()}${spec.summary.slice(1)}.`,
    ...(spec.details?.length ? ["", ...spec.details] : []),
    ...unconfiguredLines(spec, group),
    "",
    "Options:",
    ...columns(optionRows({ ...spec.options, ...globalOptionsOf(spec) })),
    "",
    "Exit codes:",
    ...columns([...EXIT_CODES_HELP, ...(spec.exitCodes ?? [])]),
    "",
  ].join("\n");
}

/** Which commands say otherwise than their group without credentials. */
function exceptions(group: GroupSpec): string {
  const others = group.commands.filter((command) => command.unconfigured).map((command) => command.name);
  return others.length ? `but ${others.join(", ")}: see its --help` : "all of them";
}

export function groupHelp(group: GroupSpec): string {
  return [
    `Usage: typed-secrets ${group.name} <command> [options]`,
    "",
    group.summary,
    "",
    ...group.details,
    "",
    `Without credentials ${group.unconfigured.when}, its commands (${exceptions(group)}) end with:`,
    `  ${outcomeLine(group.unconfigured)}`,
    "",
    "Commands:",
    ...columns(group.commands.map((command) => [command.name, command.summary])),
    "",
    "Options:",
    ...columns(optionRows(GLOBAL_OPTIONS)),
    "",
    `Run 'typed-secrets ${group.name} <command> --help' for a command's arguments.`,
    "",
  ].join("\n");
}

export function topHelp(groups: readonly GroupSpec[], commands: readonly CommandSpec[], version: string): string {
  const rows: [string, string][] = [
    ...groups.flatMap((group) => group.commands.map((command): [string, string] => [`${group.name} ${command.name}`, command.summary])),
    ...commands.map((command): [string, string] => [command.name, command.summary]),
  ];
  return [
    `typed-secrets ${version}: read and manage secrets in Voximplant, Dapr and Gcore Cloud.`,
    "",
    "Usage: typed-secrets <provider> <command> [arguments] [options]",
    "       typed-secrets run -f FILE -- COMMAND [ARGS...]",
    "",
    "Commands:",
    ...columns(rows),
    "",
    "Options:",
    ...columns([...optionRows(GLOBAL_OPTIONS), ["--version", "print the version"]]),
    "",
    "Credentials come from the vendors' variables: VOXIMPLANT_CREDENTIALS (path of credentials.json),",
    "GCORE_API_KEY (+ GCORE_CLOUD_PROJECT_ID, GCORE_CLOUD_REGION_ID); Dapr's sidecar is DAPR_HTTP_ENDPOINT,",
    "else 127.0.0.1:DAPR_HTTP_PORT, else 127.0.0.1:3500 (DAPR_API_TOKEN when it wants one). A missing or",
    "empty credential is an error (exit 2), never a mock. The embedded emulators (stateful, in memory, on",
    "127.0.0.1) answer only when asked, with --mock or TYPED_SECRETS_MOCK=1, and the CLI says so on stderr.",
    "`typed-secrets emulate` serves them for other programs. Secret values are read from",
    "a file or stdin, never from an argument; `get` prints the value alone on stdout, and messages go to",
    "stderr. Unexpected errors are named by class and code only: TYPED_SECRETS_DEBUG=1 adds their message",
    "and stack trace (which may quote a secret value).",
    "",
    "Exit codes:",
    ...columns(EXIT_CODES_HELP),
    "",
    "Run 'typed-secrets <provider> --help' or 'typed-secrets <provider> <command> --help' for more.",
    "",
  ].join("\n");
}
