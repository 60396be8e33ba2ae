// 考核 routes (issue 18). GET /api/assessment?orgId=&year= → the children of orgId ranked:
// {"data":{"org","year","computedAt","rows":[{orgId,orgCode,orgName,level,total,rank,indicators:[{key,label,weight,value,score,detail}]}]}}
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { manualBody, recomputeBody, weightsBody } from '../../../core/assessment/assessment.schemas.ts';
import { ASSESS_LEVELS } from '../../../core/assessment/assessment.types.ts';
import type { AppContext } from '../../context.ts';
import { defineRoute } from '../../http/define-route.ts';
import { signedIn } from '../../http/policy.ts';
import * as service from './assessment.service.ts';

const read = signedIn(service.ASSESS_READERS);
const write = signedIn(service.ASSESS_WRITERS);
const tags = ['责任考核·考核'];
const orgId = z.coerce.number().int().positive('组织ID不正确');
const year = z.coerce.number().int('年度不正确').min(2000, '年度不正确').max(2100, '年度不正确');
const query = z.strictObject({ orgId: orgId.optional(), year: year.optional() });

export function registerAssessmentRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/assessment',
    policy: read,
    tags,
    summary: '下级组织年度考核得分与排名（各项指标得分）',
    query,
    handler: (rc, { query: q }) => service.ranking(ctx, rc, q),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/assessment/recompute',
    policy: write,
    tags,
    summary: '重新计算下级组织年度考核得分并保存',
    body: recomputeBody,
    handler: (rc, { body }) => service.recompute(ctx, rc, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/assessment/weights',
    policy: read,
    tags,
    summary: '某一层级考核指标及权重（本组织或上级设置，否则为规则库默认）',
    query: z.strictObject({
      orgId: orgId.optional(),
      year: year.optional(),
      level: z.enum(ASSESS_LEVELS, '考核层级不正确'),
    }),
    handler: (rc, { query: q }) => service.getWeights(ctx, rc, q),
  });
  defineRoute(app, {
    method: 'PUT',
    url: '/api/assessment/weights',
    policy: write,
    tags,
    summary: '设置本组织某年度某层级的指标权重（合计须为100）',
    body: weightsBody,
    handler: (rc, { body }) => service.putWeights(ctx, rc, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/assessment/manual',
    policy: read,
    tags,
    summary: '下级组织的人工评分指标及已录入得分',
    query,
    handler: (rc, { query: q }) => service.listManual(ctx, rc, q),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/assessment/manual',
    policy: write,
    tags,
    summary: '录入下级组织人工评分指标得分（须附评分依据）',
    body: manualBody,
    handler: (rc, { body }) => service.enterManual(ctx, rc, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/assessment/evidence',
    policy: read,
    tags,
    summary: '某一组织本年度考核得分构成（党支部定级的计算依据）',
    query: z.strictObject({ orgId, year: year.optional() }),
    handler: (rc, { query: q }) => service.evidence(ctx, rc, q),
  });
}
