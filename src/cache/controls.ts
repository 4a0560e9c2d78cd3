// What a cached client adds to its own type: `client.cache`, to invalidate, refresh, clear, close and count.
import { showOnly } from "../core/inspect.js";
import type { CacheEngine, SecretCacheStats } from "./cache-engine.js";
import type { ResolvedCacheOptions } from "./options.js";

/** A cached client's `cache`: invalidate, refresh, clear, close and stats. */
export interface SecretCacheControls {
  /** Drops every cached read of this secret (by name, in any application or store, bulk reads holding it too). */
  invalidate(name: string): void;
  /** Re-reads every cached read of this secret now; at most once per `minRefreshIntervalMs` however often called. */
  refresh(name: string): Promise<void>;
  /** Drops every entry; the cache stays usable. */
  clear(): void;
  /** Drops every entry and caches nothing more: reads go to the provider. There is no timer to stop. */
  close(): void;
  /** Hits, misses, stale values served, refreshes, refresh errors and evictions so far. */
  stats(): SecretCacheStats;
}

/** The wrapped client's own type, plus `cache`. */
export type CachedClient<Client> = Client & { readonly cache: SecretCacheControls };

export const nameTag = (name: string) => `name:${name}`;

export function cacheControls(engine: CacheEngine, options: ResolvedCacheOptions): SecretCacheControls {
  const controls: SecretCacheControls = {
    invalidate: (name) => engine.invalidate(nameTag(name)),
    refresh: (name) => engine.refresh(nameTag(name)),
    clear: () => engine.clear(),
    close: () => engine.close(),
    stats: () => engine.stats(),
  };
  const { ttlMs, maxEntries, maxBytes, maxStaleMs } = options;
  return showOnly(controls, "SecretCache", { ttlMs, maxEntries, maxBytes, maxStaleMs });
}

/** The base URL a client shows in its JSON form (part of every key: two sidecars never share an entry). */
export function baseUrlOf(client: object): string {
  const shown: unknown = JSON.parse(JSON.stringify(client) ?? "{}");
  return shown && typeof shown === "object" && "baseUrl" in shown ? String(shown.baseUrl) : "";
}
