// The CLI's exit codes, its usage error, and how any failure becomes a message and an exit code.
import { SecretsError } from "../errors.js";

export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  notFound: 3,
  auth: 4,
  commandNotFound: 127,
  interrupted: 130,
} as const;

/** The table `--help` prints. */
export const EXIT_CODES_HELP = [
  ["0", "success"],
  ["1", "other failure (API error, connection, timeout, failed task)"],
  ["2", "usage or configuration error (bad arguments, invalid input, missing settings)"],
  ["3", "not found (secret, key, application, store, task)"],
  ["4", "authentication failed or permission denied"],
  ["130", "interrupted (Ctrl-C)"],
] as const;

/** Wrong arguments: printed with a pointer to the command's `--help`. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError) return EXIT.usage;
  if (!(error instanceof SecretsError)) return EXIT.failure;
  switch (error.code) {
    case "ERR_VALIDATION":
    case "ERR_CONFIGURATION":
      return EXIT.usage;
    case "ERR_NOT_FOUND":
      return EXIT.notFound;
    case "ERR_AUTHENTICATION":
    case "ERR_PERMISSION_DENIED":
      return EXIT.auth;
    case "ERR_ABORTED":
      return EXIT.interrupted;
    default:
      return EXIT.failure;
  }
}

/**
 * The one line (or JSON object) printed for a failure. SecretsError messages are guaranteed free of
 * secret values by the library; other errors print their message only (a stack with TYPED_SECRETS_DEBUG=1).
 */
export function describeFailure(error: unknown, options: { json: boolean; debug: boolean }): string {
  if (options.json) {
    const body = error instanceof SecretsError ? error.toJSON() : { name: error instanceof Error ? error.name : "Error", message: messageOf(error) };
    return JSON.stringify({ error: body });
  }
  const text = `typed-secrets: ${messageOf(error)}`;
  return options.debug && error instanceof Error && !(error instanceof SecretsError) && error.stack ? `${text}\n${error.stack}` : text;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
