// 问题清单 routes (issue 18). The items themselves are read and moved through the rectification
// engine's routes (/api/rectifications/:id …); these list them across sources and add the two
// ways in that belong to no other module.
import type { FastifyInstance } from 'fastify';
import { fromAlertBody, fromMeetingBody, problemsQuery } from '../../../core/problems/problems.schemas.ts';
import type { AppContext } from '../../context.ts';
import { defineRoute } from '../../http/define-route.ts';
import { signedIn } from '../../http/policy.ts';
import { problemBoard, problemFromAlert, problemsFromMeeting } from './problems.service.ts';

const staff = signedIn(['org_admin', 'worker']);
const tags = ['问题清单'];

export function registerProblemsRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/problems',
    policy: staff,
    tags,
    summary: '问题清单：本组织及下级各来源（述职评议、督查、预警、组织生活会等）的整改事项，按来源计数',
    query: problemsQuery,
    handler: (rc, { query: q }) =>
      problemBoard(ctx, rc, {
        orgId: q.orgId,
        openOnly: q.open === '1',
        overdueOnly: q.overdue === '1',
        source: q.source,
        limit: q.limit,
        offset: q.offset,
      }),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/problems/from-alert',
    policy: staff,
    tags,
    summary: '预警转整改：把一条未解除的预警列入问题清单，限期整改',
    body: fromAlertBody,
    status: 201,
    handler: (rc, { body }) => problemFromAlert(ctx, rc, body),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/problems/from-meeting',
    policy: staff,
    tags,
    summary: '组织生活会、民主生活会查摆出的问题列入问题清单（逐条明确整改时限，全部成功或全部不写入）',
    body: fromMeetingBody,
    status: 201,
    handler: (rc, { body }) => problemsFromMeeting(ctx, rc, body),
  });
}
