// Org-system services: reports.
import { countByCheck } from '../../../core/org-system/structure.rules.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import { requireOrg, today } from './org-system-common.service.ts';
import { canReadOs } from './org-system.policy.ts';
import { structureReport, termsReport } from './org-system.reports.ts';
import * as repo from './org-system.repository.ts';

export async function structure(ctx: AppContext, rc: RequestContext, orgId: number) {
  const org = await requireOrg(ctx, rc, orgId, canReadOs);
  const findings = await structureReport(ctx.db, ctx.config.rulebook, org, today(ctx));
  return {
    data: {
      org: { id: org.id, code: org.code, name: org.name },
      on: today(ctx),
      counts: countByCheck(findings),
      findings,
    },
  };
}

export async function terms(ctx: AppContext, rc: RequestContext, orgId: number) {
  const org = await requireOrg(ctx, rc, orgId, canReadOs);
  const rows = await termsReport(ctx.db, ctx.config.rulebook, org, today(ctx));
  const counts: Record<string, number> = {};
  for (const r of rows) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return {
    data: { org: { id: org.id, code: org.code, name: org.name }, on: today(ctx), counts, terms: rows },
  };
}

export async function units(ctx: AppContext, rc: RequestContext, orgId: number) {
  const org = await requireOrg(ctx, rc, orgId, canReadOs);
  const rows = await repo.unitsInScope(ctx.db, org.path, 1000);
  return {
    data: rows.map((u) => ({
      id: u.id,
      name: u.name,
      sector: u.sector,
      org: { id: u.org_id, code: u.org_code, name: u.org_name },
      branch: u.branch_id ? { id: u.branch_id, code: u.branch_code, name: u.branch_name } : null,
    })),
  };
}
