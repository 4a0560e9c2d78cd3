// The CLI's exit codes, its usage error, and how any failure becomes a message and an exit code.
import { constants } from "node:os";
import { SecretsError } from "../core/errors.js";
import { SecretReferenceError } from "../run/secret-references.js";
import { terminalJson, terminalText } from "./terminal-text.js";

export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  notFound: 3,
  auth: 4,
  /** A write was sent and its answer lost: it may have been applied. */
  outcomeUnknown: 5,
  cannotExecute: 126,
  commandNotFound: 127,
  /** SIGINT's: the default when the signal is not known. */
  interrupted: 130,
} as const;

/** The table `--help` prints. */
export const EXIT_CODES_HELP = [
  ["0", "success"],
  ["1", "other failure (API error, connection, timeout, failed task)"],
  ["2", "usage or configuration error (bad arguments, invalid input, missing settings)"],
  ["3", "not found (secret, key, application, store, task)"],
  ["4", "authentication failed or permission denied"],
  ["5", "outcome unknown: a write was sent but its answer was lost (read before retrying)"],
  ["130", "interrupted (Ctrl-C); 128 + N for signal N: 129 SIGHUP, 143 SIGTERM"],
] as const;

/** Wrong arguments: printed with a pointer to the command's `--help`. */
export class UsageError extends Error {
  /** Print the pointer to `--help` after the message (not when the message already says what to do). */
  readonly showHelp: boolean;
  constructor(message: string, { showHelp = true }: { showHelp?: boolean } = {}) {
    super(message);
    this.name = "UsageError";
    this.showHelp = showHelp;
  }
}

/** The abort reason main.ts gives when a signal arrives: the exit code becomes 128 + its number. */
export class InterruptedError extends Error {
  readonly signal: NodeJS.Signals;
  constructor(signal: NodeJS.Signals) {
    super(`interrupted by ${signal}`);
    this.name = "InterruptedError";
    this.signal = signal;
  }
}

/** 128 + the number of the signal `reason` names (an InterruptedError), else 130 (SIGINT's). */
export function interruptedExitCode(reason?: unknown): number {
  const number = reason instanceof InterruptedError ? constants.signals[reason.signal] : undefined;
  return number ? 128 + number : EXIT.interrupted;
}

/** `abortReason`: the reason of the signal that aborted the run, if it was aborted. */
export function exitCodeFor(error: unknown, abortReason?: unknown): number {
  if (error instanceof UsageError) return EXIT.usage;
  if (error instanceof InterruptedError) return interruptedExitCode(error);
  if (!(error instanceof SecretsError)) return EXIT.failure;
  // A reference's failure exits as what went wrong underneath would (not found 3, credentials 4, …).
  switch (error instanceof SecretReferenceError ? error.causeCode : error.code) {
    case "ERR_VALIDATION":
    case "ERR_CONFIGURATION":
      return EXIT.usage;
    case "ERR_NOT_FOUND":
      return EXIT.notFound;
    case "ERR_AUTHENTICATION":
    case "ERR_PERMISSION_DENIED":
      return EXIT.auth;
    case "ERR_OUTCOME_UNKNOWN":
      return EXIT.outcomeUnknown;
    case "ERR_ABORTED":
      return interruptedExitCode(abortReason);
    default:
      return EXIT.failure;
  }
}

/** Errors whose message is ours or the library's, and so holds no secret value. */
const isSafe = (error: unknown): boolean =>
  error instanceof SecretsError || error instanceof UsageError || error instanceof InterruptedError;

/**
 * The one line (or JSON object) printed for a failure. SecretsError messages are guaranteed free of
 * secret values by the library, and so are the CLI's own errors. Any other error may quote what it
 * was given (Node's spawn quotes an environment value, for one): it is named by its class and code
 * only, unless TYPED_SECRETS_DEBUG=1, which adds its message and stack.
 */
export function describeFailure(error: unknown, options: { json: boolean; debug: boolean }): string {
  const safe = isSafe(error);
  const code = (error as { code?: unknown } | null | undefined)?.code;
  const message = safe || options.debug ? messageOf(error) : unexpected(error, code);
  if (options.json) {
    const body =
      error instanceof SecretsError ? error.toJSON() : { name: nameOf(error), ...(typeof code === "string" ? { code } : {}), message };
    return terminalJson({ error: body });
  }
  // Messages may quote what a server said: no escape sequence reaches the terminal.
  const text = `typed-secrets: ${terminalText(message, { keepNewlines: true })}`;
  return options.debug && error instanceof Error && !safe && error.stack
    ? `${text}\n${terminalText(error.stack, { keepNewlines: true })}`
    : text;
}

function unexpected(error: unknown, code: unknown): string {
  return (
    `unexpected error: ${nameOf(error)}${typeof code === "string" ? ` ${code}` : ""} (message withheld, as it may quote a secret ` +
    `value; TYPED_SECRETS_DEBUG=1 prints it)`
  );
}

function nameOf(error: unknown): string {
  return error instanceof Error ? error.name : "Error";
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
