// 问题清单 (issue 18): one list of what must be rectified in a subtree, whatever produced it —
// 述职评议, 民主评议, 点评, 督查, 组织生活会 查摆问题, 软弱涣散, or an alert a person chose to turn
// into a rectification. Every item lives on the one rectification engine; this module reads it
// and adds the two ways in that no other module owns (an alert, a meeting's problems).
import {
  problemSource,
  problemSourceOptions,
  SELF_EXAMINATION_MEETINGS,
  sourceTypesOf,
} from '../../../core/problems/problem-sources.ts';
import type { FromAlertInput, FromMeetingInput } from '../../../core/problems/problems.schemas.ts';
import {
  isOverdue,
  RECTIFICATION_STATUS_NAMES,
  type RectificationStatus,
} from '../../../core/rectification/rectification.rules.ts';
import { chinaDate } from '../../../core/shared/dates.ts';
import { denied, scopeOrg } from '../../authz.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import { AppError, badRequest, conflict, notFound } from '../../http/errors.ts';
import { inScope } from '../../http/policy.ts';
import { alertCatalogue } from '../alerts/alerts.service.ts';
import { findAlert } from '../alerts/alerts.repository.ts';
import { actorOf, createRectification } from '../evaluation/rectification/rectification.service.ts';
import * as repo from './problems.repository.ts';

export interface ProblemQuery {
  orgId?: number | undefined;
  openOnly?: boolean;
  overdueOnly?: boolean;
  source?: string | undefined;
  limit: number;
  offset: number;
}

function filterOf(q: ProblemQuery, today: string): repo.ProblemFilter {
  return {
    openOnly: q.openOnly ?? false,
    overdueOn: q.overdueOnly ? today : undefined,
    ...(q.source ? { sourceTypes: sourceTypesOf(q.source), prefix: q.source } : {}),
  };
}

function present(r: Awaited<ReturnType<typeof repo.listProblems>>['rows'][number], today: string) {
  const s = problemSource(r.source_type);
  const status = r.status as RectificationStatus;
  return {
    id: r.id,
    source: s.source,
    sourceLabel: s.label,
    sourceType: r.source_type,
    sourceId: r.source_id,
    orgId: r.org_id,
    orgCode: r.org_code,
    orgName: r.org_name,
    owner: r.owner_name,
    title: r.title,
    status,
    statusLabel: RECTIFICATION_STATUS_NAMES[status] ?? r.status,
    due: r.deadline,
    overdue: isOverdue({ status, deadline: r.deadline }, today),
    closedAt: r.closed_at,
  };
}
export type ProblemDto = ReturnType<typeof present>;

/** Counts per source (module) for the board's chart: open, overdue, closed. */
/** A module's name for the chart (预警 for alerts turned into 整改). */
const SOURCE_LABELS = new Map(problemSourceOptions().map((o) => [o.value, o.label]));

function bySource(rows: Awaited<ReturnType<typeof repo.countBySource>>) {
  const out = new Map<
    string,
    { source: string; label: string; open: number; overdue: number; closed: number }
  >();
  for (const r of rows) {
    const s = problemSource(r.sourceType);
    const label = SOURCE_LABELS.get(s.source) ?? s.label;
    const e = out.get(s.source) ?? { source: s.source, label, open: 0, overdue: 0, closed: 0 };
    if (r.status === 'closed') e.closed += r.n;
    else e.open += r.n;
    e.overdue += r.overdue;
    out.set(s.source, e);
  }
  return [...out.values()].sort((a, b) => b.open + b.closed - (a.open + a.closed));
}

/** The board: items of the organisation's subtree, counts per source and the totals. */
export async function problemBoard(ctx: AppContext, rc: RequestContext, q: ProblemQuery) {
  const org = await scopeOrg(ctx, rc, q.orgId);
  const today = chinaDate(ctx.now());
  const [{ rows, total }, counts] = await Promise.all([
    repo.listProblems(ctx.db, org.path, filterOf(q, today), q.limit, q.offset),
    repo.countBySource(ctx.db, org.path, today),
  ]);
  const sources = bySource(counts);
  return {
    data: {
      org: { id: org.id, code: org.code, name: org.name },
      items: rows.map((r) => present(r, today)),
      total,
      limit: q.limit,
      offset: q.offset,
      sources,
      summary: {
        open: sources.reduce((s, x) => s + x.open, 0),
        overdue: sources.reduce((s, x) => s + x.overdue, 0),
        closed: sources.reduce((s, x) => s + x.closed, 0),
      },
      sourceOptions: problemSourceOptions(),
    },
  };
}

/** `report problems`: every item of the subtree of the organisation with this code (no paging). */
export async function problemReport(ctx: AppContext, orgPath: string, openOnly: boolean) {
  const today = chinaDate(ctx.now());
  const items: ProblemDto[] = [];
  for (let offset = 0; ; offset += 2000) {
    const { rows } = await repo.listProblems(ctx.db, orgPath, { openOnly }, 2000, offset);
    items.push(...rows.map((r) => present(r, today)));
    if (rows.length < 2000) break;
  }
  return items;
}

const STAFF = ['org_admin', 'worker'];
const isStaffIn = (rc: RequestContext, path: string) =>
  !!rc.actor && rc.actor.roles.some((r) => STAFF.includes(r)) && inScope(rc.actor, path);

async function ownerOf(ctx: AppContext, personId: number | undefined) {
  if (personId === undefined) return null;
  const name = await repo.personName(ctx.db, personId);
  if (!name) throw badRequest('OWNER_UNKNOWN', '责任人不存在', 'ownerPersonId');
  return { personId, name };
}

/** An open alert becomes a rectification item of its organisation (预警转整改). */
export async function problemFromAlert(ctx: AppContext, rc: RequestContext, input: FromAlertInput) {
  const alert = await findAlert(ctx.db, input.alertId);
  if (!alert) throw notFound('预警');
  if (!isStaffIn(rc, alert.org_path)) throw await denied(ctx, rc, 'alert', alert.id, 'scope');
  if (!alert.is_open) throw conflict('ALERT_CLOSED', '该预警已解除，无需转为整改', 'alertId');
  const owner = await ownerOf(ctx, input.ownerPersonId);
  const label = alertCatalogue().get(alert.code)?.label ?? '预警';
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await repo.openItemOf(trx, 'alert', alert.id);
    if (existing) throw conflict('ALERT_RECTIFYING', `该预警已转为整改事项（${existing.title}）`, 'alertId');
    const item = await createRectification(
      trx,
      ctx,
      {
        sourceType: 'alert',
        sourceId: alert.id,
        org: { id: alert.org_id, path: alert.org_path },
        owner,
        title: input.title ?? `${label}：${alert.subject_label}`.slice(0, 200),
        detail: input.detail ?? alert.detail,
        deadline: input.deadline,
      },
      actorOf(rc.actor!, rc.meta),
    );
    return { data: item };
  });
}

/** 组织生活会 / 民主生活会 查摆问题: each problem becomes an item of the meeting's organisation. */
export async function problemsFromMeeting(ctx: AppContext, rc: RequestContext, input: FromMeetingInput) {
  const m = await repo.findMeeting(ctx.db, input.meetingId);
  if (!m) throw notFound('会议');
  if (!isStaffIn(rc, m.org_path)) throw await denied(ctx, rc, 'meeting', m.id, 'scope');
  if (!(SELF_EXAMINATION_MEETINGS as readonly string[]).includes(m.type))
    throw badRequest('MEETING_TYPE', '只有组织生活会、民主生活会查摆出的问题可以列入问题清单', 'meetingId');
  if (m.status !== 'held')
    throw badRequest('MEETING_NOT_HELD', '会议尚未召开，不能登记查摆出的问题', 'meetingId');
  const owners = await Promise.all(input.problems.map((p) => ownerOf(ctx, p.ownerPersonId)));
  const by = actorOf(rc.actor!, rc.meta);
  return ctx.db.transaction().execute(async (trx) => {
    const items = [];
    for (const [i, p] of input.problems.entries()) {
      const row = `第${i + 1}条问题`;
      if (await repo.openItemOf(trx, 'life.meeting', m.id, p.title))
        throw conflict('PROBLEM_DUPLICATE', `${row}：“${p.title}”已在问题清单中`, `problems.${i}.title`);
      try {
        items.push(
          await createRectification(
            trx,
            ctx,
            {
              sourceType: 'life.meeting',
              sourceId: m.id,
              org: { id: m.org_id, path: m.org_path },
              owner: owners[i] ?? null,
              title: p.title,
              detail: p.detail ?? `${m.type}（${m.held_on}）查摆出的问题`,
              deadline: p.deadline,
            },
            by,
          ),
        );
      } catch (e) {
        // The engine names the field; the person needs the row too.
        if (e instanceof AppError) {
          const field = `problems.${i}.${Object.keys(e.fields ?? { deadline: '' })[0] ?? 'deadline'}`;
          throw new AppError(e.kind, e.code, `${row}：${e.message}`, { [field]: `${row}：${e.message}` });
        }
        throw e;
      }
    }
    return { data: { meetingId: m.id, items } };
  });
}
