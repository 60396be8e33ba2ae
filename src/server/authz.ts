// Authorisation helpers for services: they take the explicit RequestContext, never an HTTP type.
import { appendAudit } from './audit/audit.repository.ts';
import type { Actor, AppContext, RequestContext } from './context.ts';
import { AppError, forbidden, notFound } from './http/errors.ts';
import { inScope } from './http/policy.ts';
import { findOrgById } from './modules/orgs/orgs.repository.ts';

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

/** The organisation a request is about (default: the caller's own), refused outside the caller's subtree. */
export async function scopeOrg(ctx: AppContext, rc: RequestContext, orgId: number | undefined) {
  const actor = requireActor(rc);
  const id = orgId ?? actor.scopeOrgId;
  const org = await findOrgById(ctx.db, id);
  if (!org) throw notFound('组织');
  if (!inScope(actor, org.path)) throw await denied(ctx, rc, 'org', id, 'scope');
  return org;
}
