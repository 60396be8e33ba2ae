// The only queries of task_tasks / task_targets.
import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import { pathUpperBound, toCount } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import type { TaskTargetTable, TaskTaskTable } from '../../db/tables/tasks.tables.ts';

export type Q = Kysely<DB> | Transaction<DB>;
export type TaskRow = Selectable<TaskTaskTable>;
export type TargetRow = Selectable<TaskTargetTable>;
export type OrgLite = {
  id: number;
  path: string;
  name: string;
  kind: string;
  parent_id: number | null;
  status: string;
};

const ORG_COLS = ['id', 'path', 'name', 'kind', 'parent_id', 'status'] as const;

export async function insertTask(trx: Transaction<DB>, row: Insertable<TaskTaskTable>): Promise<TaskRow> {
  return trx.insertInto('task_tasks').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function insertTargets(
  trx: Transaction<DB>,
  rows: Insertable<TaskTargetTable>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 200)
    await trx
      .insertInto('task_targets')
      .values(rows.slice(i, i + 200))
      .execute();
}

export async function findTask(db: Q, id: number): Promise<TaskRow | undefined> {
  return db.selectFrom('task_tasks').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function targetsOf(db: Q, taskIds: readonly number[]): Promise<TargetRow[]> {
  if (taskIds.length === 0) return [];
  const out: TargetRow[] = [];
  for (let i = 0; i < taskIds.length; i += 400)
    out.push(
      ...(await db
        .selectFrom('task_targets')
        .selectAll()
        .where('task_id', 'in', taskIds.slice(i, i + 400))
        .orderBy('org_path')
        .execute()),
    );
  return out;
}

export async function findTarget(db: Q, taskId: number, orgId: number): Promise<TargetRow | undefined> {
  return db
    .selectFrom('task_targets')
    .selectAll()
    .where('task_id', '=', taskId)
    .where('org_id', '=', orgId)
    .executeTakeFirst();
}

export async function updateTarget(
  trx: Transaction<DB>,
  id: number,
  values: Partial<Omit<Insertable<TaskTargetTable>, 'id' | 'task_id' | 'org_id'>>,
): Promise<TargetRow> {
  return trx
    .updateTable('task_targets')
    .set(values)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Tasks issued by an organisation, newest first. */
export async function tasksIssuedBy(db: Q, orgId: number, since: string | null): Promise<TaskRow[]> {
  let q = db.selectFrom('task_tasks').selectAll().where('issuer_org_id', '=', orgId);
  if (since) q = q.where('issued_on', '>=', since);
  return q.orderBy('issued_on', 'desc').orderBy('id', 'desc').execute();
}

/** Tasks to an organisation (from any ancestor), with its own target row, newest first. */
export async function inboxOf(db: Q, orgId: number): Promise<Array<{ task: TaskRow; target: TargetRow }>> {
  const targets = await db.selectFrom('task_targets').selectAll().where('org_id', '=', orgId).execute();
  if (targets.length === 0) return [];
  const tasks = new Map<number, TaskRow>();
  const ids = targets.map((t) => t.task_id);
  for (let i = 0; i < ids.length; i += 400)
    for (const t of await db
      .selectFrom('task_tasks')
      .selectAll()
      .where('id', 'in', ids.slice(i, i + 400))
      .execute())
      tasks.set(t.id, t);
  return targets
    .map((target) => ({ task: tasks.get(target.task_id)!, target }))
    .sort((a, b) => b.task.deadline.localeCompare(a.task.deadline) || b.task.id - a.task.id);
}

/** How many tasks of a kind the organisation issued in the month (YYYY-MM). */
export async function countIssuedInMonth(db: Q, orgId: number, kind: string, month: string): Promise<number> {
  const r = await db
    .selectFrom('task_tasks')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('issuer_org_id', '=', orgId)
    .where('kind', '=', kind)
    .where('issued_on', '>=', `${month}-01`)
    .where('issued_on', '<=', `${month}-31`)
    .executeTakeFirst();
  return toCount(r?.n);
}

export async function findOrg(db: Q, id: number): Promise<OrgLite | undefined> {
  return db.selectFrom('orgs').select(ORG_COLS).where('id', '=', id).executeTakeFirst();
}

export async function findOrgs(db: Q, ids: readonly number[]): Promise<OrgLite[]> {
  if (ids.length === 0) return [];
  const out: OrgLite[] = [];
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 400)
    out.push(
      ...(await db
        .selectFrom('orgs')
        .select(ORG_COLS)
        .where('id', 'in', unique.slice(i, i + 400))
        .execute()),
    );
  return out;
}

/** Active organisations strictly below `path`, in tree order. */
export async function orgsBelow(db: Q, path: string): Promise<OrgLite[]> {
  return db
    .selectFrom('orgs')
    .select(ORG_COLS)
    .where('path', '>', path)
    .where('path', '<', pathUpperBound(path))
    .where('status', '=', 'active')
    .orderBy('path')
    .execute();
}

/** Targets under `scopePath` (the alert source and the indicator read them). */
export async function targetsUnder(
  db: Q,
  scopePath: string,
): Promise<Array<TargetRow & { deadline: string; issued_on: string; title: string; issuer_name: string }>> {
  return db
    .selectFrom('task_targets as g')
    .innerJoin('task_tasks as t', 't.id', 'g.task_id')
    .selectAll('g')
    .select(['t.deadline', 't.issued_on', 't.title', 't.issuer_name'])
    .where('g.org_path', '>=', scopePath)
    .where('g.org_path', '<', pathUpperBound(scopePath))
    .execute();
}

/** Over-cap tasks issued from `since` by organisations under `scopePath`. */
export async function overCapUnder(db: Q, scopePath: string, since: string): Promise<TaskRow[]> {
  return db
    .selectFrom('task_tasks')
    .selectAll()
    .where('over_cap', '=', 1)
    .where('issued_on', '>=', since)
    .where('issuer_path', '>=', scopePath)
    .where('issuer_path', '<', pathUpperBound(scopePath))
    .execute();
}

/**
 * Per target organisation under `rootPath`: targets of tasks issued in [from, to] whose deadline
 * has come by `to`, and how many were reported on or before the deadline (任务按时报送率).
 */
export async function taskOnTimeParts(
  db: Q,
  rootPath: string,
  from: string,
  to: string,
): Promise<Map<number, { onTime: number; due: number }>> {
  const rows = await db
    .selectFrom('task_targets as g')
    .innerJoin('task_tasks as t', 't.id', 'g.task_id')
    .select(['g.org_id', 'g.state', 'g.submitted_on', 't.deadline'])
    .where('g.org_path', '>=', rootPath)
    .where('g.org_path', '<', pathUpperBound(rootPath))
    .where('t.issued_on', '>=', from)
    .where('t.issued_on', '<=', to)
    .where('t.deadline', '<=', to)
    .execute();
  const out = new Map<number, { onTime: number; due: number }>();
  for (const r of rows) {
    const p = out.get(r.org_id) ?? { onTime: 0, due: 0 };
    p.due += 1;
    if (
      r.state === 'submitted' &&
      r.submitted_on !== null &&
      r.submitted_on <= r.deadline &&
      r.submitted_on <= to
    )
      p.onTime += 1;
    out.set(r.org_id, p);
  }
  return out;
}
