import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { calendarBody, createCandidateBody, isoDate, quotaBody, recordStepBody } from '../../../core/development/development.schemas.ts';
import type { AppContext } from '../../context.ts';
import { signedIn } from '../../http/policy.ts';
import { CALENDAR_EDITORS, DEV_READERS, DEV_WRITERS, QUOTA_EDITORS } from './development.policy.ts';
import * as service from './development.service.ts';

const orgParams = z.object({ id: z.coerce.number().int().positive('组织ID不正确') });
const candParams = z.object({ id: z.coerce.number().int().positive('记录ID不正确') });
const read = signedIn(DEV_READERS);
const write = signedIn(DEV_WRITERS);
const tags = ['发展党员'];

function sendFile(reply: FastifyReply, file: { fileName: string; body: Buffer }, type: string) {
  return reply
    .header('Content-Type', type)
    .header('Content-Disposition', `attachment; filename="download"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .header('Cache-Control', 'no-store')
    .send(file.body);
}

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Routes of the development module (issue 6). */
export function registerDevelopmentRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/development/steps', {
    config: { policy: read },
    schema: { tags, summary: '发展党员25个步骤的定义（按日期取规则版本）', querystring: z.strictObject({ on: isoDate('日期').optional() }) },
    handler: (req) => service.stepDefinitions(ctx, req.query.on),
  });

  r.get('/api/development/calendar', {
    config: { policy: read },
    schema: { tags, summary: '工作日历：法定节假日与调休上班日', querystring: z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional() }) },
    handler: (req) => service.calendar(ctx, req.query.year),
  });

  r.put('/api/development/calendar', {
    config: { policy: signedIn(CALENDAR_EDITORS) },
    schema: { tags, summary: '补录或更正节假日安排（系统管理员）', body: calendarBody },
    handler: (req) => service.putCalendar(ctx, req, req.body),
  });

  r.get('/api/orgs/:id/development/candidates', {
    config: { policy: read },
    schema: { tags, summary: '本组织及下级的发展党员流程看板', params: orgParams },
    handler: (req) => service.board(ctx, req, req.params.id),
  });

  r.post('/api/orgs/:id/development/candidates', {
    config: { policy: write },
    schema: { tags, summary: '登记入党申请人（第1步：递交入党申请书）', params: orgParams, body: createCandidateBody },
    handler: async (req, reply) => reply.status(201).send(await service.createCandidate(ctx, req, req.params.id, req.body)),
  });

  r.get('/api/orgs/:id/development/audit', {
    config: { policy: read },
    schema: { tags, summary: '发展党员自查自纠：违规问题与即将到期事项', params: orgParams },
    handler: (req) => service.auditReport(ctx, req, req.params.id),
  });

  r.get('/api/orgs/:id/development/audit.xlsx', {
    config: { policy: read },
    schema: { tags, summary: '导出自查自纠报告（Excel）', params: orgParams },
    handler: async (req, reply) => sendFile(reply, await service.auditWorkbook(ctx, req, req.params.id), XLSX),
  });

  r.get('/api/orgs/:id/development/quotas', {
    config: { policy: read },
    schema: { tags, summary: '年度发展名额及使用情况', params: orgParams, querystring: z.strictObject({ year: z.coerce.number().int().min(2000, '年度不正确').max(2100, '年度不正确') }) },
    handler: (req) => service.quotas(ctx, req, req.params.id, req.query.year),
  });

  r.put('/api/orgs/:id/development/quotas', {
    config: { policy: signedIn(QUOTA_EDITORS) },
    schema: { tags, summary: '下达党委年度发展名额', params: orgParams, body: quotaBody },
    handler: (req) => service.setQuota(ctx, req, req.params.id, req.body),
  });

  r.get('/api/development/candidates/:id', {
    config: { policy: read },
    schema: { tags, summary: '发展对象详情：步骤时间轴、材料、违规提示', params: candParams },
    handler: (req) => service.getCandidate(ctx, req, req.params.id),
  });

  r.post('/api/development/candidates/:id/steps', {
    config: { policy: write },
    schema: { tags, summary: '记录一个步骤（违反规定时拒绝；作为历史补录时接受并列入自查自纠）', params: candParams, body: recordStepBody },
    handler: async (req, reply) => reply.status(201).send(await service.recordStep(ctx, req, req.params.id, req.body)),
  });

  r.get('/api/development/candidates/:id/documents/:kind', {
    config: { policy: read },
    schema: {
      tags, summary: '生成公示或支部大会决议（.docx）',
      params: z.object({ id: z.coerce.number().int().positive('记录ID不正确'), kind: z.enum(['publicity.docx', 'resolution.docx'], '文书类型应为publicity.docx或resolution.docx') }),
      querystring: z.strictObject({ step: z.coerce.number().int().min(1).max(25).optional() }),
    },
    handler: async (req, reply) => sendFile(reply, await service.document(ctx, req, req.params.id, req.params.kind === 'publicity.docx' ? 'publicity' : 'resolution', req.query.step), DOCX),
  });
}
