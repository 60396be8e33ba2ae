import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  auditActionLabel,
  auditActionsWithLabel,
  auditDetailItems,
  auditObjectLabel,
  AUDIT_RESULT_LABELS,
  auditActorLabel,
} from '../../../core/audit/audit-labels.ts';
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

/**
 * Names for the accounts, organisations and persons a page of the log names, 'type:id' → name
 * (accounts as 姓名（用户名）), read in one query per kind.
 */
async function auditNames(
  ctx: AppContext,
  rows: ReadonlyArray<{ actor_user_id: number | null; object_type: string | null; object_id: string | null }>,
): Promise<Map<string, string>> {
  const ids = (type: string) =>
    [
      ...new Set(rows.filter((r) => r.object_type === type && r.object_id).map((r) => Number(r.object_id))),
    ].filter((n) => Number.isSafeInteger(n) && n > 0);
  const userIds = [
    ...new Set([...rows.map((r) => r.actor_user_id).filter((n): n is number => n !== null), ...ids('user')]),
  ];
  const orgIds = ids('org');
  const personIds = ids('person');
  const [users, orgs, persons] = await Promise.all([
    userIds.length
      ? ctx.db
          .selectFrom('users')
          .select(['id', 'username', 'display_name'])
          .where('id', 'in', userIds)
          .execute()
      : [],
    orgIds.length ? ctx.db.selectFrom('orgs').select(['id', 'name']).where('id', 'in', orgIds).execute() : [],
    personIds.length
      ? ctx.db.selectFrom('persons').select(['id', 'name']).where('id', 'in', personIds).execute()
      : [],
  ]);
  const out = new Map<string, string>();
  for (const u of users)
    out.set(
      `user:${u.id}`,
      u.display_name && u.display_name !== u.username ? `${u.display_name}（${u.username}）` : u.username,
    );
  for (const o of orgs) out.set(`org:${o.id}`, o.name);
  for (const p of persons) out.set(`person:${p.id}`, p.name);
  return out;
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
      // One label may stand for more than one code (退回 written as reject or return).
      if (action) q = q.where('action', 'in', auditActionsWithLabel(action));
      if (actor) q = q.where('actor_username', '=', actor);
      if (result) q = q.where('result', '=', result);
      if (from) q = q.where('at', '>=', beijingDayStart(from));
      if (to) q = q.where('at', '<', beijingDayStart(nextDay(to)));
      const rows = await q.execute();
      const names = await auditNames(ctx, rows);
      return {
        data: rows.map((r) => {
          const detail = JSON.parse(r.detail) as unknown;
          const objectName = r.object_id ? names.get(`${r.object_type}:${r.object_id}`) : undefined;
          return {
            seq: Number(r.seq),
            at: r.at,
            actorUserId: r.actor_user_id,
            actorUsername: r.actor_username,
            // 姓名（用户名）for an account; the username alone when the account is unknown.
            actorName: auditActorLabel(
              (r.actor_user_id !== null && names.get(`user:${r.actor_user_id}`)) || null,
              r.actor_username,
            ),
            action: r.action,
            actionLabel: auditActionLabel(r.action),
            objectType: r.object_type,
            objectId: r.object_id,
            objectLabel: r.object_type
              ? `${auditObjectLabel(r.object_type)}${objectName ? ` ${objectName}` : r.object_id ? ` #${r.object_id}` : ''}`
              : null,
            result: r.result,
            resultLabel: AUDIT_RESULT_LABELS[r.result] ?? r.result,
            requestId: r.request_id,
            ip: r.ip,
            detail,
            detailItems: auditDetailItems(detail),
          };
        }),
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
