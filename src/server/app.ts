import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from './context.ts';
import { authPlugin } from './http/auth.plugin.ts';
import { bodyRefsPlugin } from './http/body-refs.plugin.ts';
import { AppError, sendError } from './http/errors.ts';
import { PUBLIC, SIGNED_IN } from './http/policy.ts';
import { registerSecurityHeaders } from './http/security-headers.ts';
import { registerTextHygiene } from './http/text-hygiene.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { orgRoutes } from './modules/orgs/orgs.routes.ts';
import { MODULE_ROUTES } from './modules/module-routes.ts';
import { userRoutes } from './modules/users/users.routes.ts';

z.config(z.locales.zhCN());

export interface BuildOptions {
  logger?: boolean;
  /** Serve the built web app from config.webDist when it exists. */
  serveWeb?: boolean;
  /** Sees every route once its policy is settled (the route-inventory test uses it). */
  onRoute?: (route: RouteOptions) => void;
}

export async function buildApp(ctx: AppContext, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger
      ? { level: 'info', redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'] }
      : false,
    bodyLimit: 1024 * 1024,
    trustProxy: process.env.DANGJIAN_TRUST_PROXY === '1',
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((error, request, reply) => sendError(reply, request, error));

  await app.register(fastifyCookie);
  await registerSecurityHeaders(app);
  registerTextHygiene(app);
  // Before any route exists, so that its onRoute hook sees the documentation routes too.
  await app.register(authPlugin, { ctx });
  await app.register(bodyRefsPlugin, { ctx });
  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: '党建工作平台 API',
        version: '0.1.0',
        description:
          '错误统一为 {"error":{"code","message","fields"}}，写操作需 X-CSRF-Token 或同源 Origin。',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  // Documentation policy (public outside production) is set with the swagger UI's in auth.plugin.ts.
  app.get('/api/openapi.json', { config: { policy: ctx.config.docsPublic ? PUBLIC : SIGNED_IN }, schema: { hide: true } }, () =>
    app.swagger(),
  );
  app.get(
    '/api/health',
    { config: { policy: { access: 'public' } }, schema: { tags: ['系统'], summary: '健康检查' } },
    () => ({
      data: { ok: true, engine: ctx.engine },
    }),
  );
  authRoutes(app, ctx);
  orgRoutes(app, ctx);
  userRoutes(app, ctx);
  auditRoutes(app, ctx);
  for (const register of MODULE_ROUTES) register(app, ctx);

  const webDist = ctx.config.webDist;
  if (options.serveWeb && existsSync(join(webDist, 'index.html'))) {
    await app.register(async (web) => {
      // The web app's files are public; only the routes registered here get this policy.
      web.addHook('onRoute', (route) => {
        route.config = { ...(route.config as object), policy: { access: 'public' } } as typeof route.config;
      });
      await web.register(fastifyStatic, {
        root: webDist,
        prefix: '/',
        wildcard: false,
        index: ['index.html'],
      });
      // Client-side routes: anything that is not /api and not a file gets the SPA shell (no data in it).
      web.setNotFoundHandler((request, reply) => {
        if (request.url.toLowerCase().startsWith('/api') || request.method !== 'GET') {
          return sendError(reply, request, new AppError('not_found', 'NOT_FOUND', '接口不存在'));
        }
        return reply.type('text/html').sendFile('index.html');
      });
    });
  } else {
    app.setNotFoundHandler((request, reply) =>
      sendError(reply, request, new AppError('not_found', 'NOT_FOUND', '接口不存在')),
    );
  }
  return app;
}
