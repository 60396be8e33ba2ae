import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { COMPLIANCE_TYPES } from '../../../core/org-life/meeting-types.ts';
import {
  attachmentBody,
  attendanceBody,
  complianceQuery,
  planBody,
  planYearParams,
  recordMeetingBody,
  scheduleMeetingBody,
  seriesBody,
  signInBody,
  talkBody,
} from '../../../core/org-life/org-life.schemas.ts';
import { isIsoDate } from '../../../core/shared/dates.ts';
import type { AppContext } from '../../context.ts';
import { requireActor } from '../../http/auth.plugin.ts';
import { signedIn } from '../../http/policy.ts';
import { LIFE_READERS, LIFE_REPORTERS, LIFE_SIGNERS, LIFE_WRITERS } from './org-life.policy.ts';
import * as plans from './org-life.plans.ts';
import * as service from './org-life.service.ts';

const idParams = z.object({ id: z.coerce.number().int().positive('ID不正确') });
const read = signedIn(LIFE_READERS);
const write = signedIn(LIFE_WRITERS);
const report = signedIn(LIFE_REPORTERS);
const sign = signedIn(LIFE_SIGNERS);
const tags = ['组织生活'];
const date = (label: string) => z.string().refine(isIsoDate, `${label}必须是有效日期（YYYY-MM-DD）`);
const typeQuery = z
  .enum(COMPLIANCE_TYPES as [string, ...string[]], { error: '会议类型不正确' })
  .default('主题党日');

/** Routes of the org-life module (issue 5). */
export function registerOrgLifeRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/org-life/meetings', {
    config: { policy: write },
    schema: { tags, summary: '安排会议（可按月重复），快照应到人员并通知', body: scheduleMeetingBody },
    handler: async (req, reply) =>
      reply.status(201).send(await service.scheduleMeeting(ctx, req.rc, req.body)),
  });

  r.get('/api/org-life/orgs/:id/meetings', {
    config: { policy: read },
    schema: {
      tags,
      summary: '组织的会议日历',
      params: idParams,
      querystring: z.strictObject({ from: date('开始日期'), to: date('结束日期') }),
    },
    handler: (req) => service.listMeetings(ctx, req.rc, req.params.id, req.query.from, req.query.to),
  });

  r.get('/api/org-life/meetings/:id', {
    config: { policy: read },
    schema: { tags, summary: '会议详情：议程、出勤、记录、附件', params: idParams },
    handler: (req) => service.getMeeting(ctx, req.rc, req.params.id),
  });

  r.put('/api/org-life/meetings/:id/record', {
    config: { policy: write },
    schema: {
      tags,
      summary: '录入或修改会议记录（锁定后须填写理由）',
      params: idParams,
      body: recordMeetingBody,
    },
    handler: (req) => service.recordMeeting(ctx, req.rc, req.params.id, req.body),
  });

  r.post('/api/org-life/meetings/:id/cancel', {
    config: { policy: write },
    schema: {
      tags,
      summary: '取消会议',
      params: idParams,
      body: z.strictObject({
        reason: z.string({ error: '取消理由必填' }).trim().min(2, '取消理由至少2个字').max(500),
      }),
    },
    handler: (req) => service.cancelMeeting(ctx, req.rc, req.params.id, req.body.reason),
  });

  r.post('/api/org-life/meetings/:id/attendance', {
    config: { policy: write },
    schema: {
      tags,
      summary: '组织者登记出勤（代签到、请假、缺席、不计入）',
      params: idParams,
      body: attendanceBody,
    },
    handler: (req) => service.markAttendance(ctx, req.rc, req.params.id, req.body),
  });

  r.post('/api/org-life/meetings/:id/sign-in-code', {
    config: { policy: write },
    schema: { tags, summary: '生成签到二维码（签名、短时有效）', params: idParams },
    handler: (req) => service.issueSignInCode(ctx, req.rc, req.params.id),
  });

  r.get('/api/org-life/meetings/:id/sign-in', {
    config: { policy: sign },
    schema: { tags, summary: '签到页：会议信息和本人出勤状态', params: idParams },
    handler: (req) => service.signInInfo(ctx, req.rc, req.params.id),
  });

  r.post('/api/org-life/meetings/:id/sign-in', {
    config: { policy: sign },
    schema: { tags, summary: '扫码签到', params: idParams, body: signInBody },
    handler: (req) => service.signIn(ctx, req.rc, req.params.id, req.body.token),
  });

  r.post('/api/org-life/meetings/:id/attachments', {
    config: { policy: write },
    bodyLimit: 15 * 1024 * 1024,
    schema: { tags, summary: '上传会议附件（JPEG、PNG、PDF）', params: idParams, body: attachmentBody },
    handler: async (req, reply) =>
      reply.status(201).send(await service.uploadAttachment(ctx, req.rc, req.params.id, req.body)),
  });

  r.get('/api/org-life/attachments/:id', {
    config: { policy: read },
    schema: { tags, summary: '下载会议附件', params: idParams },
    handler: async (req, reply) => {
      const file = await service.downloadAttachment(ctx, req.rc, req.params.id);
      return reply
        .header('Content-Type', file.mimeType)
        .header(
          'Content-Disposition',
          `attachment; filename="download"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        )
        .header('X-Content-Type-Options', 'nosniff')
        .send(file.content);
    },
  });

  r.get('/api/org-life/orgs/:id/compliance', {
    config: { policy: report },
    schema: {
      tags,
      summary: '组织生活达标情况（子树、期间）与质量问题',
      params: idParams,
      querystring: complianceQuery,
    },
    handler: (req) => service.compliance(ctx, req.rc, req.params.id, req.query),
  });

  r.get('/api/org-life/orgs/:id/heatmap', {
    config: { policy: report },
    schema: {
      tags,
      summary: '党支部×月份达标热力图',
      params: idParams,
      querystring: z.strictObject({ year: z.coerce.number().int().min(2000).max(2100), type: typeQuery }),
    },
    handler: (req) =>
      service.complianceHeatmap(ctx, req.rc, req.params.id, req.query.year, req.query.type as never),
  });

  r.get('/api/org-life/orgs/:id/summary', {
    config: { policy: report },
    schema: {
      tags,
      summary: '下级组织达标汇总（按上级计数器）',
      params: idParams,
      querystring: z.strictObject({ year: z.coerce.number().int().min(2000).max(2100), type: typeQuery }),
    },
    handler: (req) =>
      service.complianceSummary(ctx, req.rc, req.params.id, req.query.year, req.query.type as never),
  });

  r.post('/api/org-life/series', {
    config: { policy: write },
    schema: { tags, summary: '上级党组织下发会议通知，所选党支部各自召开', body: seriesBody },
    handler: async (req, reply) => reply.status(201).send(await service.issueSeries(ctx, req.rc, req.body)),
  });

  r.get('/api/org-life/orgs/:id/series', {
    config: { policy: report },
    schema: {
      tags,
      summary: '本组织及下级下发的会议通知与完成进度（年度）',
      params: idParams,
      querystring: z.strictObject({
        year: z.coerce
          .number({ error: '年度必须是数字' })
          .int('年度必须是整数')
          .min(2000, '年度不能早于2000年')
          .max(2100, '年度不能晚于2100年'),
      }),
    },
    handler: (req) => plans.listSeries(ctx, req.rc, req.params.id, req.query.year),
  });

  r.get('/api/org-life/series/:id', {
    config: { policy: report },
    schema: { tags, summary: '下发会议的完成情况', params: idParams },
    handler: (req) => service.getSeries(ctx, req.rc, req.params.id),
  });

  r.get('/api/org-life/orgs/:id/plans/:year', {
    config: { policy: report },
    schema: { tags, summary: '党支部年度计划：计划事项、规定频次缺口、计划执行情况', params: planYearParams },
    handler: (req) => plans.getPlan(ctx, req.rc, req.params.id, req.params.year),
  });

  r.put('/api/org-life/orgs/:id/plans/:year', {
    config: { policy: write },
    schema: { tags, summary: '保存年度计划草稿（整体替换计划事项）', params: planYearParams, body: planBody },
    handler: (req) => plans.savePlan(ctx, req.rc, req.params.id, req.params.year, req.body),
  });

  r.post('/api/org-life/orgs/:id/plans/:year/submit', {
    config: { policy: write },
    schema: { tags, summary: '向上级党组织提交年度计划（须覆盖规定频次）', params: planYearParams },
    handler: (req) => plans.submitPlan(ctx, req.rc, req.params.id, req.params.year),
  });

  r.post('/api/org-life/orgs/:id/plans/:year/acknowledge', {
    config: { policy: write },
    schema: { tags, summary: '上级党委确认已提交的年度计划', params: planYearParams },
    handler: (req) => plans.acknowledgePlan(ctx, req.rc, req.params.id, req.params.year),
  });

  r.get('/api/org-life/orgs/:id/plan-overview', {
    config: { policy: report },
    schema: {
      tags,
      summary: '下级党支部年度计划提交情况与照抄计划',
      params: idParams,
      querystring: z.strictObject({
        year: z.coerce
          .number({ error: '年度必须是数字' })
          .int('年度必须是整数')
          .min(2000, '年度不能早于2000年')
          .max(2100, '年度不能晚于2100年'),
      }),
    },
    handler: (req) => plans.planOverview(ctx, req.rc, req.params.id, req.query.year),
  });

  r.post('/api/org-life/talks', {
    config: { policy: write },
    schema: { tags, summary: '登记谈心谈话', body: talkBody },
    handler: async (req, reply) => reply.status(201).send(await service.createTalk(ctx, req.rc, req.body)),
  });

  r.get('/api/org-life/orgs/:id/talks', {
    config: { policy: write },
    schema: {
      tags,
      summary: '谈心谈话记录与年度覆盖',
      params: idParams,
      querystring: z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) }),
    },
    handler: (req) => service.listTalks(ctx, req.rc, req.params.id, req.query.year),
  });

  r.get('/api/org-life/orgs/:id/talk-coverage', {
    config: { policy: report },
    schema: {
      tags,
      summary: '下级党支部谈心谈话两两覆盖情况（年度）',
      params: idParams,
      querystring: z.strictObject({
        year: z.coerce
          .number({ error: '年度必须是数字' })
          .int('年度必须是整数')
          .min(2000, '年度不能早于2000年')
          .max(2100, '年度不能晚于2100年'),
      }),
    },
    handler: (req) => service.talkCoverage(ctx, req.rc, req.params.id, req.query.year),
  });

  r.get('/api/org-life/notifications', {
    config: { policy: sign },
    schema: { tags, summary: '本人的会议通知' },
    handler: (req) => {
      requireActor(req);
      return service.myNotifications(ctx, req.rc);
    },
  });

  r.post('/api/org-life/notifications/:id/read', {
    config: { policy: sign },
    schema: { tags, summary: '标记通知已读', params: idParams },
    handler: (req) => service.readNotification(ctx, req.rc, req.params.id),
  });
}
