/**
 * One error model for the three providers: a base class with a stable `code` and subclasses by kind
 * of failure (not by provider). Messages name the provider, the operation and the HTTP status; they
 * never contain a secret value, a key, a token, a request body or an Authorization header.
 *
 * @example
 * ```ts
 * import { setTimeout as sleep } from "node:timers/promises";
 * import { isSecretsError, type SecretReader } from "typed-secrets";
 *
 * export async function password(store: SecretReader): Promise<string | undefined> {
 *   try {
 *     return await store.getSecretValue("db_password");
 *   } catch (error) {
 *     if (!isSecretsError(error)) throw error;
 *     switch (error.code) {
 *       case "ERR_NOT_FOUND":
 *         return undefined;
 *       case "ERR_RATE_LIMITED":
 *         await sleep(error.retryAfterMs ?? 1000); // narrowed to RateLimitedError
 *         return await store.getSecretValue("db_password");
 *       default:
 *         throw error;
 *     }
 *   }
 * }
 * ```
 */
import { inspect } from "node:util";

/** Every error code, once: the `code` union derives from it, and tests iterate it. */
export const SECRETS_ERROR_CODES = [
  "ERR_NOT_FOUND",
  "ERR_AUTHENTICATION",
  "ERR_PERMISSION_DENIED",
  "ERR_VALIDATION",
  "ERR_CONFLICT",
  "ERR_RATE_LIMITED",
  "ERR_TIMEOUT",
  "ERR_CONNECTION",
  "ERR_ABORTED",
  "ERR_OUTCOME_UNKNOWN",
  "ERR_PROVIDER_API",
  "ERR_TASK_FAILED",
  "ERR_CONFIGURATION",
  "ERR_SECRET_REFERENCE",
  "ERR_COMMAND_START",
] as const;

/** The `code` of an error this package throws, as `SECRETS_ERROR_CODES` lists them. */
export type SecretsErrorCode = (typeof SECRETS_ERROR_CODES)[number];

/** What an error knows about where it happened: provider, operation, status, the vendor's code and request id. */
export interface SecretsErrorDetails {
  /** The vendor, as its client names itself (`ProviderName` lists them). */
  provider?: string | undefined;
  /** The operation, e.g. `GetSecretValue` or `getSecret`. */
  operation?: string | undefined;
  /** HTTP status of the response, when there was one. */
  status?: number | undefined;
  /** The vendor's own error code (a number, an `errorCode`, an exception class name). */
  providerCode?: string | number | undefined;
  /** The vendor's request id, for support tickets. */
  requestId?: string | undefined;
  /** What the server said (its message, a task's reason), appended to the message after `detail`. */
  serverMessage?: string | undefined;
  /** The underlying error; must itself hold no secret. */
  cause?: unknown;
}

function describe(detail: string, details: SecretsErrorDetails): string {
  const where = [details.provider, details.operation].filter(Boolean).join(" ");
  const status = details.status === undefined ? "" : ` (HTTP ${details.status})`;
  const server = details.serverMessage ? `: ${details.serverMessage}` : "";
  return `${where ? `${where}: ` : ""}${detail}${server}${status}`;
}

/**
 * The base of every error this package throws (never thrown itself). Each subclass has a `static code`, as jose's
 * errors do: `error instanceof NotFoundError` and `error.code === NotFoundError.code` always agree.
 */
export abstract class SecretsError extends Error {
  static readonly code: SecretsErrorCode;
  readonly code: SecretsErrorCode;
  readonly provider: string | undefined;
  readonly operation: string | undefined;
  readonly status: number | undefined;
  readonly providerCode: string | number | undefined;
  readonly requestId: string | undefined;
  /**
   * What the server said, as it is in the message. Text a server sent is the only part of an error that can echo a
   * secret: it (with `requestId`, `providerCode` and a task's id) is what redaction cuts; the package's own wording
   * never holds a value.
   */
  readonly serverMessage: string | undefined;

  constructor(detail: string, details: SecretsErrorDetails = {}) {
    super(describe(detail, details), details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.code = new.target.code;
    this.provider = details.provider;
    this.operation = details.operation;
    this.status = details.status;
    this.providerCode = details.providerCode;
    this.requestId = details.requestId;
    this.serverMessage = details.serverMessage || undefined;
  }

  /** The safe fields only: what `JSON.stringify(error)` and logs see. */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = { name: this.name, code: this.code, message: this.message };
    for (const key of ["provider", "operation", "status", "providerCode", "requestId"] as const) {
      if (this[key] !== undefined) json[key] = this[key];
    }
    return json;
  }

  /** What `console.log` and `util.inspect` show: the stack, then the safe fields. */
  [inspect.custom](): string {
    return `${this.stack ?? `${this.name}: ${this.message}`}\n  ${inspect(this.toJSON(), { breakLength: Infinity })}`;
  }
}

/** The secret (or application, store, task) does not exist. */
export class NotFoundError extends SecretsError {
  static override readonly code = "ERR_NOT_FOUND";
  declare readonly code: "ERR_NOT_FOUND";
}

/** Credentials are missing, malformed, expired or rejected. */
export class AuthenticationError extends SecretsError {
  static override readonly code = "ERR_AUTHENTICATION";
  declare readonly code: "ERR_AUTHENTICATION";
}

/** The credentials are valid but not allowed to do this (role, scope policy, quota). */
export class PermissionDeniedError extends SecretsError {
  static override readonly code = "ERR_PERMISSION_DENIED";
  declare readonly code: "ERR_PERMISSION_DENIED";
}

/** Input rejected before anything was sent, or rejected by the API as invalid. */
export class ValidationError extends SecretsError {
  static override readonly code = "ERR_VALIDATION";
  declare readonly code: "ERR_VALIDATION";
  /** The offending field, as the caller named it (e.g. `name`, `options.projectId`). */
  readonly field: string | undefined;
  constructor(detail: string, details: SecretsErrorDetails & { field?: string | undefined } = {}) {
    super(detail, details);
    this.field = details.field;
  }
  /** The safe fields and this kind's own: what `JSON.stringify(error)` and logs see. */
  override toJSON(): Record<string, unknown> {
    return this.field === undefined ? super.toJSON() : { ...super.toJSON(), field: this.field };
  }
}

/** The secret exists already (or the name is taken). */
export class ConflictError extends SecretsError {
  static override readonly code = "ERR_CONFLICT";
  declare readonly code: "ERR_CONFLICT";
}

/** Too many requests; retried automatically up to `maxRetries` before this is thrown. */
export class RateLimitedError extends SecretsError {
  static override readonly code = "ERR_RATE_LIMITED";
  declare readonly code: "ERR_RATE_LIMITED";
  /** How long the API asked to wait (`Retry-After`), when it said. */
  readonly retryAfterMs: number | undefined;
  constructor(detail: string, details: SecretsErrorDetails & { retryAfterMs?: number | undefined } = {}) {
    super(detail, details);
    this.retryAfterMs = details.retryAfterMs;
  }
  /** The safe fields and this kind's own: what `JSON.stringify(error)` and logs see. */
  override toJSON(): Record<string, unknown> {
    return this.retryAfterMs === undefined ? super.toJSON() : { ...super.toJSON(), retryAfterMs: this.retryAfterMs };
  }
}

/** An attempt took longer than `timeoutMs`, or a wait (task, readiness) ran out of time. */
export class TimeoutError extends SecretsError {
  static override readonly code = "ERR_TIMEOUT";
  declare readonly code: "ERR_TIMEOUT";
}

/** The request could not be sent or its answer could not be read (DNS, refused, reset). */
export class ConnectionError extends SecretsError {
  static override readonly code = "ERR_CONNECTION";
  declare readonly code: "ERR_CONNECTION";
}

/** The caller's `AbortSignal` fired. `cause` is the signal's reason. */
export class AbortedError extends SecretsError {
  static override readonly code = "ERR_ABORTED";
  declare readonly code: "ERR_ABORTED";
}

/**
 * A write (an add, update, upload or delete) was sent, but its answer was lost: the connection broke or the timeout
 * ran out after the request went out, so the server may have applied it. It is never re-sent automatically. Read
 * the state (get or list) before sending it again. `cause` is the TimeoutError or ConnectionError underneath.
 */
export class OutcomeUnknownError extends SecretsError {
  static override readonly code = "ERR_OUTCOME_UNKNOWN";
  declare readonly code: "ERR_OUTCOME_UNKNOWN";
}

/** Any other failure the API reported; `providerCode` and `requestId` carry the vendor's own data. */
export class ProviderApiError extends SecretsError {
  static override readonly code = "ERR_PROVIDER_API";
  declare readonly code: "ERR_PROVIDER_API";
}

/** An asynchronous task of the vendor ended in failure; the message is the task's own. */
export class TaskFailedError extends SecretsError {
  static override readonly code = "ERR_TASK_FAILED";
  declare readonly code: "ERR_TASK_FAILED";
  readonly taskId: string;
  constructor(detail: string, details: SecretsErrorDetails & { taskId: string }) {
    super(detail, details);
    this.taskId = details.taskId;
  }
  /** The safe fields and this kind's own: what `JSON.stringify(error)` and logs see. */
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), taskId: this.taskId };
  }
}

/** A factory option or environment variable is missing or invalid. Thrown at creation. */
export class ConfigurationError extends SecretsError {
  static override readonly code = "ERR_CONFIGURATION";
  declare readonly code: "ERR_CONFIGURATION";
}

/** Every error class this package throws: `switch (error.code)` narrows to the class and its fields, as jose's `code` does. */
export type AnySecretsError =
  | NotFoundError
  | AuthenticationError
  | PermissionDeniedError
  | ValidationError
  | ConflictError
  | RateLimitedError
  | TimeoutError
  | ConnectionError
  | AbortedError
  | OutcomeUnknownError
  | ProviderApiError
  | TaskFailedError
  | ConfigurationError;

/**
 * Narrows an unknown thrown value to the errors this package throws (`AnySecretsError`).
 *
 * @example
 * ```ts
 * import { isSecretsError, type SecretReader } from "typed-secrets";
 *
 * declare const store: SecretReader;
 * try {
 *   await store.getSecretValue("api-key");
 * } catch (error) {
 *   if (isSecretsError(error) && error.code === "ERR_NOT_FOUND") console.error(`no such secret (${error.provider})`);
 *   else throw error;
 * }
 * ```
 */
export function isSecretsError(error: unknown): error is AnySecretsError {
  return error instanceof SecretsError;
}
