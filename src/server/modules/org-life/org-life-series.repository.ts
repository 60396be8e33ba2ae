// Org-life repository: series, notifications, talks, attachments.
import { type Insertable } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { insertChunked, type Q } from './org-life-common.repository.ts';

export async function insertSeries(trx: Q, row: Insertable<DB['life_series']>) {
  return trx.insertInto('life_series').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function seriesProgress(db: Q, seriesId: number) {
  return db
    .selectFrom('life_meetings as m')
    .innerJoin('orgs as o', 'o.id', 'm.org_id')
    .select(['m.id', 'o.id as org_id', 'o.code', 'o.name', 'm.status', 'm.held_on'])
    .where('m.series_id', '=', seriesId)
    .orderBy('o.path')
    .execute();
}

export async function findSeries(db: Q, id: number) {
  return db.selectFrom('life_series').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertNotifications(
  trx: Q,
  rows: Insertable<DB['life_notifications']>[],
): Promise<void> {
  if (rows.length > 0) await insertChunked(trx, 'life_notifications', rows, 9);
}

export async function notificationsOf(db: Q, personId: number, limit: number) {
  return db
    .selectFrom('life_notifications')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function undigested(db: Q, before: string) {
  return db
    .selectFrom('life_notifications as n')
    .leftJoin('users as u', 'u.person_id', 'n.person_id')
    .select(['n.id', 'n.person_id', 'n.title', 'u.username'])
    .where('n.digested_on', 'is', null)
    .where('n.read_at', 'is', null)
    .where('n.created_at', '<', before)
    .orderBy('n.person_id')
    .execute();
}

export async function markDigested(trx: Q, ids: readonly number[], on: string): Promise<void> {
  for (let i = 0; i < ids.length; i += 1000)
    await trx
      .updateTable('life_notifications')
      .set({ digested_on: on })
      .where('id', 'in', ids.slice(i, i + 1000))
      .execute();
}

export async function markRead(trx: Q, personId: number, id: number, at: string): Promise<number> {
  const r = await trx
    .updateTable('life_notifications')
    .set({ read_at: at })
    .where('id', '=', id)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function insertTalk(trx: Q, row: Insertable<DB['life_talks']>) {
  return trx.insertInto('life_talks').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function talksOf(db: Q, orgId: number, from: string, to: string) {
  return db
    .selectFrom('life_talks as t')
    .innerJoin('persons as a', 'a.id', 't.talker_person_id')
    .innerJoin('persons as b', 'b.id', 't.talkee_person_id')
    .select([
      't.id',
      't.held_on',
      't.topic',
      't.follow_up',
      'a.name as talker',
      'b.name as talkee',
      't.talker_person_id',
      't.talkee_person_id',
    ])
    .where('t.org_id', '=', orgId)
    .where('t.held_on', '>=', from)
    .where('t.held_on', '<', to)
    .orderBy('t.held_on', 'desc')
    .execute();
}

export async function insertAttachment(trx: Q, row: Insertable<DB['life_attachments']>) {
  return trx.insertInto('life_attachments').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function attachmentsOf(db: Q, meetingId: number) {
  return db
    .selectFrom('life_attachments')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .orderBy('id')
    .execute();
}

export async function findAttachment(db: Q, id: number) {
  return db.selectFrom('life_attachments').selectAll().where('id', '=', id).executeTakeFirst();
}
