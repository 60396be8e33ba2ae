// 毕业生党员组织关系暂留: members whose relationship stays at the school after graduating, with the
// deadline (roster.graduate.maxYears) and status (即将到期 within roster.graduate.warnDays).
// Read-only: the flag and the graduation date are edited on the member profile (roster.service).
import {
  graduateStanding,
  graduateStatusBounds,
  type GraduateRules,
} from '../../../core/roster/graduate.rules.ts';
import type { GraduateListQuery } from '../../../core/roster/roster.schemas.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { chinaDate } from '../../../core/shared/dates.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import { denied } from '../../authz.ts';
import { notFound } from '../../http/errors.ts';
import { inScope } from '../../http/policy.ts';
import { memberPolicies } from './roster.policy.ts';
import * as grepo from './roster-graduates.repository.ts';
import * as repo from './roster.repository.ts';

export function graduateRules(ctx: AppContext, on: string): GraduateRules {
  return {
    maxYears: ruleValue<number>(ctx.config.rulebook, 'roster.graduate.maxYears', on),
    warnDays: ruleValue<number>(ctx.config.rulebook, 'roster.graduate.warnDays', on),
  };
}

function present(r: grepo.GraduateRow, on: string, rules: GraduateRules) {
  const standing = graduateStanding(r.graduated_on, true, on, rules)!;
  return {
    personId: Number(r.id),
    name: r.name,
    gender: r.gender,
    birthDate: r.birth_date,
    org: { id: Number(r.org_id), name: r.org_name, code: r.org_code },
    identity: r.identity,
    workUnit: r.work_unit,
    graduatedOn: r.graduated_on!,
    ...standing,
    transferOpen: Number(r.transfer_open) === 1,
  };
}

export async function listGraduates(ctx: AppContext, rc: RequestContext, q: GraduateListQuery) {
  const org = await repo.findOrgById(ctx.db, q.orgId);
  if (!org) throw notFound('组织');
  if (!inScope(rc.actor!, org.path)) throw await denied(ctx, rc, 'org', q.orgId, 'scope');
  const on = chinaDate(ctx.now());
  const rules = graduateRules(ctx, on);
  const f: grepo.GraduateFilter = {
    scopePath: org.path,
    on,
    bounds: graduateStatusBounds(on, rules),
    status: q.status,
  };
  const [g, id] = q.after ? q.after.split('|') : [];
  const after = g && id ? { graduatedOn: g, personId: Number(id) } : null;
  const rows = await grepo.listGraduates(ctx.db, f, after, q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    data: {
      on,
      items: page.map((r) => present(r, on, rules)),
      nextCursor: rows.length > q.limit && last ? `${last.graduated_on}|${Number(last.id)}` : null,
      /** Counts by status over the whole subtree, whatever the status filter and page. */
      summary: await grepo.countGraduates(ctx.db, f),
      rules,
    },
    policies: memberPolicies(rc.actor!),
  };
}
