// Kysely code for 党员目标管理 (target_letters, target_assessments) and the 处置 proposals
// (member_lost_contacts, member_proposal_decisions). Scope is in every list's signature.
import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import { pathUpperBound } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import type {
  MemberLostContactTable,
  MemberProposalDecisionTable,
  TargetAssessmentTable,
  TargetLetterTable,
} from '../../db/tables/evaluation.tables.ts';

type Q = Kysely<DB> | Transaction<DB>;

export type LetterRow = NonNullable<Awaited<ReturnType<typeof findLetter>>>;
export type AssessmentRow = Awaited<ReturnType<typeof assessmentsOf>>[number];

export async function findLetter(db: Q, id: number) {
  return db
    .selectFrom('target_letters as l')
    .innerJoin('orgs as o', 'o.id', 'l.org_id')
    .selectAll('l')
    .select(['o.name as org_name'])
    .where('l.id', '=', id)
    .executeTakeFirst();
}

/** Letters of one branch (or the subtree's letters of one person) in a year. */
export async function lettersOfOrg(db: Q, orgId: number, year: number) {
  return db
    .selectFrom('target_letters')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('year', '=', year)
    .orderBy('person_id')
    .execute();
}

export async function lettersOfPersons(db: Q, personIds: readonly number[], year: number) {
  if (personIds.length === 0) return [];
  return db
    .selectFrom('target_letters')
    .select(['id', 'person_id', 'name'])
    .where('person_id', 'in', personIds)
    .where('year', '=', year)
    .execute();
}

export async function lettersOfPerson(db: Q, personId: number) {
  return db
    .selectFrom('target_letters as l')
    .innerJoin('orgs as o', 'o.id', 'l.org_id')
    .selectAll('l')
    .select(['o.name as org_name'])
    .where('l.person_id', '=', personId)
    .orderBy('l.year', 'desc')
    .limit(5)
    .execute();
}

export async function insertLetters(trx: Transaction<DB>, rows: Insertable<TargetLetterTable>[]) {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 200) {
    const out = await trx
      .insertInto('target_letters')
      .values(rows.slice(i, i + 200))
      .returning('id')
      .execute();
    ids.push(...out.map((r) => r.id));
  }
  return ids;
}

export async function updateLetter(
  trx: Transaction<DB>,
  id: number,
  set: Partial<{ items: string; status: string; acknowledged_at: string | null }> & { updated_at: string },
) {
  await trx.updateTable('target_letters').set(set).where('id', '=', id).execute();
}

export async function assessmentsOf(db: Q, letterIds: readonly number[]) {
  if (letterIds.length === 0) return [];
  return db
    .selectFrom('target_assessments')
    .selectAll()
    .where('letter_id', 'in', letterIds)
    .orderBy('letter_id')
    .orderBy('half')
    .execute();
}

export async function findAssessment(db: Q, letterId: number, half: string) {
  return db
    .selectFrom('target_assessments')
    .selectAll()
    .where('letter_id', '=', letterId)
    .where('half', '=', half)
    .executeTakeFirst();
}

/** Insert or update the (letter, half) assessment row. */
export async function upsertAssessment(
  trx: Transaction<DB>,
  existing: { id: number } | undefined,
  row: Insertable<TargetAssessmentTable>,
) {
  if (existing) {
    const { letter_id: _l, half: _h, org_path: _p, ...set } = row;
    await trx.updateTable('target_assessments').set(set).where('id', '=', existing.id).execute();
    return existing.id;
  }
  const r = await trx.insertInto('target_assessments').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

// —— 不合格党员处置 proposals ——

export async function insertLostContact(trx: Transaction<DB>, row: Insertable<MemberLostContactTable>) {
  return trx.insertInto('member_lost_contacts').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findLostContact(db: Q, id: number) {
  return db.selectFrom('member_lost_contacts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function openLostContactOf(db: Q, personId: number) {
  return db
    .selectFrom('member_lost_contacts')
    .selectAll()
    .where('person_id', '=', personId)
    .where('status', '=', 'lost')
    .executeTakeFirst();
}

export async function markFound(trx: Transaction<DB>, id: number, foundOn: string) {
  return trx
    .updateTable('member_lost_contacts')
    .set({ status: 'found', found_on: foundOn })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Open 失联登记 in a subtree. */
export async function lostContactsUnder(db: Q, path: string) {
  return db
    .selectFrom('member_lost_contacts as c')
    .innerJoin('persons as p', 'p.id', 'c.person_id')
    .selectAll('c')
    .select('p.name')
    .where('c.org_path', '>=', path)
    .where('c.org_path', '<', pathUpperBound(path))
    .where('c.status', '=', 'lost')
    .orderBy('c.since')
    .execute();
}

export async function insertDecision(trx: Transaction<DB>, row: Insertable<MemberProposalDecisionTable>) {
  return trx.insertInto('member_proposal_decisions').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function decisionsUnder(db: Q, path: string) {
  return db
    .selectFrom('member_proposal_decisions')
    .selectAll()
    .where('org_path', '>=', path)
    .where('org_path', '<', pathUpperBound(path))
    .orderBy('id')
    .execute();
}

/**
 * Members of a subtree on a day (one row per person), with the day they joined their current
 * organisation (earliest row of the stay) and their 党籍 status from the roster (read-only).
 */
export async function membersUnderWithSince(db: Q, path: string, on: string) {
  const current = await db
    .selectFrom('memberships as m')
    .innerJoin('persons as p', 'p.id', 'm.person_id')
    .innerJoin('orgs as o', 'o.id', 'm.org_id')
    .leftJoin('roster_profiles as rp', 'rp.person_id', 'm.person_id')
    .select([
      'p.id as person_id',
      'p.name',
      'm.org_id',
      'o.name as org_name',
      'o.path as org_path',
      'rp.party_status',
    ])
    .where('m.org_path', '>=', path)
    .where('m.org_path', '<', pathUpperBound(path))
    .where('m.valid_from', '<=', on)
    .where((eb) => eb.or([eb('m.valid_to', 'is', null), eb('m.valid_to', '>', on)]))
    .orderBy('m.org_path')
    .orderBy('p.id')
    .limit(50000)
    .execute();
  const seen = new Set<number>();
  const rows = current.filter((c) => !seen.has(c.person_id) && seen.add(c.person_id));
  const since = new Map<number, string>();
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    const found = await db
      .selectFrom('memberships')
      .select(['person_id', 'org_id', sql<string>`min(valid_from)`.as('since')])
      .where(
        'person_id',
        'in',
        chunk.map((c) => c.person_id),
      )
      .where('valid_from', '<=', on)
      .groupBy(['person_id', 'org_id'])
      .execute();
    for (const f of found)
      if (chunk.some((c) => c.person_id === f.person_id && c.org_id === f.org_id))
        since.set(f.person_id, f.since);
  }
  return rows.map((c) => ({ ...c, since: since.get(c.person_id) ?? null }));
}

/**
 * Organisational-life facts per person, read-only from the org-life module's attendance ledger
 * (life_attendance × life_meetings; no org-life function offers this): the last held meeting
 * attended (出席) and the unexcused absences (缺席) at held meetings since `windowFrom`.
 */
export async function orgLifeFacts(db: Q, personIds: readonly number[], windowFrom: string, today: string) {
  const out = new Map<number, { lastAttended: string | null; absences: number }>();
  for (const id of personIds) out.set(id, { lastAttended: null, absences: 0 });
  for (let i = 0; i < personIds.length; i += 500) {
    const chunk = personIds.slice(i, i + 500);
    const rows = await db
      .selectFrom('life_attendance as a')
      .innerJoin('life_meetings as m', 'm.id', 'a.meeting_id')
      .select([
        'a.person_id',
        sql<string | null>`max(case when a.status = '出席' then m.held_on end)`.as('last_attended'),
        sql<number>`sum(case when a.status = '缺席' and m.held_on >= ${windowFrom} then 1 else 0 end)`.as(
          'absences',
        ),
      ])
      .where('a.person_id', 'in', chunk)
      .where('m.status', '=', 'held')
      .where('m.held_on', '<=', today)
      .groupBy('a.person_id')
      .execute();
    for (const r of rows)
      out.set(r.person_id, { lastAttended: r.last_attended ?? null, absences: Number(r.absences ?? 0) });
  }
  return out;
}
