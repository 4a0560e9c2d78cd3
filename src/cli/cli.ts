// The CLI as a function: argv in, exit code out; dispatch to provider groups and commands, help on every level.
import { VERSION } from "../core/options.js";
import {
  booleanOption,
  commandHelp,
  groupHelp,
  parseCommand,
  topHelp,
  type CliState,
  type CommandContext,
  type CommandSpec,
  type GroupSpec,
} from "./command.js";
import { createMockPool, MOCK_ENV_STATE_NOTE, mockNotice, type MockPool } from "./connect.js";
import { daprGroup } from "./dapr-commands.js";
import { envFlag } from "./env-flags.js";
import { describeFailure, EXIT, exitCodeFor, UsageError } from "./exit-codes.js";
import { gcoreGroup } from "./gcore-commands.js";
import { createOutput, type CliIo } from "./output.js";
import { runCommand } from "./run-command.js";
import { emulateCommand } from "./emulate.js";
import { readCommand } from "./read-command.js";
import { tourCommand } from "./tour.js";
import { voximplantGroup } from "./voximplant-commands.js";

export const GROUPS: readonly GroupSpec[] = [voximplantGroup, daprGroup, gcoreGroup];
/** `run` as --help shows it without credentials (kept here: run-command.ts belongs to the run work). */
const run: CommandSpec = {
  ...runCommand,
  example: "API_KEY=voximplant://demo/apiKeyProd typed-secrets run -- printenv API_KEY",
  unconfigured: {
    when: "(VOXIMPLANT_CREDENTIALS unset or empty, no --mock)",
    exit: 2,
    says: "typed-secrets: API_KEY: no credentials: set VOXIMPLANT_CREDENTIALS …",
  },
};
export const COMMANDS: readonly CommandSpec[] = [run, tourCommand, emulateCommand, readCommand];

const GLOBAL_FLAGS = new Set(["--json", "--mock", "--help", "-h", "--version"]);

export interface RunCliOptions {
  io: CliIo;
  /** Aborts the command (Ctrl-C). */
  signal?: AbortSignal;
  /** Mocks shared between runs (the tour); by default each run starts and closes its own. */
  mocks?: MockPool;
  /** Filled in for the caller: is a `run` child running, did it die of a signal. */
  state?: CliState;
}

/** Leading global flags, up to the first word. */
function leadingFlags(argv: readonly string[], where: string): { flags: string[]; next: number } {
  let next = 0;
  while (next < argv.length && argv[next]!.startsWith("-") && argv[next] !== "--") {
    if (!GLOBAL_FLAGS.has(argv[next]!))
      throw new UsageError(`${where}unknown option ${argv[next]!.split("=")[0]} (options go after the command)`);
    next += 1;
  }
  return { flags: argv.slice(0, next), next };
}

/** TYPED_SECRETS_DEBUG=1: unexpected errors with their message and stack (0, or anything invalid, is off here). */
function debugEnabled(io: CliIo): boolean {
  try {
    return envFlag(io.env, "TYPED_SECRETS_DEBUG");
  } catch {
    return false;
  }
}

const wantsHelp = (flags: readonly string[]) => flags.includes("--help") || flags.includes("-h");

export async function runCli(argv: readonly string[], options: RunCliOptions): Promise<number> {
  const { io } = options;
  const beforeSeparator = argv.includes("--") ? argv.slice(0, argv.indexOf("--")) : argv;
  const json = beforeSeparator.includes("--json");
  const out = createOutput(io, json);
  let announce = true;
  let mockReason = "--mock";
  let stateNoted = false;
  const mocks =
    options.mocks ??
    createMockPool((provider, url) => {
      if (!announce) return;
      out.note(mockNotice(provider, url, mockReason));
      if (mockReason === "TYPED_SECRETS_MOCK=1" && !stateNoted) out.note(MOCK_ENV_STATE_NOTE);
      stateNoted = true;
    });
  const state = options.state ?? { childRunning: false };
  let path = "";

  const execute = async (command: CommandSpec, commandArgv: readonly string[], group?: GroupSpec): Promise<number> => {
    const args = parseCommand(command, commandArgv, path);
    if (booleanOption(args, "help")) {
      io.stdout.write(commandHelp(command, path, group));
      return EXIT.ok;
    }
    announce = !command.quietMocks;
    // Mocks only on request: --mock, or TYPED_SECRETS_MOCK=1 for a whole script.
    const mockFromEnv = envFlag(io.env, "TYPED_SECRETS_MOCK");
    if (!booleanOption(args, "mock") && mockFromEnv) mockReason = "TYPED_SECRETS_MOCK=1";
    const context: CommandContext = {
      io,
      out,
      mocks,
      forceMock: booleanOption(args, "mock") || mockFromEnv,
      signal: options.signal ?? new AbortController().signal,
      state,
      invoke: (nested, nestedIo) => runCli(nested, { io: nestedIo, mocks, ...(options.signal ? { signal: options.signal } : {}) }),
    };
    const code = await command.run(context, args);
    return typeof code === "number" ? code : EXIT.ok;
  };

  const dispatch = async (): Promise<number> => {
    envFlag(io.env, "TYPED_SECRETS_DEBUG");
    // Node itself reads --env-file (and --env-file-if-exists) from anywhere before `--`, before any CLI code
    // runs (nodejs/node#54232): with NODE_OPTIONS in the file, it would run code inside this process.
    if (beforeSeparator.some((arg) => /^--env-file(-if-exists)?(=|$)/.test(arg))) {
      throw new UsageError(
        "--env-file is Node's own option (Node loads that file itself, before this CLI runs): use -f FILE / --file FILE",
        { showHelp: false },
      );
    }
    const top = leadingFlags(argv, "");
    const name = argv[top.next];
    if (top.flags.includes("--version")) {
      io.stdout.write(`typed-secrets ${VERSION}\n`);
      return EXIT.ok;
    }
    if (name === undefined || name === "help") {
      if (name === "help" && argv.length > top.next + 1) return runCli([...argv.slice(top.next + 1), "--help"], options);
      (wantsHelp(top.flags) || name === "help" ? io.stdout : io.stderr).write(topHelp(GROUPS, COMMANDS, VERSION));
      return wantsHelp(top.flags) || name === "help" ? EXIT.ok : EXIT.usage;
    }
    const group = GROUPS.find((each) => each.name === name);
    if (group) {
      const rest = argv.slice(top.next + 1);
      const inner = leadingFlags(rest, `${group.name}: `);
      const commandName = rest[inner.next];
      const flags = [...top.flags, ...inner.flags];
      if (commandName === undefined || commandName === "help" || commandName === "--") {
        const asked = wantsHelp(flags) || commandName === "help";
        (asked ? io.stdout : io.stderr).write(groupHelp(group));
        return asked ? EXIT.ok : EXIT.usage;
      }
      const command = group.commands.find((each) => each.name === commandName);
      path = group.name;
      // The word is not echoed: it may be a secret value typed in the wrong place.
      if (!command)
        throw new UsageError(`${group.name}: unknown command (commands: ${group.commands.map((each) => each.name).join(", ")})`);
      path = `${group.name} ${command.name}`;
      return await execute(command, [...flags, ...rest.slice(inner.next + 1)], group);
    }
    const command = COMMANDS.find((each) => each.name === name);
    if (!command)
      throw new UsageError(
        `unknown command (providers: ${GROUPS.map((each) => each.name).join(", ")}; commands: ` +
          `${COMMANDS.map((each) => each.name).join(", ")})`,
      );
    path = command.name;
    return await execute(command, [...top.flags, ...argv.slice(top.next + 1)]);
  };

  try {
    return await dispatch();
  } catch (error) {
    out.done();
    io.stderr.write(`${describeFailure(error, { json, debug: debugEnabled(io) })}\n`);
    if (error instanceof UsageError && error.showHelp && !json)
      io.stderr.write(`Run 'typed-secrets ${path ? `${path} ` : ""}--help' for usage.\n`);
    return exitCodeFor(error, options.signal?.aborted ? options.signal.reason : undefined);
  } finally {
    if (!options.mocks) await mocks.close();
  }
}
