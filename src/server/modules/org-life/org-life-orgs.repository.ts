// Org-life repository: organisations and their facts.
import { sql } from 'kysely';
import { pathUpperBound, toCount } from '../../db/dialect.ts';
import { memberCountsByOrgOn } from '../membership/membership.repository.ts';
import { type Q } from './org-life-common.repository.ts';

/** Organisations under `path` that can owe organisational life (branches and leadership teams). */
export async function obligedOrgsUnder(db: Q, path: string, kinds: readonly string[]) {
  return db
    .selectFrom('orgs')
    .select(['id', 'code', 'name', 'kind', 'path', 'parent_id', 'established_on', 'dissolved_on', 'status'])
    .where('path', '>=', path)
    .where('path', '<', pathUpperBound(path))
    .where('kind', 'in', kinds)
    .orderBy('path')
    .execute();
}

/**
 * Members and full members per organisation under `path` on a day. Read from the member-count
 * rollup (membership module), not by scanning every membership under `path`.
 */
export async function memberCountsUnder(
  db: Q,
  path: string,
  on: string,
): Promise<Map<number, { members: number; full: number }>> {
  return memberCountsByOrgOn(db, path, on);
}

/** Distinct people talked with per organisation under `path` in [from, to). */
export async function talkCoverageUnder(
  db: Q,
  path: string,
  from: string,
  to: string,
): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('life_talks')
    .select(['org_id', sql<number>`count(distinct talkee_person_id)`.as('n')])
    .where('org_path', '>=', path)
    .where('org_path', '<', pathUpperBound(path))
    .where('held_on', '>=', from)
    .where('held_on', '<', to)
    .groupBy('org_id')
    .execute();
  return new Map(rows.map((r) => [Number(r.org_id), toCount(r.n)]));
}
