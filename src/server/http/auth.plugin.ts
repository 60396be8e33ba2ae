import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { denied, requireActor as requireActorOf } from '../authz.ts';
import type { Actor, AppContext, RequestContext, RequestMeta } from '../context.ts';
import { authenticate, SESSION_COOKIE } from '../modules/auth/auth.service.ts';
import { AppError } from './errors.ts';
import { hasAnyRole, PUBLIC, SIGNED_IN, type RoutePolicy } from './policy.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    meta: RequestMeta;
    /** The service context of this request (built once here; services take it, never the request). */
    rc: RequestContext;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The API documentation (routes the swagger plugins add): public in development, signed-in in production. */
const DOCS_PREFIXES = ['/api/docs', '/api/openapi.json'];

/** The acting user of an HTTP request (route files only; services take a RequestContext). */
export function requireActor(request: FastifyRequest): Actor {
  return requireActorOf(request.rc);
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
  app.decorateRequest('rc', null as unknown as RequestContext);

  app.addHook('onRoute', (route) => {
    if (DOCS_PREFIXES.some((p) => route.url.startsWith(p))) {
      const policy: RoutePolicy = ctx.config.docsPublic ? PUBLIC : SIGNED_IN;
      route.config = { ...(route.config as object), policy } as typeof route.config;
    }
  });

  // The decision is taken from the route the router matched and the policy it declares, never
  // from the spelling of the URL: the router decodes percent-escapes, so a prefix test on the raw
  // text ('/%61pi/…') would skip authentication while the route still runs.
  app.addHook('onRequest', async (request) => {
    const ua = request.headers['user-agent'];
    request.meta = {
      requestId: randomUUID(),
      ip: request.ip,
      ...(ua ? { userAgent: ua.slice(0, 300) } : {}),
    };
    request.rc = {
      via: 'http',
      actor: null,
      meta: request.meta,
      method: request.method,
      url: request.url,
      log: request.log,
    };
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
        request.actor = request.rc.actor = await authenticate(ctx, token);
        const header = request.headers['x-csrf-token'];
        if (request.actor && header !== request.actor.csrfToken && !sameOrigin(request)) {
          throw new AppError('forbidden', 'CSRF', '缺少或错误的CSRF令牌，请刷新页面后重试');
        }
      }
    }
    if (policy.access === 'public') return;
    request.actor ??= await authenticate(ctx, token);
    const actor = (request.rc.actor = request.actor);
    if (!actor) throw new AppError('unauthenticated', 'UNAUTHENTICATED', '请先登录');
    if (actor.mustChangePassword && !policy.allowDuringPasswordChange) {
      throw new AppError('forbidden', 'PASSWORD_CHANGE_REQUIRED', '请先修改初始口令或已过期的口令');
    }
    if (policy.roles && !hasAnyRole(actor, policy.roles)) {
      throw await denied(ctx, request.rc, 'route', request.routeOptions.url, 'role');
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
