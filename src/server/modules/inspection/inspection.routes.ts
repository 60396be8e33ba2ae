// 督查 and 通报 routes (issue 18).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { photoBody } from '../../../core/commitments/commitments.schemas.ts';
import {
  createBulletinBody,
  createPlanBody,
  rectifyBody,
  recordVisitBody,
} from '../../../core/inspection/inspection.schemas.ts';
import type { AppContext } from '../../context.ts';
import { defineRoute } from '../../http/define-route.ts';
import { signedIn } from '../../http/policy.ts';
import * as bulletins from './bulletins.service.ts';
import { downloadVisitPhoto, uploadVisitPhoto } from './inspection-photos.service.ts';
import { INSP_STAFF } from './inspection.policy.ts';
import * as service from './inspection.service.ts';

const staff = signedIn(INSP_STAFF);
const tags = ['督查'];
const btags = ['通报'];
const id = (label: string) => z.object({ id: z.coerce.number().int().positive(`${label}ID不正确`) });
const orgId = z.coerce.number().int().positive('组织ID不正确').optional();
const year = z.coerce.number().int().min(2000, '年度不正确').max(2100, '年度不正确').optional();

export function registerInspectionRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/inspections/plans',
    policy: staff,
    tags,
    summary: '本组织及下级发起的督查计划（含进度）',
    query: z.strictObject({ orgId, year }),
    handler: (rc, { query }) => service.listPlans(ctx, rc, query),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/inspections/plans',
    policy: staff,
    tags,
    summary: '新建督查计划（督查对象须在本组织下级）',
    body: createPlanBody,
    status: 201,
    handler: (rc, { body }) => service.createPlan(ctx, rc, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/inspections/plans/:id',
    policy: staff,
    tags,
    summary: '督查计划详情：各督查对象的状态与督查清单',
    params: id('督查计划'),
    handler: (rc, { params }) => service.getPlan(ctx, rc, params.id),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/inspections/plans/:id/visits',
    policy: staff,
    tags,
    summary: '登记督查记录：督查清单逐项结果、发现问题和结论',
    params: id('督查计划'),
    body: recordVisitBody,
    status: 201,
    handler: (rc, { params, body }) => service.recordVisit(ctx, rc, params.id, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/inspections/visits/:id',
    policy: staff,
    tags,
    summary: '督查记录详情（发现问题及整改情况）',
    params: id('督查记录'),
    handler: (rc, { params }) => service.getVisit(ctx, rc, params.id),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/inspections/visits/:id/photos',
    policy: staff,
    tags,
    summary: '上传督查现场照片（JPEG、PNG，大小按规则库）',
    params: id('督查记录'),
    body: photoBody,
    bodyLimit: 8 * 1024 * 1024,
    status: 201,
    handler: (rc, { params, body }) => uploadVisitPhoto(ctx, rc, params.id, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/inspections/photos/:id',
    policy: staff,
    tags,
    summary: '查看督查现场照片',
    params: id('照片'),
    handler: async (rc, { params }, reply) => {
      const file = await downloadVisitPhoto(ctx, rc, params.id);
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
  defineRoute(app, {
    method: 'POST',
    url: '/api/inspections/findings/:id/rectify',
    policy: staff,
    tags,
    summary: '发现问题转为整改事项（期限默认按问题程度取规则库天数）',
    params: id('发现问题'),
    body: rectifyBody,
    status: 201,
    handler: (rc, { params, body }) => service.rectifyFinding(ctx, rc, params.id, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/inspections/received',
    policy: staff,
    tags,
    summary: '督查结果：本组织及下级被督查的记录、发现问题和整改情况',
    query: z.strictObject({ orgId, year }),
    handler: (rc, { query }) => service.received(ctx, rc, query),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/bulletins',
    policy: staff,
    tags: btags,
    summary: '本组织发布的和收到的通报',
    query: z.strictObject({ orgId }),
    handler: (rc, { query }) => bulletins.listBulletins(ctx, rc, query.orgId),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/bulletins',
    policy: staff,
    tags: btags,
    summary: '发布通报（表扬、批评典型），通知接收组织',
    body: createBulletinBody,
    status: 201,
    handler: (rc, { body }) => bulletins.publishBulletin(ctx, rc, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/bulletins/:id',
    policy: staff,
    tags: btags,
    summary: '阅读通报（接收组织工作人员首次打开即记为已读）',
    params: id('通报'),
    handler: (rc, { params }) => bulletins.openBulletin(ctx, rc, params.id),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/bulletins/:id/receipts',
    policy: staff,
    tags: btags,
    summary: '通报阅读情况：各接收组织已读、未读',
    params: id('通报'),
    handler: (rc, { params }) => bulletins.bulletinReceipts(ctx, rc, params.id),
  });
}
