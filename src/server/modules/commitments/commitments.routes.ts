import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { COMMITMENT_STATUSES } from '../../../core/commitments/commitments.rules.ts';
import {
  createCommitmentBody,
  gradeBody,
  handleOpinionBody,
  openOpinionBody,
  openSatisfactionBody,
  photoBody,
  progressBody,
  publicOpinionBody,
  reviewBody,
} from '../../../core/commitments/commitments.schemas.ts';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../http/errors.ts';
import { PUBLIC, signedIn } from '../../http/policy.ts';
import { CM_READERS, CM_REVIEWERS, CM_WRITERS } from './commitments.policy.ts';
import { registerCommendationsRoutes } from './commendations.routes.ts';
import * as service from './commitments.service.ts';
import { registerLiaisonRoutes } from './liaisons.routes.ts';
import * as photos from './photos.service.ts';
import { calendarFor } from './review-calendar.service.ts';
import * as satisfaction from './satisfaction.service.ts';

const idParams = z.object({ id: z.coerce.number().int().positive('承诺ID不正确') });
const opinionParams = z.object({
  id: z.coerce.number().int().positive('承诺ID不正确'),
  opinionId: z.coerce.number().int().positive('意见ID不正确'),
});
const orgQuery = z.coerce.number().int().positive('组织ID不正确').optional();
const read = signedIn(CM_READERS);
const write = signedIn(CM_WRITERS);
const tags = ['创先争优·公开承诺'];

/** Public opinions: per-IP budget per window, so a public link cannot be flooded. */
const OPINIONS_PER_IP = 20;
const WINDOW_MS = 10 * 60_000;

/** Routes of the commitments module (issue 8). */
export function registerCommitmentsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  registerCommendationsRoutes(app, ctx);
  registerLiaisonRoutes(app, ctx);
  const hits = new Map<string, number[]>();
  const allow = (ip: string): boolean => {
    const t = ctx.now().getTime();
    const recent = (hits.get(ip) ?? []).filter((x) => t - x < WINDOW_MS);
    if (recent.length >= OPINIONS_PER_IP) return false;
    recent.push(t);
    hits.set(ip, recent);
    if (hits.size > 10_000) hits.clear();
    return true;
  };

  r.get('/api/commitments', {
    config: { policy: read },
    schema: {
      tags,
      summary: '本辖区的公开承诺',
      querystring: z.strictObject({
        orgId: orgQuery,
        year: z.coerce.number().int().min(2000, '年度不正确').max(2100, '年度不正确').optional(),
        status: z.enum(COMMITMENT_STATUSES, '状态不正确').optional(),
      }),
    },
    handler: (req) => service.listCommitments(ctx, req.rc, req.query),
  });

  r.get('/api/commitments/overdue-reviews', {
    config: { policy: read },
    schema: {
      tags,
      summary: '到期未点评的承诺（任一下级范围）',
      querystring: z.strictObject({ orgId: orgQuery }),
    },
    handler: (req) => service.listOverdue(ctx, req.rc, req.query.orgId),
  });

  r.get('/api/commitments/review-calendar', {
    config: { policy: read },
    schema: {
      tags,
      summary: '领导点评日历：各点评人到期、逾期的点评（按月）',
      querystring: z.strictObject({ orgId: orgQuery }),
    },
    handler: (req) => calendarFor(ctx, req.rc, req.query.orgId),
  });

  r.get('/api/commitments/report', {
    config: { policy: read },
    schema: {
      tags,
      summary: '公开承诺统计：按类型、状态及到期未点评数',
      querystring: z.strictObject({
        orgId: orgQuery,
        year: z.coerce.number().int().min(2000, '年度不正确').max(2100, '年度不正确'),
      }),
    },
    handler: (req) => service.report(ctx, req.rc, req.query.orgId, req.query.year),
  });

  r.post('/api/commitments', {
    config: { policy: write },
    schema: { tags, summary: '草拟承诺', body: createCommitmentBody },
    handler: async (req, reply) =>
      reply.status(201).send(await service.createCommitment(ctx, req.rc, req.body)),
  });

  r.get('/api/commitments/:id', {
    config: { policy: read },
    schema: { tags, summary: '承诺详情（意见、践诺、点评）', params: idParams },
    handler: (req) => service.getCommitment(ctx, req.rc, req.params.id),
  });

  r.post('/api/commitments/:id/open-opinion', {
    config: { policy: write },
    schema: { tags, summary: '开始征求群众意见', params: idParams, body: openOpinionBody },
    handler: (req) => service.openOpinion(ctx, req.rc, req.params.id, req.body.endsOn),
  });

  r.post('/api/commitments/:id/opinions/:opinionId/handle', {
    config: { policy: write },
    schema: { tags, summary: '登记意见处理情况', params: opinionParams, body: handleOpinionBody },
    handler: (req) =>
      service.handleOpinion(ctx, req.rc, req.params.id, req.params.opinionId, req.body.handling),
  });

  r.post('/api/commitments/:id/publish', {
    config: { policy: write },
    schema: { tags, summary: '公开承诺（征求意见期满后）', params: idParams },
    handler: (req) => service.publish(ctx, req.rc, req.params.id),
  });

  r.post('/api/commitments/:id/progress', {
    config: { policy: write },
    schema: { tags, summary: '践诺：记录进展和佐证', params: idParams, body: progressBody },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(await service.addProgress(ctx, req.rc, req.params.id, req.body.note, req.body.evidence)),
  });

  r.post('/api/commitments/:id/progress/:progressId/photos', {
    config: { policy: write },
    bodyLimit: 8 * 1024 * 1024,
    schema: {
      tags,
      summary: '践诺佐证照片（JPEG、PNG，大小按规则库）',
      params: z.object({
        id: z.coerce.number().int().positive('承诺ID不正确'),
        progressId: z.coerce.number().int().positive('践诺记录ID不正确'),
      }),
      body: photoBody,
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(await photos.uploadPhoto(ctx, req.rc, req.params.id, req.params.progressId, req.body)),
  });

  r.get('/api/commitments/photos/:id', {
    config: { policy: read },
    schema: {
      tags,
      summary: '查看践诺佐证照片',
      params: z.object({ id: z.coerce.number().int().positive('照片ID不正确') }),
    },
    handler: async (req, reply) => {
      const file = await photos.downloadPhoto(ctx, req.rc, req.params.id);
      return reply
        .header('Content-Type', file.mime)
        .header(
          'Content-Disposition',
          `inline; filename="photo"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        )
        .header('X-Content-Type-Options', 'nosniff')
        .send(file.content);
    },
  });

  r.post('/api/commitments/:id/grade', {
    config: { policy: write },
    schema: { tags, summary: '评诺：自评、满意度、领导评定（只能一次）', params: idParams, body: gradeBody },
    handler: (req) => service.grade(ctx, req.rc, req.params.id, req.body),
  });

  r.post('/api/commitments/:id/satisfaction', {
    config: { policy: write },
    schema: {
      tags,
      summary: '评诺满意度测评：匿名一次性凭证（投票引擎），凭证只返回一次',
      params: idParams,
      body: openSatisfactionBody,
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(await satisfaction.openSatisfaction(ctx, req.rc, req.params.id, req.body.ballots)),
  });

  r.post('/api/commitments/:id/reviews', {
    config: { policy: signedIn(CM_REVIEWERS) },
    schema: { tags, summary: '领导点评（可提出整改事项）', params: idParams, body: reviewBody },
    handler: async (req, reply) =>
      reply.status(201).send(await service.review(ctx, req.rc, req.params.id, req.body)),
  });

  r.get('/api/public/commitments', {
    config: { policy: PUBLIC },
    schema: {
      tags,
      summary: '承诺公开栏（无需登录）',
      querystring: z.strictObject({
        org: z.string().trim().min(1, '组织编码不能为空').max(50, '组织编码不正确'),
      }),
    },
    handler: (req) => service.publicBoard(ctx, req.query.org),
  });

  r.get('/api/public/commitments/:id', {
    config: { policy: PUBLIC },
    schema: { tags, summary: '公开承诺或征求意见中的承诺（无需登录）', params: idParams },
    handler: (req) => service.publicCommitment(ctx, req.params.id),
  });

  r.post('/api/public/commitments/:id/opinions', {
    config: { policy: PUBLIC },
    schema: { tags, summary: '群众提意见（无需登录，匿名）', params: idParams, body: publicOpinionBody },
    handler: async (req, reply) => {
      if (!allow(req.ip)) throw new AppError('too_many', 'TOO_MANY_OPINIONS', '提交过于频繁，请稍后再试');
      return reply
        .status(201)
        .send(
          await service.submitPublicOpinion(ctx, req.rc, req.params.id, req.body.content, req.body.contact),
        );
    },
  });
}
