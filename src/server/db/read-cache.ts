/**
 * A small cache for hot reads (sessions, the initiatives list, the portfolio per reader, My
 * desk per person). An entry is valid only while the database's change token is the one
 * taken *before* the read that filled it, so a write that lands in between makes it stale.
 * Without a token (PostgreSQL while this instance is not listening for changes: starting,
 * reconnecting) nothing is cached.
 */
export class ReadCache<V> {
  private readonly entries = new Map<string, { token: string; value: V }>();
  private readonly loading = new Map<string, { token: string; value: Promise<V> }>();
  constructor(private readonly max = 2000) {}

  /**
   * The cached value, else `load()`'s, cached. Concurrent misses of the same key under the
   * same token share one load (after a write, 50 open pages asking at once compute the
   * portfolio once, not 50 times side by side, each holding its rows in memory). A request
   * that comes after a write has a new token and waits for nothing older.
   */
  async getOrLoad(key: string, token: string | undefined, load: () => Promise<V>): Promise<V> {
    const cached = this.get(key, token);
    if (cached !== undefined) return cached;
    if (token === undefined) return load();
    const pending = this.loading.get(key);
    if (pending && pending.token === token) return pending.value;
    const value = load();
    const mine = { token, value };
    this.loading.set(key, mine);
    try {
      const result = await value;
      this.set(key, token, result);
      return result;
    } finally {
      if (this.loading.get(key) === mine) this.loading.delete(key);
    }
  }

  get(key: string, token: string | undefined): V | undefined {
    if (token === undefined) return undefined;
    const entry = this.entries.get(key);
    return entry && entry.token === token ? entry.value : undefined;
  }

  set(key: string, token: string | undefined, value: V): void {
    if (token === undefined) return;
    if (this.entries.size >= this.max) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { token, value });
  }
}

const perDatabase = new WeakMap<object, Map<string, ReadCache<unknown>>>();

/** The named cache of one database (each test app has its own). */
export function readCache<V>(db: object, name: string): ReadCache<V> {
  let caches = perDatabase.get(db);
  if (!caches) {
    caches = new Map();
    perDatabase.set(db, caches);
  }
  let cache = caches.get(name);
  if (!cache) {
    cache = new ReadCache<unknown>();
    caches.set(name, cache);
  }
  return cache as ReadCache<V>;
}
