// Org-life services: compliance reports.
import { type ComplianceType } from '../../../core/org-life/meeting-types.ts';
import type { ComplianceQuery } from '../../../core/org-life/org-life.schemas.ts';
import { periodOf } from '../../../core/org-life/periods.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import { requireOrg, today } from './org-life-common.service.ts';
import { childrenSummary, complianceFindings, complianceRows, heatmap } from './org-life.compliance.ts';
import { canReport } from './org-life.policy.ts';

export function resolvePeriod(year: number, quarter?: number, month?: number) {
  return periodOf(year, quarter, month);
}

export async function compliance(ctx: AppContext, rc: RequestContext, orgId: number, query: ComplianceQuery) {
  const actor = rc.actor!;
  const org = await requireOrg(ctx, rc, orgId, (p) => canReport(actor, p));
  const period = resolvePeriod(query.year, query.quarter, query.month);
  const on = today(ctx);
  const filter = {
    ...(query.type ? { type: query.type as ComplianceType } : {}),
    ...(query.status ? { status: query.status } : {}),
  };
  const [all, findings] = await Promise.all([
    complianceRows(ctx, org, period, on, filter),
    complianceFindings(ctx, org, period),
  ]);
  const base = { org: org.code, orgName: org.name, period: period.key };
  if (query.limit === undefined) return { data: { ...base, rows: all, findings } };
  const offset = query.offset ?? 0;
  return {
    data: {
      ...base,
      rows: all.slice(offset, offset + query.limit),
      total: all.length,
      offset,
      limit: query.limit,
      findings,
    },
  };
}

export async function complianceHeatmap(
  ctx: AppContext,
  rc: RequestContext,
  orgId: number,
  year: number,
  type: ComplianceType,
) {
  const actor = rc.actor!;
  const org = await requireOrg(ctx, rc, orgId, (p) => canReport(actor, p));
  return {
    data: {
      org: { id: org.id, code: org.code, name: org.name },
      ...(await heatmap(ctx, org, year, type, today(ctx))),
    },
  };
}

export async function complianceSummary(
  ctx: AppContext,
  rc: RequestContext,
  orgId: number,
  year: number,
  type: ComplianceType,
) {
  const actor = rc.actor!;
  const org = await requireOrg(ctx, rc, orgId, (p) => canReport(actor, p));
  const children = await ctx.db
    .selectFrom('orgs')
    .select(['id', 'code', 'name', 'path'])
    .where('parent_id', '=', org.id)
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
  return { data: await childrenSummary(ctx, children, type, year, today(ctx)) };
}
