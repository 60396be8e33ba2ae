import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  calendarBody,
  createCandidateBody,
  devImportQuery,
  isoDate,
  quotaBody,
  recordStepBody,
  terminateBody,
} from '../../../core/development/development.schemas.ts';
import type { AppContext } from '../../context.ts';
import { signedIn } from '../../http/policy.ts';
import { CALENDAR_EDITORS, DEV_READERS, DEV_WRITERS, QUOTA_EDITORS } from './development.policy.ts';
import * as service from './development.service.ts';
import { buildDevelopmentTemplate, DEV_IMPORT_LIMITS } from './development.import-xlsx.ts';
import { importDevelopment } from './development.import-route.ts';

const orgParams = z.object({ id: z.coerce.number().int().positive('组织ID不正确') });
const candParams = z.object({ id: z.coerce.number().int().positive('记录ID不正确') });
const read = signedIn(DEV_READERS);
const write = signedIn(DEV_WRITERS);
const tags = ['发展党员'];

function sendFile(reply: FastifyReply, file: { fileName: string; body: Buffer }, type: string) {
  return reply
    .header('Content-Type', type)
    .header(
      'Content-Disposition',
      `attachment; filename="download"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    )
    .header('Cache-Control', 'no-store')
    .send(file.body);
}

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Routes of the development module (issue 6). */
export function registerDevelopmentRoutes(app: FastifyInstance, ctx: AppContext): void {
  // The roster module registers the .xlsx body parser on the same instance; add it when it is not there.
  if (!app.hasContentTypeParser(XLSX))
    app.addContentTypeParser(
      XLSX,
      { parseAs: 'buffer', bodyLimit: DEV_IMPORT_LIMITS.maxFileBytes },
      (_req, body, done) => done(null, body),
    );
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/development/steps', {
    config: { policy: read },
    schema: {
      tags,
      summary: '发展党员25个步骤的定义（按日期取规则版本）',
      querystring: z.strictObject({ on: isoDate('日期').optional() }),
    },
    handler: (req) => service.stepDefinitions(ctx, req.query.on),
  });

  r.get('/api/development/calendar', {
    config: { policy: read },
    schema: {
      tags,
      summary: '工作日历：法定节假日与调休上班日',
      querystring: z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
    },
    handler: (req) => service.calendar(ctx, req.query.year),
  });

  r.put('/api/development/calendar', {
    config: { policy: signedIn(CALENDAR_EDITORS) },
    schema: { tags, summary: '补录或更正节假日安排（系统管理员）', body: calendarBody },
    handler: (req) => service.putCalendar(ctx, req.rc, req.body),
  });

  r.get('/api/orgs/:id/development/candidates', {
    config: { policy: read },
    schema: { tags, summary: '本组织及下级的发展党员流程看板', params: orgParams },
    handler: (req) => service.board(ctx, req.rc, req.params.id),
  });

  r.post('/api/orgs/:id/development/candidates', {
    config: { policy: write },
    schema: {
      tags,
      summary: '登记入党申请人（第1步：递交入党申请书）',
      params: orgParams,
      body: createCandidateBody,
    },
    handler: async (req, reply) =>
      reply.status(201).send(await service.createCandidate(ctx, req.rc, req.params.id, req.body)),
  });

  r.get('/api/orgs/:id/development/audit', {
    config: { policy: read },
    schema: { tags, summary: '发展党员自查自纠：违规问题与即将到期事项', params: orgParams },
    handler: (req) => service.auditReport(ctx, req.rc, req.params.id),
  });

  r.get('/api/orgs/:id/development/audit.xlsx', {
    config: { policy: read },
    schema: { tags, summary: '导出自查自纠报告（Excel）', params: orgParams },
    handler: async (req, reply) =>
      sendFile(reply, await service.auditWorkbook(ctx, req.rc, req.params.id), XLSX),
  });

  r.get('/api/orgs/:id/development/quotas', {
    config: { policy: read },
    schema: {
      tags,
      summary: '年度发展名额及使用情况',
      params: orgParams,
      querystring: z.strictObject({
        year: z.coerce.number().int().min(2000, '年度不正确').max(2100, '年度不正确'),
        all: z.enum(['0', '1'], 'all应为0或1').optional(),
      }),
    },
    handler: (req) => service.quotas(ctx, req.rc, req.params.id, req.query.year, req.query.all === '1'),
  });

  r.put('/api/orgs/:id/development/quotas', {
    config: { policy: signedIn(QUOTA_EDITORS) },
    schema: { tags, summary: '下达党委年度发展名额', params: orgParams, body: quotaBody },
    handler: (req) => service.setQuota(ctx, req.rc, req.params.id, req.body),
  });

  r.get('/api/development/candidates/:id', {
    config: { policy: read },
    schema: { tags, summary: '发展对象详情：步骤时间轴、材料、违规提示', params: candParams },
    handler: (req) => service.getCandidate(ctx, req.rc, req.params.id),
  });

  r.post('/api/development/candidates/:id/steps', {
    config: { policy: write },
    schema: {
      tags,
      summary: '记录一个步骤（违反规定时拒绝；作为历史补录时接受并列入自查自纠）',
      params: candParams,
      body: recordStepBody,
    },
    handler: async (req, reply) =>
      reply.status(201).send(await service.recordStep(ctx, req.rc, req.params.id, req.body)),
  });

  r.get('/api/development/candidates/:id/documents/:kind', {
    config: { policy: read },
    schema: {
      tags,
      summary: '生成公示或支部大会决议（.docx）',
      params: z.object({
        id: z.coerce.number().int().positive('记录ID不正确'),
        kind: z.enum(['publicity.docx', 'resolution.docx'], '文书类型应为publicity.docx或resolution.docx'),
      }),
      querystring: z.strictObject({ step: z.coerce.number().int().min(1).max(25).optional() }),
    },
    handler: async (req, reply) =>
      sendFile(
        reply,
        await service.document(
          ctx,
          req.rc,
          req.params.id,
          req.params.kind === 'publicity.docx' ? 'publicity' : 'resolution',
          req.query.step,
        ),
        DOCX,
      ),
  });

  r.post('/api/development/candidates/:id/terminate', {
    config: { policy: write },
    schema: {
      tags,
      summary: '终止发展（申请人、积极分子、发展对象）；预备党员取消资格经第23、24步办理',
      params: candParams,
      body: terminateBody,
    },
    handler: (req) => service.terminateCandidate(ctx, req.rc, req.params.id, req.body),
  });

  r.get('/api/development/import-template.xlsx', {
    config: { policy: write },
    schema: { tags, summary: '下载发展党员（在途流程）导入模板' },
    handler: async (_req, reply) =>
      sendFile(reply, { fileName: '发展党员导入模板.xlsx', body: await buildDevelopmentTemplate() }, XLSX),
  });

  r.post('/api/development/imports', {
    config: { policy: write },
    bodyLimit: DEV_IMPORT_LIMITS.maxFileBytes,
    schema: {
      tags,
      summary:
        '上传.xlsx导入在途的发展党员流程（dryRun=1 仅校验）；返回逐行错误、历史记录中的违规和错误标注工作簿',
      querystring: devImportQuery,
    },
    handler: (req) =>
      importDevelopment(ctx, req.rc, req.body, {
        dryRun: req.query.dryRun === '1',
        allowPartial: req.query.allowPartial === '1',
        fileName: req.query.fileName ?? null,
      }),
  });
}
