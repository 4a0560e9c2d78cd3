// The cache over a Dapr client: getSecret, getBulkSecret and getSecretValue, each keyed by everything that selects its
// value (sidecar, store, name, key, metadata such as namespace or version_id). Dapr has no write: nothing to evict on.
import type { DaprClient } from "../providers/dapr/client.js";
import { abortable } from "./abortable.js";
import type { CacheEngine, CacheRead } from "./cache-engine.js";
import { type CachedClient, baseUrlOf, cacheControls, nameTag } from "./controls.js";
import type { ResolvedCacheOptions } from "./options.js";
import { sizeOf } from "./sizes.js";

const storeTag = (store: string) => `store:${store}`;
const sorted = (metadata: Record<string, string> | undefined) =>
  metadata === undefined ? null : Object.entries(metadata).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

export function cacheDapr(client: DaprClient, engine: CacheEngine, options: ResolvedCacheOptions): CachedClient<DaprClient> {
  const baseUrl = baseUrlOf(client);
  const read = <Value>(spec: CacheRead<Value>, signal: AbortSignal | undefined, operation: string) =>
    abortable(engine.read(spec), signal, "dapr", operation);
  return {
    provider: "dapr",
    get api() {
      return client.api;
    },
    getSecret: async (store, name, getOptions = {}) => {
      const spec: CacheRead<Record<string, string>> = {
        key: JSON.stringify(["dapr", baseUrl, "getSecret", store, name, sorted(getOptions.metadata)]),
        tags: [storeTag(store), nameTag(name)],
        load: () => client.getSecret(store, name, getOptions.metadata ? { metadata: getOptions.metadata } : {}),
        sizeOf,
      };
      return { ...(await read(spec, getOptions.signal, "getSecret")) };
    },
    getBulkSecret: async (store, getOptions = {}) => {
      const spec: CacheRead<Record<string, Record<string, string>>> = {
        key: JSON.stringify(["dapr", baseUrl, "getBulkSecret", store, sorted(getOptions.metadata)]),
        tags: [storeTag(store)],
        tagsOf: (secrets) => Object.keys(secrets).map(nameTag),
        load: () => client.getBulkSecret(store, getOptions.metadata ? { metadata: getOptions.metadata } : {}),
        sizeOf,
      };
      const secrets = await read(spec, getOptions.signal, "getBulkSecret");
      return Object.fromEntries(Object.entries(secrets).map(([name, keys]) => [name, { ...keys }]));
    },
    getSecretValue: (name, readOptions = {}) => {
      const spec: CacheRead<string> = {
        // The client's own store (an option of the client, the same for every call).
        key: JSON.stringify(["dapr", baseUrl, "getSecretValue", name, readOptions.key ?? null]),
        tags: [nameTag(name)],
        load: () => client.getSecretValue(name, readOptions.key === undefined ? {} : { key: readOptions.key }),
        sizeOf,
      };
      return read(spec, readOptions.signal, "getSecret");
    },
    listSecrets: (callOptions) => client.listSecrets(callOptions),
    waitUntilReady: (waitOptions) => client.waitUntilReady(waitOptions),
    cache: cacheControls(engine, options),
  };
}
