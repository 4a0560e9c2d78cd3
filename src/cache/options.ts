// The cache's options, their defaults and their checks (a bad option is a ConfigurationError naming it, at creation).
import { ConfigurationError } from "../core/errors.js";

/** Options of `withSecretCache`: TTL, size bounds, refresh ahead, staleness and backoff (defaults in `CACHE_DEFAULTS`). */
export interface SecretCacheOptions {
  /** How long a read value is served from memory. Default 300 000 (5 minutes). */
  ttlMs?: number;
  /** At most this many entries; the least recently used is evicted. Default 1000. */
  maxEntries?: number;
  /** At most this many bytes of cached values (UTF-16, 2 per character, keys included). Default 8 MiB. */
  maxBytes?: number;
  /** After expiry, how long a value may still be served while refreshes fail for a transient reason. Default 300 000. */
  maxStaleMs?: number;
  /** The wait after a first failed refresh, doubled per failure up to 60 s (and at least a `Retry-After`). Default 1000. */
  refreshBackoffMs?: number;
  /** `cache.refresh(name)` re-reads a secret at most once per this many ms, however often it is called. Default 1000. */
  minRefreshIntervalMs?: number;
  /**
   * Voximplant only: refresh by one GetSecrets call per application (it lists each secret's `modified`) and re-read
   * only the values that changed. Default true.
   */
  changeDetection?: boolean;
  /** The clock (ms). Default `Date.now`. */
  now?: () => number;
  /** A number in [0, 1), for the refresh point's jitter. Default `Math.random`. */
  random?: () => number;
}

export type ResolvedCacheOptions = Required<SecretCacheOptions>;

/** The defaults: TTL 300 s, 1,000 entries, 8 MiB, stale values served up to 300 s, backoff 1 s doubling to 60 s. */
export const CACHE_DEFAULTS = {
  ttlMs: 300_000,
  maxEntries: 1000,
  maxBytes: 8 * 1024 * 1024,
  maxStaleMs: 300_000,
  refreshBackoffMs: 1000,
  minRefreshIntervalMs: 1000,
} as const;

/** The longest wait between two refresh attempts of a failing entry. */
export const MAX_BACKOFF_MS = 60_000;

const NUMBERS = ["ttlMs", "maxEntries", "maxBytes", "maxStaleMs", "refreshBackoffMs", "minRefreshIntervalMs"] as const;

export function resolveCacheOptions(options: SecretCacheOptions = {}): ResolvedCacheOptions {
  for (const name of NUMBERS) {
    const value = options[name];
    if (value !== undefined && !(Number.isFinite(value) && value >= 0))
      throw new ConfigurationError(`cache option ${name} must be a finite number of 0 or more`);
  }
  if (options.maxEntries !== undefined && (!Number.isInteger(options.maxEntries) || options.maxEntries < 1))
    throw new ConfigurationError("cache option maxEntries must be a whole number of 1 or more");
  return {
    ...CACHE_DEFAULTS,
    changeDetection: true,
    now: Date.now,
    random: Math.random,
    ...Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)),
  };
}
