// Authorisation helpers for services: they take the explicit RequestContext, never an HTTP type.
import { appendAudit } from './audit/audit.repository.ts';
import type { Actor, AppContext, RequestContext } from './context.ts';
import { AppError, forbidden } from './http/errors.ts';

/** The acting user; a service reached without one (a PUBLIC route, an anonymous job) refuses. */
export function requireActor(rc: { actor: Actor | null }): Actor {
  if (!rc.actor) throw new AppError('unauthenticated', 'UNAUTHENTICATED', '请先登录');
  return rc.actor;
}

/** Audits an authorisation failure and returns the 403 to throw. */
export async function denied(
  ctx: AppContext,
  rc: RequestContext,
  objectType: string,
  objectId: string | number | null,
  reason: string,
): Promise<AppError> {
  await ctx.db.transaction().execute((trx) =>
    appendAudit(trx, ctx.ring, {
      at: ctx.now().toISOString(),
      action: 'authz_denied',
      result: 'denied',
      actorUserId: rc.actor?.userId ?? null,
      actorUsername: rc.actor?.username ?? null,
      objectType,
      objectId,
      requestId: rc.meta.requestId,
      ip: rc.meta.ip,
      detail: { method: rc.method, url: rc.url.slice(0, 300), reason },
    }),
  );
  return forbidden();
}
