// 督查 plans, visits and findings (issue 18): load → decide (core rule) → persist → audit, one
// transaction per change; a finding becomes 整改 on the one rectification engine.
import {
  decideChecklist,
  decideFindings,
  decidePlanTargets,
  decideVisitDate,
  defaultDeadline,
  targetStatus,
  TARGET_STATUS_LABEL,
  type ChecklistEntry,
  type FindingSeverity,
} from '../../../core/inspection/inspection.rules.ts';
import type {
  CreatePlanInput,
  RecordVisitInput,
  RectifyInput,
} from '../../../core/inspection/inspection.schemas.ts';
import type { ChecklistItem } from '../../../core/rulebook/inspection.rules-data.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { chinaDate } from '../../../core/shared/dates.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import { denied, requireActor } from '../../authz.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import { badRequest, conflict, fromDecision, notFound } from '../../http/errors.ts';
import { inScope } from '../../http/policy.ts';
import { refreshAlertsIn } from '../alerts/alerts.service.ts';
import {
  actorOf,
  createRectification,
  listRectifications,
} from '../evaluation/rectification/rectification.service.ts';
import { findOrgById, findOrgsByIds } from '../orgs/orgs.repository.ts';
import { canManagePlan, canReadVisit, INSP_STAFF, isIssuerKind } from './inspection.policy.ts';
import * as repo from './inspection.repository.ts';

export const FINDING_SOURCE = 'inspection.finding';
export const ALERT_SOURCES = ['inspection.visits', 'inspection.findings'];

const today = (ctx: AppContext) => chinaDate(ctx.now());
export const checklistOf = (ctx: AppContext, on: string) =>
  ruleValue<readonly ChecklistItem[]>(ctx.config.rulebook, 'inspection.checklist', on);
const rectifyDays = (ctx: AppContext, on: string) =>
  ruleValue<Record<FindingSeverity, number>>(ctx.config.rulebook, 'inspection.rectifyDays', on);

function auditBase(ctx: AppContext, rc: RequestContext, objectType: string) {
  const a = requireActor(rc);
  return {
    at: ctx.now().toISOString(),
    result: 'ok' as const,
    actorUserId: a.userId,
    actorUsername: a.username,
    requestId: rc.meta.requestId,
    ip: rc.meta.ip,
    objectType,
  };
}

/** The organisation a list is about: the caller's own by default, else one in the caller's subtree. */
export async function requireScopeOrg(ctx: AppContext, rc: RequestContext, orgId: number | undefined) {
  const actor = requireActor(rc);
  const org = await findOrgById(ctx.db, orgId ?? actor.scopeOrgId);
  if (!org) throw notFound('组织');
  if (!inScope(actor, org.path)) throw await denied(ctx, rc, 'org', org.id, 'scope');
  return org;
}

async function requirePlan(ctx: AppContext, rc: RequestContext, id: number) {
  const plan = await repo.findPlan(ctx.db, id);
  if (!plan) throw notFound('督查计划');
  if (!canManagePlan(requireActor(rc), plan)) throw await denied(ctx, rc, 'inspection_plan', id, 'scope');
  return plan;
}

const parseNames = (json: string) => JSON.parse(json) as string[];

function presentPlan(p: repo.PlanRow) {
  return {
    id: p.id,
    orgId: p.org_id,
    orgName: p.org_name,
    title: p.title,
    year: p.year,
    periodFrom: p.period_from,
    periodTo: p.period_to,
    kind: p.kind,
    inspectors: parseNames(p.inspectors),
    note: p.note,
    createdAt: p.created_at,
  };
}

export async function createPlan(ctx: AppContext, rc: RequestContext, input: CreatePlanInput) {
  const actor = requireActor(rc);
  const issuer = await findOrgById(ctx.db, input.orgId);
  if (!issuer) throw notFound('发起组织');
  if (!inScope(actor, issuer.path)) throw await denied(ctx, rc, 'org', issuer.id, 'scope');
  if (!isIssuerKind(issuer.kind) || issuer.status !== 'active')
    throw badRequest('ISSUER_NOT_COMMITTEE', '督查计划只能由党委（党工委、党总支）发起', 'orgId');
  if (Number(input.periodFrom.slice(0, 4)) !== input.year)
    throw badRequest('YEAR_MISMATCH', '督查开始日期应在所填年度内', 'periodFrom');
  const orgs = new Map(
    (
      await findOrgsByIds(
        ctx.db,
        input.targets.map((t) => t.orgId),
      )
    ).map((o) => [o.id, o]),
  );
  for (const [i, t] of input.targets.entries())
    if (!orgs.has(t.orgId)) throw badRequest('TARGET_UNKNOWN', '督查对象不存在', `targets[${i}].orgId`);
  const targets = input.targets.map((t) => ({ org: orgs.get(t.orgId)!, plannedOn: t.plannedOn }));
  const d = decidePlanTargets(issuer, { from: input.periodFrom, to: input.periodTo }, targets);
  if (!d.ok) throw fromDecision(d);
  return ctx.db.transaction().execute(async (trx) => {
    const plan = await repo.insertPlan(trx, {
      org_id: issuer.id,
      org_path: issuer.path,
      org_name: issuer.name,
      title: input.title,
      year: input.year,
      period_from: input.periodFrom,
      period_to: input.periodTo,
      kind: input.kind,
      inspectors: JSON.stringify(input.inspectors),
      note: input.note ?? '',
      created_by: actor.userId,
      created_at: ctx.now().toISOString(),
    });
    await repo.insertTargets(
      trx,
      targets.map((t) => ({
        plan_id: plan.id,
        org_id: t.org.id,
        org_path: t.org.path,
        org_name: t.org.name,
        planned_on: t.plannedOn,
        plan_org_path: issuer.path,
      })),
    );
    await appendAudit(trx, ctx.ring, {
      ...auditBase(ctx, rc, 'inspection_plan'),
      action: 'inspection.plan.create',
      objectId: plan.id,
      scopePath: issuer.path,
      detail: {
        after: { ...presentPlan(plan), targets: targets.map((t) => `${t.org.name} ${t.plannedOn}`) },
      },
    });
    await refreshAlertsIn(ctx, trx, ALERT_SOURCES, issuer.path);
    return { data: presentPlan(plan) };
  });
}

/** Plans issued in the subtree, with progress counts per plan. */
export async function listPlans(
  ctx: AppContext,
  rc: RequestContext,
  f: { orgId?: number | undefined; year?: number | undefined },
) {
  const org = await requireScopeOrg(ctx, rc, f.orgId);
  const plans = await repo.listPlans(ctx.db, org.path, f.year);
  const ids = plans.map((p) => p.id);
  const [targets, visits] = await Promise.all([repo.targetsOf(ctx.db, ids), repo.visitsOfPlans(ctx.db, ids)]);
  const visited = new Set(visits.map((v) => v.target_id));
  const day = today(ctx);
  return {
    data: plans.map((p) => {
      const mine = targets.filter((t) => t.plan_id === p.id);
      const statuses = mine.map((t) =>
        targetStatus(t.planned_on, visited.has(t.id) ? t.planned_on : null, day),
      );
      return {
        ...presentPlan(p),
        targets: mine.length,
        visited: statuses.filter((s) => s === 'visited').length,
        overdue: statuses.filter((s) => s === 'overdue').length,
      };
    }),
    policies: {
      create: isIssuerKind(org.kind) && INSP_STAFF.some((r) => requireActor(rc).roles.includes(r)),
    },
  };
}

export async function getPlan(ctx: AppContext, rc: RequestContext, id: number) {
  const plan = await requirePlan(ctx, rc, id);
  const [targets, visits] = await Promise.all([
    repo.targetsOf(ctx.db, [id]),
    repo.visitsOfPlans(ctx.db, [id]),
  ]);
  const findings = await repo.findingsOfVisits(
    ctx.db,
    visits.map((v) => v.id),
  );
  const day = today(ctx);
  return {
    data: {
      ...presentPlan(plan),
      targets: targets.map((t) => {
        const v = visits.find((x) => x.target_id === t.id);
        const status = targetStatus(t.planned_on, v?.visited_on ?? null, day);
        const fs = v ? findings.filter((f) => f.visit_id === v.id) : [];
        return {
          id: t.id,
          orgId: t.org_id,
          orgName: t.org_name,
          plannedOn: t.planned_on,
          status,
          statusLabel: TARGET_STATUS_LABEL[status],
          visit: v
            ? {
                id: v.id,
                visitedOn: v.visited_on,
                findings: fs.length,
                seriousFindings: fs.filter((f) => f.severity === '严重').length,
              }
            : null,
        };
      }),
      checklist: checklistOf(ctx, day),
    },
    policies: { recordVisit: true },
  };
}

export async function recordVisit(
  ctx: AppContext,
  rc: RequestContext,
  planId: number,
  input: RecordVisitInput,
) {
  const actor = requireActor(rc);
  const plan = await requirePlan(ctx, rc, planId);
  const target = (await repo.targetsOf(ctx.db, [planId])).find((t) => t.org_id === input.orgId);
  if (!target) throw badRequest('NOT_A_TARGET', '该组织不是本督查计划的督查对象', 'orgId');
  if (await repo.visitOfTarget(ctx.db, target.id))
    throw conflict('VISIT_EXISTS', `“${target.org_name}”已登记督查记录`, 'orgId');
  const day = today(ctx);
  const dv = decideVisitDate(input.visitedOn, plan.period_from, day);
  if (!dv.ok) throw fromDecision(dv);
  const book = checklistOf(ctx, input.visitedOn);
  const dc = decideChecklist(book, input.checklist);
  if (!dc.ok) throw fromDecision(dc);
  const df = decideFindings(book, input.findings);
  if (!df.ok) throw fromDecision(df);
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const visit = await repo.insertVisit(trx, {
      plan_id: plan.id,
      target_id: target.id,
      org_id: target.org_id,
      org_path: target.org_path,
      org_name: target.org_name,
      plan_org_path: plan.org_path,
      visited_on: input.visitedOn,
      inspectors: JSON.stringify(input.inspectors),
      checklist: JSON.stringify(dc.value),
      conclusion: input.conclusion,
      created_by: actor.userId,
      created_at: now,
    });
    const findings = await repo.insertFindings(
      trx,
      input.findings.map((f) => ({
        visit_id: visit.id,
        plan_id: plan.id,
        org_id: target.org_id,
        org_path: target.org_path,
        plan_org_path: plan.org_path,
        item_code: f.itemCode,
        text: f.text,
        severity: f.severity,
        recorded_on: day,
        rect_item_id: null,
        created_at: now,
      })),
    );
    await appendAudit(trx, ctx.ring, {
      ...auditBase(ctx, rc, 'inspection_visit'),
      action: 'inspection.visit.record',
      objectId: visit.id,
      scopePath: target.org_path,
      detail: {
        after: {
          plan: plan.title,
          org: target.org_name,
          visitedOn: input.visitedOn,
          notMet: dc.value.filter((c) => c.result === '不符合').map((c) => c.label),
          findings: findings.map((f) => `${f.severity}：${f.text}`),
        },
      },
    });
    await refreshAlertsIn(ctx, trx, ALERT_SOURCES, plan.org_path);
    return { data: { id: visit.id, findingIds: findings.map((f) => f.id) } };
  });
}

/** Findings with the state of their 整改; `scopePath` covers the inspected organisations. */
async function presentFindings(
  ctx: AppContext,
  scopePath: string,
  rows: repo.FindingRow[],
  book: readonly ChecklistItem[],
) {
  const day = today(ctx);
  const rects = await listRectifications(
    ctx.db,
    scopePath,
    { sourceType: FINDING_SOURCE, sourceIds: rows.map((f) => f.id) },
    day,
    1000,
  );
  const days = rectifyDays(ctx, day);
  return rows.map((f) => {
    const rect = f.rect_item_id ? rects.find((r) => r.id === f.rect_item_id) : undefined;
    return {
      id: f.id,
      text: f.text,
      severity: f.severity,
      itemCode: f.item_code,
      itemLabel: book.find((b) => b.code === f.item_code)?.label ?? f.item_code,
      recordedOn: f.recorded_on,
      rectItemId: f.rect_item_id,
      rect: rect
        ? {
            id: rect.id,
            status: rect.status,
            deadline: rect.deadline,
            overdue: rect.overdue,
            closedAt: rect.closedAt,
          }
        : null,
      defaultDeadline: defaultDeadline(f.severity as FindingSeverity, days, day),
    };
  });
}

export async function getVisit(ctx: AppContext, rc: RequestContext, id: number) {
  const actor = requireActor(rc);
  const visit = await repo.findVisit(ctx.db, id);
  if (!visit) throw notFound('督查记录');
  if (!canReadVisit(actor, visit)) throw await denied(ctx, rc, 'inspection_visit', id, 'scope');
  const [plan, findings, photos] = await Promise.all([
    repo.findPlan(ctx.db, visit.plan_id),
    repo.findingsOfVisits(ctx.db, [id]),
    repo.photosOfVisit(ctx.db, id),
  ]);
  const manage = canManagePlan(actor, { org_path: visit.plan_org_path });
  return {
    data: {
      id: visit.id,
      plan: { id: plan!.id, title: plan!.title, kind: plan!.kind, orgName: plan!.org_name },
      orgId: visit.org_id,
      orgName: visit.org_name,
      visitedOn: visit.visited_on,
      inspectors: parseNames(visit.inspectors),
      checklist: JSON.parse(visit.checklist) as ChecklistEntry[],
      conclusion: visit.conclusion,
      findings: await presentFindings(ctx, visit.org_path, findings, checklistOf(ctx, visit.visited_on)),
      photos: photos.map((p) => ({ id: p.id, fileName: p.file_name, size: p.size })),
    },
    policies: { manage },
  };
}

/** 转为整改: the finding becomes an item of the inspected organisation, owned by its 书记 if any. */
export async function rectifyFinding(ctx: AppContext, rc: RequestContext, id: number, input: RectifyInput) {
  const actor = requireActor(rc);
  const finding = await repo.findFinding(ctx.db, id);
  if (!finding) throw notFound('发现问题');
  if (!canManagePlan(actor, { org_path: finding.plan_org_path }))
    throw await denied(ctx, rc, 'inspection_finding', id, 'scope');
  if (finding.rect_item_id !== null) throw conflict('ALREADY_RECTIFYING', '该问题已转为整改事项', 'id');
  const day = today(ctx);
  const deadline =
    input.deadline ?? defaultDeadline(finding.severity as FindingSeverity, rectifyDays(ctx, day), day);
  if (deadline < day) throw badRequest('DEADLINE_PAST', '整改期限不能早于今天', 'deadline');
  const [visit, secretary] = await Promise.all([
    repo.findVisit(ctx.db, finding.visit_id),
    repo.secretaryOf(ctx.db, finding.org_id, day),
  ]);
  const plan = (await repo.findPlan(ctx.db, finding.plan_id))!;
  return ctx.db.transaction().execute(async (trx) => {
    const item = await createRectification(
      trx,
      ctx,
      {
        sourceType: FINDING_SOURCE,
        sourceId: finding.id,
        org: { id: finding.org_id, path: finding.org_path },
        owner: secretary ? { personId: secretary.personId, name: secretary.name } : null,
        title: input.title ?? `督查发现问题整改：${finding.text.slice(0, 60)}`,
        detail: `${plan.org_name}“${plan.title}”于${visit!.visited_on}督查${visit!.org_name}发现（${finding.severity}）：${finding.text}`,
        deadline,
      },
      actorOf(actor, rc.meta),
    );
    await repo.setFindingRect(trx, finding.id, item.id);
    await appendAudit(trx, ctx.ring, {
      ...auditBase(ctx, rc, 'inspection_finding'),
      action: 'inspection.finding.rectify',
      objectId: finding.id,
      scopePath: finding.org_path,
      detail: { after: { rectificationId: item.id, deadline, owner: secretary?.name ?? null } },
    });
    await refreshAlertsIn(ctx, trx, ALERT_SOURCES, plan.org_path);
    return { data: { findingId: finding.id, rectification: item } };
  });
}

/** 督查结果 of an organisation and those below it: every visit about them, with findings and 整改. */
export async function received(
  ctx: AppContext,
  rc: RequestContext,
  f: { orgId?: number | undefined; year?: number | undefined },
) {
  const org = await requireScopeOrg(ctx, rc, f.orgId);
  const visits = await repo.visitsAbout(ctx.db, org.path, f.year);
  const findings = await repo.findingsOfVisits(
    ctx.db,
    visits.map((v) => v.id),
  );
  const plans = new Map<number, repo.PlanRow>();
  for (const id of new Set(visits.map((v) => v.plan_id))) plans.set(id, (await repo.findPlan(ctx.db, id))!);
  const book = checklistOf(ctx, today(ctx));
  const all = await presentFindings(ctx, org.path, findings, book);
  return {
    data: visits.map((v) => {
      const p = plans.get(v.plan_id)!;
      const checklist = JSON.parse(v.checklist) as ChecklistEntry[];
      return {
        id: v.id,
        plan: { id: p.id, title: p.title, kind: p.kind, orgName: p.org_name },
        orgId: v.org_id,
        orgName: v.org_name,
        visitedOn: v.visited_on,
        conclusion: v.conclusion,
        notMet: checklist.filter((c) => c.result === '不符合').length,
        findings: all.filter((x) => findings.find((fr) => fr.id === x.id)?.visit_id === v.id),
      };
    }),
  };
}
