// `typed-secrets run --env-file FILE -- COMMAND`: secret references resolved into a command's environment.
import { constants } from "node:os";
import type { ProviderName } from "../errors.js";
import { CommandStartError, parseSecretReference, runWithSecrets, SecretReferenceError, type SecretReferenceClients } from "../run-with-secrets.js";
import { listOption, type CommandSpec } from "./command.js";
import { connectDapr, connectVoximplant, hasCredentials } from "./connect.js";
import { parseEnvFile, splitEnvFile } from "./env-file.js";
import { EXIT, UsageError } from "./exit-codes.js";
import { readTextFile } from "./inputs.js";

const MISSING_SETTINGS: Record<ProviderName, string> = {
  voximplant: "no Voximplant credentials configured: set VOXIMPLANT_CREDENTIALS, or pass --mock",
  dapr: "no Dapr sidecar configured: set DAPR_HTTP_PORT or DAPR_HTTP_ENDPOINT, or pass --mock",
  gcore: "gcore:// references cannot be resolved",
};

export const runCommand: CommandSpec = {
  name: "run",
  summary: "run a command with the secret references of an env file resolved into its environment",
  usage: "--env-file FILE [--env-file FILE...] -- COMMAND [ARGS...]",
  details: [
    "Env file lines are NAME=VALUE (dotenv style: # comments, export, quotes). An unquoted value of the",
    "form scheme://… is a secret reference:",
    "  voximplant://APP/NAME      a Voximplant secret (APP: application name or numeric id)",
    "  dapr://STORE/NAME#KEY      a Dapr secret's key (#KEY optional; ?version_id=2 adds metadata)",
    "gcore:// is refused (Gcore payloads are write-only), and any other scheme fails: quote a value",
    "(URL=\"postgres://…\") to pass it as it is. Every reference is resolved before the command starts;",
    "a failure names the variable, never a value, and the command does not start. Resolved values go",
    "into the command's environment only. Signals (INT, TERM, HUP, QUIT, USR2) are passed to the",
    "command, and its exit code (or its fatal signal) becomes the CLI's. 127: the command was not found.",
    "References are read from the real APIs only: a provider without its settings (VOXIMPLANT_CREDENTIALS;",
    "DAPR_HTTP_ENDPOINT or DAPR_HTTP_PORT) fails before the command starts, unless --mock asks for the",
    "embedded mocks, whose values are the specs' examples.",
  ],
  options: { "env-file": { type: "string", multiple: true, value: "FILE", help: "the env file (repeatable; later files win)" } },
  positionals: { min: 0, max: 0 },
  passThrough: true,
  async run(context, args) {
    const files = listOption(args, "env-file");
    if (files.length === 0) throw new UsageError("run needs --env-file FILE");
    const entries = [];
    for (const file of files) entries.push(...parseEnvFile(await readTextFile(file, "--env-file"), file));
    const { references, literals } = splitEnvFile(entries);

    const providers = new Map<ProviderName, string>();
    for (const [variable, value] of Object.entries(references)) {
      try {
        const { provider } = parseSecretReference(value, variable);
        if (!providers.has(provider)) providers.set(provider, variable);
      } catch (error) {
        if (error instanceof SecretReferenceError && error.reason === "unknown-scheme") {
          throw new SecretReferenceError(variable, error.reason, error.code, `${error.detail}; to pass the value as it is, quote it in the env file`);
        }
        throw error;
      }
    }
    // Without --mock, a provider without settings is an error: the mocks' example values must never become a real command's secrets.
    for (const [provider, variable] of providers) {
      if (!context.forceMock && !hasCredentials(provider, context.io.env)) throw new SecretReferenceError(variable, "no-client", "ERR_CONFIGURATION", MISSING_SETTINGS[provider]);
    }
    const [voximplant, dapr] = await Promise.all([
      providers.has("voximplant") ? connectVoximplant(context, undefined, { needsApplication: false }) : undefined,
      providers.has("dapr") ? connectDapr(context) : undefined,
    ]);
    const clients: SecretReferenceClients = { ...(voximplant ? { voximplant } : {}), ...(dapr ? { dapr } : {}) };

    const [command, ...commandArgs] = args.rest as [string, ...string[]];
    try {
      const result = await runWithSecrets({
        command,
        args: commandArgs,
        references,
        clients,
        env: { ...context.io.env, ...literals },
        signal: context.signal,
        onStart: () => (context.state.childRunning = true),
      });
      if (result.signal) {
        context.state.exitSignal = result.signal;
        return 128 + (constants.signals[result.signal] ?? 0);
      }
      return result.exitCode ?? EXIT.failure;
    } catch (error) {
      if (!(error instanceof CommandStartError)) throw error;
      // Its message names the command and the error code only.
      context.out.note(`typed-secrets: ${error.message}`);
      return error.code === "ENOENT" ? EXIT.commandNotFound : EXIT.cannotExecute;
    } finally {
      context.state.childRunning = false;
    }
  },
};
