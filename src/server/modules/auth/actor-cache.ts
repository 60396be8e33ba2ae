// In-memory caches on the authenticated-request path (docs/performance.md finding 5).
//
// Sessions are server-side, so what a session id resolves to (session row, user, scope org,
// roles) can be kept in memory for a few seconds. Safe because:
// - every write, by any module, to sessions (delete = logout, revocation; state), users
//   (password, must-change flag, disablement, scope), user_roles and orgs (scope path, name)
//   empties the cache when the statement runs and again after its transaction ends
//   (database.ts `subscribeWrites`), and a fill that overlaps a write is not stored
//   (generation check), so within one process a change is seen by the next request;
// - expiry, idle timeout and password expiry are decided on every request from the cached
//   times and the current clock, exactly as without the cache; an entry the clock says is
//   expired is dropped and the database decides;
// - the TTL bounds how long another app node's change (a logout handled by node B) can go
//   unnoticed by this node: ACTOR_CACHE_TTL_MS.
// Writes that cannot change an actor are ignored: a new session or user (nothing cached yet),
// the sliding-window touch of a session, a failed-login counter.
import { performance } from 'node:perf_hooks';
import type { Kysely } from 'kysely';
import { subscribeWrites, type WriteEvent } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import type { SessionWithUser } from './auth.repository.ts';

/** How long a resolved session may be served from memory (another node's changes show within this). */
export const ACTOR_CACHE_TTL_MS = 5_000;
const MAX_ENTRIES = 20_000;

export interface CachedSession {
  found: SessionWithUser;
  roles: string[];
}

const TOUCH_COLUMNS = new Set(['last_seen_at', 'expires_at']);
const LOGIN_COUNTER_COLUMNS = new Set(['failed_logins', 'locked_until', 'updated_at']);

function matters(event: WriteEvent): boolean {
  if (
    event.op === 'insert' &&
    (event.table === 'sessions' || event.table === 'users' || event.table === 'orgs')
  )
    return false;
  if (event.op === 'update' && event.columns) {
    const ignorable =
      event.table === 'sessions' ? TOUCH_COLUMNS : event.table === 'users' ? LOGIN_COUNTER_COLUMNS : null;
    if (ignorable && event.columns.every((c) => ignorable.has(c))) return false;
  }
  return true;
}

export class SessionCache {
  private readonly entries = new Map<string, { value: CachedSession; at: number }>();
  private demo: { value: boolean; at: number } | null = null;
  /** Bumped by every invalidation: a fill that started before it is not stored. */
  generation = 0;

  invalidate(): void {
    this.generation++;
    this.entries.clear();
  }

  invalidateDemo(): void {
    this.generation++;
    this.demo = null;
  }

  get(id: string): CachedSession | undefined {
    const hit = this.entries.get(id);
    if (!hit) return undefined;
    if (performance.now() - hit.at > ACTOR_CACHE_TTL_MS) {
      this.entries.delete(id);
      return undefined;
    }
    return hit.value;
  }

  set(id: string, value: CachedSession, generation: number): void {
    if (generation !== this.generation) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(id, { value, at: performance.now() });
  }

  /** Replaces a cached entry's session times after the sliding window was written. */
  update(id: string, value: CachedSession): void {
    const hit = this.entries.get(id);
    if (hit) hit.value = value;
  }

  forget(id: string): void {
    this.entries.delete(id);
  }

  getDemo(): boolean | undefined {
    if (!this.demo || performance.now() - this.demo.at > ACTOR_CACHE_TTL_MS) return undefined;
    return this.demo.value;
  }

  setDemo(value: boolean, generation: number): void {
    if (generation === this.generation) this.demo = { value, at: performance.now() };
  }
}

const caches = new WeakMap<object, SessionCache | null>();

/** The cache of the database behind `db`, or null when writes cannot be observed (then no caching). */
export function sessionCacheFor(db: Kysely<DB>): SessionCache | null {
  const key = db.getExecutor().adapter;
  let cache = caches.get(key);
  if (cache !== undefined) return cache;
  const created = new SessionCache();
  const actors = subscribeWrites(db, {
    tables: new Set(['sessions', 'users', 'user_roles', 'orgs']),
    matters,
    invalidate: () => created.invalidate(),
  });
  const settings =
    actors &&
    subscribeWrites(db, {
      tables: new Set(['settings']),
      matters: () => true,
      invalidate: () => created.invalidateDemo(),
    });
  cache = actors && settings ? created : null;
  caches.set(key, cache);
  return cache;
}
