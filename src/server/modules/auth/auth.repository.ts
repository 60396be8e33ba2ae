// The only Kysely code for users, roles, password history and sessions.
import type { Kysely, Transaction } from 'kysely';
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

export async function recordLoginFailure(db: Transaction<DB>, userId: number, failures: number, lockedUntil: string | null, now: string) {
  await db.updateTable('users').set({ failed_logins: failures, locked_until: lockedUntil, updated_at: now }).where('id', '=', userId).execute();
}

export async function recordLoginSuccess(db: Transaction<DB>, userId: number, now: string) {
  await db.updateTable('users').set({ failed_logins: 0, locked_until: null, updated_at: now }).where('id', '=', userId).execute();
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
