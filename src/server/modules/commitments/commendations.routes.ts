import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  decideNominationBody,
  nominateBody,
  openRoundBody,
} from '../../../core/commitments/commendations.schemas.ts';
import type { AppContext } from '../../context.ts';
import { PUBLIC, signedIn } from '../../http/policy.ts';
import * as service from './commendations.service.ts';
import { CM_READERS, CM_WRITERS } from './commitments.policy.ts';

const roundParams = z.object({ id: z.coerce.number().int().positive('评选ID不正确') });
const nominationParams = z.object({ id: z.coerce.number().int().positive('提名ID不正确') });
const orgQuery = z.coerce.number().int().positive('组织ID不正确').optional();
const yearQuery = z.coerce.number().int().min(2000, '年度不正确').max(2100, '年度不正确');
const tags = ['创先争优·两优一先'];

/** 两优一先 routes (issue 8): rounds, nominations, 公示, approval, archive, public 公示. */
export function registerCommendationsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const read = signedIn(CM_READERS);
  const write = signedIn(CM_WRITERS);

  r.get('/api/commendations/rounds', {
    config: { policy: read },
    schema: {
      tags,
      summary: '本组织发起或可参加的两优一先评选',
      querystring: z.strictObject({ orgId: orgQuery, year: yearQuery.optional() }),
    },
    handler: (req) => service.listRounds(ctx, req.rc, req.query.orgId, req.query.year),
  });

  r.post('/api/commendations/rounds', {
    config: { policy: write },
    schema: { tags, summary: '党委发起评选（设定提名期）', body: openRoundBody },
    handler: async (req, reply) => reply.status(201).send(await service.openRound(ctx, req.rc, req.body)),
  });

  r.get('/api/commendations/archive', {
    config: { policy: read },
    schema: {
      tags,
      summary: '两优一先表彰档案（按年度）',
      querystring: z.strictObject({ orgId: orgQuery, year: yearQuery }),
    },
    handler: (req) => service.archiveList(ctx, req.rc, req.query.orgId, req.query.year),
  });

  r.get('/api/commendations/rounds/:id', {
    config: { policy: read },
    schema: { tags, summary: '评选详情与提名', params: roundParams },
    handler: (req) => service.getRound(ctx, req.rc, req.params.id),
  });

  r.post('/api/commendations/rounds/:id/nominations', {
    config: { policy: write },
    schema: { tags, summary: '下级组织提名（附推荐理由与佐证）', params: roundParams, body: nominateBody },
    handler: async (req, reply) =>
      reply.status(201).send(await service.nominate(ctx, req.rc, req.params.id, req.body)),
  });

  r.post('/api/commendations/rounds/:id/publicity', {
    config: { policy: write },
    schema: { tags, summary: '提名期满后开始公示（按工作日计）', params: roundParams },
    handler: (req) => service.startPublicity(ctx, req.rc, req.params.id),
  });

  r.post('/api/commendations/rounds/:id/archive', {
    config: { policy: write },
    schema: { tags, summary: '全部审批后归档', params: roundParams },
    handler: (req) => service.archiveRound(ctx, req.rc, req.params.id),
  });

  r.post('/api/commendations/nominations/:id/decision', {
    config: { policy: write },
    schema: {
      tags,
      summary: '审批提名：公示期满后批准，或说明理由不批准',
      params: nominationParams,
      body: decideNominationBody,
    },
    handler: (req) => service.decideNomination(ctx, req.rc, req.params.id, req.body),
  });

  r.get('/api/public/commendations', {
    config: { policy: PUBLIC },
    schema: {
      tags,
      summary: '两优一先公示（无需登录）',
      querystring: z.strictObject({
        org: z.string().trim().min(1, '组织编码不能为空').max(50, '组织编码不正确'),
      }),
    },
    handler: (req) => service.publicCommendations(ctx, req.query.org),
  });
}
