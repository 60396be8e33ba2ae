// 党建责任制 routes (issue 18): 责任清单, 责任书, 年度履责情况, 问责.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  createItemBody,
  decideAccountabilityBody,
  issueLetterBody,
  itemProgressBody,
  proposeAccountabilityBody,
} from '../../../core/responsibility/responsibility.schemas.ts';
import type { AppContext } from '../../context.ts';
import { defineRoute } from '../../http/define-route.ts';
import { signedIn } from '../../http/policy.ts';
import * as acc from './accountability.service.ts';
import * as letters from './letters.service.ts';
import {
  ACC_READERS,
  ACC_WRITERS,
  LETTER_ISSUERS,
  RESP_READERS,
  RESP_WRITERS,
} from './responsibility.policy.ts';
import * as repo from './responsibility.repository.ts';
import { scopeOrg, today } from './responsibility.common.ts';
import * as items from './responsibility.service.ts';

const tags = ['党建责任制'];
const orgId = z.coerce.number().int().positive('组织ID不正确').optional();
const year = z.coerce.number().int().min(2000, '年度不正确').max(2100, '年度不正确');
const orgYear = z.strictObject({ orgId, year });
const idParams = (what: string) =>
  z.strictObject({ id: z.coerce.number().int().positive(`${what}ID不正确`) });

export function registerResponsibilityRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/responsibility/items',
    policy: signedIn(RESP_READERS),
    tags,
    summary: '责任清单：一个组织某年度各岗位责任人的责任事项及进展',
    query: orgYear,
    handler: (rc, { query: q }) => items.listItems(ctx, rc, q.orgId, q.year),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/responsibility/items',
    policy: signedIn(RESP_WRITERS),
    tags,
    summary: '列入责任事项（责任人须在该组织担任所填职务）',
    body: createItemBody,
    status: 201,
    handler: (rc, { body }) => items.createItem(ctx, rc, body),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/responsibility/items/:id/progress',
    policy: signedIn(RESP_WRITERS),
    tags,
    summary: '记录履责进展（完成时按要求附佐证）',
    params: idParams('责任事项'),
    body: itemProgressBody,
    status: 201,
    handler: (rc, { params, body }) => items.addProgress(ctx, rc, params.id, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/responsibility/holders',
    policy: signedIn(ACC_WRITERS),
    tags,
    summary: '一个组织现任的班子成员（岗位责任人）',
    query: z.strictObject({ orgId }),
    handler: async (rc, { query: q }) => {
      const org = await scopeOrg(ctx, rc, q.orgId);
      return { data: await repo.postHolders(ctx.db, org.id, today(ctx)) };
    },
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/responsibility/summary',
    policy: signedIn(RESP_READERS),
    tags,
    summary: '年度履责情况（供述职评议）：事项数、已完成、逾期及履责记录',
    query: orgYear,
    handler: (rc, { query: q }) => items.getSummary(ctx, rc, q.orgId, q.year),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/responsibility/letters',
    policy: signedIn(RESP_READERS),
    tags,
    summary: '责任书：本组织下达的（签收情况）和收到的',
    query: orgYear,
    handler: (rc, { query: q }) => letters.listLetters(ctx, rc, q.orgId, q.year),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/responsibility/letters',
    policy: signedIn(LETTER_ISSUERS),
    tags,
    summary: '下达责任书（默认下达给直属下级组织）',
    body: issueLetterBody,
    status: 201,
    handler: (rc, { body }) => letters.issueLetters(ctx, rc, body),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/responsibility/letters/:id/acknowledge',
    policy: signedIn(RESP_WRITERS),
    tags,
    summary: '签收责任书（接收组织本级）',
    params: idParams('责任书'),
    handler: (rc, { params }) => letters.acknowledgeLetter(ctx, rc, params.id),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/accountability',
    policy: signedIn(ACC_READERS),
    tags,
    summary: '问责记录（提出单位及其上级可见，审计管理员只读）',
    query: z.strictObject({ orgId }),
    handler: (rc, { query: q }) => acc.listAccountability(ctx, rc, q.orgId),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/accountability',
    policy: signedIn(ACC_WRITERS),
    tags,
    summary: '提出问责（被问责人所在组织须在本组织之下）',
    body: proposeAccountabilityBody,
    status: 201,
    handler: (rc, { body }) => acc.proposeAccountability(ctx, rc, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/accountability/:id',
    policy: signedIn(ACC_READERS),
    tags,
    summary: '问责记录详情',
    params: idParams('问责记录'),
    handler: (rc, { params }) => acc.getAccountability(ctx, rc, params.id),
  });
  for (const action of ['approve', 'reject'] as const)
    defineRoute(app, {
      method: 'POST',
      url: `/api/accountability/:id/${action}`,
      policy: signedIn(ACC_WRITERS),
      tags,
      summary: action === 'approve' ? '批准问责（提出单位的上级党组织）：生效' : '不予批准问责（须填写意见）',
      params: idParams('问责记录'),
      body: decideAccountabilityBody,
      handler: (rc, { params, body }) => acc.decide(ctx, rc, params.id, action, body.note),
    });
}
