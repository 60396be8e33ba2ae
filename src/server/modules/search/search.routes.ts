// Global search within the caller's subtree (issue 17, navigation).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { defineRoute } from '../../http/define-route.ts';
import { signedIn } from '../../http/policy.ts';
import { search } from './search.service.ts';

/** The header search box is for the people who run organisations; members and the 三员 have none. */
const searchers = signedIn(['org_admin', 'worker']);

export function registerSearchRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/search',
    policy: searchers,
    tags: ['搜索'],
    summary: '在本组织及下级中搜索：组织（名称、编码）、党员（姓名）、会议（标题）',
    query: z.strictObject({
      q: z.string().trim().min(1, '请输入搜索内容').max(50, '搜索内容不能超过50个字'),
      limit: z.coerce.number().int().min(1, '每类条数不正确').max(20, '每类最多20条').default(8),
    }),
    handler: (rc, { query }) => search(ctx, rc, query),
  });
}
