// Shared helpers of 党费 part C (补交, 减免, 上缴): audit base, the organisation a request is about.
import { chinaDate } from '../../../../core/shared/dates.ts';
import { requireActor } from '../../../authz.ts';
import type { AppContext, RequestContext } from '../../../context.ts';

export const STAFF = ['org_admin', 'worker'] as const;

/** Alert sources whose findings change with 减免 and 上缴 (A's arrears source reads 减免). */
export const REMIT_SOURCE = 'dues.remittance';

export function auditBase(ctx: AppContext, rc: RequestContext, objectType: string) {
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

export { scopeOrg } from '../../../authz.ts';

export function today(ctx: AppContext): string {
  return chinaDate(ctx.now());
}

export function currentMonth(ctx: AppContext): string {
  return today(ctx).slice(0, 7);
}
