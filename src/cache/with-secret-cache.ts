// `withSecretCache(client, options)`: the same client, its reads served from memory. A wrapper rather than a `cache`
// option of the factories: the clients stay as they are (and the root entry as small), it wraps any client of the
// type (a test double too), and the cache's controls (`client.cache`) exist only on a client that has one.
import { showOnly } from "../core/inspect.js";
import type { DaprClient } from "../providers/dapr/client.js";
import type { VoximplantClient } from "../providers/voximplant/client.js";
import { createCacheEngine } from "./cache-engine.js";
import { type CachedClient, baseUrlOf } from "./controls.js";
import { cacheDapr } from "./dapr-cache.js";
import { resolveCacheOptions, type SecretCacheOptions } from "./options.js";
import { cacheVoximplant } from "./voximplant-cache.js";

/**
 * Caches a Voximplant client's `getSecret` and `getSecretValue`; its writes evict what they touch.
 *
 * @example
 * ```ts
 * import { createDaprClient } from "typed-secrets";
 * import { withSecretCache } from "typed-secrets/cache";
 *
 * const dapr = withSecretCache(createDaprClient({ store: "vault" }), { ttlMs: 60_000 });
 * const password = await dapr.getSecretValue("db-password"); // one request; the next reads come from memory
 * console.log(dapr.cache.stats());
 * ```
 */
export function withSecretCache(client: VoximplantClient, options?: SecretCacheOptions): CachedClient<VoximplantClient>;
/** Caches a Dapr client's `getSecret`, `getBulkSecret` and `getSecretValue`. */
export function withSecretCache(client: DaprClient, options?: SecretCacheOptions): CachedClient<DaprClient>;
export function withSecretCache(
  client: VoximplantClient | DaprClient,
  options?: SecretCacheOptions,
): CachedClient<VoximplantClient> | CachedClient<DaprClient> {
  const resolved = resolveCacheOptions(options);
  const engine = createCacheEngine(resolved);
  const cached = client.provider === "voximplant" ? cacheVoximplant(client, engine, resolved) : cacheDapr(client, engine, resolved);
  return showOnly(cached, "CachedClient", { provider: client.provider, baseUrl: baseUrlOf(client), ttlMs: resolved.ttlMs });
}
