// Gcore's wire conventions: its one classify (error bodies by status), the secret and task shapes mapped to ours.
import type { Classify, RetryHint } from "../../core/decide.js";
import { errorForStatus } from "../../core/http-errors.js";
import { RETRYABLE_STATUSES } from "../../core/retry.js";
import type { SecretSummary } from "../../core/capabilities.js";
import type { Wire } from "./spec.js";

/** A secret's type as Gcore names it (the spec's `SecretTypesEnum`). */
export type GcoreSecretType = Wire<"SecretTypesEnum">;

/** A listed secret: its summary and Gcore's own fields (status, type, expiry); payloads are never read. */
export interface GcoreSecret extends SecretSummary {
  /** The secret's id (UUID): what getSecret and deleteSecret take. `key` holds it too. */
  id: string;
  /** The display name given at upload; not unique, not a key. */
  name: string;
  type: GcoreSecretType;
  /** e.g. `ACTIVE` */
  status: string;
  algorithm?: string | undefined;
  bitLength?: number | undefined;
  contentTypes?: Record<string, string> | undefined;
  mode?: string | undefined;
  expiresAt?: Date | undefined;
}

/** A task's state as Gcore names it (the spec's `TaskState`). */
export type GcoreTaskState = Wire<"TaskState">;

/** An asynchronous Gcore task (a create or delete): its id, state, type and, when it failed, why. */
export interface GcoreTask {
  id: string;
  state: GcoreTaskState;
  type: string;
  /** Why the task failed, when `state` is ERROR. */
  error?: string | undefined;
  createdSecretIds: string[];
}

const date = (value: string | null | undefined) => {
  if (!value) return undefined;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed;
};

export function toSecret(wire: Wire<"SecretSerializer">): GcoreSecret {
  return {
    key: wire.id,
    id: wire.id,
    name: wire.name,
    type: wire.secret_type,
    status: wire.status,
    algorithm: wire.algorithm ?? undefined,
    bitLength: wire.bit_length ?? undefined,
    contentTypes: wire.content_types ?? undefined,
    mode: wire.mode ?? undefined,
    createdAt: date(wire.created),
    expiresAt: date(wire.expiration),
  };
}

export function toTask(wire: Wire<"TaskSerializer">): GcoreTask {
  return {
    id: wire.id,
    state: wire.state,
    type: wire.task_type,
    error: wire.error ?? undefined,
    createdSecretIds: wire.created_resources?.secrets ?? [],
  };
}

/** The fields of `{exception_class, message, request_id}` this client reads. */
type GcoreErrorBody = { [Field in "message" | "exception_class" | "request_id"]?: Wire<"GcoreError">[Field] | undefined };

const text = (body: object, field: string) => {
  const value: unknown = field in body ? Reflect.get(body, field) : undefined;
  return typeof value === "string" && value !== "" ? value : undefined;
};

/**
 * `{exception_class, message, request_id}` by status (400, 401, 403, 404, 409, 429 with Retry-After, 5xx); 429 and
 * transient statuses are retried (writes only for 429: a rate-limited request was not processed).
 */
export const classifyGcore: Classify = (answer, details) => {
  if (answer.status >= 200 && answer.status < 300) return { kind: "ok" };
  const body = typeof answer.body === "object" && answer.body !== null ? answer.body : {};
  const what = details.subject ?? "the request";
  const wire: GcoreErrorBody = {
    message: text(body, "message"),
    exception_class: text(body, "exception_class"),
    request_id: text(body, "request_id"),
  };
  const error = errorForStatus(answer, wire.message ? what : `${what} failed`, {
    provider: details.provider,
    operation: details.operation,
    serverMessage: wire.message,
    providerCode: wire.exception_class,
    requestId: wire.request_id ?? answer.headers.get("x-request-id") ?? undefined,
  });
  const retry: RetryHint = answer.status === 429 ? "rate-limited" : RETRYABLE_STATUSES.has(answer.status) ? "try-later" : "final";
  return { kind: "error", error, retry };
};
