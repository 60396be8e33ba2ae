import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor, AppContext } from '../../context.ts';
import { requireActor } from '../../http/auth.plugin.ts';
import { AppError } from '../../http/errors.ts';
import { PUBLIC } from '../../http/policy.ts';
import { changePassword, login, logout, SESSION_COOKIE } from './auth.service.ts';

const tags = ['认证'];

/** Per-IP login throttle (in memory, per app node; the per-account lockout is in the database). */
function ipThrottle(limitPerMinute: number) {
  const hits = new Map<string, number[]>();
  return (ip: string, now: number): boolean => {
    const recent = (hits.get(ip) ?? []).filter((t) => now - t < 60_000);
    recent.push(now);
    hits.set(ip, recent);
    if (hits.size > 10_000) hits.clear();
    return recent.length <= limitPerMinute;
  };
}

export function presentMe(actor: Actor) {
  return {
    user: { id: actor.userId, username: actor.username, displayName: actor.displayName, mustChangePassword: actor.mustChangePassword },
    roles: actor.roles,
    scope: { orgId: actor.scopeOrgId, orgCode: actor.scopeCode, name: actor.scopeName },
    csrfToken: actor.csrfToken,
  };
}

export function authRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const allow = ipThrottle(ctx.config.loginPerIpPerMinute);

  r.post('/api/auth/login', {
    config: { policy: PUBLIC },
    schema: {
      tags, summary: '登录',
      body: z.strictObject({
        username: z.string().trim().min(1, '请输入用户名').max(64, '用户名不能超过64个字符'),
        password: z.string().min(1, '请输入口令').max(128, '口令不能超过128个字符'),
      }),
    },
    handler: async (req, reply) => {
      if (!allow(req.ip, ctx.now().getTime())) throw new AppError('too_many', 'TOO_MANY_ATTEMPTS', '登录尝试过于频繁，请稍后再试');
      const { token, actor } = await login(ctx, req.body.username, req.body.password, { ...req.meta, userAgent: req.headers['user-agent'] });
      reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: ctx.config.cookieSecure, path: '/' });
      return { data: presentMe(actor) };
    },
  });

  r.post('/api/auth/logout', {
    config: { policy: { access: 'authenticated', allowDuringPasswordChange: true } },
    schema: { tags, summary: '退出登录' },
    handler: async (req, reply) => {
      await logout(ctx, requireActor(req), req.meta);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { data: { ok: true } };
    },
  });

  r.get('/api/me', {
    config: { policy: { access: 'authenticated', allowDuringPasswordChange: true } },
    schema: { tags, summary: '当前用户、角色和管辖范围' },
    handler: (req) => ({ data: presentMe(requireActor(req)) }),
  });

  r.post('/api/auth/password', {
    config: { policy: { access: 'authenticated', allowDuringPasswordChange: true } },
    schema: {
      tags, summary: '修改本人口令',
      body: z.strictObject({
        currentPassword: z.string().min(1, '请输入当前口令').max(128, '口令不能超过128个字符'),
        newPassword: z.string().min(1, '请输入新口令').max(128, '口令不能超过128个字符'),
      }),
    },
    handler: async (req) => {
      await changePassword(ctx, requireActor(req), req.body.currentPassword, req.body.newPassword, req.meta);
      return { data: { ok: true } };
    },
  });
}
