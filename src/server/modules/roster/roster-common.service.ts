// Roster services: helpers shared by the roster service sections (scope, audit, filters).
import type { MemberListQuery } from '../../../core/roster/roster.schemas.ts';
import { ageBands, bandDates } from '../../../core/roster/structure.rules.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { addMonths, chinaDate } from '../../../core/shared/dates.ts';
import { type AuditEntry } from '../../audit/audit.repository.ts';
import { denied } from '../../authz.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import { notFound } from '../../http/errors.ts';
import { inScope } from '../../http/policy.ts';
import * as repo from './roster.repository.ts';

export const today = (ctx: AppContext) => chinaDate(ctx.now());

/** Floating since this day or earlier: away long enough that the relationship should be transferred. */
export function transferDueBefore(ctx: AppContext, on: string): string {
  return addMonths(on, -ruleValue<number>(ctx.config.rulebook, 'roster.transfer.awayMonths', on));
}

export function auditBase(
  ctx: AppContext,
  rc: RequestContext,
): Pick<AuditEntry, 'at' | 'result' | 'actorUserId' | 'actorUsername' | 'requestId' | 'ip'> {
  const a = rc.actor!;
  return {
    at: ctx.now().toISOString(),
    result: 'ok',
    actorUserId: a.userId,
    actorUsername: a.username,
    requestId: rc.meta.requestId,
    ip: rc.meta.ip,
  };
}

export async function requireOrg(ctx: AppContext, rc: RequestContext, orgId: number): Promise<repo.OrgFacts> {
  const org = await repo.findOrgById(ctx.db, orgId);
  if (!org) throw notFound('组织');
  if (!inScope(rc.actor!, org.path)) throw await denied(ctx, rc, 'org', orgId, 'scope');
  return org;
}

function ageFilter(ctx: AppContext, key: string | undefined, on: string) {
  if (!key) return undefined;
  const bands = ageBands(
    ruleValue<number>(ctx.config.rulebook, 'roster.structure.youngAge', on),
    ruleValue<number>(ctx.config.rulebook, 'roster.structure.oldAge', on),
  );
  const band = bands.find((b) => b.key === key);
  return band ? bandDates(band, on) : undefined;
}

export function memberFilter(
  ctx: AppContext,
  org: repo.OrgFacts,
  q: Omit<MemberListQuery, 'after' | 'limit'>,
): repo.MemberFilter {
  const on = today(ctx);
  return {
    scopePath: org.path,
    on,
    q: q.q?.trim() || undefined,
    match: q.match,
    category: q.category,
    gender: q.gender,
    education: q.education,
    birth: ageFilter(ctx, q.ageBand, on),
    flag: q.flag,
  };
}
