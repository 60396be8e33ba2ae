// Reading tasks: outbox (下达的任务) with progress and the monthly 减负 count, inbox (收到的任务),
// one task with the targets the caller may see, target choices and the form template.
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { addMonths, chinaDate } from '../../../core/shared/dates.ts';
import type { FormColumn } from '../../../core/tasks/task-form.rules.ts';
import { capRuleId } from '../../../core/tasks/tasks.rules.ts';
import { denied, requireActor } from '../../authz.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import { badRequest, notFound } from '../../http/errors.ts';
import { canIssueFrom, canManage, canReport, canSeeTarget } from './tasks.policy.ts';
import { presentTarget, presentTask, progressOf } from './tasks.presenter.ts';
import * as repo from './tasks.repository.ts';
import { scopeOrg } from './tasks.service.ts';
import { buildFormTemplate } from './tasks.xlsx.ts';

const today = (ctx: AppContext) => chinaDate(ctx.now());
const BRANCH_KINDS = ['党支部', '联合党支部', '临时党支部'];

/** Tasks the organisation issued, each with its progress, and per month how many (and over the cap). */
export async function outbox(ctx: AppContext, rc: RequestContext, orgId: number | undefined) {
  const org = await scopeOrg(ctx, rc, orgId);
  const day = today(ctx);
  const tasks = await repo.tasksIssuedBy(ctx.db, org.id, null);
  const targets = await repo.targetsOf(
    ctx.db,
    tasks.map((t) => t.id),
  );
  const byTask = new Map<number, repo.TargetRow[]>();
  for (const g of targets) byTask.set(g.task_id, [...(byTask.get(g.task_id) ?? []), g]);
  const level = org.parent_id === null ? 'top' : 'lower';
  const caps = {
    tasks: ruleValue<number>(ctx.config.rulebook, capRuleId(level, 'task'), day),
    reports: ruleValue<number>(ctx.config.rulebook, capRuleId(level, 'report'), day),
  };
  // The last 12 months, oldest first, for the 减负 chart.
  const months: Array<{ month: string; tasks: number; reports: number; overCap: number }> = [];
  for (let i = 11; i >= 0; i--)
    months.push({
      month: addMonths(`${day.slice(0, 7)}-01`, -i).slice(0, 7),
      tasks: 0,
      reports: 0,
      overCap: 0,
    });
  const byMonth = new Map(months.map((m) => [m.month, m]));
  for (const t of tasks) {
    const m = byMonth.get(t.issued_on.slice(0, 7));
    if (!m) continue;
    if (t.kind === 'report') m.reports += 1;
    else m.tasks += 1;
    m.overCap += t.over_cap;
  }
  return {
    data: tasks.map((t) => ({ ...presentTask(t), progress: progressOf(t, byTask.get(t.id) ?? [], day) })),
    months,
    caps,
    org: { id: org.id, name: org.name },
    policies: { issue: canIssueFrom(rc.actor!, org.path) },
  };
}

/** Tasks to the organisation from any organisation above it, with its own status. */
export async function inbox(ctx: AppContext, rc: RequestContext, orgId: number | undefined) {
  const org = await scopeOrg(ctx, rc, orgId);
  const day = today(ctx);
  const rows = await repo.inboxOf(ctx.db, org.id);
  return {
    data: rows.map(({ task, target }) => ({
      ...presentTask(task),
      target: presentTarget(task, target, day, false),
      canReport: canReport(rc.actor!, target) && target.state !== 'submitted',
    })),
    org: { id: org.id, name: org.name },
  };
}

/** One task: the issuer's subtree sees every target, a receiving organisation only its own. */
export async function getTask(ctx: AppContext, rc: RequestContext, id: number) {
  const actor = requireActor(rc);
  const task = await repo.findTask(ctx.db, id);
  if (!task) throw notFound('任务');
  const all = await repo.targetsOf(ctx.db, [task.id]);
  const visible = all.filter((g) => canSeeTarget(actor, task, g));
  if (visible.length === 0 && !canManage(actor, task)) throw await denied(ctx, rc, 'task', id, 'scope');
  const day = today(ctx);
  const manage = canManage(actor, task);
  return {
    data: {
      ...presentTask(task),
      progress: progressOf(task, manage ? all : visible, day),
      targets: visible.map((g) => ({
        ...presentTarget(task, g, day),
        canReport: canReport(actor, g) && g.state !== 'submitted',
      })),
    },
    policies: { manage },
  };
}

/** Organisations a task from `orgId` may go to, with how many each mode reaches. */
export async function targetChoices(ctx: AppContext, rc: RequestContext, orgId: number | undefined) {
  const org = await scopeOrg(ctx, rc, orgId);
  const below = await repo.orgsBelow(ctx.db, org.path);
  return {
    data: below.map((o) => ({ id: o.id, name: o.name, kind: o.kind, parentId: o.parent_id })),
    counts: {
      children: below.filter((o) => o.parent_id === org.id).length,
      branches: below.filter((o) => BRANCH_KINDS.includes(o.kind)).length,
    },
  };
}

/** The Excel template of a task's form, for whoever may see the task. */
export async function formTemplate(ctx: AppContext, rc: RequestContext, id: number) {
  const actor = requireActor(rc);
  const task = await repo.findTask(ctx.db, id);
  if (!task) throw notFound('任务');
  const all = await repo.targetsOf(ctx.db, [task.id]);
  if (!canManage(actor, task) && !all.some((g) => canSeeTarget(actor, task, g)))
    throw await denied(ctx, rc, 'task', id, 'scope');
  if (!task.form_columns) throw badRequest('NO_FORM', '本任务没有报表模板');
  return {
    fileName: `${task.title.slice(0, 40)}-报表.xlsx`,
    body: await buildFormTemplate(task.title, JSON.parse(task.form_columns) as FormColumn[]),
  };
}
