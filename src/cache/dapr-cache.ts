// The cache over a Dapr client: getSecret, getBulkSecret and getSecretValue, each keyed by everything that selects its
// value (sidecar, store, name, key, metadata such as namespace or version_id). Dapr has no write: nothing to evict on.
import type { DaprClient } from "../providers/dapr/client.js";
import { answer } from "./abortable.js";
import type { CacheEngine } from "./cache-engine.js";
import { type CachedClient, baseUrlOf, cacheControls, nameTag } from "./controls.js";
import type { ResolvedCacheOptions } from "./options.js";
import { sizeOf } from "./sizes.js";

type Keys = Record<string, string>;
const storeTag = (store: string) => `store:${store}`;
/** JSON strings delimit themselves: no two (store, name, metadata) give one key. */
const part = (text: string) => JSON.stringify(text);
const metadataPart = (metadata: Keys | undefined) =>
  metadata === undefined ? "" : JSON.stringify(Object.entries(metadata).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
const copyKeys = (keys: Keys): Keys => ({ ...keys });
const copyBulk = (secrets: Record<string, Keys>) => Object.fromEntries(Object.entries(secrets).map(([name, keys]) => [name, { ...keys }]));
const same = (value: string) => value;
const withMetadata = (metadata: Keys | undefined) => (metadata ? { metadata } : {});

export function cacheDapr(client: DaprClient, engine: CacheEngine, options: ResolvedCacheOptions): CachedClient<DaprClient> {
  const prefix = `dapr ${part(baseUrlOf(client))} `;
  const call = (operation: string, signal: AbortSignal | undefined) => ({ provider: "dapr", operation, signal });
  return {
    provider: "dapr",
    get api() {
      return client.api;
    },
    getSecret: (store, name, getOptions = {}) => {
      const key = `${prefix}getSecret ${part(store)}${part(name)}${metadataPart(getOptions.metadata)}`;
      const { metadata } = getOptions;
      const result = engine.get<Keys>(key, () => ({
        key,
        tags: [storeTag(store), nameTag(name)],
        load: () => client.getSecret(store, name, withMetadata(metadata)),
        sizeOf,
      }));
      return answer(result, copyKeys, call("getSecret", getOptions.signal));
    },
    getBulkSecret: (store, getOptions = {}) => {
      const key = `${prefix}getBulkSecret ${part(store)}${metadataPart(getOptions.metadata)}`;
      const { metadata } = getOptions;
      const result = engine.get<Record<string, Keys>>(key, () => ({
        key,
        tags: [storeTag(store)],
        tagsOf: (secrets: Record<string, Keys>) => Object.keys(secrets).map(nameTag),
        load: () => client.getBulkSecret(store, withMetadata(metadata)),
        sizeOf,
      }));
      return answer(result, copyBulk, call("getBulkSecret", getOptions.signal));
    },
    getSecretValue: (name, readOptions = {}) => {
      // The client's own store (an option of the client, the same for every call).
      const key = `${prefix}getSecretValue ${part(name)}${readOptions.key === undefined ? "" : part(readOptions.key)}`;
      const chosen = readOptions.key;
      const result = engine.get<string>(key, () => ({
        key,
        tags: [nameTag(name)],
        load: () => client.getSecretValue(name, chosen === undefined ? {} : { key: chosen }),
        sizeOf,
      }));
      return answer(result, same, call("getSecret", readOptions.signal));
    },
    listSecrets: (callOptions) => client.listSecrets(callOptions),
    waitUntilReady: (waitOptions) => client.waitUntilReady(waitOptions),
    cache: cacheControls(engine, options),
  };
}
