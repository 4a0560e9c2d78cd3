/**
 * The command `run` starts: spawned with its environment, its output masked, and signals passed on to it. Shared by
 * `runWithSecrets` (one command) and `watchWithSecrets` (a command restarted when a value changes).
 */
import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import { Transform } from "node:stream";
import { SecretsError } from "../core/errors.js";
import type { ChildSignalPlan } from "./child-signals.js";
import { createMasker } from "./output-masking.js";

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

/** The signals passed on to the command by default. */
export const DEFAULT_FORWARDED: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR2"];

/** How a command ended. */
export interface ChildResult {
  /** The command's exit code, or null when a signal ended it. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
}

export interface ChildOptions {
  command: string;
  args: readonly string[];
  env: Record<string, string | undefined>;
  cwd?: string | undefined;
  /** Used when nothing is masked. */
  stdio: StdioOptions;
  /** Values to mask in stdout and stderr (already chosen by `maskedValues`); none: the command gets `stdio`. */
  masked: readonly string[];
  plan: ChildSignalPlan;
  output: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream };
  onStart?: ((child: ChildProcess) => void) | undefined;
}

export interface RunningChild {
  child: ChildProcess;
  /** Settles once the command has ended and its masked output is written; rejects with CommandStartError when it never started. */
  exited: Promise<ChildResult>;
}

/** A transform that masks `values` in what passes through it. */
function maskingStream(values: readonly string[]): Transform {
  const masker = createMasker(values);
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      for (const part of masker.push(chunk)) this.push(part);
      done();
    },
    flush(done) {
      for (const part of masker.end()) this.push(part);
      done();
    },
  });
}

/** Starts the command; a synchronous failure of spawn throws CommandStartError (naming the system's code only). */
export function startChild(options: ChildOptions): RunningChild {
  const mask = options.masked.length > 0;
  let child: ChildProcess;
  try {
    child = spawn(options.command, options.args, {
      env: options.env,
      stdio: mask ? ["inherit", "pipe", "pipe"] : options.stdio,
      detached: options.plan.ownProcessGroup,
      ...(options.cwd ? { cwd: options.cwd } : {}),
    });
  } catch (error) {
    // Synchronous failures (invalid arguments, options, environment) quote the offending value: code only.
    throw new CommandStartError(options.command, (error as NodeJS.ErrnoException).code);
  }
  if (mask) {
    child.stdout!.pipe(maskingStream(options.masked)).pipe(options.output.stdout, { end: false });
    child.stderr!.pipe(maskingStream(options.masked)).pipe(options.output.stderr, { end: false });
  }
  child.once("spawn", () => options.onStart?.(child));
  const exited = new Promise<ChildResult>((resolve, reject) => {
    child.once("error", (error: NodeJS.ErrnoException) => reject(new CommandStartError(options.command, error.code)));
    // "close", not "exit": the masked output has been written by then.
    child.once("close", (exitCode, signal) => resolve({ exitCode, signal }));
  });
  return { child, exited };
}

/**
 * Passes each of `signals` that the plan forwards on to the current command (`target()`), and tells `onSignal` of
 * every one received; a command in its own process group gets SIGTERM if we exit first. One listener per signal,
 * however many commands run in turn; the answer removes them.
 */
export function forwardSignals(
  plan: ChildSignalPlan,
  signals: readonly NodeJS.Signals[],
  target: () => ChildProcess | undefined,
  onSignal: (signal: NodeJS.Signals) => void = () => {},
): () => void {
  const listeners = signals.map(
    (signal) =>
      [
        signal,
        () => {
          if (plan.forward(signal)) target()?.kill(signal);
          onSignal(signal);
        },
      ] as const,
  );
  for (const [signal, listener] of listeners) process.on(signal, listener);
  // A child in its own process group outlives us unless told: if we exit first, it gets SIGTERM.
  const orphanGuard = () => target()?.kill("SIGTERM");
  process.once("exit", orphanGuard);
  return () => {
    for (const [signal, listener] of listeners) process.off(signal, listener);
    process.off("exit", orphanGuard);
  };
}
