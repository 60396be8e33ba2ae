import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { verifyAuditChain } from '../../audit/audit.repository.ts';
import type { AppContext } from '../../context.ts';
import { signedIn } from '../../http/policy.ts';

const tags = ['审计'];
// 三员分立: only the audit administrator reads the audit log.
const auditor = signedIn(['audit_admin']);

export function auditRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/audit', {
    config: { policy: auditor },
    schema: {
      tags, summary: '审计日志（按序号倒序，键集分页）',
      querystring: z.strictObject({
        before: z.coerce.number().int().positive().optional(),
        action: z.string().max(64).optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
      }),
    },
    handler: async (req) => {
      let q = ctx.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(req.query.limit);
      if (req.query.before) q = q.where('seq', '<', req.query.before);
      if (req.query.action) q = q.where('action', '=', req.query.action);
      const rows = await q.execute();
      return {
        data: rows.map((r) => ({
          seq: Number(r.seq), at: r.at, actorUserId: r.actor_user_id, actorUsername: r.actor_username, action: r.action,
          objectType: r.object_type, objectId: r.object_id, result: r.result, requestId: r.request_id, ip: r.ip,
          detail: JSON.parse(r.detail) as unknown,
        })),
      };
    },
  });

  r.get('/api/audit/verify', {
    config: { policy: auditor },
    schema: { tags, summary: '校验审计日志哈希链' },
    handler: async () => ({ data: await verifyAuditChain(ctx.db, ctx.ring) }),
  });
}
