/**
 * A small cache for hot reads (sessions, the initiatives list). An entry is valid only
 * while the database's change token is the one taken *before* the read that filled it,
 * so a write that lands in between makes it stale. Without a token (PostgreSQL with
 * several instances) nothing is cached.
 */
export class ReadCache<V> {
  private readonly entries = new Map<string, { token: string; value: V }>();
  constructor(private readonly max = 2000) {}

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
