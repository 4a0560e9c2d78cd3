/**
 * The check `run --watch` makes every interval: have any of the references' values changed? Each vendor's cheapest way
 * (docs/vendor-behaviour.md):
 * - Voximplant: one GetSecrets listing per application gives each secret's id and `modified` stamp; only secrets whose
 *   stamp moved are read again. The stamp has one-second resolution, so a secret first seen with a recent stamp is
 *   read once more at the next check (a second change within the same second leaves the stamp as it was); the first
 *   check reads every value once, as no stamp is known yet.
 * - Dapr has no change feed and no version for every store: each value is read again and compared. References to
 *   two or more secrets of one store share one bulk read (`GET /secrets/{store}/bulk`); a secret bulk leaves out
 *   (a scope policy) and references with metadata (`?version_id=`) are read one by one.
 * New values are compared with the current ones and kept only when one differs; nothing is printed or logged.
 */
import type { DaprClient } from "../providers/dapr/client.js";
import { daprSecretValue } from "../providers/dapr/wire.js";
import type { VoximplantClient } from "../providers/voximplant/client.js";
import { refuseNulBytes } from "./command-environment.js";
import { parseSecretReference, resolveSecretReferences, type SecretReference, unresolvedReference } from "./secret-references.js";

type Lazy<T> = T | (() => T | Promise<T>);

/** The clients a watch reads with: `getSecret`, and what the change check needs besides. */
export interface WatchClients {
  voximplant?: Lazy<Pick<VoximplantClient, "getSecret" | "listSecrets">>;
  dapr?: Lazy<Pick<DaprClient, "getSecret" | "getBulkSecret">>;
}

export interface ChangeCheck {
  /**
   * Reads what changed since the last check. Answers every variable's value when one differs from `current`,
   * undefined when none does; a failure is a SecretReferenceError naming a variable (never a value).
   */
  check(current: Readonly<Record<string, string>>, signal: AbortSignal): Promise<Record<string, string> | undefined>;
}

/** A stamp this much older than our clock cannot change within its second any more (clock skew allowed for). */
const SETTLED_AFTER_MS = 5 * 60_000;

interface Entry<R extends SecretReference["provider"]> {
  variable: string;
  reference: Extract<SecretReference, { provider: R }>;
}

async function clientOf<T>(source: Lazy<T> | undefined): Promise<T> {
  if (source === undefined) throw new Error("no client");
  return typeof source === "function" ? await (source as () => T | Promise<T>)() : source;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/**
 * Voximplant: the variables whose secrets' stamps moved (or must be confirmed), from one listing per application.
 * Answers what to remember once the values are read: a failed read leaves the old stamps, so it is tried again.
 */
function voximplantCheck(entries: readonly Entry<"voximplant">[], clients: WatchClients, now: () => number) {
  const known = new Map<string, { stamp: string; settled: boolean }>();
  const applications = groupBy(entries, (entry) => JSON.stringify(entry.reference.application));
  return async (signal: AbortSignal, reread: Set<string>): Promise<() => void> => {
    const seen = new Map<string, { stamp: string; settled: boolean } | undefined>();
    await Promise.all(
      [...applications.values()].map(async (group) => {
        const application = group[0]!.reference.application;
        const listed = new Map<string, { stamp: string; at: number | undefined }>();
        try {
          const client = await clientOf(clients.voximplant);
          for await (const info of client.listSecrets({ application, signal }))
            listed.set(info.name, { stamp: `${info.id} ${info.updatedAt?.getTime()}`, at: info.updatedAt?.getTime() });
        } catch (error) {
          throw unresolvedReference(group[0]!.variable, "voximplant", error);
        }
        for (const { variable, reference } of group) {
          const key = `${JSON.stringify(application)} ${reference.name}`;
          const listing = listed.get(reference.name);
          const before = known.get(key);
          // Gone, or no stamp to go by: read it (a missing secret then fails the check, naming the variable).
          if (listing?.at === undefined) {
            seen.set(key, undefined);
            reread.add(variable);
          } else if (before?.stamp !== listing.stamp) {
            seen.set(key, { stamp: listing.stamp, settled: listing.at < now() - SETTLED_AFTER_MS });
            reread.add(variable);
          } else if (!before.settled) {
            seen.set(key, { stamp: listing.stamp, settled: true });
            reread.add(variable);
          }
        }
      }),
    );
    return () => {
      for (const [key, stamp] of seen) stamp ? known.set(key, stamp) : known.delete(key);
    };
  };
}

/** Dapr: values of references to two or more secrets of a store, from one bulk read; the others go to `reread`. */
function daprCheck(entries: readonly Entry<"dapr">[], clients: WatchClients) {
  const plain = entries.filter((entry) => entry.reference.metadata === undefined);
  const stores = [...groupBy(plain, (entry) => entry.reference.store).values()].filter(
    (group) => new Set(group.map((entry) => entry.reference.name)).size >= 2,
  );
  const bulk = new Set(stores.flat().map((entry) => entry.variable));
  const single = entries.filter((entry) => !bulk.has(entry.variable)).map((entry) => entry.variable);
  return async (signal: AbortSignal, reread: Set<string>, values: Record<string, string>): Promise<void> => {
    for (const variable of single) reread.add(variable);
    await Promise.all(
      stores.map(async (group) => {
        const store = group[0]!.reference.store;
        let secrets: Record<string, Record<string, string>>;
        try {
          secrets = await (await clientOf(clients.dapr)).getBulkSecret(store, { signal });
        } catch (error) {
          throw unresolvedReference(group[0]!.variable, "dapr", error);
        }
        for (const { variable, reference } of group) {
          const keys = Object.hasOwn(secrets, reference.name) ? secrets[reference.name] : undefined;
          try {
            if (keys === undefined) throw new Error("left out of bulk");
            values[variable] = daprSecretValue(keys, reference.name, reference.key);
          } catch {
            // Read alone, it fails (or succeeds) with the single route's own answer.
            reread.add(variable);
          }
        }
      }),
    );
  };
}

/** A change check for `references` (parsed now: a malformed one throws here, naming its variable). */
export function createChangeCheck(references: Record<string, string>, clients: WatchClients, now: () => number = Date.now): ChangeCheck {
  const entries = Object.entries(references).map(([variable, value]) => ({ variable, reference: parseSecretReference(value, variable) }));
  const voximplant = voximplantCheck(
    entries.filter((entry): entry is Entry<"voximplant"> => entry.reference.provider === "voximplant"),
    clients,
    now,
  );
  const dapr = daprCheck(
    entries.filter((entry): entry is Entry<"dapr"> => entry.reference.provider === "dapr"),
    clients,
  );
  return {
    async check(current, signal) {
      const reread = new Set<string>();
      const values: Record<string, string> = {};
      const [remember] = await Promise.all([voximplant(signal, reread), dapr(signal, reread, values)]);
      const wanted = Object.fromEntries([...reread].map((variable) => [variable, references[variable]!]));
      Object.assign(values, await resolveSecretReferences(wanted, clients, { signal }));
      // A value the command cannot be given fails the check, and is read again at the next one.
      refuseNulBytes(values);
      remember();
      if (Object.entries(values).every(([variable, value]) => current[variable] === value)) return undefined;
      return { ...current, ...values };
    },
  };
}
