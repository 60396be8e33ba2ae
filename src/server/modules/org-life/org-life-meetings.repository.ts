// Org-life repository: meetings.
import { type Insertable } from 'kysely';
import { pathUpperBound } from '../../db/dialect.ts';
import type { LifeMeetingTable } from '../../db/tables/org-life.tables.ts';
import { type MeetingRow, type Q } from './org-life-common.repository.ts';

export async function insertMeeting(trx: Q, row: Insertable<LifeMeetingTable>): Promise<MeetingRow> {
  return trx.insertInto('life_meetings').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findMeeting(db: Q, id: number): Promise<MeetingRow | undefined> {
  return db.selectFrom('life_meetings').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateMeeting(
  trx: Q,
  id: number,
  set: Partial<Insertable<LifeMeetingTable>>,
): Promise<MeetingRow> {
  return trx
    .updateTable('life_meetings')
    .set(set)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listMeetingsOfOrg(db: Q, orgId: number, from: string, to: string) {
  return db
    .selectFrom('life_meetings')
    .select([
      'id',
      'org_id',
      'type',
      'title',
      'held_on',
      'start_time',
      'place',
      'status',
      'expected_count',
      'present_count',
      'minutes_chars',
      'series_id',
    ])
    .where('org_id', '=', orgId)
    .where('held_on', '>=', from)
    .where('held_on', '<', to)
    .orderBy('held_on')
    .orderBy('id')
    .execute();
}

/** Held meetings under a path in [from, to), with the organisation code and name: one range scan. */
export async function heldMeetingsUnder(db: Q, path: string, from: string, to: string) {
  return db
    .selectFrom('life_meetings as m')
    .innerJoin('orgs as o', 'o.id', 'm.org_id')
    .select([
      'm.id',
      'm.org_id',
      'o.code',
      'o.name',
      'm.type',
      'm.held_on',
      'm.minutes_chars',
      'm.recorded_on',
      'm.expected_count',
      'm.present_count',
      'm.leave_count',
      'm.absent_count',
      'm.excluded_count',
    ])
    .where('m.org_path', '>=', path)
    .where('m.org_path', '<', pathUpperBound(path))
    .where('m.held_on', '>=', from)
    .where('m.held_on', '<', to)
    .where('m.status', '=', 'held')
    .orderBy('m.org_path')
    .orderBy('m.held_on')
    .orderBy('m.id')
    .execute();
}
