// Annual plans (年度计划, issue 5 item 2): draft → submit (must cover every required frequency)
// → acknowledged by the parent 党委; plan against actual; which branches of a subtree have a
// plan; and near-identical plans across branches (照抄计划). One audited transaction per change.
import { applies } from '../../../core/org-life/compliance.ts';
import { MEETING_TYPES, type MeetingType } from '../../../core/org-life/meeting-types.ts';
import type { PlanInput } from '../../../core/org-life/org-life.schemas.ts';
import {
  isPlanPeriod,
  planGaps,
  planText,
  planVsActual,
  type PlanItem,
} from '../../../core/org-life/plans.ts';
import { findSimilar, similarityText } from '../../../core/org-life/similarity.ts';
import { BRANCH_KINDS, isBranchKind } from '../../../core/org/org.types.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { chinaDate } from '../../../core/shared/dates.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import { refreshAlertsIn } from '../alerts/alerts.service.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import type { DB, OrgRow } from '../../db/schema.ts';
import type { Kysely, Transaction } from 'kysely';
import { denied } from '../../authz.ts';
import { badRequest, conflict, notFound } from '../../http/errors.ts';
import { findOrgById } from '../orgs/orgs.repository.ts';
import { canReport, canWriteLife } from './org-life.policy.ts';
import * as repo from './org-life.repository.ts';
import { audit, requireOrg } from './org-life.service.ts';

export const PLAN_STATUS_LABEL: Record<string, string> = {
  draft: '草稿',
  submitted: '已提交',
  acknowledged: '上级已确认',
};

/**
 * The meeting types a branch's plan must cover (支委会 only with a committee). 党小组会 is left
 * out on purpose, not by a zero count: the groups hold it (meetings on the group, not on the
 * branch), so a branch plan item could never be matched; its compliance is judged per branch from
 * the groups with members (org-life.compliance.ts).
 */
async function requiredTypes(ctx: AppContext, org: OrgRow, year: number): Promise<MeetingType[]> {
  const on = `${year}-01-01`;
  const counts = (await repo.memberCountsUnder(ctx.db, org.path, chinaDate(ctx.now()))).get(org.id);
  const facts = {
    orgId: org.id,
    kind: org.kind,
    establishedOn: org.established_on,
    dissolvedOn: org.dissolved_on,
    fullMembers: counts?.full ?? 0,
    members: counts?.members ?? 0,
    groupsWithMembers: 0, // 党小组会 is not a branch plan item (see above)
  };
  return MEETING_TYPES.filter((t) => t !== '党小组会' && applies(ctx.config.rulebook, facts, t, on));
}

function requireBranch(org: OrgRow): void {
  if (!isBranchKind(org.kind))
    throw badRequest('PLAN_NOT_BRANCH', `年度计划由党支部制定，${org.name}是${org.kind}`, 'orgId');
}

function checkItems(items: readonly PlanItem[], year: number): void {
  items.forEach((i, n) => {
    if (!isPlanPeriod(i.period, year))
      throw badRequest(
        'PLAN_PERIOD_OUTSIDE_YEAR',
        `第${n + 1}项的计划期间${i.period}不在${year}年度内`,
        `items.${n}.period`,
      );
  });
}

async function planView(ctx: AppContext, rc: RequestContext, org: OrgRow, year: number) {
  const actor = rc.actor!;
  const plan = await repo.findPlan(ctx.db, org.id, year);
  const items: PlanItem[] = plan
    ? (await repo.planItemsOf(ctx.db, plan.id)).map((i) => ({
        period: i.period,
        type: i.type as MeetingType,
        theme: i.theme,
      }))
    : [];
  const types = await requiredTypes(ctx, org, year);
  const gaps = planGaps(ctx.config.rulebook, year, types, items);
  const meetings = (await repo.listMeetingsOfOrg(ctx.db, org.id, `${year}-01-01`, `${year + 1}-01-01`))
    .filter((m) => m.status === 'held')
    .map((m) => ({ id: m.id, type: m.type, heldOn: m.held_on }));
  const actual = planVsActual(year, items, meetings, chinaDate(ctx.now()));
  const parent = org.parent_id ? await findOrgById(ctx.db, org.parent_id) : undefined;
  const status = plan?.status ?? null;
  const write = canWriteLife(actor, org.path);
  return {
    data: {
      org: { id: org.id, code: org.code, name: org.name, kind: org.kind, isBranch: isBranchKind(org.kind) },
      parent: parent ? { id: parent.id, name: parent.name } : null,
      year,
      status,
      statusLabel: status ? PLAN_STATUS_LABEL[status] : '未制定',
      submittedAt: plan?.submitted_at ?? null,
      acknowledgedAt: plan?.acknowledged_at ?? null,
      requiredTypes: types,
      items: items.map((item, i) => ({ ...item, ...actual[i]! })),
      gaps,
    },
    policies: {
      edit: write && isBranchKind(org.kind) && (status === null || status === 'draft'),
      submit: write && status === 'draft' && items.length > 0,
      acknowledge: status === 'submitted' && !!parent && canWriteLife(actor, parent.path),
    },
  };
}

export async function getPlan(ctx: AppContext, rc: RequestContext, orgId: number, year: number) {
  const actor = rc.actor!;
  const org = await requireOrg(ctx, rc, orgId, (p) => canReport(actor, p));
  return planView(ctx, rc, org, year);
}

/** Saves the draft: the items replace the draft's items. A submitted plan is not edited. */
export async function savePlan(
  ctx: AppContext,
  rc: RequestContext,
  orgId: number,
  year: number,
  input: PlanInput,
) {
  const actor = rc.actor!;
  const org = await requireOrg(ctx, rc, orgId, (p) => canWriteLife(actor, p));
  requireBranch(org);
  checkItems(input.items as PlanItem[], year);
  await ctx.db.transaction().execute(async (trx) => {
    const now = ctx.now().toISOString();
    let plan = await repo.findPlan(trx, org.id, year);
    if (plan && plan.status !== 'draft')
      throw conflict('PLAN_SUBMITTED', `${year}年度计划已提交，不能再修改`, 'items');
    const before = plan ? (await repo.planItemsOf(trx, plan.id)).length : 0;
    plan = plan
      ? await repo.updatePlan(trx, plan.id, { updated_at: now })
      : await repo.insertPlan(trx, {
          org_id: org.id,
          org_path: org.path,
          year,
          status: 'draft',
          submitted_at: null,
          acknowledged_at: null,
          acknowledged_by: null,
          created_by: actor.userId,
          created_at: now,
          updated_at: now,
        });
    await repo.replacePlanItems(trx, plan.id, input.items);
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc, 'life_plan'),
      action: 'life.plan.save',
      objectId: plan.id,
      scopePath: org.path,
      detail: { before: { items: before }, after: { year, items: input.items.length } },
    });
  });
  return planView(ctx, rc, org, year);
}

/** Submits the draft to the parent: refused while any required frequency is not covered. */
export async function submitPlan(ctx: AppContext, rc: RequestContext, orgId: number, year: number) {
  const actor = rc.actor!;
  const org = await requireOrg(ctx, rc, orgId, (p) => canWriteLife(actor, p));
  requireBranch(org);
  const types = await requiredTypes(ctx, org, year);
  await ctx.db.transaction().execute(async (trx) => {
    const plan = await repo.findPlan(trx, org.id, year);
    if (!plan) throw notFound(`${year}年度计划`);
    if (plan.status !== 'draft') throw conflict('PLAN_SUBMITTED', `${year}年度计划已提交`, 'status');
    const items = (await repo.planItemsOf(trx, plan.id)).map((i) => ({
      period: i.period,
      type: i.type as MeetingType,
      theme: i.theme,
    }));
    const gaps = planGaps(ctx.config.rulebook, year, types, items);
    if (gaps.length)
      throw badRequest(
        'PLAN_INCOMPLETE',
        `计划事项未达到规定频次：${gaps
          .slice(0, 6)
          .map((g) => `${g.period}${g.type}（计划${g.planned}次，应至少${g.required}次）`)
          .join('、')}${gaps.length > 6 ? `等${gaps.length}处` : ''}`,
        'items',
      );
    await repo.updatePlan(trx, plan.id, {
      status: 'submitted',
      submitted_at: ctx.now().toISOString(),
      updated_at: ctx.now().toISOString(),
    });
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc, 'life_plan'),
      action: 'life.plan.submit',
      objectId: plan.id,
      scopePath: org.path,
      detail: { before: { status: 'draft' }, after: { status: 'submitted', items: items.length } },
    });
    await refreshAlertsIn(ctx, trx, ['org-life.plans'], org.path);
  });
  return planView(ctx, rc, org, year);
}

/** The parent 党委 acknowledges a submitted plan (the branch's own staff cannot). */
export async function acknowledgePlan(ctx: AppContext, rc: RequestContext, orgId: number, year: number) {
  const actor = rc.actor!;
  const org = await findOrgById(ctx.db, orgId);
  if (!org) throw notFound('组织');
  const parent = org.parent_id ? await findOrgById(ctx.db, org.parent_id) : undefined;
  if (!parent || !canWriteLife(actor, parent.path)) throw await denied(ctx, rc, 'org', orgId, 'scope');
  await ctx.db.transaction().execute(async (trx) => {
    const plan = await repo.findPlan(trx, org.id, year);
    if (!plan) throw notFound(`${year}年度计划`);
    if (plan.status !== 'submitted')
      throw conflict(
        'PLAN_NOT_SUBMITTED',
        `${year}年度计划${PLAN_STATUS_LABEL[plan.status]}，只有已提交的计划可以确认`,
        'status',
      );
    const now = ctx.now().toISOString();
    await repo.updatePlan(trx, plan.id, {
      status: 'acknowledged',
      acknowledged_at: now,
      acknowledged_by: actor.userId,
      updated_at: now,
    });
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc, 'life_plan'),
      action: 'life.plan.acknowledge',
      objectId: plan.id,
      scopePath: org.path,
      detail: { before: { status: 'submitted' }, after: { status: 'acknowledged', by: parent.name } },
    });
    await refreshAlertsIn(ctx, trx, ['org-life.plans'], org.path);
  });
  return planView(ctx, rc, org, year);
}

/**
 * The active branches under `path`, their plans of `year` with items, and the near-identical
 * plans among them (照抄计划): the overview and the alert source (org-life.alerts.ts) read it.
 */
export async function plansUnderWithCopies(
  ctx: AppContext,
  db: Kysely<DB> | Transaction<DB>,
  path: string,
  year: number,
) {
  const [branches, { plans, items }] = await Promise.all([
    repo.obligedOrgsUnder(db, path, BRANCH_KINDS),
    repo.plansUnder(db, path, year),
  ]);
  const active = branches.filter((b) => b.status === 'active');
  const byOrg = new Map(plans.map((p) => [p.org_id, p]));
  const itemsOf = new Map<number, PlanItem[]>();
  for (const i of items) {
    const list = itemsOf.get(i.plan_id) ?? [];
    list.push({ period: i.period, type: i.type as MeetingType, theme: i.theme });
    itemsOf.set(i.plan_id, list);
  }
  const names = new Map(active.map((b) => [b.id, b]));
  const on = `${year}-01-01`;
  const threshold = ruleValue<number>(ctx.config.rulebook, 'orgLife.plan.copyThreshold', on);
  const minChars = ruleValue<number>(ctx.config.rulebook, 'orgLife.plan.minChars', on);
  const docs = plans
    .filter((p) => names.has(p.org_id))
    .map((p) => ({
      id: p.org_id,
      text: similarityText(planText(itemsOf.get(p.id) ?? []), names.get(p.org_id)!.name),
    }));
  const brief = (id: number) => {
    const b = names.get(id)!;
    return { orgId: b.id, orgCode: b.code, orgName: b.name };
  };
  const copies = findSimilar(docs, threshold, minChars).map((pair) => ({
    code: 'PLAN_COPIED',
    a: brief(pair.a),
    b: brief(pair.b),
    similarity: Math.round(pair.similarity * 1000) / 1000,
    detail: `${names.get(pair.a)!.name}与${names.get(pair.b)!.name}的${year}年度计划相似度${Math.round(pair.similarity * 100)}%，疑似照抄`,
  }));
  return { active, byOrg, itemsOf, copies };
}

/** Which branches under an organisation have a plan for the year, and which plans are near-identical. */
export async function planOverview(ctx: AppContext, rc: RequestContext, orgId: number, year: number) {
  const actor = rc.actor!;
  const org = await requireOrg(ctx, rc, orgId, (p) => canReport(actor, p));
  const { active, byOrg, itemsOf, copies } = await plansUnderWithCopies(ctx, ctx.db, org.path, year);
  const rows = active.map((b) => {
    const p = byOrg.get(b.id);
    return {
      orgId: b.id,
      orgCode: b.code,
      orgName: b.name,
      status: p?.status ?? null,
      statusLabel: p ? PLAN_STATUS_LABEL[p.status]! : '未制定',
      items: p ? (itemsOf.get(p.id)?.length ?? 0) : 0,
      submittedAt: p?.submitted_at ?? null,
    };
  });
  const count = (s: string | null) => rows.filter((r) => r.status === s).length;
  return {
    data: {
      org: { id: org.id, code: org.code, name: org.name },
      year,
      totals: {
        branches: rows.length,
        submitted: count('submitted') + count('acknowledged'),
        acknowledged: count('acknowledged'),
        draft: count('draft'),
        none: count(null),
      },
      rows,
      copies,
    },
  };
}

/** Series issued from above by the organisation and those below it in a year, with progress; and the branches it may issue to. */
export async function listSeries(ctx: AppContext, rc: RequestContext, orgId: number, year: number) {
  const actor = rc.actor!;
  const org = await requireOrg(ctx, rc, orgId, (p) => canReport(actor, p));
  const today = chinaDate(ctx.now());
  const [rows, branches] = await Promise.all([
    repo.seriesUnder(ctx.db, org.path, `${year}-01-01`, `${year + 1}-01-01`),
    repo.obligedOrgsUnder(ctx.db, org.path, BRANCH_KINDS),
  ]);
  const canIssue = canWriteLife(actor, org.path) && !isBranchKind(org.kind) && org.kind !== '党小组';
  return {
    data: {
      org: { id: org.id, code: org.code, name: org.name },
      year,
      series: rows.map((r) => ({
        id: r.id,
        type: r.type,
        theme: r.theme,
        heldOn: r.held_on,
        deadline: r.deadline,
        issuer: r.issuer,
        total: r.total,
        done: r.done,
        overdue: r.deadline < today && r.done < r.total,
      })),
      branches: canIssue
        ? branches
            .filter((b) => b.status === 'active' && b.id !== org.id)
            .map((b) => ({ id: b.id, code: b.code, name: b.name }))
        : [],
    },
    policies: { issue: canIssue },
  };
}
