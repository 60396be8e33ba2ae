// Org-life repository: precomputed quality findings.
import { type Insertable } from 'kysely';
import { pathUpperBound } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import { bulkInsert, type Q } from './org-life-common.repository.ts';

export type FindingInsert = Insertable<DB['life_findings']>;

/** Replaces the stored findings of one meeting (none when it is not held). */
export async function replaceFindings(
  trx: Q,
  meetingId: number,
  rows: readonly FindingInsert[],
): Promise<void> {
  await trx.deleteFrom('life_findings').where('meeting_id', '=', meetingId).execute();
  if (rows.length > 0)
    await trx
      .insertInto('life_findings')
      .values([...rows])
      .execute();
}

export async function insertFindings(
  trx: Q,
  engine: 'sqlite' | 'postgres',
  rows: FindingInsert[],
): Promise<void> {
  await bulkInsert(trx, engine, 'life_findings', rows);
}

export async function deleteAllFindings(trx: Q): Promise<void> {
  await trx.deleteFrom('life_findings').execute();
}

/** Stored findings under `path` for meetings held in [from, to): one range scan, in report order. */
export async function findingsUnder(db: Q, path: string, from: string, to: string) {
  return db
    .selectFrom('life_findings as f')
    .innerJoin('orgs as o', 'o.id', 'f.org_id')
    .select([
      'f.meeting_id',
      'f.code',
      'f.detail',
      'f.held_on',
      'f.org_id',
      'f.org_path',
      'o.code as org_code',
      'o.name as org_name',
    ])
    .where('f.org_path', '>=', path)
    .where('f.org_path', '<', pathUpperBound(path))
    .where('f.held_on', '>=', from)
    .where('f.held_on', '<', to)
    .orderBy('f.org_path')
    .orderBy('f.held_on')
    .orderBy('f.meeting_id')
    .orderBy('f.seq')
    .execute();
}

/** Every stored finding (for comparing the incremental table with a rebuild). */
export async function allFindings(db: Q): Promise<string[]> {
  const rows = await db
    .selectFrom('life_findings')
    .select(['meeting_id', 'seq', 'org_id', 'org_path', 'held_on', 'code', 'detail'])
    .execute();
  return rows
    .map((r) => `${r.meeting_id}|${r.seq}|${r.org_id}|${r.org_path}|${r.held_on}|${r.code}|${r.detail}`)
    .sort();
}

/** Held meetings after `afterId` in id order, with what the quality rules need (rebuild batches). */
export async function heldMeetingsAfter(db: Q, afterId: number, limit: number) {
  return db
    .selectFrom('life_meetings')
    .select([
      'id',
      'org_id',
      'org_path',
      'type',
      'held_on',
      'status',
      'minutes_chars',
      'recorded_on',
      'expected_count',
      'present_count',
      'leave_count',
      'absent_count',
      'excluded_count',
    ])
    .where('status', '=', 'held')
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Findings that say a record shows only form (no, short, copied or late minutes). */
const FORM_ONLY = ['MINUTES_MISSING', 'MINUTES_SHORT', 'MINUTES_SIMILAR', 'RECORD_LATE'];

/**
 * Per organisation under `path`: meetings held in [from, to] and how many of them carry a
 * form-only finding — the facts of the 软弱涣散 signal 组织生活流于形式 (LIFE_ON_PAPER).
 */
export async function lifeFormFacts(db: Q, path: string, from: string, to: string) {
  const [held, formal] = await Promise.all([
    db
      .selectFrom('life_meetings')
      .select(['org_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('org_path', '>=', path)
      .where('org_path', '<', pathUpperBound(path))
      .where('status', '=', 'held')
      .where('held_on', '>=', from)
      .where('held_on', '<=', to)
      .groupBy('org_id')
      .execute(),
    db
      .selectFrom('life_findings')
      .select(['org_id', (eb) => eb.fn.count<number>('meeting_id').distinct().as('n')])
      .where('org_path', '>=', path)
      .where('org_path', '<', pathUpperBound(path))
      .where('code', 'in', FORM_ONLY)
      .where('held_on', '>=', from)
      .where('held_on', '<=', to)
      .groupBy('org_id')
      .execute(),
  ]);
  const out = new Map<number, { held: number; formal: number }>();
  for (const r of held) out.set(Number(r.org_id), { held: Number(r.n), formal: 0 });
  for (const r of formal) {
    const e = out.get(Number(r.org_id)) ?? { held: 0, formal: 0 };
    e.formal = Number(r.n);
    out.set(Number(r.org_id), e);
  }
  return out;
}
