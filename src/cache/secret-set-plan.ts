// The reads a set needs, fewest first: one getSecret per distinct Voximplant secret, and per Dapr store one
// getBulkSecret when several of its secrets are wanted without metadata (else one getSecret each).
import { NotFoundError } from "../core/errors.js";
import { daprSecretValue } from "../providers/dapr/wire.js";
import type { DaprClient } from "../providers/dapr/client.js";
import type { VoximplantClient } from "../providers/voximplant/client.js";
import type { SecretReference } from "../run/secret-references.js";

/** The clients a set reads with (cached ones from `withSecretCache` keep later loads in memory). */
export interface SecretSetClients {
  voximplant?: Pick<VoximplantClient, "getSecret">;
  dapr?: Pick<DaprClient, "getSecret" | "getBulkSecret">;
}

export type ReadResult = { value: string } | { error: unknown };

export interface Plan {
  /** Every secret's value or error, by the set's name. */
  run(clients: SecretSetClients, signal: AbortSignal | undefined): Promise<Map<string, ReadResult>>;
}

type Dapr = Extract<SecretReference, { provider: "dapr" }>;
type Voximplant = Extract<SecretReference, { provider: "voximplant" }>;

/** Dapr references whose store is read in bulk: stores with two or more distinct secrets wanted, none with metadata. */
function bulkStores(references: SecretReference[]): Set<string> {
  const names = new Map<string, Set<string>>();
  const withMetadata = new Set<string>();
  for (const reference of references) {
    if (reference.provider !== "dapr") continue;
    if (reference.metadata) withMetadata.add(reference.store);
    else names.set(reference.store, (names.get(reference.store) ?? new Set()).add(reference.name));
  }
  return new Set([...names].filter(([store, wanted]) => wanted.size > 1 && !withMetadata.has(store)).map(([store]) => store));
}

async function settle(read: () => Promise<string>): Promise<ReadResult> {
  try {
    return { value: await read() };
  } catch (error) {
    return { error };
  }
}

export function planReads(parsed: Array<[string, SecretReference]>): Plan {
  const bulk = bulkStores(parsed.map(([, reference]) => reference));
  return {
    async run(clients, signal) {
      const call = signal ? { signal } : {};
      const shared = new Map<string, Promise<unknown>>();
      const once = <T>(key: string, read: () => Promise<T>): Promise<T> => {
        if (!shared.has(key)) shared.set(key, read());
        return shared.get(key) as Promise<T>;
      };
      const voximplant = ({ application, name }: Voximplant) =>
        once(JSON.stringify(["v", application, name]), () => clients.voximplant!.getSecret({ name, application }, call)).then(
          (secret) => secret.value,
        );
      const dapr = async ({ store, name, key, metadata }: Dapr) => {
        if (bulk.has(store)) {
          const secrets = await once(JSON.stringify(["bulk", store]), () => clients.dapr!.getBulkSecret(store, call));
          const keys = Object.hasOwn(secrets, name) ? secrets[name] : undefined;
          if (!keys) throw new NotFoundError(`secret ${name} is not in store ${store}`, { provider: "dapr", operation: "getBulkSecret" });
          return daprSecretValue(keys, name, key);
        }
        const keys = await once(JSON.stringify(["get", store, name, metadata ?? null]), () =>
          clients.dapr!.getSecret(store, name, { ...call, ...(metadata ? { metadata } : {}) }),
        );
        return daprSecretValue(keys, name, key);
      };
      const results = await Promise.all(
        parsed.map(async ([name, reference]) => {
          const result = await settle(() => (reference.provider === "voximplant" ? voximplant(reference) : dapr(reference)));
          return [name, result] as const;
        }),
      );
      return new Map(results);
    },
  };
}
