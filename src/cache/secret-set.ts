// A typed set of an application's secrets: names mapped to references (`voximplant://APP/NAME`,
// `dapr://STORE/NAME#KEY`, as `run` takes them) with optional parsers. `load()` resolves them all with the fewest
// requests (one Dapr bulk read per store holding several) and fails naming every missing or invalid one at once,
// never a value. Given cached clients (`withSecretCache`), a later `load()` is served from memory and stays fresh.
import { noClient, type SecretReference, SecretReferenceError, parseSecretReference } from "../run/secret-references.js";
import { SecretsError } from "../core/errors.js";
import { redactError } from "../core/redact.js";
import { type Plan, planReads, type SecretSetClients } from "./secret-set-plan.js";

/** A reference, or a reference with a parser of its value (its result's type is the entry's type). */
export type SecretSpec = string | { reference: string; parse?: (value: string) => unknown };

/** The values of a set: its keys, each typed string or as its parser returns. */
export type SecretSetValues<Specs extends Record<string, SecretSpec>> = {
  readonly [Name in keyof Specs]: Specs[Name] extends { parse: (value: string) => infer Parsed } ? Parsed : string;
};

export type { SecretSetClients };

/** A set of secrets made by `defineSecretSet`: `load()` answers their values, typed by the map. */
export interface SecretSet<Specs extends Record<string, SecretSpec>> {
  /** Resolves every secret; throws a SecretSetError naming each one that failed. */
  load(options?: { signal?: AbortSignal }): Promise<SecretSetValues<Specs>>;
}

/** Some secrets of a set could not be loaded: `failures` has one SecretReferenceError per secret (its `variable`). */
export class SecretSetError extends SecretsError {
  static override readonly code = "ERR_SECRET_REFERENCE";
  declare readonly code: "ERR_SECRET_REFERENCE";
  readonly failures: readonly SecretReferenceError[];
  constructor(failures: readonly SecretReferenceError[]) {
    const named = failures.map((failure) => `${failure.variable} (${failure.reason}, ${failure.causeCode})`).join(", ");
    super(`${failures.length} of the secrets not loaded: ${named}`);
    this.failures = failures;
  }
  /** The safe fields and each failure's: what `JSON.stringify(error)` and logs see (never a value). */
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), failures: this.failures.map((failure) => failure.toJSON()) };
  }
}

const referenceOf = (spec: SecretSpec) => (typeof spec === "string" ? spec : spec.reference);

/**
 * Checks every reference now (a SecretSetError names each malformed one); reads nothing until `load`.
 *
 * @example
 * ```ts
 * import { createDaprClient, createVoximplantClient } from "typed-secrets";
 * import { defineSecretSet } from "typed-secrets/cache";
 *
 * const secrets = defineSecretSet(
 *   { stripeKey: "voximplant://shop/stripeKey", port: { reference: "dapr://vault/config#port", parse: Number } },
 *   { voximplant: createVoximplantClient(), dapr: createDaprClient() },
 * );
 * const { stripeKey, port } = await secrets.load(); // string, number
 * ```
 */
export function defineSecretSet<const Specs extends Record<string, SecretSpec>>(specs: Specs, clients: SecretSetClients): SecretSet<Specs> {
  const parsed: Array<[string, SecretReference]> = [];
  const invalid: SecretReferenceError[] = [];
  for (const [name, spec] of Object.entries(specs)) {
    try {
      const reference = parseSecretReference(referenceOf(spec), name);
      if (clients[reference.provider] === undefined) throw noClient(name, reference.provider);
      parsed.push([name, reference]);
    } catch (error) {
      if (!(error instanceof SecretReferenceError)) throw error;
      invalid.push(error);
    }
  }
  if (invalid.length > 0) throw new SecretSetError(invalid);
  const plan = planReads(parsed);
  return { load: (options = {}) => loadSet(specs, plan, clients, options.signal) };
}

async function loadSet<Specs extends Record<string, SecretSpec>>(
  specs: Specs,
  plan: Plan,
  clients: SecretSetClients,
  signal: AbortSignal | undefined,
): Promise<SecretSetValues<Specs>> {
  const results = await plan.run(clients, signal);
  const values: Record<string, unknown> = {};
  const failures: SecretReferenceError[] = [];
  const resolved = [...results.values()].flatMap((result) => ("value" in result ? [result.value] : []));
  for (const [name, spec] of Object.entries(specs)) {
    const result = results.get(name)!;
    if ("error" in result) failures.push(unresolved(name, result.error, resolved));
    else if (typeof spec === "string" || spec.parse === undefined) values[name] = result.value;
    else {
      try {
        values[name] = spec.parse(result.value);
      } catch (error) {
        // The parser's message may quote the value: only its class is named.
        const kind = error instanceof Error ? error.name : "error";
        failures.push(new SecretReferenceError(name, "invalid-value", "ERR_VALIDATION", `its parser refused the value (${kind})`));
      }
    }
  }
  if (failures.length > 0) throw new SecretSetError(failures);
  // The one cast of the set: `values` was filled key by key as the type says (a string, or what the parser returned).
  return values as SecretSetValues<Specs>;
}

function unresolved(name: string, error: unknown, resolved: string[]): SecretReferenceError {
  if (error instanceof SecretReferenceError) return error;
  if (!(error instanceof SecretsError))
    return new SecretReferenceError(
      name,
      "unresolved",
      "ERR_PROVIDER_API",
      `unexpected failure (${error instanceof Error ? error.name : "error"})`,
    );
  // A server may echo another secret's value: those values are cut out of what it said.
  redactError(error, resolved);
  return new SecretReferenceError(name, "unresolved", error.code, `reference not resolved: ${error.message}`, error);
}
