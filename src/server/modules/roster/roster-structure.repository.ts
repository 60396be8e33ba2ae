// Roster repository: structure analysis, one grouped query per dimension, each one range scan of the subtree.
import { sql } from 'kysely';
import { pathUpperBound, toCount } from '../../db/dialect.ts';
import { type Q } from './roster-common.repository.ts';

function currentIn(db: Q, scopePath: string, on: string) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('persons as p', 'p.id', 'm.person_id')
    .leftJoin('roster_profiles as rp', 'rp.person_id', 'p.id')
    .where('m.org_path', '>=', scopePath)
    .where('m.org_path', '<', pathUpperBound(scopePath))
    .where('m.valid_from', '<=', on)
    .where((eb) => eb.or([eb('m.valid_to', 'is', null), eb('m.valid_to', '>', on)]));
}

export type Dimension = 'gender' | 'ethnicity' | 'education' | 'category' | 'identity' | 'joinYear';

export async function countBy(
  db: Q,
  scopePath: string,
  on: string,
  dim: Dimension,
): Promise<Array<{ key: string | null; n: number }>> {
  const expr =
    dim === 'gender'
      ? sql<string>`p.gender`
      : dim === 'ethnicity'
        ? sql<string>`p.ethnicity`
        : dim === 'education'
          ? sql<string>`p.education`
          : dim === 'category'
            ? sql<string>`m.category`
            : dim === 'identity'
              ? sql<string>`rp.identity`
              : sql<string>`substr(p.joined_on, 1, 4)`;
  const rows = await currentIn(db, scopePath, on)
    .select([expr.as('k'), sql<number>`count(*)`.as('n')])
    .groupBy(expr)
    .execute();
  return rows.map((r) => ({ key: r.k, n: toCount(r.n) }));
}

/** Counts per band of a date column: one CASE over the band boundaries. */
export async function countByDateBands(
  db: Q,
  scopePath: string,
  on: string,
  column: 'p.birth_date' | 'p.joined_on',
  bands: ReadonlyArray<{ key: string; after: string | null; until: string }>,
): Promise<Map<string, number>> {
  const col = sql.ref(column);
  const cases = bands.map((b) =>
    b.after === null
      ? sql`when ${col} <= ${b.until} then ${b.key}`
      : sql`when ${col} <= ${b.until} and ${col} > ${b.after} then ${b.key}`,
  );
  const expr = sql<string>`case ${sql.join(cases, sql` `)} else 'unknown' end`;
  // group by the select position: PostgreSQL cannot match a parameterised expression twice
  const rows = await currentIn(db, scopePath, on)
    .select([expr.as('k'), sql<number>`count(*)`.as('n')])
    .groupBy(sql`1`)
    .execute();
  return new Map(rows.map((r) => [r.k, toCount(r.n)]));
}

/** Per organisation holding members: total, aged oldAge+ (born on or before oldBirth), aged ≤ youngAge (born after youngBirth). */
export async function ageingByOrg(
  db: Q,
  scopePath: string,
  on: string,
  oldBirth: string,
  youngBirth: string,
) {
  const rows = await currentIn(db, scopePath, on)
    .innerJoin('orgs as o', 'o.id', 'm.org_id')
    .select([
      'o.id',
      'o.name',
      'o.code',
      'o.path',
      sql<number>`count(*)`.as('total'),
      sql<number>`sum(case when p.birth_date <= ${oldBirth} then 1 else 0 end)`.as('old'),
      sql<number>`sum(case when p.birth_date > ${youngBirth} then 1 else 0 end)`.as('young'),
    ])
    .groupBy(['o.id', 'o.name', 'o.code', 'o.path'])
    .orderBy('o.path')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    name: r.name,
    code: r.code,
    path: r.path,
    total: toCount(r.total),
    old: toCount(r.old),
    young: toCount(r.young),
  }));
}
