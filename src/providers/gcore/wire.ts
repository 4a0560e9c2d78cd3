// Gcore's wire conventions: error bodies, the secret and task shapes mapped to our types.
import type { components } from "../../../generated/gcore.js";
import { errorForStatus } from "../../core/http-errors.js";
import type { Answer } from "../../core/transport.js";
import type { SecretsError, SecretsErrorDetails } from "../../core/errors.js";
import type { SecretSummary } from "../../core/capabilities.js";

export type Wire<Name extends keyof components["schemas"]> = components["schemas"][Name];

export type GcoreSecretType = Wire<"SecretTypesEnum">;

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

export type GcoreTaskState = Wire<"TaskState">;

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

/** `{exception_class, message, request_id}` → the error model; the call wrapper cuts the call's secrets out of the message. */
export function gcoreError(answer: Answer, what: string, details: SecretsErrorDetails): SecretsError {
  const wire = (answer.body && typeof answer.body === "object" ? answer.body : {}) as Partial<Wire<"GcoreError">>;
  const message = typeof wire.message === "string" && wire.message ? `${what}: ${wire.message}` : `${what} failed`;
  return errorForStatus(answer, message, {
    ...details,
    providerCode: typeof wire.exception_class === "string" ? wire.exception_class : undefined,
    requestId: typeof wire.request_id === "string" ? wire.request_id : (answer.headers.get("x-request-id") ?? undefined),
  });
}
