// 问题清单 reads: the one rectification engine's items of a subtree, with their organisation.
// Writes go through the engine (rectification.service.ts), never here.
import { sql, type Kysely, type Transaction } from 'kysely';
import { pathUpperBound } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';

type Q = Kysely<DB> | Transaction<DB>;

export interface ProblemFilter {
  openOnly?: boolean;
  /** Not closed and past its deadline on this date. */
  overdueOn?: string | undefined;
  sourceTypes?: readonly string[] | undefined;
  /** Source types to leave out (a module key whose types are not all listed). */
  prefix?: string | undefined;
}

function scoped(db: Q, scopePath: string, f: ProblemFilter) {
  let q = db
    .selectFrom('rect_items as r')
    .innerJoin('orgs as o', 'o.id', 'r.org_id')
    .where('r.org_path', '>=', scopePath)
    .where('r.org_path', '<', pathUpperBound(scopePath));
  if (f.openOnly) q = q.where('r.status', '!=', 'closed');
  if (f.overdueOn) q = q.where('r.status', '!=', 'closed').where('r.deadline', '<', f.overdueOn);
  if (f.sourceTypes || f.prefix) {
    const types = f.sourceTypes ?? [];
    const prefix = f.prefix;
    q = q.where((eb) =>
      eb.or([
        ...(types.length ? [eb('r.source_type', 'in', types)] : []),
        ...(prefix ? [eb('r.source_type', 'like', `${prefix}.%`)] : []),
        ...(!types.length && !prefix ? [sql<boolean>`1 = 0`] : []),
      ]),
    );
  }
  return q;
}

export async function listProblems(
  db: Q,
  scopePath: string,
  f: ProblemFilter,
  limit: number,
  offset: number,
) {
  const rows = await scoped(db, scopePath, f)
    .select([
      'r.id',
      'r.source_type',
      'r.source_id',
      'r.org_id',
      'r.org_path',
      'o.code as org_code',
      'o.name as org_name',
      'r.owner_name',
      'r.title',
      'r.deadline',
      'r.status',
      'r.closed_at',
      'r.created_at',
    ])
    // Open first, then by deadline: what is due soonest (or overdue) is read first.
    .orderBy(sql`case when r.status = 'closed' then 1 else 0 end`)
    .orderBy('r.deadline')
    .orderBy('r.id')
    .limit(limit)
    .offset(offset)
    .execute();
  const total = await scoped(db, scopePath, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(total.n) };
}

/** Counts per source type and status, with how many are overdue on `today`. */
export async function countBySource(db: Q, scopePath: string, today: string) {
  const rows = await scoped(db, scopePath, {})
    .select([
      'r.source_type',
      'r.status',
      (eb) => eb.fn.countAll<number>().as('n'),
      sql<number>`sum(case when r.status <> 'closed' and r.deadline < ${today} then 1 else 0 end)`.as(
        'overdue',
      ),
    ])
    .groupBy(['r.source_type', 'r.status'])
    .execute();
  return rows.map((r) => ({
    sourceType: r.source_type,
    status: r.status,
    n: Number(r.n),
    overdue: Number(r.overdue),
  }));
}

/** An item of this source that is not closed yet (one alert or meeting problem is rectified once). */
export async function openItemOf(db: Q, sourceType: string, sourceId: number, title?: string) {
  let q = db
    .selectFrom('rect_items')
    .select(['id', 'title'])
    .where('source_type', '=', sourceType)
    .where('source_id', '=', sourceId)
    .where('status', '!=', 'closed');
  if (title !== undefined) q = q.where('title', '=', title);
  return q.executeTakeFirst();
}

export async function findMeeting(db: Q, id: number) {
  return db
    .selectFrom('life_meetings')
    .select(['id', 'org_id', 'org_path', 'type', 'title', 'held_on', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function personName(db: Q, id: number) {
  return (
    (await db.selectFrom('persons').select('name').where('id', '=', id).executeTakeFirst())?.name ?? null
  );
}
