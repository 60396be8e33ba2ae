// Helpers shared by the 党建责任制 services: the day, the audit row base, the scope organisation.
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { chinaDate } from '../../../core/shared/dates.ts';
import { requireActor } from '../../authz.ts';
import type { AppContext, RequestContext } from '../../context.ts';

export const today = (ctx: AppContext) => chinaDate(ctx.now());

export const rule = <V>(ctx: AppContext, id: string, on: string) => ruleValue<V>(ctx.config.rulebook, id, on);

export function entryBase(ctx: AppContext, rc: RequestContext, objectType: string) {
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

export { scopeOrg } from '../../authz.ts';

/** Alert source ids (kept here so the alert sources import no service: no import cycle). */
export const ITEMS_SOURCE = 'responsibility.items';
export const LETTERS_SOURCE = 'responsibility.letters';

export const ackDays = (ctx: AppContext, on: string) =>
  rule<number>(ctx, 'responsibility.letter.ackDays', on);
