// A small in-memory cache of hot reads, emptied by any write to the tables they read.
//
// The same guarantees as the session cache (docs/decisions/0004): every statement that writes
// one of the tables — whichever module runs it, raw SQL included — empties the cache when it
// runs and again when its transaction ends (`subscribeWrites`), a fill that overlaps a write is
// not stored (generation check), and the TTL bounds how long another app node's write can go
// unseen by this process. Databases not opened by createDatabase get no cache (null).
import { performance } from 'node:perf_hooks';
import type { Kysely } from 'kysely';
import type { DB } from './schema.ts';
import { subscribeWrites } from './database.ts';

export interface ReadCacheOptions {
  /** Tables whose writes can change a cached value. */
  tables: readonly string[];
  ttlMs: number;
  maxEntries: number;
}

export class ReadCache<V> {
  private readonly entries = new Map<string, { value: V; at: number }>();
  /** Bumped by every invalidation: a fill that started before it is not stored. */
  generation = 0;

  constructor(private readonly options: ReadCacheOptions) {}

  invalidate(): void {
    this.generation++;
    this.entries.clear();
  }

  get(key: string): V | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (performance.now() - hit.at > this.options.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return hit.value;
  }

  set(key: string, value: V, generation: number): void {
    if (generation !== this.generation) return;
    if (this.entries.size >= this.options.maxEntries) this.entries.clear();
    this.entries.set(key, { value, at: performance.now() });
  }

  /** The cached value, or `load()`'s (stored unless a write overlapped the load). */
  async through(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.get(key);
    if (hit !== undefined) return hit;
    const generation = this.generation;
    const value = await load();
    this.set(key, value, generation);
    return value;
  }
}

const registry = new WeakMap<object, Map<string, ReadCache<unknown> | null>>();

/** The named cache of the database behind `db` (one per database and name), or null when writes cannot be observed. */
export function readCacheFor<V>(db: Kysely<DB>, name: string, options: ReadCacheOptions): ReadCache<V> | null {
  const key = db.getExecutor().adapter;
  let byName = registry.get(key);
  if (!byName) registry.set(key, (byName = new Map()));
  if (byName.has(name)) return byName.get(name) as ReadCache<V> | null;
  const cache = new ReadCache<V>(options);
  const subscribed = subscribeWrites(db, {
    tables: new Set(options.tables),
    matters: () => true,
    invalidate: () => cache.invalidate(),
  });
  const result = subscribed ? cache : null;
  byName.set(name, result as ReadCache<unknown> | null);
  return result;
}

/** Loads through the cache when there is one. */
export async function cachedRead<V>(cache: ReadCache<V> | null, key: string, load: () => Promise<V>): Promise<V> {
  return cache ? cache.through(key, load) : load();
}
