import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createLiaisonBody, endLiaisonBody } from '../../../core/commitments/commitments.schemas.ts';
import type { AppContext } from '../../context.ts';
import { signedIn } from '../../http/policy.ts';
import { CM_READERS, CM_WRITERS } from './commitments.policy.ts';
import * as service from './liaisons.service.ts';

const tags = ['创先争优·联系点'];

/** 联系点 routes (issue 8): who on a 党委's leadership team is linked to which organisations. */
export function registerLiaisonRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/commitments/liaisons', {
    config: { policy: signedIn(CM_READERS) },
    schema: {
      tags,
      summary: '联系点：党委领导班子成员联系的下级组织',
      querystring: z.strictObject({ orgId: z.coerce.number().int().positive('组织ID不正确').optional() }),
    },
    handler: (req) => service.listLiaisons(ctx, req.rc, req.query.orgId),
  });
  r.post('/api/commitments/liaisons', {
    config: { policy: signedIn(CM_WRITERS) },
    schema: { tags, summary: '设立联系点', body: createLiaisonBody },
    handler: async (req, reply) => reply.status(201).send(await service.createLiaison(ctx, req.rc, req.body)),
  });
  r.post('/api/commitments/liaisons/:id/end', {
    config: { policy: signedIn(CM_WRITERS) },
    schema: {
      tags,
      summary: '结束联系点（保留历史）',
      params: z.object({ id: z.coerce.number().int().positive('联系点ID不正确') }),
      body: endLiaisonBody,
    },
    handler: (req) => service.endLiaison(ctx, req.rc, req.params.id, req.body.validTo),
  });
}
