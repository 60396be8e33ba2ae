// Helpers shared by 党费 part A (bases, ledger, reports): rates from the rulebook, audit base,
// the organisation a request is about.
import { isMonth, type BaseTiming } from '../../../core/dues/ledger.rules.ts';
import type { DuesRates } from '../../../core/dues/rates.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import type { Rulebook } from '../../../core/rulebook/rulebook.types.ts';
import { chinaDate } from '../../../core/shared/dates.ts';
import { denied, requireActor } from '../../authz.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import { badRequest, notFound } from '../../http/errors.ts';
import { hasAnyRole, inScope } from '../../http/policy.ts';
import { findOrgById } from '../orgs/orgs.repository.ts';

export const DUES_STAFF = ['org_admin', 'worker'] as const;
/** Alert source of 欠缴党费 (C refreshes it when a 减免 is approved; B when a payment lands). */
export const ARREARS_SOURCE = 'dues.arrears';

/** The rate tables in force for a month (a province override replaces them in the rulebook). */
export function ratesOf(book: Rulebook, month: string): DuesRates {
  const on = `${month}-01`;
  return {
    inService: ruleValue(book, 'dues.rates.inService', on),
    retired: ruleValue(book, 'dues.rates.retired', on),
    fixed: ruleValue(book, 'dues.fixed', on),
  };
}

export function ratesFor(ctx: AppContext, month: string): DuesRates {
  return ratesOf(ctx.config.rulebook, month);
}

export function baseTiming(ctx: AppContext, month: string): BaseTiming {
  return ruleValue<BaseTiming>(ctx.config.rulebook, 'dues.baseTiming', `${month}-01`);
}

export function todayOf(ctx: AppContext): string {
  return chinaDate(ctx.now());
}

export function auditBase(ctx: AppContext, rc: RequestContext, objectType: string) {
  const a = rc.actor;
  return {
    at: ctx.now().toISOString(),
    result: 'ok' as const,
    actorUserId: a?.userId ?? null,
    actorUsername: a?.username ?? (rc.via === 'http' ? null : `${rc.via}:${rc.url}`),
    requestId: rc.meta.requestId,
    ip: rc.meta.ip,
    objectType,
  };
}

/**
 * The organisation asked about: the caller's own by default, else one in the caller's subtree.
 * Jobs and CLI commands without an actor act for the whole system.
 */
export async function staffOrg(ctx: AppContext, rc: RequestContext, orgId: number | undefined) {
  if (rc.via !== 'http' && !rc.actor) {
    if (orgId === undefined) throw badRequest('ORG_REQUIRED', '请指定组织', 'orgId');
    const org = await findOrgById(ctx.db, orgId);
    if (!org) throw notFound('组织');
    return org;
  }
  const actor = requireActor(rc);
  const org = await findOrgById(ctx.db, orgId ?? actor.scopeOrgId);
  if (!org) throw notFound('组织');
  if (!hasAnyRole(actor, DUES_STAFF) || !inScope(actor, org.path))
    throw await denied(ctx, rc, 'org', org.id, 'scope');
  return org;
}

export function requireMonth(month: string, field = 'month'): string {
  if (!isMonth(month)) throw badRequest('BAD_MONTH', '月份格式应为“YYYY-MM”', field);
  return month;
}
