import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { appendAudit } from '../audit/audit.repository.ts';
import type { Actor, AppContext, RequestMeta } from '../context.ts';
import { authenticate, SESSION_COOKIE } from '../modules/auth/auth.service.ts';
import { AppError, forbidden } from './errors.ts';
import { hasAnyRole } from './policy.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    meta: RequestMeta;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Routes added by plugins (OpenAPI docs) are public by design. */
const PUBLIC_PREFIXES = ['/api/docs', '/api/openapi.json'];

export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('unauthenticated', 'UNAUTHENTICATED', '请先登录');
  return request.actor;
}

/** Audits an authorisation failure and returns the 403 to throw. */
export async function denied(
  ctx: AppContext,
  request: FastifyRequest,
  objectType: string,
  objectId: string | number | null,
  reason: string,
): Promise<AppError> {
  await ctx.db.transaction().execute((trx) =>
    appendAudit(trx, ctx.ring, {
      at: ctx.now().toISOString(),
      action: 'authz_denied',
      result: 'denied',
      actorUserId: request.actor?.userId ?? null,
      actorUsername: request.actor?.username ?? null,
      objectType,
      objectId,
      requestId: request.meta.requestId,
      ip: request.meta.ip,
      detail: { method: request.method, url: request.url.slice(0, 300), reason },
    }),
  );
  return forbidden();
}

/** The not-found handler's pseudo-route (Fastify gives it no url, but be explicit). */
function isNotFoundRoute(request: FastifyRequest): boolean {
  return request.is404 === true;
}

function sameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (!origin) return false;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

export const authPlugin = fp(async (app: FastifyInstance, opts: { ctx: AppContext }) => {
  const { ctx } = opts;
  app.decorateRequest('actor', null);
  app.decorateRequest('meta', null as unknown as RequestMeta);

  app.addHook('onRoute', (route) => {
    if (PUBLIC_PREFIXES.some((p) => route.url.startsWith(p))) {
      route.config = { ...(route.config as object), policy: { access: 'public' } } as typeof route.config;
    }
  });

  // The decision is taken from the route the router matched and the policy it declares, never
  // from the spelling of the URL: the router decodes percent-escapes, so a prefix test on the raw
  // text ('/%61pi/…') would skip authentication while the route still runs.
  app.addHook('onRequest', async (request) => {
    request.meta = { requestId: randomUUID(), ip: request.ip };
    // No route matched: the not-found handler answers 404 and no handler runs.
    if (!request.routeOptions.url || isNotFoundRoute(request)) return;
    const policy = request.routeOptions.config?.policy;
    if (!policy) throw new AppError('forbidden', 'NO_POLICY', '该接口未声明访问策略，默认拒绝');

    const token = request.cookies[SESSION_COOKIE];
    if (UNSAFE.has(request.method)) {
      // A cookie-authenticated write needs the session's CSRF token or a same-origin Origin header.
      // Public writes (login) from a browser must come from our own origin.
      const origin = request.headers.origin;
      if (policy.access === 'public') {
        if (origin && !sameOrigin(request)) throw new AppError('forbidden', 'CSRF', '请求来源不被允许');
      } else if (token) {
        request.actor = await authenticate(ctx, token);
        const header = request.headers['x-csrf-token'];
        if (request.actor && header !== request.actor.csrfToken && !sameOrigin(request)) {
          throw new AppError('forbidden', 'CSRF', '缺少或错误的CSRF令牌，请刷新页面后重试');
        }
      }
    }
    if (policy.access === 'public') return;
    request.actor ??= await authenticate(ctx, token);
    const actor = request.actor;
    if (!actor) throw new AppError('unauthenticated', 'UNAUTHENTICATED', '请先登录');
    if (actor.mustChangePassword && !policy.allowDuringPasswordChange) {
      throw new AppError('forbidden', 'PASSWORD_CHANGE_REQUIRED', '请先修改初始口令或已过期的口令');
    }
    if (policy.roles && !hasAnyRole(actor, policy.roles)) {
      throw await denied(ctx, request, 'route', request.routeOptions.url, 'role');
    }
  });

  // Second line of defence: whatever happened above, no handler runs without an actor unless its
  // route is PUBLIC.
  app.addHook('preHandler', async (request) => {
    if (!request.routeOptions.url || isNotFoundRoute(request)) return;
    const policy = request.routeOptions.config?.policy;
    if (policy?.access === 'public') return;
    if (!policy) throw new AppError('forbidden', 'NO_POLICY', '该接口未声明访问策略，默认拒绝');
    if (!request.actor) throw new AppError('unauthenticated', 'UNAUTHENTICATED', '请先登录');
  });
});
