import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createOrgBody, dissolveOrgBody, moveOrgBody, renameOrgBody } from '../../../core/org/org.schemas.ts';
import type { AppContext } from '../../context.ts';
import { requireActor } from '../../http/auth.plugin.ts';
import { signedIn } from '../../http/policy.ts';
import { ORG_READERS, ORG_WRITERS } from './orgs.policy.ts';
import * as service from './orgs.service.ts';

const idParams = z.object({ id: z.coerce.number().int().positive('组织ID不正确') });
const read = signedIn(ORG_READERS);
const write = signedIn(ORG_WRITERS);
const tags = ['组织'];

export function orgRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/orgs', {
    config: { policy: read },
    schema: {
      tags,
      summary: '在本人管辖范围内按名称或编码搜索组织',
      querystring: z.strictObject({
        q: z.string().max(50, '搜索词不能超过50个字').default(''),
        limit: z.coerce.number().int().min(1).max(100).default(30),
      }),
    },
    handler: (req) => service.searchOrgs(ctx, requireActor(req), req.query.q, req.query.limit),
  });

  r.get('/api/orgs/:id', {
    config: { policy: read },
    schema: { tags, summary: '组织详情及人数统计', params: idParams },
    handler: (req) => service.getOrg(ctx, req.rc, req.params.id),
  });

  r.get('/api/orgs/:id/children', {
    config: { policy: read },
    schema: {
      tags,
      summary: '下级组织',
      params: idParams,
      querystring: z.strictObject({ includeDissolved: z.enum(['0', '1']).default('0') }),
    },
    handler: (req) => service.listChildren(ctx, req.rc, req.params.id, req.query.includeDissolved === '1'),
  });

  r.post('/api/orgs', {
    config: { policy: write },
    schema: { tags, summary: '新建组织', body: createOrgBody },
    handler: async (req, reply) => reply.status(201).send(await service.createOrg(ctx, req.rc, req.body)),
  });

  r.patch('/api/orgs/:id', {
    config: { policy: write },
    schema: { tags, summary: '组织更名', params: idParams, body: renameOrgBody },
    handler: (req) => service.renameOrg(ctx, req.rc, req.params.id, req.body),
  });

  r.post('/api/orgs/:id/move', {
    config: { policy: write },
    schema: { tags, summary: '调整隶属关系（移动子树）', params: idParams, body: moveOrgBody },
    handler: (req) => service.moveOrg(ctx, req.rc, req.params.id, req.body.parentId),
  });

  r.post('/api/orgs/:id/dissolve', {
    config: { policy: write },
    schema: { tags, summary: '撤销组织', params: idParams, body: dissolveOrgBody },
    handler: (req) => service.dissolveOrg(ctx, req.rc, req.params.id, req.body.dissolvedOn, req.body.reason),
  });
}
