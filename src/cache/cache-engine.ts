// The cache itself, provider-free: entries by key with tags, least recently used evicted under a count and a byte
// bound, one load in flight per key (single flight), refresh ahead from a jittered point in the TTL, stale values
// served through transient failures with a backoff, revoked entries dropped. No timer: everything happens on reads.
import { backoffMs, failureKind } from "./failure-kind.js";
import type { ResolvedCacheOptions } from "./options.js";

/** One kind of read: its key (everything that selects the value), tags to invalidate it by, and how to load it. */
export interface CacheRead<Value> {
  key: string;
  /** Names this read answers for, known before it loads (e.g. `name:db`). */
  tags: readonly string[];
  /** Tags learnt from the value (e.g. the name of a secret read by id). */
  tagsOf?(value: Value): readonly string[];
  /** Reads from the provider. `previous` is the cached value on a refresh (change detection may answer it unchanged). */
  load(previous: Value | undefined): Promise<Value>;
  /** Bytes the value holds (2 per character). */
  sizeOf(value: Value): number;
}

/** What a cache has done since it was made: hits, misses, stale values served, refreshes and their errors, evictions. */
export interface SecretCacheStats {
  /** Reads answered from memory with a fresh value. */
  hits: number;
  /** Reads that waited for the provider (cold, or expired). */
  misses: number;
  /** Reads answered with an expired value because its refresh failed for a transient reason. */
  staleServed: number;
  /** First reads of a key sent to the provider (one per key however many wait). */
  loads: number;
  /** Refreshes of a cached entry sent to the provider (ahead of expiry, at expiry, or asked for). */
  refreshes: number;
  /** Refreshes that failed. */
  refreshErrors: number;
  /** Entries dropped by the cache: least recently used, over the byte bound, revoked, or past maxStaleMs. */
  evictions: number;
  entries: number;
  bytes: number;
}

interface Entry {
  read: CacheRead<unknown>;
  value: unknown;
  bytes: number;
  tags: readonly string[];
  loadedAt: number;
  refreshAt: number;
  expiresAt: number;
  failures: number;
  retryAt: number;
  refreshing: Promise<unknown> | undefined;
  /** When `refresh(tag)` last started a refresh of it (the tight-loop guard). */
  manualAt: number;
}

export interface CacheEngine {
  read<Value>(read: CacheRead<Value>): Promise<Value>;
  /**
   * The hot path: a fresh entry's value at once (no promise, no read object made), else a promise. `make` builds the
   * read only when the key has no entry (an entry keeps the read it was loaded with, for its refreshes).
   */
  get<Value>(key: string, make: () => CacheRead<Value>): Value | Promise<Value>;
  /** Drops every entry tagged `tag`, and every load in flight (its answer may predate a write). */
  invalidate(tag: string): void;
  /** Re-reads every entry tagged `tag`, each at most once per minRefreshIntervalMs. */
  refresh(tag: string): Promise<void>;
  /** Entries tagged `tag`, for change detection. */
  tagged(tag: string): Array<{ key: string; value: unknown; loadedAt: number }>;
  /** Marks an entry as just read (its value was confirmed unchanged). */
  renew(key: string): void;
  clear(): void;
  close(): void;
  readonly closed: boolean;
  /** The counters so far. */
  stats(): SecretCacheStats;
}

export function createCacheEngine(options: ResolvedCacheOptions): CacheEngine {
  const { ttlMs, maxEntries, maxBytes, maxStaleMs, now } = options;
  const entries = new Map<string, Entry>();
  const pending = new Map<string, Promise<unknown>>();
  const counts = { hits: 0, misses: 0, staleServed: 0, loads: 0, refreshes: 0, refreshErrors: 0, evictions: 0 };
  let bytes = 0;
  let closed = false;
  /** The most recently used key (the Map's last): touching it again needs no reordering. */
  let newest: string | undefined;

  const jitter = () => Math.min(Math.max(options.random(), 0), 1);
  const remove = (key: string, evicted: boolean) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    if (newest === key) newest = undefined;
    bytes -= entry.bytes;
    if (evicted) counts.evictions += 1;
  };

  function store(read: CacheRead<unknown>, value: unknown): void {
    const previous = entries.get(read.key);
    remove(read.key, false);
    const size = 2 * read.key.length + read.sizeOf(value);
    if (size > maxBytes) return;
    const at = now();
    entries.set(read.key, {
      read,
      value,
      bytes: size,
      tags: [...read.tags, ...(read.tagsOf?.(value) ?? [])],
      loadedAt: at,
      refreshAt: at + ttlMs * (0.5 + 0.5 * jitter()),
      expiresAt: at + ttlMs,
      failures: 0,
      retryAt: Number.NEGATIVE_INFINITY,
      refreshing: undefined,
      manualAt: previous?.manualAt ?? Number.NEGATIVE_INFINITY,
    });
    bytes += size;
    newest = read.key;
    for (const key of entries.keys()) {
      if (entries.size <= maxEntries && bytes <= maxBytes) break;
      remove(key, true);
    }
  }

  function cold(read: CacheRead<unknown>): Promise<unknown> {
    const waiting = pending.get(read.key);
    if (waiting) return waiting;
    counts.loads += 1;
    const loading: Promise<unknown> = read.load(undefined).then((value) => {
      // Stored only if nothing invalidated it meanwhile (an invalidation empties `pending`).
      if (pending.get(read.key) === loading && !closed) store(read, value);
      return value;
    });
    pending.set(read.key, loading);
    const forget = () => {
      if (pending.get(read.key) === loading) pending.delete(read.key);
    };
    loading.then(forget, forget);
    return loading;
  }

  function failed(entry: Entry, error: unknown): void {
    counts.refreshErrors += 1;
    if (entries.get(entry.read.key) !== entry) return;
    const at = now();
    if (failureKind(error) !== "transient" || at >= entry.expiresAt + maxStaleMs) {
      remove(entry.read.key, true);
      return;
    }
    entry.failures += 1;
    entry.retryAt = at + backoffMs(entry.failures, options.refreshBackoffMs, error);
  }

  function refresh(entry: Entry): Promise<unknown> {
    if (entry.refreshing) return entry.refreshing;
    counts.refreshes += 1;
    const refreshing = entry.read.load(entry.value).then(
      (value) => {
        if (entries.get(entry.read.key) === entry && !closed) store(entry.read, value);
        return value;
      },
      (error: unknown) => {
        failed(entry, error);
        throw error;
      },
    );
    entry.refreshing = refreshing;
    const done = () => {
      if (entry.refreshing === refreshing) entry.refreshing = undefined;
    };
    refreshing.then(done, done);
    return refreshing;
  }

  async function expired(entry: Entry): Promise<unknown> {
    try {
      return await refresh(entry);
    } catch (error) {
      if (failureKind(error) === "transient" && entries.get(entry.read.key) === entry) {
        counts.staleServed += 1;
        return entry.value;
      }
      throw error;
    }
  }

  function lookup(key: string, make: () => CacheRead<unknown>): unknown {
    if (closed) return make().load(undefined);
    const entry = entries.get(key);
    if (!entry) {
      counts.misses += 1;
      return cold(make());
    }
    if (newest !== key) {
      entries.delete(key);
      entries.set(key, entry);
      newest = key;
    }
    const at = now();
    if (at < entry.expiresAt) {
      counts.hits += 1;
      if (at >= entry.refreshAt && at >= entry.retryAt && !entry.refreshing) refresh(entry).catch(() => {});
      return entry.value;
    }
    if (at < entry.retryAt && at < entry.expiresAt + maxStaleMs) {
      counts.staleServed += 1;
      return entry.value;
    }
    counts.misses += 1;
    return expired(entry);
  }

  const withTag = (tag: string) => [...entries.values()].filter((entry) => entry.tags.includes(tag));

  return {
    // The casts, here: a key is only ever read with one CacheRead shape (the key names the method), so its value has that type.
    read: <Value>(read: CacheRead<Value>) => Promise.resolve(lookup(read.key, () => read)) as Promise<Value>,
    get: <Value>(key: string, make: () => CacheRead<Value>) => lookup(key, make) as Value | Promise<Value>,
    invalidate(tag) {
      pending.clear();
      for (const entry of withTag(tag)) remove(entry.read.key, false);
    },
    async refresh(tag) {
      const at = now();
      const started = withTag(tag).map((entry) => {
        if (at - entry.manualAt < options.minRefreshIntervalMs) return entry.refreshing;
        entry.manualAt = at;
        return refresh(entry);
      });
      await Promise.allSettled(started);
    },
    tagged: (tag) => withTag(tag).map(({ read, value, loadedAt }) => ({ key: read.key, value, loadedAt })),
    renew(key) {
      const entry = entries.get(key);
      if (!entry) return;
      const at = now();
      Object.assign(entry, {
        loadedAt: at,
        refreshAt: at + ttlMs * (0.5 + 0.5 * jitter()),
        expiresAt: at + ttlMs,
        failures: 0,
        retryAt: Number.NEGATIVE_INFINITY,
      });
    },
    clear() {
      pending.clear();
      entries.clear();
      newest = undefined;
      bytes = 0;
    },
    close() {
      closed = true;
      pending.clear();
      entries.clear();
      newest = undefined;
      bytes = 0;
    },
    get closed() {
      return closed;
    },
    stats: () => ({ ...counts, entries: entries.size, bytes }),
  };
}
