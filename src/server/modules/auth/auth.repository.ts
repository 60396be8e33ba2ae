// The only Kysely code for users, roles, password history and sessions.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, SessionRow, UserRow } from '../../db/schema.ts';

type Q = Kysely<DB> | Transaction<DB>;

export async function findUserByUsername(db: Q, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findUserById(db: Q, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function rolesOf(db: Q, userId: number): Promise<string[]> {
  const rows = await db.selectFrom('user_roles').select('role').where('user_id', '=', userId).orderBy('role').execute();
  return rows.map((r) => r.role);
}

// Login attempts and the lock. Each is one conditional UPDATE, so concurrent logins (other
// requests, other app nodes) are counted by the database, never by read-modify-write in
// JavaScript; on PostgreSQL the row lock the UPDATE takes makes a concurrent one wait and re-check
// its WHERE clause. `failed_logins` counts the attempts of the current run (since the last
// success, unlock or lock end), including those still being checked.

/** Not locked at `now`: never locked, or the lock has ended. */
const unlockedAt = (now: string) => sql<boolean>`(locked_until is null or locked_until <= ${now})`;

/**
 * Counts one login attempt, before its password is checked, unless the account is locked at `now`.
 * A lock that has ended starts a new run at 1. Returns the attempt's place in the run, or
 * undefined when the account is locked (the password must then not be checked).
 */
export async function reserveLoginAttempt(db: Transaction<DB>, userId: number, now: string): Promise<number | undefined> {
  const row = await db
    .updateTable('users')
    .set({
      failed_logins: sql<number>`case when locked_until is not null then 1 else ${sql.ref('failed_logins')} + 1 end`,
      locked_until: null,
      updated_at: now,
    })
    .where('id', '=', userId)
    .where(unlockedAt(now))
    .returning('failed_logins')
    .executeTakeFirst();
  return row ? Number(row.failed_logins) : undefined;
}

/**
 * Locks the account until `until` when its run has reached `threshold` attempts and it is not
 * already locked. True only for the one call that locked it (the one that audits the lock).
 */
export async function lockAccount(db: Transaction<DB>, userId: number, threshold: number, until: string, now: string): Promise<boolean> {
  const row = await db
    .updateTable('users')
    .set({ locked_until: until, updated_at: now })
    .where('id', '=', userId)
    .where('failed_logins', '>=', threshold)
    .where(unlockedAt(now))
    .returning('id')
    .executeTakeFirst();
  return !!row;
}

/** Ends the run after a correct password, unless the account was locked meanwhile (then false: no login). */
export async function recordLoginSuccess(db: Transaction<DB>, userId: number, now: string): Promise<boolean> {
  const row = await db
    .updateTable('users')
    .set({ failed_logins: 0, locked_until: null, updated_at: now })
    .where('id', '=', userId)
    .where(unlockedAt(now))
    .returning('id')
    .executeTakeFirst();
  return !!row;
}

// The same run and lock for a username that names no usable account (login_failures), so that
// it answers exactly like an account: one conditional upsert per attempt, one conditional lock.

/** Counts one attempt for `key` unless it is locked at `now`; its place in the run, or undefined when locked. */
export async function reserveNameAttempt(db: Transaction<DB>, key: string, now: string): Promise<number | undefined> {
  const row = await db
    .insertInto('login_failures')
    .values({ username_key: key, failed_logins: 1, locked_until: null, updated_at: now })
    .onConflict((oc) =>
      oc
        .column('username_key')
        .doUpdateSet({
          failed_logins: sql<number>`case when login_failures.locked_until is not null then 1 else login_failures.failed_logins + 1 end`,
          locked_until: null,
          updated_at: now,
        })
        .where(sql<boolean>`(login_failures.locked_until is null or login_failures.locked_until <= ${now})`),
    )
    .returning('failed_logins')
    .executeTakeFirst();
  return row ? Number(row.failed_logins) : undefined;
}

/** Locks `key` until `until` when its run has reached `threshold`; true only for the call that locked it. */
export async function lockName(db: Transaction<DB>, key: string, threshold: number, until: string, now: string): Promise<boolean> {
  const row = await db
    .updateTable('login_failures')
    .set({ locked_until: until, updated_at: now })
    .where('username_key', '=', key)
    .where('failed_logins', '>=', threshold)
    .where(unlockedAt(now))
    .returning('username_key')
    .executeTakeFirst();
  return !!row;
}

export async function nameLockedUntil(db: Q, key: string): Promise<string | null> {
  const row = await db.selectFrom('login_failures').select('locked_until').where('username_key', '=', key).executeTakeFirst();
  return row?.locked_until ?? null;
}

/** Ends a name's run (the security administrator unlocked or re-enabled the account of that name). */
export async function clearName(db: Q, key: string): Promise<void> {
  await db.deleteFrom('login_failures').where('username_key', '=', key).execute();
}

/**
 * Forgets the runs whose lock has ended: the next attempt would start a new run at 1 anyway, so
 * nothing changes for the caller. Runs below the threshold are kept, as an account keeps its own.
 */
export async function pruneNames(db: Q, now: string): Promise<number> {
  const result = await db.deleteFrom('login_failures').where('locked_until', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function insertSession(db: Transaction<DB>, session: SessionRow) {
  await db.insertInto('sessions').values(session).execute();
}

export interface SessionWithUser {
  session: SessionRow;
  user: UserRow;
  scope: { id: number; path: string; code: string; name: string };
}

export async function findSession(db: Q, id: string): Promise<SessionWithUser | undefined> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('orgs as o', 'o.id', 'u.scope_org_id')
    .selectAll('s')
    .select([
      'u.id as u_id', 'u.username as u_username', 'u.display_name as u_display_name', 'u.password_hash as u_password_hash',
      'u.scope_org_id as u_scope_org_id', 'u.person_id as u_person_id', 'u.must_change_password as u_must_change_password',
      'u.password_changed_at as u_password_changed_at', 'u.failed_logins as u_failed_logins', 'u.locked_until as u_locked_until',
      'u.disabled as u_disabled', 'u.created_at as u_created_at', 'u.updated_at as u_updated_at',
      'o.path as o_path', 'o.code as o_code', 'o.name as o_name',
    ])
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    session: {
      id: row.id, user_id: row.user_id, csrf_token: row.csrf_token, state: row.state, created_at: row.created_at,
      last_seen_at: row.last_seen_at, expires_at: row.expires_at, ip: row.ip, user_agent: row.user_agent,
    },
    user: {
      id: row.u_id, username: row.u_username, display_name: row.u_display_name, password_hash: row.u_password_hash,
      scope_org_id: row.u_scope_org_id, person_id: row.u_person_id, must_change_password: row.u_must_change_password,
      password_changed_at: row.u_password_changed_at, failed_logins: row.u_failed_logins, locked_until: row.u_locked_until,
      disabled: row.u_disabled, created_at: row.u_created_at, updated_at: row.u_updated_at,
    },
    scope: { id: row.u_scope_org_id, path: row.o_path, code: row.o_code, name: row.o_name },
  };
}

export async function touchSession(db: Q, id: string, lastSeenAt: string, expiresAt: string) {
  await db.updateTable('sessions').set({ last_seen_at: lastSeenAt, expires_at: expiresAt }).where('id', '=', id).execute();
}

export async function deleteSession(db: Q, id: string) {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteSessionsOfUser(db: Q, userId: number, exceptId?: string) {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptId) q = q.where('id', '!=', exceptId);
  await q.execute();
}

export async function deleteExpiredSessions(db: Q, now: string) {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}

export async function recentPasswordHashes(db: Q, userId: number, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('password_history')
    .select('password_hash')
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.password_hash);
}

export async function setPassword(db: Transaction<DB>, userId: number, hash: string, now: string, mustChange: boolean) {
  await db
    .updateTable('users')
    .set({ password_hash: hash, password_changed_at: now, must_change_password: mustChange ? 1 : 0, updated_at: now })
    .where('id', '=', userId)
    .execute();
  await db.insertInto('password_history').values({ user_id: userId, password_hash: hash, created_at: now }).execute();
}
