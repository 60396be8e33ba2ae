import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  advanceStageBody,
  assessmentBody,
  ballotBody,
  closureBody,
  commentBody,
  createCampaignBody,
  createMemberReviewBody,
  createRectificationBody,
  createTargetLettersBody,
  dispositionBody,
  interviewBody,
  lostContactBody,
  lostContactFoundBody,
  openVotingBody,
  orderBody,
  paperBallotBody,
  progressBody,
  proposalDecisionBody,
  publishBody,
  reportBody,
  reportAttachmentBody,
  attachmentKeyParams,
  reviewBody,
  reviseTargetItemsBody,
  selfReviewBody,
  targetAssessBody,
  targetListQuery,
  targetSelfBody,
} from '../../../core/evaluation/evaluation.schemas.ts';
import type { AppContext } from '../../context.ts';
import { requireActor } from '../../http/auth.plugin.ts';
import { PUBLIC, signedIn } from '../../http/policy.ts';
import * as campaigns from './campaign.service.ts';
import { EVAL_LEADERS, EVAL_MANAGERS, EVAL_READERS } from './evaluation.policy.ts';
import * as reviews from './member-review.service.ts';
import * as proposals from './proposals.service.ts';
import * as files from './report-attachments.service.ts';
import * as targets from './targets.service.ts';
import * as rect from './rectification/rectification.endpoints.ts';
import { registerBallotPage } from './voting/ballot-page.ts';
import * as voting from './voting/voting.endpoints.ts';

const idParams = z.object({ id: z.coerce.number().int().positive('ID不正确') });
const read = signedIn(EVAL_READERS);
const manage = signedIn(EVAL_MANAGERS);
const lead = signedIn(EVAL_LEADERS);
const yearQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional() });

/** Routes of the evaluation module (issue 7): 述职评议, voting engine, rectification engine, 民主评议党员. */
export function registerEvaluationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  registerBallotPage(app);
  const tags = ['述职评议考核'];

  r.get('/api/evaluation/campaigns', {
    config: { policy: read },
    schema: { tags, summary: '述职评议活动列表（本级开展的和向本级公布的）', querystring: yearQuery },
    handler: (req) => campaigns.listCampaigns(ctx, requireActor(req), req.query.year),
  });
  r.post('/api/evaluation/campaigns', {
    config: { policy: lead },
    schema: { tags, summary: '开展述职评议（下级组织书记述职）', body: createCampaignBody },
    handler: async (req, reply) =>
      reply.status(201).send(await campaigns.createCampaign(ctx, req.rc, req.body)),
  });
  r.get('/api/evaluation/campaigns/:id', {
    config: { policy: read },
    schema: { tags, summary: '述职评议详情、测评结果和整改进度', params: idParams },
    handler: (req) => campaigns.getCampaign(ctx, req.rc, req.params.id),
  });
  r.get('/api/evaluation/campaigns/:id/linked', {
    config: { policy: manage },
    schema: { tags, summary: '三级联述联评联考：本级及下级各层级评议结果和整改进度', params: idParams },
    handler: (req) => campaigns.linkedView(ctx, req.rc, req.params.id),
  });
  r.post('/api/evaluation/campaigns/:id/order', {
    config: { policy: lead },
    schema: { tags, summary: '调整述职顺序', params: idParams, body: orderBody },
    handler: (req) => campaigns.setOrder(ctx, req.rc, req.params.id, req.body.subjectIds),
  });
  r.post('/api/evaluation/campaigns/:id/voting', {
    config: { policy: lead },
    schema: { tags, summary: '开始民主测评（生成一次性选票凭证）', params: idParams, body: openVotingBody },
    handler: (req) => campaigns.openVoting(ctx, req.rc, req.params.id, req.body.expectedVoters),
  });
  r.post('/api/evaluation/campaigns/:id/publish', {
    config: { policy: lead },
    schema: {
      tags,
      summary: '综合评价并公布结果（一般、差进入约谈和整改）',
      params: idParams,
      body: publishBody,
    },
    handler: (req) => campaigns.publish(ctx, req.rc, req.params.id, req.body.scopeOrgId),
  });
  r.put('/api/evaluation/subjects/:id/report', {
    config: { policy: read },
    schema: { tags, summary: '提交述职报告和问题清单', params: idParams, body: reportBody },
    handler: (req) => campaigns.submitReport(ctx, req.rc, req.params.id, req.body),
  });
  r.post('/api/evaluation/subjects/:id/attachments', {
    config: { policy: read },
    bodyLimit: 15 * 1024 * 1024,
    schema: {
      tags,
      summary: '上传述职报告附件（JPEG、PNG、PDF）',
      params: idParams,
      body: reportAttachmentBody,
    },
    handler: async (req, reply) =>
      reply.status(201).send(await files.uploadReportAttachment(ctx, req.rc, req.params.id, req.body)),
  });
  r.get('/api/evaluation/subjects/:id/attachments/:key', {
    config: { policy: read },
    schema: { tags, summary: '下载述职报告附件', params: attachmentKeyParams },
    handler: async (req, reply) => {
      const file = await files.downloadReportAttachment(ctx, req.rc, req.params.id, req.params.key);
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
  r.delete('/api/evaluation/subjects/:id/attachments/:key', {
    config: { policy: read },
    schema: { tags, summary: '删除述职报告附件', params: attachmentKeyParams },
    handler: (req) => files.removeReportAttachment(ctx, req.rc, req.params.id, req.params.key),
  });
  r.put('/api/evaluation/interviews/:id', {
    config: { policy: lead },
    schema: { tags, summary: '记录约谈（一般、差等次）', params: idParams, body: interviewBody },
    handler: (req) => campaigns.recordInterview(ctx, req.rc, req.params.id, req.body),
  });
  r.put('/api/evaluation/subjects/:id/comment', {
    config: { policy: lead },
    schema: { tags, summary: '点评（意见和等次）', params: idParams, body: commentBody },
    handler: (req) => campaigns.comment(ctx, req.rc, req.params.id, req.body),
  });

  const vtags = ['投票'];
  r.get('/api/voting/boxes/:id', {
    config: { policy: manage },
    schema: { tags: vtags, summary: '投票统计：参加率、有效人数、各等次票数和比例', params: idParams },
    handler: (req) => voting.getBox(ctx, req.rc, req.params.id),
  });
  r.post('/api/voting/boxes/:id/close', {
    config: { policy: lead },
    schema: { tags: vtags, summary: '结束投票', params: idParams },
    handler: (req) => voting.closeBoxRequest(ctx, req.rc, req.params.id),
  });
  r.post('/api/voting/boxes/:id/paper', {
    config: { policy: manage },
    schema: { tags: vtags, summary: '计票人录入纸质选票', params: idParams, body: paperBallotBody },
    handler: (req) => voting.paperBallot(ctx, req.rc, req.params.id, req.body.marks),
  });
  r.get('/api/voting/ballot', {
    config: { policy: PUBLIC },
    schema: {
      tags: vtags,
      summary: '凭一次性凭证查看选票',
      querystring: z.strictObject({ token: z.string().min(16, '选票凭证无效').max(100, '选票凭证无效') }),
    },
    handler: (req) => voting.viewBallot(ctx, req.query.token),
  });
  r.post('/api/voting/ballots', {
    config: { policy: PUBLIC },
    schema: { tags: vtags, summary: '凭一次性凭证投票（匿名）', body: ballotBody },
    handler: (req) => voting.cast(ctx, req.rc, req.body.token, req.body.marks),
  });

  const rtags = ['整改'];
  r.get('/api/rectifications', {
    config: { policy: manage },
    schema: {
      tags: rtags,
      summary: '整改台账（本级及下级）',
      querystring: z.strictObject({
        orgId: z.coerce.number().int().positive().optional(),
        status: z.enum(['open', 'closure_requested', 'closed']).optional(),
        overdue: z.enum(['0', '1']).optional(),
      }),
    },
    handler: (req) =>
      rect.list(ctx, req.rc, {
        orgId: req.query.orgId,
        status: req.query.status,
        overdue: req.query.overdue === '1',
      }),
  });
  r.post('/api/rectifications', {
    config: { policy: manage },
    schema: { tags: rtags, summary: '新建整改事项', body: createRectificationBody },
    handler: async (req, reply) => reply.status(201).send(await rect.create(ctx, req.rc, req.body)),
  });
  r.get('/api/rectifications/:id', {
    config: { policy: read },
    schema: { tags: rtags, summary: '整改事项详情和进展', params: idParams },
    handler: (req) => rect.get(ctx, req.rc, req.params.id),
  });
  r.post('/api/rectifications/:id/progress', {
    config: { policy: read },
    schema: { tags: rtags, summary: '报告整改进展', params: idParams, body: progressBody },
    handler: (req) =>
      rect.move(ctx, req.rc, req.params.id, 'progress', req.body.note, req.body.evidence ?? null),
  });
  r.post('/api/rectifications/:id/request-closure', {
    config: { policy: read },
    schema: { tags: rtags, summary: '申请销号', params: idParams, body: closureBody },
    handler: (req) =>
      rect.move(ctx, req.rc, req.params.id, 'request_closure', req.body.note, req.body.evidence),
  });
  r.post('/api/rectifications/:id/review', {
    config: { policy: lead },
    schema: { tags: rtags, summary: '审核销号（通过或退回重新整改）', params: idParams, body: reviewBody },
    handler: (req) =>
      rect.move(ctx, req.rc, req.params.id, req.body.approve ? 'approve' : 'reject', req.body.note, null),
  });

  const mtags = ['民主评议党员'];
  r.get('/api/evaluation/member-reviews', {
    config: { policy: read },
    schema: {
      tags: mtags,
      summary: '民主评议列表（本级及下级，含优秀和不合格人数）',
      querystring: z.strictObject({
        orgId: z.coerce.number().int().positive().optional(),
        year: z.coerce.number().int().min(2000).max(2100).optional(),
      }),
    },
    handler: (req) => reviews.listReviews(ctx, req.rc, req.query.orgId, req.query.year),
  });
  r.post('/api/evaluation/member-reviews', {
    config: { policy: manage },
    schema: { tags: mtags, summary: '开展年度民主评议党员', body: createMemberReviewBody },
    handler: async (req, reply) => reply.status(201).send(await reviews.createReview(ctx, req.rc, req.body)),
  });
  r.get('/api/evaluation/member-reviews/:id', {
    config: { policy: read },
    schema: { tags: mtags, summary: '民主评议详情', params: idParams },
    handler: (req) => reviews.getReview(ctx, req.rc, req.params.id),
  });
  r.post('/api/evaluation/member-reviews/:id/stage', {
    config: { policy: manage },
    schema: { tags: mtags, summary: '进入下一环节', params: idParams, body: advanceStageBody },
    handler: (req) => reviews.advanceStage(ctx, req.rc, req.params.id, req.body),
  });
  r.put('/api/evaluation/member-reviews/:id/self', {
    config: { policy: read },
    schema: { tags: mtags, summary: '党员本人提交个人自评', params: idParams, body: selfReviewBody },
    handler: (req) => reviews.submitSelfReview(ctx, req.rc, req.params.id, req.body.text),
  });
  r.post('/api/evaluation/member-reviews/:id/ballot', {
    config: { policy: read },
    schema: { tags: mtags, summary: '党员领取匿名测评选票', params: idParams },
    handler: (req) => reviews.takeReviewBallot(ctx, req.rc, req.params.id),
  });
  r.put('/api/evaluation/member-reviews/:id/assessment', {
    config: { policy: manage },
    schema: { tags: mtags, summary: '组织评定（优秀比例受限）', params: idParams, body: assessmentBody },
    handler: (req) => reviews.assess(ctx, req.rc, req.params.id, req.body),
  });
  r.post('/api/evaluation/dispositions', {
    config: { policy: manage },
    schema: { tags: mtags, summary: '不合格党员组织处置', body: dispositionBody },
    handler: async (req, reply) =>
      reply.status(201).send(await reviews.createDisposition(ctx, req.rc, req.body)),
  });
  r.post('/api/evaluation/dispositions/:id/approve', {
    config: { policy: lead },
    schema: { tags: mtags, summary: '上级党委批准除名', params: idParams },
    handler: (req) => reviews.approveDisposition(ctx, req.rc, req.params.id),
  });
  r.get('/api/evaluation/my', {
    config: { policy: read },
    schema: { tags: mtags, summary: '本人的民主评议（自评、测评）' },
    handler: (req) => reviews.myEvaluations(ctx, requireActor(req)),
  });

  const ttags = ['党员目标管理'];
  r.get('/api/evaluation/targets', {
    config: { policy: manage },
    schema: { tags: ttags, summary: '支部党员目标责任书和半年考评总览', querystring: targetListQuery },
    handler: (req) => targets.listTargets(ctx, req.rc, req.query.orgId, req.query.year),
  });
  r.post('/api/evaluation/targets', {
    config: { policy: manage },
    schema: { tags: ttags, summary: '向党员下达年度目标责任书（已有的跳过）', body: createTargetLettersBody },
    handler: async (req, reply) => reply.status(201).send(await targets.createLetters(ctx, req.rc, req.body)),
  });
  r.get('/api/evaluation/targets/:id', {
    config: { policy: read },
    schema: { tags: ttags, summary: '目标责任书和半年考评（支部或党员本人）', params: idParams },
    handler: (req) => targets.getLetter(ctx, req.rc, req.params.id),
  });
  r.put('/api/evaluation/targets/:id/items', {
    config: { policy: manage },
    schema: {
      tags: ttags,
      summary: '修改目标（考评前；党员须重新确认）',
      params: idParams,
      body: reviseTargetItemsBody,
    },
    handler: (req) => targets.reviseItems(ctx, req.rc, req.params.id, req.body.items),
  });
  r.post('/api/evaluation/targets/:id/acknowledge', {
    config: { policy: read },
    schema: { tags: ttags, summary: '党员本人确认目标责任书', params: idParams },
    handler: (req) => targets.acknowledge(ctx, req.rc, req.params.id),
  });
  r.put('/api/evaluation/targets/:id/self', {
    config: { policy: read },
    schema: { tags: ttags, summary: '党员本人半年自评', params: idParams, body: targetSelfBody },
    handler: (req) => targets.submitSelf(ctx, req.rc, req.params.id, req.body),
  });
  r.put('/api/evaluation/targets/:id/assessment', {
    config: { policy: manage },
    schema: {
      tags: ttags,
      summary: '录入互评和组织评价，计算半年考评结果',
      params: idParams,
      body: targetAssessBody,
    },
    handler: (req) => targets.assess(ctx, req.rc, req.params.id, req.body),
  });

  r.get('/api/evaluation/proposals', {
    config: { policy: manage },
    schema: {
      tags: mtags,
      summary: '处置建议（失联满6个月、连续6个月未参加组织生活），供人工研究',
      querystring: z.strictObject({ orgId: z.coerce.number().int().positive('组织ID不正确') }),
    },
    handler: (req) => proposals.listProposals(ctx, req.rc, req.query.orgId),
  });
  r.post('/api/evaluation/proposals/decisions', {
    config: { policy: manage },
    schema: { tags: mtags, summary: '对处置建议作出处理（提交研究或不予处理）', body: proposalDecisionBody },
    handler: async (req, reply) =>
      reply.status(201).send(await proposals.decideProposal(ctx, req.rc, req.body)),
  });
  r.post('/api/evaluation/lost-contacts', {
    config: { policy: manage },
    schema: { tags: mtags, summary: '失联党员登记', body: lostContactBody },
    handler: async (req, reply) =>
      reply.status(201).send(await proposals.registerLostContact(ctx, req.rc, req.body)),
  });
  r.post('/api/evaluation/lost-contacts/:id/found', {
    config: { policy: manage },
    schema: { tags: mtags, summary: '恢复联系，解除失联登记', params: idParams, body: lostContactFoundBody },
    handler: (req) => proposals.markFound(ctx, req.rc, req.params.id, req.body.foundOn),
  });
}
