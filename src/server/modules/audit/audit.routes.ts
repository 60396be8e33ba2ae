import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { verifyAuditChain } from '../../audit/audit.repository.ts';
import type { AppContext } from '../../context.ts';
import { defineRoute } from '../../http/define-route.ts';
import { signedIn } from '../../http/policy.ts';

const tags = ['审计'];
// 三员分立: only the audit administrator reads the audit log.
const auditor = signedIn(['audit_admin']);

/** The ISO date after `day` (exclusive upper bound of a day range). */
function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The UTC instant at which a Beijing-time day begins, in the log's ISO format. */
function beijingDayStart(day: string): string {
  return new Date(`${day}T00:00:00+08:00`).toISOString();
}

export function auditRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/audit',
    policy: auditor,
    tags,
    summary: '审计日志（按序号倒序，键集分页）',
    query: z.strictObject({
      before: z.coerce.number().int().positive().optional(),
      action: z.string().max(64).optional(),
      actor: z.string().max(64).optional(),
      result: z.enum(['ok', 'denied', 'failed']).optional(),
      // Inclusive range of Beijing-time days (UTC+8, no DST); the log stores UTC instants.
      from: z.iso.date({ error: '开始日期格式应为YYYY-MM-DD' }).optional(),
      to: z.iso.date({ error: '结束日期格式应为YYYY-MM-DD' }).optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
    }),
    handler: async (_rc, { query }) => {
      const { before, action, actor, result, from, to, limit } = query;
      let q = ctx.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(limit);
      if (before) q = q.where('seq', '<', before);
      if (action) q = q.where('action', '=', action);
      if (actor) q = q.where('actor_username', '=', actor);
      if (result) q = q.where('result', '=', result);
      if (from) q = q.where('at', '>=', beijingDayStart(from));
      if (to) q = q.where('at', '<', beijingDayStart(nextDay(to)));
      const rows = await q.execute();
      return {
        data: rows.map((r) => ({
          seq: Number(r.seq),
          at: r.at,
          actorUserId: r.actor_user_id,
          actorUsername: r.actor_username,
          action: r.action,
          objectType: r.object_type,
          objectId: r.object_id,
          result: r.result,
          requestId: r.request_id,
          ip: r.ip,
          detail: JSON.parse(r.detail) as unknown,
        })),
      };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/audit/verify',
    policy: auditor,
    tags,
    summary: '校验审计日志哈希链',
    handler: async () => ({ data: await verifyAuditChain(ctx.db, ctx.ring) }),
  });
}
