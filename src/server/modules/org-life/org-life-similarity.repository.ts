// Org-life repository: minutes similarity.
import { type Insertable } from 'kysely';
import { pathUpperBound } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import { insertChunked, type Q } from './org-life-common.repository.ts';

export async function replaceBands(
  trx: Q,
  meeting: { id: number },
  buckets: readonly string[],
): Promise<void> {
  await trx.deleteFrom('life_minutes_bands').where('meeting_id', '=', meeting.id).execute();
  if (buckets.length === 0) return;
  await trx
    .insertInto('life_minutes_bands')
    .values(buckets.map((bucket, band) => ({ meeting_id: meeting.id, band, bucket })))
    .execute();
}

/** Meetings sharing at least one LSH bucket with `meetingId` (anywhere): index lookups only. */
export async function candidatesOf(db: Q, meetingId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('life_minutes_bands as x')
    .innerJoin('life_minutes_bands as y', (j) =>
      j.onRef('y.band', '=', 'x.band').onRef('y.bucket', '=', 'x.bucket'),
    )
    .select('y.meeting_id')
    .distinct()
    .where('x.meeting_id', '=', meetingId)
    .where('y.meeting_id', '<>', meetingId)
    .execute();
  return rows.map((r) => Number(r.meeting_id));
}

/** The organisations of the meetings a meeting's minutes resemble (the other side of each pair). */
export async function pairedOrgPathsOf(db: Q, meetingId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('life_minutes_pairs')
    .select('other_org_path')
    .distinct()
    .where('meeting_id', '=', meetingId)
    .execute();
  return rows.map((r) => r.other_org_path);
}

export async function replacePairs(
  trx: Q,
  meetingId: number,
  pairs: Insertable<DB['life_minutes_pairs']>[],
): Promise<void> {
  await trx
    .deleteFrom('life_minutes_pairs')
    .where((eb) => eb.or([eb('meeting_id', '=', meetingId), eb('other_meeting_id', '=', meetingId)]))
    .execute();
  if (pairs.length > 0) await insertChunked(trx, 'life_minutes_pairs', pairs, 6);
}

/**
 * Near-duplicate pairs under `path` (both sides) with a meeting held in [from, to), with both
 * meetings' organisation, date and type: one statement, no minutes text loaded.
 */
export async function similarUnder(db: Q, path: string, from: string, to: string) {
  return db
    .selectFrom('life_minutes_pairs as p')
    .innerJoin('life_meetings as a', 'a.id', 'p.meeting_id')
    .innerJoin('orgs as oa', 'oa.id', 'a.org_id')
    .innerJoin('life_meetings as b', 'b.id', 'p.other_meeting_id')
    .innerJoin('orgs as ob', 'ob.id', 'b.org_id')
    .select([
      'p.meeting_id',
      'p.other_meeting_id',
      'p.similarity',
      'a.held_on',
      'a.type',
      'oa.code',
      'oa.name',
      'b.held_on as other_held_on',
      'b.type as other_type',
      'ob.code as other_code',
      'ob.name as other_name',
    ])
    .where('p.org_path', '>=', path)
    .where('p.org_path', '<', pathUpperBound(path))
    .where('p.held_on', '>=', from)
    .where('p.held_on', '<', to)
    .where('p.other_org_path', '>=', path)
    .where('p.other_org_path', '<', pathUpperBound(path))
    .orderBy('p.meeting_id')
    .orderBy('p.other_meeting_id')
    .execute();
}

/**
 * Near-duplicate pairs whose first meeting is under `path` and held in [from, to), whatever the
 * subtree of the other meeting (the alert of one meeting must not depend on the scope it is
 * refreshed in): one statement, no minutes text loaded.
 */
export async function similarPairsOfMeetingsUnder(db: Q, path: string, from: string, to: string) {
  return db
    .selectFrom('life_minutes_pairs as p')
    .innerJoin('life_meetings as a', 'a.id', 'p.meeting_id')
    .innerJoin('orgs as oa', 'oa.id', 'a.org_id')
    .innerJoin('life_meetings as b', 'b.id', 'p.other_meeting_id')
    .innerJoin('orgs as ob', 'ob.id', 'b.org_id')
    .select([
      'p.meeting_id',
      'p.other_meeting_id',
      'p.similarity',
      'a.held_on',
      'a.type',
      'a.org_id',
      'oa.path as org_path',
      'oa.name',
      'b.held_on as other_held_on',
      'b.type as other_type',
      'ob.name as other_name',
    ])
    .where('p.org_path', '>=', path)
    .where('p.org_path', '<', pathUpperBound(path))
    .where('p.held_on', '>=', from)
    .where('p.held_on', '<', to)
    .orderBy('p.meeting_id')
    .orderBy('p.similarity', 'desc')
    .execute();
}

export async function meetingTextsWithPath(db: Q, ids: readonly number[]) {
  const out: Array<{ id: number; org_path: string; held_on: string; name: string; minutes: string | null }> =
    [];
  for (let i = 0; i < ids.length; i += 1000) {
    out.push(
      ...(await db
        .selectFrom('life_meetings as m')
        .innerJoin('orgs as o', 'o.id', 'm.org_id')
        .select(['m.id', 'm.org_path', 'm.held_on', 'o.name', 'm.minutes'])
        .where('m.id', 'in', ids.slice(i, i + 1000))
        .execute()),
    );
  }
  return out;
}
