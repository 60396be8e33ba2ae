// The only Kysely code for notifications and notification_outbox.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

type Q = Kysely<DB> | Transaction<DB>;

/** Rows per multi-row insert (well under SQLite's bound-parameter limit). */
const CHUNK = 400;

export interface NewNotification {
  user_id: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  org_id: number | null;
  org_path: string | null;
  dedupe_key: string;
  created_at: string;
}

/** Inserts the rows whose (user, key) is new; returns those inserted. */
export async function insertNew(trx: Transaction<DB>, rows: readonly NewNotification[]) {
  const out: Array<{ id: number; user_id: number }> = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const inserted = await trx
      .insertInto('notifications')
      .values(rows.slice(i, i + CHUNK).map((r) => ({ ...r, read_at: null })))
      .onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).doNothing())
      .returning(['id', 'user_id'])
      .execute();
    for (const r of inserted) out.push({ id: Number(r.id), user_id: Number(r.user_id) });
  }
  return out;
}

export async function insertOutbox(
  trx: Transaction<DB>,
  rows: ReadonlyArray<{
    notification_id: number;
    channel: string;
    status: string;
    attempts: number;
    last_error: string | null;
    created_at: string;
    sent_at: string | null;
  }>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK)
    await trx
      .insertInto('notification_outbox')
      .values(rows.slice(i, i + CHUNK))
      .execute();
}

/** Active accounts belonging to these persons (how a member's person links to a user). */
export async function usersOfPersons(db: Q, personIds: readonly number[]): Promise<number[]> {
  if (personIds.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('person_id', 'in', [...new Set(personIds)])
    .where('disabled', '=', 0)
    .execute();
  return rows.map((r) => Number(r.id));
}

/** Those of `userIds` that hold one of `roles`. */
export async function holdingRole(
  db: Q,
  userIds: readonly number[],
  roles: readonly string[],
): Promise<Set<number>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('user_roles')
    .select('user_id')
    .distinct()
    .where('user_id', 'in', [...new Set(userIds)])
    .where('role', 'in', [...roles])
    .execute();
  return new Set(rows.map((r) => Number(r.user_id)));
}

/** Active accounts holding one of `roles`, scoped exactly at one of `orgIds`. */
export async function usersScopedAt(
  db: Q,
  orgIds: readonly number[],
  roles: readonly string[],
): Promise<Array<{ id: number; scope_org_id: number }>> {
  if (orgIds.length === 0) return [];
  return db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.scope_org_id'])
    .distinct()
    .where('u.scope_org_id', 'in', [...new Set(orgIds)])
    .where('r.role', 'in', [...roles])
    .where('u.disabled', '=', 0)
    .execute();
}

/** Every active account with a business role, with its roles and scope (for the digest). */
export async function digestRecipients(db: Q, roles: readonly string[]) {
  return db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .innerJoin('orgs as o', 'o.id', 'u.scope_org_id')
    .select(['u.id', 'u.scope_org_id', 'o.name as scope_name', 'o.path as scope_path', 'r.role'])
    .where('r.role', 'in', [...roles])
    .where('u.disabled', '=', 0)
    .orderBy('u.id')
    .execute();
}

/** Unread notifications per user, digests left out (a digest does not count the digests before it). */
export async function unreadByUser(db: Q): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('notifications')
    .select(['user_id', sql<number>`count(*)`.as('n')])
    .where('read_at', 'is', null)
    .where('kind', '!=', 'digest')
    .groupBy('user_id')
    .execute();
  return new Map(rows.map((r) => [Number(r.user_id), Number(r.n)]));
}

export async function listOf(db: Q, userId: number, limit: number, offset: number) {
  return db
    .selectFrom('notifications')
    .select(['id', 'kind', 'title', 'body', 'link', 'created_at', 'read_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function countsOf(db: Q, userId: number): Promise<{ total: number; unread: number }> {
  const row = await db
    .selectFrom('notifications')
    .select([
      sql<number>`count(*)`.as('total'),
      sql<number>`coalesce(sum(case when read_at is null then 1 else 0 end), 0)`.as('unread'),
    ])
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), unread: Number(row.unread) };
}

export async function findNotification(db: Q, id: number) {
  return db
    .selectFrom('notifications')
    .select(['id', 'user_id', 'kind', 'title', 'body', 'link', 'org_path', 'created_at', 'read_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function markRead(
  trx: Transaction<DB>,
  id: number,
  userId: number,
  at: string,
): Promise<number> {
  const r = await trx
    .updateTable('notifications')
    .set({ read_at: at })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function markAllRead(trx: Transaction<DB>, userId: number, at: string): Promise<number> {
  const r = await trx
    .updateTable('notifications')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Outbox rows of outside channels still to deliver, oldest first. */
export async function pendingOutbox(db: Q, channels: readonly string[], limit: number) {
  if (channels.length === 0) return [];
  return db
    .selectFrom('notification_outbox as x')
    .innerJoin('notifications as n', 'n.id', 'x.notification_id')
    .select([
      'x.id',
      'x.channel',
      'x.attempts',
      'n.id as notification_id',
      'n.user_id',
      'n.kind',
      'n.title',
      'n.body',
      'n.link',
    ])
    .where('x.status', '=', 'pending')
    .where('x.channel', 'in', [...channels])
    .orderBy('x.id')
    .limit(limit)
    .execute();
}

export async function settleOutbox(
  trx: Transaction<DB>,
  id: number,
  set: { status: string; attempts: number; last_error: string | null; sent_at: string | null },
): Promise<void> {
  await trx
    .updateTable('notification_outbox')
    .set(set)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}
