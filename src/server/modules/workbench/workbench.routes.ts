// 工作台 routes (issue 17). Contract: GET /api/workbench?orgId=ID →
// {"data":{"kpis":[{key,label,value,unit}],"alerts":{"byCode":{},"bySeverity":{red,orange,yellow}},"todos":[{kind,title,due,link}]}}
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { defineRoute } from '../../http/define-route.ts';
import { signedIn } from '../../http/policy.ts';
import { ranking, trends, workbench } from './workbench.service.ts';

/** The workbench is for the people who run organisations; members and the 三员 land elsewhere. */
const readers = signedIn(['org_admin', 'worker']);
const tags = ['工作台'];
const query = z.strictObject({ orgId: z.coerce.number().int().positive('组织ID不正确').optional() });

export function registerWorkbenchRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/workbench',
    policy: readers,
    tags,
    summary: '工作台：本组织及下级的关键指标、预警数（按代码、等级）、待办事项，党支部本月组织生活',
    query,
    handler: (rc, { query: q }) => workbench(ctx, rc, q.orgId),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/workbench/ranking',
    policy: readers,
    tags,
    summary: '下级组织在各项指标上的排名（本月）',
    query,
    handler: (rc, { query: q }) => ranking(ctx, rc, q.orgId),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/workbench/trends',
    policy: readers,
    tags,
    summary: '近12个月各项指标走势',
    query,
    handler: (rc, { query: q }) => trends(ctx, rc, q.orgId),
  });
}
