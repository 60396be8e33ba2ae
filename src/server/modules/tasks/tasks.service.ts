// 工作任务: issue down the tree (with the 减负 cap), report back, 退回, 催报. load → decide (core
// rule) → persist → audit, in one transaction per change.
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { chinaDate } from '../../../core/shared/dates.ts';
import {
  formColumnsProblem,
  formErrorsMessage,
  validateFormSheet,
} from '../../../core/tasks/task-form.rules.ts';
import { taskIssuedNotice, taskRemindNotice, taskReturnedNotice } from '../../../core/tasks/tasks.notices.ts';
import {
  capCheck,
  capRuleId,
  capWarning,
  decideDeadline,
  decideTargets,
} from '../../../core/tasks/tasks.rules.ts';
import type { CreateTaskInput, ReportInput } from '../../../core/tasks/tasks.schemas.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import { denied, requireActor } from '../../authz.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import { badRequest, conflict, fromDecision, notFound } from '../../http/errors.ts';
import { refreshAlertsIn } from '../alerts/alerts.service.ts';
import { usersScopedAt } from '../notifications/notifications.repository.ts';
import { notify } from '../notifications/notifications.service.ts';
import { canIssueFrom, canManage, canReport } from './tasks.policy.ts';
import { presentTarget, presentTask, progressOf } from './tasks.presenter.ts';
import * as repo from './tasks.repository.ts';
import { readFormSheet } from './tasks.xlsx.ts';

export const OVERDUE_SOURCE = 'tasks.overdue';
export const OVER_CAP_SOURCE = 'tasks.overcap';
const BRANCH_KINDS = ['党支部', '联合党支部', '临时党支部'];
const STAFF = ['org_admin', 'worker'] as const;

const today = (ctx: AppContext) => chinaDate(ctx.now());

function audit(
  ctx: AppContext,
  rc: RequestContext,
  action: string,
  objectId: number,
  scopePath: string,
  detail: Record<string, unknown>,
) {
  const a = rc.actor;
  return {
    at: ctx.now().toISOString(),
    result: 'ok' as const,
    actorUserId: a?.userId ?? null,
    actorUsername: a?.username ?? 'system',
    requestId: rc.meta.requestId,
    ip: rc.meta.ip,
    objectType: 'task',
    objectId,
    scopePath,
    action,
    detail,
  };
}

/** The organisation named by `orgId` (default: the caller's own), inside the caller's subtree. */
export async function scopeOrg(ctx: AppContext, rc: RequestContext, orgId: number | undefined) {
  const actor = requireActor(rc);
  const org = await repo.findOrg(ctx.db, orgId ?? actor.scopeOrgId);
  if (!org) throw notFound('组织');
  if (!org.path.startsWith(actor.scopePath)) throw await denied(ctx, rc, 'org', org.id, 'scope');
  return org;
}

async function staffOf(db: repo.Q, orgIds: readonly number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  for (const u of await usersScopedAt(db, orgIds, STAFF))
    out.set(Number(u.scope_org_id), [...(out.get(Number(u.scope_org_id)) ?? []), Number(u.id)]);
  return out;
}

/** The organisations a task from `issuer` would go to, by mode. */
async function resolveTargets(ctx: AppContext, issuer: repo.OrgLite, input: CreateTaskInput) {
  if (input.targetMode === 'chosen') {
    const ids = [...new Set(input.targetOrgIds)];
    const found = await repo.findOrgs(ctx.db, ids);
    if (found.length !== ids.length)
      throw badRequest('TARGET_NOT_FOUND', '下达对象中有不存在的组织', 'targetOrgIds');
    return found.sort((a, b) => a.path.localeCompare(b.path));
  }
  const below = await repo.orgsBelow(ctx.db, issuer.path);
  return input.targetMode === 'children'
    ? below.filter((o) => o.parent_id === issuer.id)
    : below.filter((o) => BRANCH_KINDS.includes(o.kind));
}

/**
 * 下达任务. Over the monthly 减负 cap the first call writes nothing and answers a warning; the
 * issuer confirms by sending `confirmOverCap: true`, and the task is flagged over the cap.
 */
export async function createTask(ctx: AppContext, rc: RequestContext, input: CreateTaskInput) {
  const actor = requireActor(rc);
  const issuer = await repo.findOrg(ctx.db, input.issuerOrgId);
  if (!issuer) throw notFound('组织');
  if (!canIssueFrom(actor, issuer.path)) throw await denied(ctx, rc, 'org', issuer.id, 'scope');
  if (issuer.status !== 'active')
    throw badRequest('ORG_DISSOLVED', '已撤销的组织不能下达任务', 'issuerOrgId');
  const day = today(ctx);
  const d = decideDeadline(input.deadline, day);
  if (!d.ok) throw fromDecision(d);
  const targets = await resolveTargets(ctx, issuer, input);
  const t = decideTargets(
    issuer.path,
    targets.map((o) => ({ path: o.path, active: o.status === 'active' })),
  );
  if (!t.ok) throw fromDecision(t);
  const columns = input.formColumns && input.formColumns.length > 0 ? input.formColumns : null;
  if (columns) {
    const problem = formColumnsProblem(columns);
    if (problem) throw badRequest('FORM_COLUMNS', problem, 'formColumns');
  }
  const month = day.slice(0, 7);
  const level = issuer.parent_id === null ? 'top' : 'lower';
  const cap = capCheck(
    await repo.countIssuedInMonth(ctx.db, issuer.id, input.kind, month),
    ruleValue<number>(ctx.config.rulebook, capRuleId(level, input.kind), day),
  );
  if (cap.over && !input.confirmOverCap)
    return {
      data: null,
      warning: { code: 'OVER_CAP', message: capWarning(cap), count: cap.count, cap: cap.cap, month },
    };
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const task = await repo.insertTask(trx, {
      issuer_org_id: issuer.id,
      issuer_path: issuer.path,
      issuer_name: issuer.name,
      title: input.title,
      content: input.content,
      kind: input.kind,
      target_mode: input.targetMode,
      issued_on: day,
      deadline: input.deadline,
      attachments: JSON.stringify(input.attachments),
      form_columns: columns ? JSON.stringify(columns) : null,
      over_cap: cap.over ? 1 : 0,
      created_by: actor.userId,
      created_at: now,
    });
    await repo.insertTargets(
      trx,
      targets.map((o) => ({
        task_id: task.id,
        org_id: o.id,
        org_path: o.path,
        org_name: o.name,
        state: 'pending',
        returned_count: 0,
      })),
    );
    await appendAudit(
      trx,
      ctx.ring,
      audit(ctx, rc, 'task.issue', task.id, issuer.path, {
        title: task.title,
        deadline: task.deadline,
        targets: targets.length,
        ...(cap.over ? { note: `超过减负上限：本月第${cap.count}项，上限${cap.cap}项` } : {}),
      }),
    );
    if (cap.over) await refreshAlertsIn(ctx, trx, [OVER_CAP_SOURCE], issuer.path);
    const staff = await staffOf(
      trx,
      targets.map((o) => o.id),
    );
    for (const o of targets)
      await notify(ctx, trx, {
        ...taskIssuedNotice({
          id: task.id,
          title: task.title,
          issuerName: issuer.name,
          deadline: task.deadline,
        }),
        recipients: staff.get(o.id) ?? [],
        orgPath: o.path,
      });
    return { data: { ...presentTask(task), progress: progressOf(task, [], day), targets: targets.length } };
  });
}

async function loadTarget(ctx: AppContext, rc: RequestContext, taskId: number, orgId: number) {
  const task = await repo.findTask(ctx.db, taskId);
  if (!task) throw notFound('任务');
  const target = await repo.findTarget(ctx.db, taskId, orgId);
  return { task, target };
}

/** 报送 (or report again after a 退回): the receiving organisation's own staff. */
export async function report(
  ctx: AppContext,
  rc: RequestContext,
  taskId: number,
  orgId: number,
  input: ReportInput,
) {
  const actor = requireActor(rc);
  const { task, target } = await loadTarget(ctx, rc, taskId, orgId);
  if (!target || !canReport(actor, target)) throw await denied(ctx, rc, 'task', taskId, 'scope');
  if (target.state === 'submitted') throw conflict('ALREADY_REPORTED', '本组织已报送，被退回后才能重新报送');
  const columns = task.form_columns
    ? (JSON.parse(task.form_columns) as Parameters<typeof validateFormSheet>[0])
    : null;
  let rows: string | null = null;
  if (columns) {
    if (!input.form) throw badRequest('FORM_REQUIRED', '本任务须上传填写好的报表（Excel）', 'form');
    const sheet = await readFormSheet(input.form.contentBase64);
    const v = validateFormSheet(columns, sheet.header, sheet.rows);
    if (!v.ok) throw badRequest('FORM_INVALID', formErrorsMessage(v.errors), 'form');
    rows = JSON.stringify(v.rows);
  } else if (input.form) {
    throw badRequest('FORM_NOT_EXPECTED', '本任务没有报表，无需上传Excel文件', 'form');
  }
  const day = today(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const g = await repo.updateTarget(trx, target.id, {
      state: 'submitted',
      report_text: input.text,
      report_attachments: JSON.stringify(input.attachments),
      report_rows: rows,
      submitted_on: day,
      submitted_at: ctx.now().toISOString(),
      submitted_by: actor.userId,
    });
    await appendAudit(
      trx,
      ctx.ring,
      audit(ctx, rc, 'task.report', task.id, target.org_path, {
        org: target.org_name,
        deadline: task.deadline,
        ...(day > task.deadline ? { note: '逾期报送' } : {}),
      }),
    );
    await refreshAlertsIn(ctx, trx, [OVERDUE_SOURCE], target.org_path);
    return { data: presentTarget(task, g, day) };
  });
}

/** 退回: the issuer sends a report back with a reason; the target must report again. */
export async function returnReport(
  ctx: AppContext,
  rc: RequestContext,
  taskId: number,
  orgId: number,
  reason: string,
) {
  const actor = requireActor(rc);
  const { task, target } = await loadTarget(ctx, rc, taskId, orgId);
  if (!canManage(actor, task)) throw await denied(ctx, rc, 'task', taskId, 'scope');
  if (!target) throw notFound('任务下达对象');
  if (target.state !== 'submitted') throw conflict('NOT_REPORTED', '该组织尚未报送，无需退回');
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const g = await repo.updateTarget(trx, target.id, {
      state: 'returned',
      submitted_on: null,
      submitted_at: null,
      return_reason: reason,
      returned_at: now,
      returned_count: target.returned_count + 1,
    });
    await appendAudit(
      trx,
      ctx.ring,
      audit(ctx, rc, 'task.return', task.id, target.org_path, { org: target.org_name, reason }),
    );
    await refreshAlertsIn(ctx, trx, [OVERDUE_SOURCE], target.org_path);
    await notify(ctx, trx, {
      ...taskReturnedNotice(
        { id: task.id, title: task.title, issuerName: task.issuer_name, orgId },
        reason,
        now,
      ),
      recipients: (await staffOf(trx, [orgId])).get(orgId) ?? [],
      orgPath: target.org_path,
    });
    return { data: presentTarget(task, g, today(ctx)) };
  });
}

/** 催报: notifies the staff of every target not yet reported (or one named target). */
export async function remind(ctx: AppContext, rc: RequestContext, taskId: number, orgId?: number) {
  const actor = requireActor(rc);
  const task = await repo.findTask(ctx.db, taskId);
  if (!task) throw notFound('任务');
  if (!canManage(actor, task)) throw await denied(ctx, rc, 'task', taskId, 'scope');
  const open = (await repo.targetsOf(ctx.db, [task.id])).filter(
    (g) => g.state !== 'submitted' && (orgId === undefined || g.org_id === orgId),
  );
  if (open.length === 0) throw badRequest('NOTHING_TO_URGE', '没有未报送的组织，无需催报');
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const staff = await staffOf(
      trx,
      open.map((g) => g.org_id),
    );
    let notified = 0;
    for (const g of open) {
      await repo.updateTarget(trx, g.id, { last_urged_at: now });
      notified += await notify(ctx, trx, {
        ...taskRemindNotice(
          {
            id: task.id,
            title: task.title,
            issuerName: task.issuer_name,
            deadline: task.deadline,
            orgId: g.org_id,
          },
          'urge',
          now,
        ),
        recipients: staff.get(g.org_id) ?? [],
        orgPath: g.org_path,
      });
    }
    await appendAudit(
      trx,
      ctx.ring,
      audit(ctx, rc, 'task.urge', task.id, task.issuer_path, { orgs: open.length, notifications: notified }),
    );
    return { data: { urged: open.length, notified } };
  });
}
