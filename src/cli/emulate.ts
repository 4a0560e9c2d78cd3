// `typed-secrets emulate [voximplant|dapr|gcore …]`: serves the embedded emulators for other programs and prints
// `export` lines for their variables; from a background process by default (for `eval "$(…)"` in scripts, ended by
// `emulate stop`), or in the foreground with --foreground until SIGINT or SIGTERM.
import type { ProviderName } from "../providers/names.js";
import { booleanOption, type CommandSpec, type ParsedCommand, stringOption } from "./command.js";
import { PID_VARIABLE, runningEmulator, STATE_VARIABLE, startInBackground, stopBackground } from "./emulate-background.js";
import { type EmulatePlan, emulatePlan, exportLines, ListenError, startEmulators } from "./emulate-serve.js";
import { UsageError } from "./exit-codes.js";

/** `--ttl SECONDS`: 0 (none) when absent. */
function ttlOf(text: string | undefined): number {
  if (text === undefined) return 0;
  const seconds = Number(text);
  if (!/^\d+$/.test(text) || seconds <= 0 || seconds > 7 * 24 * 3600)
    throw new UsageError("--ttl must be a whole number of seconds (1 to 604800)");
  return seconds;
}

const ORPHAN_CHECK_MS = 1_000;

const listing = (providers: readonly ProviderName[]) => providers.join(", ");

export const emulateCommand: CommandSpec = {
  name: "emulate",
  summary: "serve the embedded emulators and print `export` lines that point clients at them (`emulate stop` ends them)",
  usage: "[voximplant|dapr|gcore …] [--port N] [--ttl SECONDS] [--foreground] | stop",
  details: [
    "Starts the emulators named (all three by default) on 127.0.0.1 and prints one `export NAME=value` line",
    "per variable on stdout, for a shell to eval or source:",
    '  eval "$(typed-secrets emulate)"',
    "  source <(typed-secrets emulate)",
    "By default they are served by a background process (its own process group, no terminal) and the",
    `command returns once they listen; the lines then also export ${PID_VARIABLE} and`,
    `${STATE_VARIABLE} (its private state folder), so that every later command of the script uses the`,
    "same emulators and their state, until `typed-secrets emulate stop` (exit 3 when that emulator no longer",
    "runs: a stale pid is never signalled). The emulators also stop after --ttl SECONDS, or when their",
    "state folder is removed. With --foreground the command itself serves until SIGINT or SIGTERM (exit 0), or",
    "until its parent process ends (an npx or a script killed without passing the signal on).",
    "The Voximplant emulator makes a service account at start and writes its credentials.json (mode 600)",
    "to a temporary folder removed when it stops; the Gcore emulator accepts the API key it prints.",
    "With --port N the first emulator listens on N, the next on N+1, and so on (default: free ports);",
    "a port in use exits 2. A failure also prints `false` when stdout is not a terminal, so that the shell",
    "that evals or sources the output fails too (`set -e` stops the script, `&&` does not go on).",
  ],
  example: "typed-secrets emulate dapr --ttl 30",
  unconfigured: { when: "(it needs none)", exit: 0, says: "# dapr emulator at http://127.0.0.1:…" },
  options: {
    port: { type: "string", value: "N", help: "port of the first emulator (default: a free port)" },
    ttl: { type: "string", value: "SECONDS", help: "stop the background emulators after SECONDS (default: only on `emulate stop`)" },
    foreground: { type: "boolean", help: "serve from this process until SIGINT or SIGTERM instead of in the background" },
  },
  positionals: { min: 0, max: 3 },
  globals: { json: false, mock: false },
  exitCodes: [["3", "emulate stop: the emulator named by the environment no longer runs (nothing stopped)"]],
  async run(context, args) {
    if (args.positionals[0] === "stop") {
      if (args.positionals.length > 1 || Object.keys(args.values).length > 0)
        throw new UsageError("emulate stop takes no arguments (it stops the emulator the environment names)");
      return await stopBackground(context.io.env, context.out);
    }
    if (booleanOption(args, "foreground")) {
      if (args.values.ttl !== undefined)
        throw new UsageError("--ttl is for the background emulators: a --foreground one serves until SIGINT or SIGTERM");
      return await serveInForeground(context, emulatePlan(args.positionals, stringOption(args, "port")));
    }
    const { plan, ttl, started } = await startForScript(context, args);
    context.io.stdout.write(exportLines(started.served, { [PID_VARIABLE]: String(started.pid), [STATE_VARIABLE]: started.stateDir }));
    context.out.note(
      `typed-secrets: serving ${listing(plan.providers)} in the background (pid ${started.pid}${ttl ? `, for ${ttl} s` : ""}); ` +
        "stop with `typed-secrets emulate stop`",
    );
    return 0;
  },
};

/**
 * The background emulators, or a failure that the shell sees: `eval ""` and `source` of nothing succeed, so when
 * stdout is not a terminal (it is `$(…)` or `<(…)`) a failure also prints `false` for the shell to run.
 */
async function startForScript(context: Parameters<CommandSpec["run"]>[0], args: ParsedCommand) {
  try {
    const plan = emulatePlan(args.positionals, stringOption(args, "port"));
    const ttl = ttlOf(stringOption(args, "ttl"));
    const running = await runningEmulator(context.io.env);
    if (running !== undefined)
      throw new UsageError(
        `emulate: the emulators of ${PID_VARIABLE}=${running} still run: stop them first with \`typed-secrets emulate stop\``,
        { showHelp: false },
      );
    return { plan, ttl, started: await startInBackground(plan, ttl, context.io.env, context.signal) };
  } catch (error) {
    if (!context.io.stdout.isTTY) context.io.stdout.write("false\n");
    throw error;
  }
}

async function serveInForeground(context: Parameters<CommandSpec["run"]>[0], plan: EmulatePlan): Promise<number> {
  const running = await startEmulators(plan).catch((error: unknown) => {
    throw error instanceof ListenError ? new UsageError(error.message, { showHelp: false }) : error;
  });
  try {
    const served = plan.providers.map((provider, index) => ({ provider, url: running[index]!.url, env: running[index]!.env }));
    context.io.stdout.write(exportLines(served));
    context.out.note(`typed-secrets: serving ${listing(plan.providers)}; stop with Ctrl-C (SIGINT) or SIGTERM`);
    // Also ends when its parent does (npx or a script killed without passing the signal on): never left orphaned.
    const parent = process.ppid;
    let orphaned: ReturnType<typeof setInterval> | undefined;
    await new Promise<void>((resolve) => {
      if (context.signal.aborted) return resolve();
      context.signal.addEventListener("abort", () => resolve(), { once: true });
      orphaned = setInterval(() => process.ppid !== parent && resolve(), ORPHAN_CHECK_MS);
    });
    clearInterval(orphaned);
    return 0;
  } finally {
    await Promise.all(running.map((emulator) => emulator.close()));
  }
}
