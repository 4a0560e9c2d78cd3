// Secret references in environment variables (`voximplant://APP/NAME`, `dapr://STORE/NAME#KEY`),
// resolved just before a command starts and handed to it in its environment only: the resolved
// values are never logged, put in an error, or written anywhere else.
import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import { Transform } from "node:stream";
import { childSignalPlan, type ChildSignalPlan } from "./run/child-signals.js";
import { AbortedError, SecretsError, ValidationError } from "./core/errors.js";
import { createMasker, maskedValues } from "./run/output-masking.js";
import { resolveSecretReferences, SecretReferenceError, type SecretReferenceClients } from "./run/secret-references.js";

export * from "./run/secret-references.js";

/** The command could not be started. The message names the command and the system's error code, never the arguments or environment. */
export class CommandStartError extends SecretsError {
  static override readonly code = "ERR_COMMAND_START";
  declare readonly code: "ERR_COMMAND_START";
  /** `ENOENT` (not found), `EACCES`, `ERR_INVALID_ARG_VALUE` … */
  readonly systemCode: string | undefined;
  constructor(command: string, systemCode: string | undefined) {
    // Node's own error is neither used nor kept as the cause: for an invalid argument or variable it quotes the value.
    super(`cannot start ${command}: ${systemCode === "ENOENT" ? "command not found" : (systemCode ?? "error")}`);
    this.systemCode = systemCode;
  }
  /** The safe fields and this kind's own: what `JSON.stringify(error)` and logs see. */
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), systemCode: this.systemCode };
  }
}

const NUL_DETAIL = "holds a NUL byte, which an environment variable cannot carry";

/** The command's environment; a NUL byte (which spawn would reject, quoting the value) fails naming the variable only. */
function commandEnvironment(
  base: Record<string, string | undefined>,
  resolved: Record<string, string>,
): Record<string, string | undefined> {
  const env = { ...base, ...resolved };
  for (const [variable, value] of Object.entries(env)) {
    if (!value?.includes("\0")) continue;
    if (Object.hasOwn(resolved, variable))
      throw new SecretReferenceError(variable, "invalid-value", "ERR_VALIDATION", `the resolved value ${NUL_DETAIL}`);
    throw new ValidationError(`${variable}: the value ${NUL_DETAIL}`, { field: `env.${variable}` });
  }
  return env;
}

/** What `runWithSecrets` runs: the command, its references and the clients that resolve them, masking and signals. */
export interface RunWithSecretsOptions {
  command: string;
  args?: readonly string[];
  /** `variable → reference`; every value must be a reference. */
  references: Record<string, string>;
  clients: SecretReferenceClients;
  /** The command's environment before the resolved variables are added. Default `process.env`. */
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Default `"inherit"`. Masking applies to the default only; other stdio settings are used as given. */
  stdio?: StdioOptions;
  /**
   * Mask the resolved values (those of 6 characters or more) in the command's stdout and stderr. Default true.
   * The command then writes to pipes, not to the terminal: programs that check for a terminal see none.
   */
  masking?: boolean;
  /** Where masked output goes. Default `process.stdout` / `process.stderr`. */
  output?: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream };
  /** Called before the start with the variables whose values are too short to mask. */
  onUnmasked?: (variables: string[]) => void;
  /** Aborts resolving the references; once the command runs, signals reach it instead. */
  signal?: AbortSignal;
  /** Signals passed on to the command while it runs (see run/child-signals.ts). Default SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR2. */
  forwardSignals?: readonly NodeJS.Signals[];
  /** Where the command runs and which signals it gets from us. Default: decided from the terminal (run/child-signals.ts). */
  signalPlan?: ChildSignalPlan;
  /** Called once the command has started. */
  onStart?: (child: ChildProcess) => void;
}

/** How the command ended: its exit code, or the signal that ended it. */
export interface RunWithSecretsResult {
  /** The command's exit code, or null when a signal ended it. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
}

const DEFAULT_FORWARDED: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR2"];

/** A transform that masks `values` in what passes through it. */
function maskingStream(values: readonly string[]): Transform {
  const masker = createMasker(values);
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, masker.push(chunk));
    },
    flush(done) {
      done(null, masker.end());
    },
  });
}

/**
 * Resolves the references (nothing starts if one fails), then runs the command with them in its environment,
 * their values masked in its output (unless `masking: false`), and each signal delivered to it once.
 * A failure to start is a CommandStartError (`code` ENOENT when the command is not found); a variable
 * holding a NUL byte fails before the start (SecretReferenceError `invalid-value` for a resolved one).
 *
 * @example
 * ```ts
 * import { createDaprClient, createVoximplantClient } from "typed-secrets";
 * import { runWithSecrets } from "typed-secrets/run";
 *
 * const { exitCode, signal } = await runWithSecrets({
 *   command: "node",
 *   args: ["server.js"],
 *   references: { DB_PASSWORD: "voximplant://my-app/dbPassword", API_KEY: "dapr://vault/api#key" },
 *   clients: { voximplant: createVoximplantClient(), dapr: () => createDaprClient() },
 * });
 * ```
 */
export async function runWithSecrets(options: RunWithSecretsOptions): Promise<RunWithSecretsResult> {
  const resolved = await resolveSecretReferences(options.references, options.clients, options.signal ? { signal: options.signal } : {});
  const env = commandEnvironment(options.env ?? process.env, resolved);
  if (options.signal?.aborted) throw new AbortedError("aborted before the command started", { cause: options.signal.reason });
  const masking = options.masking !== false && (options.stdio === undefined || options.stdio === "inherit");
  const masked = masking ? maskedValues(Object.values(resolved)) : [];
  if (masking) {
    const unmasked = Object.entries(resolved)
      .filter(([, value]) => !maskedValues([value]).length)
      .map(([variable]) => variable);
    if (unmasked.length) options.onUnmasked?.(unmasked);
  }
  // Nothing to mask: the command keeps the terminal.
  const mask = masked.length > 0;
  const plan = options.signalPlan ?? childSignalPlan();
  const forwarded = (options.forwardSignals ?? DEFAULT_FORWARDED).filter((signal) => plan.forward(signal));
  const output = options.output ?? { stdout: process.stdout, stderr: process.stderr };
  return await new Promise<RunWithSecretsResult>((resolve, reject) => {
    let child: ChildProcess;
    try {
      child = spawn(options.command, options.args ?? [], {
        env,
        stdio: mask ? ["inherit", "pipe", "pipe"] : (options.stdio ?? "inherit"),
        detached: plan.ownProcessGroup,
        ...(options.cwd ? { cwd: options.cwd } : {}),
      });
    } catch (error) {
      // Synchronous failures (invalid arguments, options, environment) quote the offending value: code only.
      return reject(new CommandStartError(options.command, (error as NodeJS.ErrnoException).code));
    }
    if (mask) {
      child.stdout!.pipe(maskingStream(masked)).pipe(output.stdout, { end: false });
      child.stderr!.pipe(maskingStream(masked)).pipe(output.stderr, { end: false });
    }
    const listeners = forwarded.map((signal) => [signal, () => child.kill(signal)] as const);
    for (const [signal, listener] of listeners) process.on(signal, listener);
    // A child in its own process group outlives us unless told: if we exit first, it gets SIGTERM.
    const orphanGuard = () => child.kill("SIGTERM");
    process.once("exit", orphanGuard);
    const cleanup = () => {
      for (const [signal, listener] of listeners) process.off(signal, listener);
      process.off("exit", orphanGuard);
    };
    child.once("spawn", () => options.onStart?.(child));
    child.once("error", (error: NodeJS.ErrnoException) => {
      cleanup();
      reject(new CommandStartError(options.command, error.code));
    });
    // "close", not "exit": the masked output has been written by then.
    child.once("close", (exitCode, signal) => {
      cleanup();
      resolve({ exitCode, signal });
    });
  });
}
