import type { Kysely, Transaction } from 'kysely';
import { decideRoles, ROLES, type Role } from '../../../core/auth/roles.ts';
import { containsInsensitive, pathUpperBound } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';

type Q = Kysely<DB> | Transaction<DB>;

export async function findUserWithScope(db: Q, id: number) {
  return db
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.scope_org_id')
    .select(['u.id', 'u.username', 'u.locked_until', 'u.disabled', 'o.path as scope_path'])
    .where('u.id', '=', id)
    .executeTakeFirst();
}

export async function listUsers(db: Q, scopePath: string, q: string, limit: number) {
  let query = db
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.scope_org_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.disabled', 'u.locked_until', 'o.id as org_id', 'o.code as org_code', 'o.name as org_name'])
    .where('o.path', '>=', scopePath)
    .where('o.path', '<', pathUpperBound(scopePath));
  if (q) query = query.where((eb) => eb.or([containsInsensitive('u.username', q), containsInsensitive('u.display_name', q)]));
  const rows = await query.orderBy('u.id').limit(limit).execute();
  const roles = rows.length
    ? await db.selectFrom('user_roles').selectAll().where('user_id', 'in', rows.map((r) => r.id)).execute()
    : [];
  return rows.map((r) => ({
    id: r.id, username: r.username, displayName: r.display_name, disabled: r.disabled === 1, lockedUntil: r.locked_until,
    scope: { orgId: r.org_id, orgCode: r.org_code, name: r.org_name },
    roles: roles.filter((x) => x.user_id === r.id).map((x) => x.role),
  }));
}

export async function usernameTaken(db: Q, username: string): Promise<boolean> {
  return !!(await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst());
}

/**
 * Last line of defence for 三员分立 on every path that writes roles (API, fixtures, scripts): a
 * role set that breaks decideRoles is never stored. Services decide (and explain) before this.
 */
function assertRoleSet(roles: readonly string[]): Role[] {
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length) throw new Error(`未知角色：${unknown.join('、')}`);
  const d = decideRoles(roles as Role[]);
  if (!d.ok) throw new Error(d.message);
  return d.value;
}

export async function insertUser(
  trx: Transaction<DB>,
  u: { username: string; displayName: string; scopeOrgId: number; hash: string; roles: string[]; now: string; personId?: number },
): Promise<number> {
  const roles = assertRoleSet(u.roles);
  const { id } = await trx
    .insertInto('users')
    .values({
      username: u.username, display_name: u.displayName, password_hash: u.hash, scope_org_id: u.scopeOrgId,
      person_id: u.personId ?? null, must_change_password: 1, password_changed_at: u.now, created_at: u.now, updated_at: u.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (roles.length) await trx.insertInto('user_roles').values(roles.map((role) => ({ user_id: id, role }))).execute();
  await trx.insertInto('password_history').values({ user_id: id, password_hash: u.hash, created_at: u.now }).execute();
  return id;
}

export async function rolesOf(db: Q, id: number): Promise<string[]> {
  return (await db.selectFrom('user_roles').select('role').where('user_id', '=', id).execute()).map((r) => r.role);
}

/** Takes the account row's write lock (PostgreSQL) for the rest of the transaction; SQLite writes are serial anyway. */
export async function lockUserRow(trx: Transaction<DB>, id: number, now: string) {
  await trx.updateTable('users').set({ updated_at: now }).where('id', '=', id).execute();
}

export async function replaceRoles(trx: Transaction<DB>, id: number, wanted: string[]) {
  const roles = assertRoleSet(wanted);
  await trx.deleteFrom('user_roles').where('user_id', '=', id).execute();
  if (roles.length) await trx.insertInto('user_roles').values(roles.map((role) => ({ user_id: id, role }))).execute();
}

export async function unlock(trx: Transaction<DB>, id: number, now: string) {
  await trx.updateTable('users').set({ locked_until: null, failed_logins: 0, updated_at: now }).where('id', '=', id).execute();
}

export async function enable(trx: Transaction<DB>, id: number, now: string) {
  await trx.updateTable('users').set({ disabled: 0, failed_logins: 0, locked_until: null, updated_at: now }).where('id', '=', id).execute();
}

export async function disable(trx: Transaction<DB>, id: number, now: string) {
  await trx.updateTable('users').set({ disabled: 1, updated_at: now }).where('id', '=', id).execute();
}
