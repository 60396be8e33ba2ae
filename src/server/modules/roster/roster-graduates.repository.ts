// The only Kysely code for the 毕业生党员组织关系暂留 list (roster module, issue 4): members whose
// profile says the relationship is kept at school after graduating. Status is a range of
// graduated_on (core graduateStatusBounds), so filtering, counting and paging stay in SQL.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { GraduateStatus } from '../../../core/roster/graduate.rules.ts';
import { pathUpperBound, toCount } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';

type Q = Kysely<DB> | Transaction<DB>;

export interface GraduateFilter {
  scopePath: string;
  on: string;
  /** graduated_on < overdueBefore: 已超期; < dueSoonBefore: 即将到期; otherwise 正常. */
  bounds: { overdueBefore: string; dueSoonBefore: string };
  status?: GraduateStatus | undefined;
}

/** Retained graduates currently members of an organisation in the subtree. */
function graduatesIn(db: Q, f: GraduateFilter) {
  let q = db
    .selectFrom('roster_profiles as rp')
    .innerJoin('memberships as m', 'm.person_id', 'rp.person_id')
    .where('rp.graduate_retained', '=', 1)
    .where('rp.graduated_on', 'is not', null)
    .where('m.org_path', '>=', f.scopePath)
    .where('m.org_path', '<', pathUpperBound(f.scopePath))
    .where('m.valid_from', '<=', f.on)
    .where((eb) => eb.or([eb('m.valid_to', 'is', null), eb('m.valid_to', '>', f.on)]));
  if (f.status === '已超期') q = q.where('rp.graduated_on', '<', f.bounds.overdueBefore);
  if (f.status === '即将到期')
    q = q
      .where('rp.graduated_on', '>=', f.bounds.overdueBefore)
      .where('rp.graduated_on', '<', f.bounds.dueSoonBefore);
  if (f.status === '正常') q = q.where('rp.graduated_on', '>=', f.bounds.dueSoonBefore);
  return q;
}

/** One page, most urgent (earliest graduation, so earliest deadline) first; keyset on (graduated_on, person id). */
export async function listGraduates(
  db: Q,
  f: GraduateFilter,
  after: { graduatedOn: string; personId: number } | null,
  limit: number,
) {
  let q = graduatesIn(db, f)
    .innerJoin('persons as p', 'p.id', 'rp.person_id')
    .innerJoin('orgs as o', 'o.id', 'm.org_id')
    .select([
      'p.id',
      'p.name',
      'p.gender',
      'p.birth_date',
      'rp.graduated_on',
      'rp.identity',
      'rp.work_unit',
      'm.org_id',
      'o.name as org_name',
      'o.code as org_code',
      // A transfer already under way (in the system, or a letter out of it awaiting its slip).
      sql<number>`case when exists (select 1 from roster_transfers t where t.person_id = p.id
        and t.status in ('pending_approval', 'pending_acceptance'))
        or exists (select 1 from roster_external_transfers x where x.person_id = p.id
        and x.direction = 'out' and x.status = 'letter_issued') then 1 else 0 end`.as('transfer_open'),
    ]);
  if (after)
    q = q.where((eb) =>
      eb.or([
        eb('rp.graduated_on', '>', after.graduatedOn),
        eb.and([eb('rp.graduated_on', '=', after.graduatedOn), eb('p.id', '>', after.personId)]),
      ]),
    );
  return q.orderBy('rp.graduated_on').orderBy('p.id').limit(limit).execute();
}
export type GraduateRow = Awaited<ReturnType<typeof listGraduates>>[number];

/** Counts by status over the whole subtree (the filter's status is ignored). */
export async function countGraduates(db: Q, f: Omit<GraduateFilter, 'status'>) {
  const { overdueBefore, dueSoonBefore } = f.bounds;
  const row = await graduatesIn(db, { ...f, status: undefined })
    .select([
      sql<number>`count(*)`.as('total'),
      sql<number>`sum(case when rp.graduated_on < ${overdueBefore} then 1 else 0 end)`.as('overdue'),
      sql<number>`sum(case when rp.graduated_on >= ${overdueBefore} and rp.graduated_on < ${dueSoonBefore} then 1 else 0 end)`.as(
        'due_soon',
      ),
    ])
    .executeTakeFirstOrThrow();
  const total = toCount(row.total);
  const overdue = toCount(row.overdue);
  const dueSoon = toCount(row.due_soon);
  return { total, normal: total - overdue - dueSoon, dueSoon, overdue };
}
