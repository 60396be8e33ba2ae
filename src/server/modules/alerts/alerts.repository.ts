// The only Kysely code for the alert tables.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { AlertFinding, StoredAlert } from '../../../core/alerts/alerts.rules.ts';
import { pathIds } from '../../../core/org/org.rules.ts';
import { pathUpperBound, toCount } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';

type Q = Kysely<DB> | Transaction<DB>;

const under = (path: string) => [path, pathUpperBound(path)] as const;

/** Open alerts of these codes under a path (the set a source's findings are compared with). */
export async function openUnder(db: Q, codes: readonly string[], path: string): Promise<StoredAlert[]> {
  if (codes.length === 0) return [];
  const [lo, hi] = under(path);
  const rows = await db
    .selectFrom('alerts')
    .select([
      'id',
      'code',
      'subject_type',
      'subject_id',
      'subject_label',
      'org_id',
      'org_path',
      'since',
      'due',
      'detail',
      'link',
    ])
    .where('is_open', '=', 1)
    .where('org_path', '>=', lo)
    .where('org_path', '<', hi)
    .where('code', 'in', codes)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    subjectLabel: r.subject_label,
    orgId: r.org_id,
    orgPath: r.org_path,
    since: r.since,
    due: r.due,
    detail: r.detail,
    link: r.link,
  }));
}

export interface NewAlertRow {
  finding: AlertFinding;
  severity: string;
  role: string;
  link: string;
}

export async function insertAlerts(
  db: Q,
  rows: readonly NewAlertRow[],
  at: string,
  today: string,
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('alerts')
      .values(
        rows.slice(i, i + 500).map(({ finding: f, severity, role, link }) => ({
          code: f.code,
          severity,
          org_id: f.orgId,
          org_path: f.orgPath,
          subject_type: f.subjectType,
          subject_id: f.subjectId,
          subject_label: f.subjectLabel,
          since: f.since ?? today,
          due: f.due ?? null,
          detail: f.detail,
          role,
          link,
          is_open: 1,
          opened_at: at,
          closed_at: null,
          updated_at: at,
        })),
      )
      .execute();
  }
}

export async function closeAlerts(db: Q, ids: readonly number[], at: string): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    await db
      .updateTable('alerts')
      .set({ is_open: 0, closed_at: at, updated_at: at })
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
  }
}

export async function updateAlert(
  db: Q,
  id: number,
  f: AlertFinding,
  severity: string,
  link: string,
  at: string,
): Promise<void> {
  await db
    .updateTable('alerts')
    .set({
      org_id: f.orgId,
      org_path: f.orgPath,
      subject_label: f.subjectLabel,
      ...(f.since != null ? { since: f.since } : {}),
      due: f.due ?? null,
      detail: f.detail,
      severity,
      link,
      updated_at: at,
    })
    .where('id', '=', id)
    .execute();
}

/** Adds deltas to the per-ancestor counters (insert or add, one statement per counter). */
export async function bumpCounts(
  db: Q,
  deltas: Iterable<{ ancestorId: number; code: string; delta: number }>,
): Promise<void> {
  for (const d of deltas) {
    await db
      .insertInto('alert_counts')
      .values({ ancestor_id: d.ancestorId, code: d.code, n: d.delta })
      .onConflict((oc) =>
        oc.columns(['ancestor_id', 'code']).doUpdateSet({ n: sql`alert_counts.n + ${d.delta}` }),
      )
      .execute();
  }
}

/** Open alerts per code for one organisation's subtree: one index read of O(codes) rows. */
export async function countsOf(db: Q, orgId: number): Promise<Array<{ code: string; n: number }>> {
  const rows = await db
    .selectFrom('alert_counts')
    .select(['code', 'n'])
    .where('ancestor_id', '=', orgId)
    .where('n', '>', 0)
    .execute();
  return rows.map((r) => ({ code: r.code, n: toCount(r.n) }));
}

/** The same per code for each child of an organisation (rankings and drill-down). */
export async function countsOfChildren(
  db: Q,
  parentId: number,
): Promise<Array<{ orgId: number; code: string; n: number }>> {
  const rows = await db
    .selectFrom('alert_counts')
    .innerJoin('orgs', 'orgs.id', 'alert_counts.ancestor_id')
    .select(['alert_counts.ancestor_id as org_id', 'alert_counts.code', 'alert_counts.n'])
    .where('orgs.parent_id', '=', parentId)
    .where('alert_counts.n', '>', 0)
    .execute();
  return rows.map((r) => ({ orgId: r.org_id, code: r.code, n: toCount(r.n) }));
}

export interface AlertFilter {
  code?: string | undefined;
  severity?: string | undefined;
  role?: string | undefined;
  open?: boolean;
}

function filtered(db: Q, path: string, f: AlertFilter) {
  const [lo, hi] = under(path);
  let q = db
    .selectFrom('alerts')
    .innerJoin('orgs', 'orgs.id', 'alerts.org_id')
    .where('alerts.is_open', '=', f.open === false ? 0 : 1)
    .where('alerts.org_path', '>=', lo)
    .where('alerts.org_path', '<', hi);
  if (f.code) q = q.where('alerts.code', '=', f.code);
  if (f.severity) q = q.where('alerts.severity', '=', f.severity);
  if (f.role) q = q.where('alerts.role', '=', f.role);
  return q;
}

const SEVERITY_ORDER = sql<number>`case alerts.severity when 'red' then 0 when 'orange' then 1 else 2 end`;

export async function listUnder(db: Q, path: string, f: AlertFilter, limit: number, offset: number) {
  const [rows, total] = await Promise.all([
    filtered(db, path, f)
      .select([
        'alerts.id',
        'alerts.code',
        'alerts.severity',
        'alerts.org_id',
        'orgs.code as org_code',
        'orgs.name as org_name',
        'alerts.subject_type',
        'alerts.subject_id',
        'alerts.subject_label',
        'alerts.since',
        'alerts.due',
        'alerts.detail',
        'alerts.role',
        'alerts.link',
        'alerts.opened_at',
        'alerts.closed_at',
      ])
      .orderBy(SEVERITY_ORDER)
      .orderBy('alerts.since')
      .orderBy('alerts.id')
      .limit(limit)
      .offset(offset)
      .execute(),
    filtered(db, path, f)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst(),
  ]);
  return { rows, total: toCount(total?.n) };
}

/** Recounts every counter from the open alerts (after a repair or to check the counters). */
export async function rebuildCounts(db: Q): Promise<number> {
  const open = await db.selectFrom('alerts').select(['code', 'org_path']).where('is_open', '=', 1).execute();
  const counts = new Map<string, { ancestor_id: number; code: string; n: number }>();
  for (const a of open) {
    for (const id of pathIds(a.org_path)) {
      const k = `${id}|${a.code}`;
      const c = counts.get(k);
      if (c) c.n++;
      else counts.set(k, { ancestor_id: id, code: a.code, n: 1 });
    }
  }
  await db.deleteFrom('alert_counts').execute();
  const values = [...counts.values()];
  for (let i = 0; i < values.length; i += 500)
    await db
      .insertInto('alert_counts')
      .values(values.slice(i, i + 500))
      .execute();
  return values.length;
}

/** Every counter as stored (tests compare it with a recount). */
export async function allCounts(db: Q): Promise<Array<{ ancestor_id: number; code: string; n: number }>> {
  const rows = await db
    .selectFrom('alert_counts')
    .selectAll()
    .where('n', '!=', 0)
    .orderBy('ancestor_id')
    .orderBy('code')
    .execute();
  return rows.map((r) => ({ ancestor_id: r.ancestor_id, code: r.code, n: toCount(r.n) }));
}

/** One alert by id (the 问题清单 turns an open alert into a rectification item). */
export async function findAlert(db: Q, id: number) {
  return db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
}
