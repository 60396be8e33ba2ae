// 工作任务 routes (issue 18): outbox/inbox, issue, one task, 报送, 退回, 催报, the form template.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { createTaskBody, reportBody, returnBody } from '../../../core/tasks/tasks.schemas.ts';
import type { AppContext } from '../../context.ts';
import { defineRoute } from '../../http/define-route.ts';
import { signedIn } from '../../http/policy.ts';
import { TASK_ROLES } from './tasks.policy.ts';
import { formTemplate, getTask, inbox, outbox, targetChoices } from './tasks.queries.ts';
import { createTask, remind, report, returnReport } from './tasks.service.ts';

const policy = signedIn(TASK_ROLES);
const tags = ['工作任务'];
const orgQuery = z.strictObject({ orgId: z.coerce.number().int().positive('组织ID不正确').optional() });
const idParams = z.strictObject({ id: z.coerce.number().int().positive('任务ID不正确') });
const targetParams = z.strictObject({
  id: z.coerce.number().int().positive('任务ID不正确'),
  orgId: z.coerce.number().int().positive('组织ID不正确'),
});
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function registerTasksRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/tasks/outbox',
    policy,
    tags,
    summary: '下达的任务：本组织下达的任务及报送进度，近12个月每月下达数（减负）',
    query: orgQuery,
    handler: (rc, { query }) => outbox(ctx, rc, query.orgId),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/tasks/inbox',
    policy,
    tags,
    summary: '收到的任务：上级组织下达给本组织的任务及本组织报送情况',
    query: orgQuery,
    handler: (rc, { query }) => inbox(ctx, rc, query.orgId),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/tasks/targets',
    policy,
    tags,
    summary: '可下达的组织（本组织以下的在册组织）',
    query: orgQuery,
    handler: (rc, { query }) => targetChoices(ctx, rc, query.orgId),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/tasks',
    policy,
    tags,
    summary: '下达任务；超过每月减负上限时先返回提醒（不写入），确认后带 confirmOverCap 重新提交',
    body: createTaskBody,
    handler: async (rc, { body }, reply) => {
      const r = await createTask(ctx, rc, body);
      if (r.data) reply.status(201);
      return r;
    },
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/tasks/:id',
    policy,
    tags,
    summary: '任务详情：下达组织看到全部对象的报送情况，接收组织只看到自己的',
    params: idParams,
    handler: (rc, { params }) => getTask(ctx, rc, params.id),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/tasks/:id/form.xlsx',
    policy,
    tags,
    summary: '下载任务的报表模板（Excel）',
    params: idParams,
    handler: async (rc, { params }, reply) => {
      const file = await formTemplate(ctx, rc, params.id);
      return reply
        .header('Content-Type', XLSX)
        .header(
          'Content-Disposition',
          `attachment; filename="form.xlsx"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        )
        .header('Cache-Control', 'no-store')
        .send(file.body);
    },
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/tasks/:id/targets/:orgId/report',
    policy,
    tags,
    summary: '报送（被退回后重新报送）；有报表的任务须上传Excel，逐行校验，有错则全部不写入',
    params: targetParams,
    body: reportBody,
    bodyLimit: 12 * 1024 * 1024,
    handler: (rc, { params, body }) => report(ctx, rc, params.id, params.orgId, body),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/tasks/:id/targets/:orgId/return',
    policy,
    tags,
    summary: '退回报送（须说明原因），接收组织须重新报送',
    params: targetParams,
    body: returnBody,
    handler: (rc, { params, body }) => returnReport(ctx, rc, params.id, params.orgId, body.reason),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/tasks/:id/remind',
    policy,
    tags,
    summary: '催报：通知尚未报送的组织',
    params: idParams,
    handler: (rc, { params }) => remind(ctx, rc, params.id),
  });
}
