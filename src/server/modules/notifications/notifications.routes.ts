// Notification routes (通知, issue 17). Contract: GET /api/notifications → the caller's own, newest
// first, with `unread` and `total`; POST /api/notifications/:id/read (another user's → 404).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { defineRoute } from '../../http/define-route.ts';
import { SIGNED_IN } from '../../http/policy.ts';
import { listMine, readAll, readOne } from './notifications.service.ts';

const tags = ['通知'];

export function registerNotificationRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/notifications',
    policy: SIGNED_IN,
    tags,
    summary: '本人的通知（新的在前，分页），含未读数',
    query: z.strictObject({
      limit: z.coerce.number().int().min(1, '每页条数不正确').max(100, '每页最多100条').default(20),
      offset: z.coerce.number().int().min(0, '偏移量不正确').max(1_000_000, '偏移量不正确').default(0),
    }),
    handler: (rc, { query }) => listMine(ctx, rc, query),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/notifications/read-all',
    policy: SIGNED_IN,
    tags,
    summary: '本人的通知全部标为已读',
    handler: (rc) => readAll(ctx, rc),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/notifications/:id/read',
    policy: SIGNED_IN,
    tags,
    summary: '将本人的一条通知标为已读（他人的通知视为不存在）',
    params: z.strictObject({ id: z.coerce.number().int().positive('通知ID不正确') }),
    handler: (rc, { params }) => readOne(ctx, rc, params.id),
  });
}
