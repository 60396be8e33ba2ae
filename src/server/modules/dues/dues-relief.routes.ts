// 党费 routes, part C: 减免, 上缴 and reconciliation (issue 19). 补交 has no route of its own:
// it is a payment of earlier months, checked by relief/back-pay.ts where payments are recorded.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  approveReductionBody,
  bankFigureBody,
  createReductionBody,
  createRemittanceBody,
  rejectReductionBody,
} from '../../../core/dues/relief.schemas.ts';
import type { AppContext } from '../../context.ts';
import { defineRoute } from '../../http/define-route.ts';
import { signedIn } from '../../http/policy.ts';
import * as reductions from './relief/reductions.service.ts';
import { STAFF } from './relief/relief.common.ts';
import * as remit from './relief/remittances.service.ts';

const staff = signedIn(STAFF);
const tags = ['党费'];
const id = z.object({ id: z.coerce.number().int().positive('减免申请ID不正确') });
const orgId = z.coerce.number().int().positive('组织ID不正确').optional();
const year = z.coerce.number().int().min(2000, '年度不正确').max(2100, '年度不正确');

export function registerDuesReliefRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/dues/reductions',
    policy: staff,
    tags,
    summary: '本组织及下级的党费减免申请',
    query: z.strictObject({
      orgId,
      status: z
        .enum(['pending_branch', 'pending_upper', 'approved', 'rejected'], '审批状态不正确')
        .optional(),
    }),
    handler: (rc, { query }) => reductions.listReductions(ctx, rc, query),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/dues/reductions',
    policy: staff,
    tags,
    summary: '登记党员党费减免（少交或免交）申请，待党支部和上级党委审批',
    body: createReductionBody,
    status: 201,
    handler: (rc, { body }) => reductions.createReduction(ctx, rc, body),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/dues/reductions/:id/approve',
    policy: staff,
    tags,
    summary: '审批同意减免申请：先党支部，再上级党委；批准后写入党费台账',
    params: id,
    body: approveReductionBody,
    handler: (rc, { params, body }) => reductions.approveReduction(ctx, rc, params.id, body),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/dues/reductions/:id/reject',
    policy: staff,
    tags,
    summary: '退回减免申请（须填写原因）',
    params: id,
    body: rejectReductionBody,
    handler: (rc, { params, body }) => reductions.rejectReduction(ctx, rc, params.id, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/dues/remittances',
    policy: staff,
    tags,
    summary: '本组织及下级的党费上缴记录',
    query: z.strictObject({ orgId, year: year.optional() }),
    handler: (rc, { query }) => remit.listRemittances(ctx, rc, query),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/dues/remittances',
    policy: staff,
    tags,
    summary: '登记党费上缴（上缴给本组织的上级党组织）',
    body: createRemittanceBody,
    status: 201,
    handler: (rc, { body }) => remit.createRemittance(ctx, rc, body),
  });
  defineRoute(app, {
    method: 'PUT',
    url: '/api/dues/bank-figures',
    policy: staff,
    tags,
    summary: '登记或更正某组织某月党费账户的银行入账金额',
    body: bankFigureBody,
    handler: (rc, { body }) => remit.setBankFigure(ctx, rc, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/dues/remittance-summary',
    policy: staff,
    tags,
    summary: '党费收缴、上缴与银行对账：本组织及直属下级逐月对比，差额标出',
    query: z.strictObject({ orgId, year }),
    handler: (rc, { query }) => remit.remittanceSummary(ctx, rc, query),
  });
}
