// Development repository: import (set-based lookups).
import { pathUpperBound } from '../../db/dialect.ts';
import { type Q } from './development-candidates.repository.ts';

/** Organisations by code, for the import's 党组织编码 column. */
export async function orgsByCodes(db: Q, codes: readonly string[]) {
  const out = new Map<
    string,
    { id: number; code: string; name: string; path: string; kind: string; status: string }
  >();
  for (let i = 0; i < codes.length; i += 500) {
    const chunk = codes.slice(i, i + 500);
    if (chunk.length === 0) continue;
    for (const r of await db
      .selectFrom('orgs')
      .select(['id', 'code', 'name', 'path', 'kind', 'status'])
      .where('code', 'in', chunk)
      .execute())
      out.set(r.code, r);
  }
  return out;
}

/** Which of these blind indexes already exist in a table (dev_candidates or persons). */
export async function existingBlindIndexes(
  db: Q,
  table: 'dev_candidates' | 'persons',
  bidx: readonly string[],
): Promise<Map<string, { id: number; category: string | null }>> {
  const out = new Map<string, { id: number; category: string | null }>();
  for (let i = 0; i < bidx.length; i += 500) {
    const chunk = bidx.slice(i, i + 500);
    if (chunk.length === 0) continue;
    if (table === 'dev_candidates') {
      for (const r of await db
        .selectFrom('dev_candidates')
        .select(['id', 'id_number_bidx'])
        .where('id_number_bidx', 'in', chunk)
        .execute())
        out.set(r.id_number_bidx, { id: r.id, category: null });
    } else {
      for (const r of await db
        .selectFrom('persons')
        .select(['id', 'id_number_bidx', 'category'])
        .where('id_number_bidx', 'in', chunk)
        .execute())
        if (r.id_number_bidx) out.set(r.id_number_bidx, { id: r.id, category: r.category });
    }
  }
  return out;
}

/** Everyone who has ever been a member of these branches, with their admission dates (one query). */
export async function branchPeople(db: Q, orgIds: readonly number[]) {
  if (orgIds.length === 0) return [];
  return db
    .selectFrom('memberships as m')
    .innerJoin('persons as p', 'p.id', 'm.person_id')
    .select(['m.org_id', 'p.id', 'p.name', 'p.category', 'p.joined_on', 'p.full_member_on'])
    .where('m.org_id', 'in', [...orgIds])
    .distinct()
    .execute();
}

/** The 党委 and 党工委 of a subtree (quota holders), root first. */
export async function committeesUnder(db: Q, path: string) {
  return db
    .selectFrom('orgs')
    .select(['id', 'code', 'name', 'kind', 'path'])
    .where('path', '>=', path)
    .where('path', '<', pathUpperBound(path))
    .where('kind', 'in', ['党委', '党工委'])
    .where('status', '=', 'active')
    .orderBy('path')
    .execute();
}

/** The branch paths of every 接收预备党员 approval (step 17) of a year in a subtree: one range scan. */
export async function approvalPathsInYear(db: Q, path: string, year: number): Promise<string[]> {
  const rows = await db
    .selectFrom('dev_steps')
    .select('org_path')
    .where('org_path', '>=', path)
    .where('org_path', '<', pathUpperBound(path))
    .where('step_no', '=', 17)
    .where('done_on', '>=', `${year}-01-01`)
    .where('done_on', '<=', `${year}-12-31`)
    .execute();
  return rows.map((r) => r.org_path);
}
