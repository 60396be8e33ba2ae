import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  adjustTermBody,
  closeWeakBody,
  decideApprovalBody,
  designateWeakBody,
  electionBody,
  gradeBody,
  idParams,
  recordTermBody,
  renewalApproveBody,
  renewalReportBody,
  renewalRequestBody,
  weakProgressBody,
  yearQuery,
} from '../../../core/org-system/org-system.schemas.ts';
import { chinaDate } from '../../../core/shared/dates.ts';
import type { AppContext } from '../../context.ts';
import { signedIn } from '../../http/policy.ts';
import { OS_APPROVERS, OS_READERS, OS_RECORDERS } from './org-system.policy.ts';
import * as service from './org-system.service.ts';

const read = signedIn(OS_READERS);
const record = signedIn(OS_RECORDERS);
const approve = signedIn(OS_APPROVERS);
const tags = ['组织体系'];
const O = '/api/org-system/orgs/:id';

/** Routes of the org-system module (issue 3). */
export function registerOrgSystemRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const params = idParams;

  r.get(`${O}/team`, {
    config: { policy: read },
    schema: { tags, summary: '班子、届期与换届概况', params },
    handler: (req) => service.overview(ctx, req.rc, req.params.id),
  });
  r.get(`${O}/candidates`, {
    config: { policy: read },
    schema: { tags, summary: '本组织正式党员（候选人、任职人选）', params },
    handler: (req) => service.candidates(ctx, req.rc, req.params.id),
  });
  r.post(`${O}/terms`, {
    config: { policy: approve },
    schema: { tags, summary: '录入届期（历史或现任）', params, body: recordTermBody },
    handler: async (req, reply) =>
      reply.status(201).send(await service.recordTerm(ctx, req.rc, req.params.id, req.body)),
  });
  r.post('/api/org-system/terms/:id/adjust', {
    config: { policy: approve },
    schema: { tags, summary: '经批准延期或提前换届', params, body: adjustTermBody },
    handler: (req) => service.adjustTerm(ctx, req.rc, req.params.id, req.body),
  });
  r.post(`${O}/renewals`, {
    config: { policy: record },
    schema: { tags, summary: '换届请示', params, body: renewalRequestBody },
    handler: async (req, reply) =>
      reply.status(201).send(await service.requestRenewal(ctx, req.rc, req.params.id, req.body)),
  });
  r.post('/api/org-system/renewals/:id/approve', {
    config: { policy: approve },
    schema: { tags, summary: '上级批复换届请示', params, body: renewalApproveBody },
    handler: (req) => service.approveRenewal(ctx, req.rc, req.params.id, req.body),
  });
  r.post('/api/org-system/renewals/:id/election', {
    config: { policy: record },
    schema: { tags, summary: '录入选举结果（应到、实到、得票、分工）', params, body: electionBody },
    handler: (req) => service.recordElection(ctx, req.rc, req.params.id, req.body),
  });
  r.post('/api/org-system/renewals/:id/report', {
    config: { policy: record },
    schema: { tags, summary: '报告选举结果，产生新一届班子', params, body: renewalReportBody },
    handler: (req) => service.reportRenewal(ctx, req.rc, req.params.id, req.body),
  });
  r.get(`${O}/approvals`, {
    config: { policy: read },
    schema: { tags, summary: '待批复（书记、副书记）和待备案（委员）的任职', params },
    handler: (req) => service.listApprovals(ctx, req.rc, req.params.id),
  });
  r.post('/api/org-system/approvals/:id/decide', {
    config: { policy: approve },
    schema: { tags, summary: '任职批复或备案', params, body: decideApprovalBody },
    handler: (req) => service.decideApproval(ctx, req.rc, req.params.id, req.body),
  });

  r.get(`${O}/structure`, {
    config: { policy: read },
    schema: { tags, summary: '组织体系体检：本组织及下级的结构性问题', params },
    handler: (req) => service.structure(ctx, req.rc, req.params.id),
  });
  r.get(`${O}/structure.xlsx`, {
    config: { policy: read },
    schema: { tags, summary: '导出组织体系体检（Excel）', params },
    handler: async (req, reply) => {
      const { buffer, filename } = await service.structureExport(ctx, req.rc, req.params.id);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename="structure-${chinaDate(ctx.now())}.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`,
        )
        .send(buffer);
    },
  });
  r.get(`${O}/term-status`, {
    config: { policy: read },
    schema: { tags, summary: '届期状态（正常/临近换届/逾期未换届）', params },
    handler: (req) => service.terms(ctx, req.rc, req.params.id),
  });
  r.get(`${O}/units`, {
    config: { policy: read },
    schema: { tags, summary: '单位及其党组织覆盖', params },
    handler: (req) => service.units(ctx, req.rc, req.params.id),
  });

  r.get(`${O}/weak-cases`, {
    config: { policy: read },
    schema: { tags, summary: '软弱涣散：整顿台账与自动预警', params, querystring: yearQuery },
    handler: (req) => service.listWeak(ctx, req.rc, req.params.id, req.query.year),
  });
  r.post(`${O}/weak-cases`, {
    config: { policy: approve },
    schema: { tags, summary: '认定软弱涣散并建立整顿台账', params, body: designateWeakBody },
    handler: async (req, reply) =>
      reply.status(201).send(await service.designateWeak(ctx, req.rc, req.params.id, req.body)),
  });
  r.post('/api/org-system/weak-cases/:id/progress', {
    config: { policy: record },
    schema: { tags, summary: '录入整顿进展（可申请销号）', params, body: weakProgressBody },
    handler: (req) => service.weakProgress(ctx, req.rc, req.params.id, req.body),
  });
  r.post('/api/org-system/weak-cases/:id/close', {
    config: { policy: approve },
    schema: { tags, summary: '上级审核销号', params, body: closeWeakBody },
    handler: (req) => service.closeWeak(ctx, req.rc, req.params.id, req.body),
  });

  r.get(`${O}/gradings`, {
    config: { policy: read },
    schema: { tags, summary: '党支部分类定级', params, querystring: yearQuery },
    handler: (req) =>
      service.listGradings(
        ctx,
        req.rc,
        req.params.id,
        req.query.year ?? Number(chinaDate(ctx.now()).slice(0, 4)) - 1,
      ),
  });
  r.post(`${O}/gradings`, {
    config: { policy: approve },
    schema: { tags, summary: '评定党支部等次（名额比例控制）', params, body: gradeBody },
    handler: (req) => service.grade(ctx, req.rc, req.params.id, req.body),
  });
}
