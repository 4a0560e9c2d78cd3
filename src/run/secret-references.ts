// Secret references in environment variables (`voximplant://APP/NAME`, `dapr://STORE/NAME#KEY`): parsing and
// resolving. Messages name the variable, never its value or the secret's.
import { redactError } from "../core/redact.js";
import { SecretsError, type SecretsErrorCode } from "../core/errors.js";
import type { DaprClient } from "../providers/dapr/client.js";
import { daprSecretValue } from "../providers/dapr/wire.js";
import type { VoximplantApplication, VoximplantClient } from "../providers/voximplant/client.js";

/** A parsed reference. */
export type SecretReference =
  | { provider: "voximplant"; application: VoximplantApplication; name: string }
  | { provider: "dapr"; store: string; name: string; key?: string; metadata?: Record<string, string> };

/** Schemes that resolve to a value. `gcore://` is recognised and rejected: Gcore payloads are write-only. */
export const SECRET_REFERENCE_SCHEMES = ["voximplant", "dapr"] as const;

/** `invalid-value`: resolved to a value an environment variable cannot hold (a NUL byte). */
export type SecretReferenceFailure = "unknown-scheme" | "unsupported" | "malformed" | "no-client" | "unresolved" | "invalid-value";

/**
 * A reference that cannot be used. The message names the variable, never its value or the secret's. Its own code
 * is ERR_SECRET_REFERENCE; `causeCode` says what went wrong underneath (ERR_VALIDATION for a malformed reference,
 * ERR_CONFIGURATION for a missing client, the provider error's code when the read failed).
 */
export class SecretReferenceError extends SecretsError {
  static override readonly code = "ERR_SECRET_REFERENCE";
  declare readonly code: "ERR_SECRET_REFERENCE";
  /** The environment variable holding the reference. */
  readonly variable: string;
  readonly reason: SecretReferenceFailure;
  readonly causeCode: SecretsErrorCode;
  /** The message without the variable's name. */
  readonly detail: string;
  constructor(variable: string, reason: SecretReferenceFailure, causeCode: SecretsErrorCode, detail: string, cause?: unknown) {
    super(`${variable}: ${detail}`, cause === undefined ? {} : { cause });
    this.variable = variable;
    this.reason = reason;
    this.causeCode = causeCode;
    this.detail = detail;
  }
  /** The safe fields and this kind's own: what `JSON.stringify(error)` and logs see. */
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), variable: this.variable, reason: this.reason, causeCode: this.causeCode };
  }
}

/** `scheme://…`: what looks like a reference (or an ordinary URL). */
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(.*)$/s;

export function hasScheme(value: string): boolean {
  return SCHEME.test(value);
}

/** Is `value` a reference of a scheme this package knows (`voximplant://`, `dapr://`, and the refused `gcore://`)? */
export function isKnownReference(value: string): boolean {
  const scheme = SCHEME.exec(value)?.[1]?.toLowerCase();
  return scheme === "gcore" || (SECRET_REFERENCE_SCHEMES as readonly (string | undefined)[]).includes(scheme);
}

function decode(part: string, variable: string, shape: string): string {
  try {
    const decoded = decodeURIComponent(part);
    if (decoded) return decoded;
  } catch {
    // fall through: a broken %-escape
  }
  throw new SecretReferenceError(variable, "malformed", "ERR_VALIDATION", `malformed reference: expected ${shape}`);
}

/**
 * Parses one reference; the error names `variable` and the expected shape, not the value.
 *
 * @example
 * ```ts
 * import { parseSecretReference } from "typed-secrets/run";
 *
 * parseSecretReference("dapr://vault/db#password", "DB_PASSWORD"); // { provider: "dapr", store: "vault", name: "db", key: "password" }
 * ```
 */
export function parseSecretReference(value: string, variable: string): SecretReference {
  const match = SCHEME.exec(value);
  if (!match)
    throw new SecretReferenceError(
      variable,
      "malformed",
      "ERR_VALIDATION",
      "not a reference: expected voximplant://APP/NAME or dapr://STORE/NAME#KEY",
    );
  const scheme = match[1]!.toLowerCase();
  const rest = match[2]!;
  if (scheme === "voximplant") {
    const shape = "voximplant://APP/NAME (APP an application name or id)";
    const parts = /^([^/?#]+)\/([^/?#]+)$/.exec(rest);
    if (!parts) throw new SecretReferenceError(variable, "malformed", "ERR_VALIDATION", `malformed reference: expected ${shape}`);
    const app = decode(parts[1]!, variable, shape);
    return {
      provider: "voximplant",
      application: /^\d+$/.test(app) ? { id: Number(app) } : { name: app },
      name: decode(parts[2]!, variable, shape),
    };
  }
  if (scheme === "dapr") {
    const shape = "dapr://STORE/NAME, dapr://STORE/NAME#KEY or dapr://STORE/NAME?METADATA=VALUE#KEY";
    const parts = /^([^/?#]+)\/([^?#]+)(?:\?([^#]*))?(?:#(.*))?$/.exec(rest);
    if (!parts) throw new SecretReferenceError(variable, "malformed", "ERR_VALIDATION", `malformed reference: expected ${shape}`);
    const metadata = parts[3] ? Object.fromEntries(new URLSearchParams(parts[3])) : undefined;
    return {
      provider: "dapr",
      store: decode(parts[1]!, variable, shape),
      name: decode(parts[2]!, variable, shape),
      ...(parts[4] === undefined ? {} : { key: decode(parts[4], variable, shape) }),
      ...(metadata ? { metadata } : {}),
    };
  }
  if (scheme === "gcore") {
    throw new SecretReferenceError(
      variable,
      "unsupported",
      "ERR_VALIDATION",
      "gcore:// references cannot be resolved: Gcore secrets are write-only (the API never returns a payload)",
    );
  }
  throw new SecretReferenceError(
    variable,
    "unknown-scheme",
    "ERR_VALIDATION",
    `unknown reference scheme ${scheme}:// (known: ${SECRET_REFERENCE_SCHEMES.map((each) => `${each}://`).join(", ")})`,
  );
}

type Lazy<T> = T | (() => T | Promise<T>);

/** The clients references are read with; a function is called only when a reference needs it. */
export interface SecretReferenceClients {
  voximplant?: Lazy<Pick<VoximplantClient, "getSecret">>;
  dapr?: Lazy<Pick<DaprClient, "getSecret">>;
}

async function readReference(
  reference: SecretReference,
  clients: SecretReferenceClients,
  signal: AbortSignal | undefined,
): Promise<string> {
  const source = clients[reference.provider];
  if (source === undefined) throw new Error("no client");
  const client = typeof source === "function" ? await source() : source;
  const call = signal ? { signal } : {};
  if (reference.provider === "voximplant") {
    return (
      await (client as Pick<VoximplantClient, "getSecret">).getSecret(
        { name: reference.name, application: reference.application } as Parameters<VoximplantClient["getSecret"]>[0],
        call,
      )
    ).value;
  }
  const keys = await (client as Pick<DaprClient, "getSecret">).getSecret(reference.store, reference.name, {
    ...call,
    ...(reference.metadata ? { metadata: reference.metadata } : {}),
  });
  return daprSecretValue(keys, reference.name, reference.key);
}

/**
 * The SecretReferenceError for a read that failed: it names `variable` (and `others` that failed too) and carries the
 * provider error's code. Library errors carry no secret values of their own call; `resolved` (values other references
 * resolved to) are cut out, as a server may echo them. Anything else is reported by its kind only.
 */
export function unresolvedReference(
  variable: string,
  provider: string,
  error: unknown,
  resolved: readonly string[] = [],
  others: readonly string[] = [],
): SecretReferenceError {
  const more = others.length > 0 ? ` (also unresolved: ${others.join(", ")})` : "";
  if (error instanceof SecretsError) redactError(error, resolved);
  const detail =
    error instanceof SecretsError ? error.message : `${provider}: unexpected failure (${error instanceof Error ? error.name : "error"})`;
  const code = error instanceof SecretsError ? error.code : "ERR_PROVIDER_API";
  return new SecretReferenceError(variable, "unresolved", code, `reference not resolved: ${detail}${more}`, error);
}

/** A reference whose provider has no client to resolve it with: it names the variable and the provider. */
export function noClient(variable: string, provider: SecretReference["provider"]): SecretReferenceError {
  return new SecretReferenceError(variable, "no-client", "ERR_CONFIGURATION", `no ${provider} client to resolve its reference with`);
}

/**
 * A signal of its own for each read, all aborted by one listener on `signal`: each read listens to its signal, and
 * Node warns (MaxListenersExceededWarning) past 10 listeners on one, as `run` with 11 references did.
 */
function fanOut(signal: AbortSignal | undefined): { next(): AbortSignal | undefined; done(): void } {
  if (signal === undefined) return { next: () => undefined, done: () => {} };
  const controllers: AbortController[] = [];
  const onAbort = () => {
    for (const controller of controllers) controller.abort(signal.reason);
  };
  signal.addEventListener("abort", onAbort, { once: true });
  return {
    next() {
      const controller = new AbortController();
      if (signal.aborted) controller.abort(signal.reason);
      controllers.push(controller);
      return controller.signal;
    },
    done: () => signal.removeEventListener("abort", onAbort),
  };
}

/**
 * Resolves every `variable → reference` and answers `variable → value`. Every reference is checked
 * before any is read; identical references are read once; the first failure (in the given order)
 * throws a SecretReferenceError naming its variable and carrying the provider error's code.
 *
 * @example
 * ```ts
 * import { createVoximplantClient } from "typed-secrets";
 * import { resolveSecretReferences } from "typed-secrets/run";
 *
 * const references = { DB_PASSWORD: "voximplant://my-app/dbPassword" };
 * const values = await resolveSecretReferences(references, { voximplant: createVoximplantClient() });
 * ```
 */
export async function resolveSecretReferences(
  references: Record<string, string>,
  clients: SecretReferenceClients,
  options: { signal?: AbortSignal } = {},
): Promise<Record<string, string>> {
  const parsed = Object.entries(references).map(([variable, value]) => ({ variable, reference: parseSecretReference(value, variable) }));
  for (const { variable, reference } of parsed) {
    if (clients[reference.provider] === undefined) throw noClient(variable, reference.provider);
  }
  const reads = new Map<string, Promise<string>>();
  const signals = fanOut(options.signal);
  const settled = await Promise.allSettled(
    parsed.map(({ reference }) => {
      const key = JSON.stringify(reference);
      if (!reads.has(key)) reads.set(key, readReference(reference, clients, signals.next()));
      return reads.get(key)!;
    }),
  ).finally(signals.done);
  const failed = settled.flatMap((result, index) =>
    result.status === "rejected"
      ? [{ variable: parsed[index]!.variable, provider: parsed[index]!.reference.provider, error: result.reason as unknown }]
      : [],
  );
  const first = failed[0];
  if (first) {
    const resolved = settled.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
    const others = failed.slice(1).map((each) => each.variable);
    throw unresolvedReference(first.variable, first.provider, first.error, resolved, others);
  }
  return Object.fromEntries(parsed.map(({ variable }, index) => [variable, (settled[index] as PromiseFulfilledResult<string>).value]));
}
