// `typed-secrets run -f FILE -- COMMAND`: secret references resolved into a command's environment, masked in its output.
import { constants } from "node:os";
import type { ProviderName } from "../providers/names.js";
import {
  CommandStartError,
  parseSecretReference,
  runWithSecrets,
  SecretReferenceError,
  watchWithSecrets,
  type WatchClients,
} from "../run-with-secrets.js";
import { booleanOption, listOption, stringOption, type CommandSpec, type ParsedCommand } from "./command.js";
import { connectDapr, connectVoximplant, missingSettings } from "./connect.js";
import { environmentReferences, expandEnvEntries, parseEnvFile, splitEnvFile } from "./env-file.js";
import { EXIT, UsageError } from "./exit-codes.js";
import { readTextFile } from "./inputs.js";
import { watchNote } from "./watch-notes.js";

/** `--interval` / `--grace` in milliseconds: whole seconds within bounds, `fallback` when absent. */
function secondsOption(args: ParsedCommand, name: string, fallback: number, min: number, max: number): number {
  const text = stringOption(args, name);
  if (text === undefined) return fallback * 1000;
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max)
    throw new UsageError(`run: --${name} takes whole seconds from ${min} to ${max}`);
  return Number(text) * 1000;
}

/** The --watch settings, or undefined without --watch (--interval and --grace then refused). */
function watchSettings(args: ParsedCommand): { intervalMs: number; graceMs: number } | undefined {
  if (!booleanOption(args, "watch")) {
    for (const name of ["interval", "grace"])
      if (stringOption(args, name) !== undefined) throw new UsageError(`run: --${name} needs --watch`);
    return undefined;
  }
  return { intervalMs: secondsOption(args, "interval", 60, 5, 86_400), graceMs: secondsOption(args, "grace", 10, 0, 3_600) };
}

export const runCommand: CommandSpec = {
  name: "run",
  summary: "run a command with secret references resolved into its environment, their values masked in its output",
  usage: "[-f FILE...] [--no-masking] [--watch [--interval S] [--grace S]] -- COMMAND [ARGS...]",
  details: [
    "References are variables whose value is voximplant://APP/NAME (APP: an application name or id) or",
    "dapr://STORE/NAME#KEY (#KEY optional; ?version_id=2 adds metadata). They come from the env files (-f,",
    "repeatable, later files win) and from the exported environment, as `op run` reads them.",
    "Env files are dotenv lines (NAME=VALUE, # comments, export, quotes): unquoted and double-quoted values",
    "are resolved; single quotes keep a value literal ('voximplant://…' stays text). An unquoted value of",
    'another scheme fails (a typo guard): quote it (URL="postgres://…") to pass it as it is. Double-quoted',
    "values may span lines (PEM blocks) and expand \\n. gcore:// is refused (Gcore payloads are write-only).",
    "Unquoted and double-quoted values expand ${VAR}, ${VAR:-default} and $VAR from earlier lines, then the",
    "environment (\\$ is a plain $); a mistyped reference (voximplant:/app/x) is refused.",
    "Every reference is resolved before the command starts; a failure names the variable, never a value,",
    "and the command does not start. References are read from the real APIs (VOXIMPLANT_CREDENTIALS; the",
    "Dapr sidecar at DAPR_HTTP_ENDPOINT, DAPR_HTTP_PORT or 127.0.0.1:3500), or from the embedded emulators",
    "with --mock (demo data: see typed-secrets emulate).",
    "",
    "Masking: resolved values of 6 characters or more are replaced by <concealed by typed-secrets> in the",
    "command's stdout and stderr, also when split across writes, and so are their JSON-escaped, CRLF,",
    "URL-encoded and base64 forms (shorter ones are left alone, and the CLI",
    "says which). The command then writes to pipes, not to the terminal: programs that check for one print",
    "plainly (no colours, no full-screen mode); --no-masking gives it the terminal back. Its stdin is",
    "always the CLI's.",
    "",
    "Signals: each reaches the command once. On a terminal, Ctrl-C (and Ctrl-\\, a hang-up) reach it from the",
    "terminal, and SIGTERM/SIGUSR2 sent to the CLI are passed on; elsewhere (CI, scripts) the command runs",
    "in its own process group and every signal sent to the CLI or its group is passed on once. The",
    "command's exit code, or its fatal signal, becomes the CLI's.",
    "",
    "--watch (as doppler run --watch): every --interval seconds (default 60, at least 5) the references are",
    "checked for a change. Voximplant: one GetSecrets listing per application, and only secrets whose modified",
    "stamp moved are read again (the first check, and the one after a change, read them once more: the stamp",
    "counts whole seconds). Dapr has no change feed: every value is read again and compared (one bulk read per",
    "store holding two or more of them). On a change the new values are resolved first; then the command gets",
    "SIGTERM, up to --grace seconds (default 10) to exit, then SIGKILL, and starts again with the new values",
    "(old and new ones masked). A failed check never restarts it and is said once on stderr until a check",
    "succeeds. The watch ends when the command exits by itself, with its exit code (doppler does the same), or",
    "on SIGINT (Ctrl-C), SIGTERM, SIGHUP or SIGQUIT: the command gets the signal as above and up to --grace",
    "seconds to exit (then SIGKILL); its exit code, or 128 + N when signal N ended it, is the CLI's (130 when",
    "Ctrl-C ended it, 143 for SIGTERM, 137 after SIGKILL).",
  ],
  options: {
    file: {
      type: "string",
      short: "f",
      multiple: true,
      value: "FILE",
      help: "an env file (repeatable; later files win; a regular file, at most 1 MiB)",
    },
    "no-masking": { type: "boolean", help: "do not mask resolved values in the command's output" },
    watch: { type: "boolean", help: "restart the command when a referenced value changes (see above)" },
    interval: { type: "string", value: "S", help: "with --watch: seconds between checks (default 60, at least 5)" },
    grace: { type: "string", value: "S", help: "with --watch: seconds the command has to exit after SIGTERM (default 10)" },
  },
  positionals: { min: 0, max: 0 },
  passThrough: true,
  globals: {
    json: "failures as one JSON line on stderr (the command's own output is its own)",
    mock: "resolve references from the embedded emulators (also TYPED_SECRETS_MOCK=1)",
  },
  exitCodes: [
    ["126", "the command cannot be started (permission, invalid arguments)"],
    ["127", "the command was not found"],
    ["N", "otherwise the command's own exit code (128 + N when signal N ended it)"],
  ],
  async run(context, args) {
    const watch = watchSettings(args);
    const entries = [];
    for (const file of listOption(args, "file")) entries.push(...parseEnvFile(await readTextFile(file, "-f"), file));
    const fromFiles = splitEnvFile(expandEnvEntries(entries, context.io.env));
    // The environment's references first, so that the files' lines win over them.
    const references = { ...environmentReferences(context.io.env), ...fromFiles.references };
    for (const name of Object.keys(fromFiles.literals)) delete references[name];

    const providers = new Map<ProviderName, string>();
    for (const [variable, value] of Object.entries(references)) {
      try {
        const { provider } = parseSecretReference(value, variable);
        if (!providers.has(provider)) providers.set(provider, variable);
      } catch (error) {
        if (error instanceof SecretReferenceError && error.reason === "unknown-scheme") {
          throw new SecretReferenceError(
            variable,
            error.reason,
            error.causeCode,
            `${error.detail}; to pass the value as it is, quote it in the env file`,
          );
        }
        throw error;
      }
    }
    // Without --mock, missing credentials are an error: the mocks' example values must never become a real command's secrets.
    for (const [provider, variable] of providers) {
      const missing = context.forceMock ? undefined : missingSettings(provider, context.io.env);
      if (missing) throw new SecretReferenceError(variable, "no-client", "ERR_CONFIGURATION", missing);
    }
    const [voximplant, dapr] = await Promise.all([
      providers.has("voximplant") ? connectVoximplant(context, undefined, { needsApplication: false }) : undefined,
      providers.has("dapr") ? connectDapr(context) : undefined,
    ]);
    const clients: WatchClients = { ...(voximplant ? { voximplant } : {}), ...(dapr ? { dapr } : {}) };

    const [command, ...commandArgs] = args.rest as [string, ...string[]];
    try {
      const common = {
        command,
        args: commandArgs,
        references,
        clients,
        env: { ...context.io.env, ...fromFiles.literals },
        signal: context.signal,
        masking: !booleanOption(args, "no-masking"),
        onUnmasked: (variables: string[]) =>
          context.out.note(`typed-secrets: not masked in the output (shorter than 6 characters): ${variables.join(", ")}`),
      };
      const result = watch
        ? await watchWithSecrets({
            ...common,
            ...watch,
            onEvent: (event) => {
              if (event.type === "started") context.state.childRunning = true;
              else watchNote(event, watch.graceMs, context.out);
            },
          })
        : await runWithSecrets({ ...common, onStart: () => (context.state.childRunning = true) });
      if (result.signal) {
        context.state.exitSignal = result.signal;
        return 128 + (constants.signals[result.signal] ?? 0);
      }
      return result.exitCode ?? EXIT.failure;
    } catch (error) {
      if (!(error instanceof CommandStartError)) throw error;
      // Its message names the command and the error code only.
      context.out.note(`typed-secrets: ${error.message}`);
      return error.systemCode === "ENOENT" ? EXIT.commandNotFound : EXIT.cannotExecute;
    } finally {
      context.state.childRunning = false;
    }
  },
};
