// Alert registry routes (预警, issue 17). Contract: GET /api/alerts?orgId=&code=&severity=&limit=&offset=
// answers a page with `total`.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ALERT_SEVERITIES } from '../../../core/alerts/alerts.rules.ts';
import type { AppContext } from '../../context.ts';
import { defineRoute } from '../../http/define-route.ts';
import { signedIn } from '../../http/policy.ts';
import { alertCodes, alertCounts, listAlerts } from './alerts.service.ts';

/** Alerts concern the people who run organisations; members and the 三员 have their own pages. */
const readers = signedIn(['org_admin', 'worker']);
const tags = ['预警'];
const orgId = z.coerce.number().int().positive('组织ID不正确').optional();

export function registerAlertRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/alerts',
    policy: readers,
    tags,
    summary: '本组织及下级的预警（按等级、发现时间排序，分页）',
    query: z.strictObject({
      orgId,
      code: z.string().max(40, '预警代码不正确').optional(),
      severity: z.enum(ALERT_SEVERITIES, '预警等级应为 red、orange 或 yellow').optional(),
      limit: z.coerce.number().int().min(1, '每页条数不正确').max(200, '每页最多200条').default(50),
      offset: z.coerce.number().int().min(0, '偏移量不正确').max(1_000_000, '偏移量不正确').default(0),
    }),
    handler: (rc, { query }) => listAlerts(ctx, rc, query),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/alerts/counts',
    policy: readers,
    tags,
    summary: '预警数：按代码、按等级，以及各下级组织（读取按上级累计的计数）',
    query: z.strictObject({ orgId }),
    handler: (rc, { query }) => alertCounts(ctx, rc, query.orgId),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/alerts/codes',
    policy: readers,
    tags,
    summary: '预警代码目录：名称、等级、负责角色、所属业务',
    handler: () => alertCodes(ctx),
  });
}
