// 工作台 (issue 17): what an organisation's people see first — the subtree's KPIs (indicators,
// one definition each), its open alert counts by code and severity (read from the per-ancestor
// counters), the to-dos of the actor's roles, the ranking of the child organisations, 12-month
// trends, and for a branch this month's meetings against what is required.
import type { Role } from '../../../core/auth/roles.ts';
import { COMPLIANCE_STATUSES } from '../../../core/org-life/compliance.ts';
import { periodOf } from '../../../core/org-life/periods.ts';
import { chinaDate } from '../../../core/shared/dates.ts';
import { scopeOrg } from '../../authz.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import { countsFor } from '../alerts/alerts.service.ts';
import { childFigures, kpisOf, trendsOf } from '../indicators/indicators.service.ts';
import { complianceRows } from '../org-life/org-life.compliance.ts';
import { todosOf } from './workbench.todos.ts';

export async function workbench(ctx: AppContext, rc: RequestContext, orgId: number | undefined) {
  const org = await scopeOrg(ctx, rc, orgId);
  const today = chinaDate(ctx.now());
  const [kpis, alerts, todos, month] = await Promise.all([
    kpisOf(ctx, org.id),
    countsFor(ctx, org.id),
    todosOf(ctx, org, rc.actor!.roles as Role[], today),
    monthOf(ctx, org, today),
  ]);
  return {
    data: {
      org: { id: org.id, name: org.name, code: org.code, kind: org.kind },
      kpis: kpis.map((k) => ({
        key: k.key,
        label: k.label,
        value: k.value,
        unit: k.unit,
        definition: k.definition,
      })),
      alerts,
      todos,
      month,
    },
  };
}

/** A branch's meetings this month against what the rulebook requires (null above branch level). */
async function monthOf(ctx: AppContext, org: { id: number; path: string; kind: string }, today: string) {
  if (org.kind === '党委' || org.kind === '党工委') return null;
  const [y, m] = today.split('-').map(Number) as [number, number];
  const rows = await complianceRows(ctx, org, periodOf(y, undefined, m), today);
  const own = rows.filter((r) => r.orgId === org.id && r.status !== COMPLIANCE_STATUSES[3]);
  return own.map((r) => ({
    type: r.type,
    required: r.required,
    held: r.held,
    status: r.status,
    reason: r.reason,
  }));
}

export async function ranking(ctx: AppContext, rc: RequestContext, orgId: number | undefined) {
  const org = await scopeOrg(ctx, rc, orgId);
  const children = await ctx.db
    .selectFrom('orgs')
    .select(['id', 'name'])
    .where('parent_id', '=', org.id)
    .where('status', '=', 'active')
    .where('kind', '!=', '党小组')
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
  return { data: { orgId: org.id, indicators: await childFigures(ctx, children) } };
}

export async function trends(ctx: AppContext, rc: RequestContext, orgId: number | undefined) {
  const org = await scopeOrg(ctx, rc, orgId);
  return { data: { orgId: org.id, ...(await trendsOf(ctx, org.id)) } };
}
