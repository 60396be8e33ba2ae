// 党费 routes, part A: bases, ledger, reports (issue 19).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DUES_CATEGORIES } from '../../../core/dues/rates.ts';
import { orgRef, personRef } from '../../../core/shared/refs.ts';
import type { AppContext } from '../../context.ts';
import { defineRoute } from '../../http/define-route.ts';
import { signedIn } from '../../http/policy.ts';
import { XLSX_MIME } from '../roster/roster.xlsx.ts';
import { confirmBase, declareBase, importBases, listBases } from './dues-bases.service.ts';
import { generateLedger, getLedger } from './dues-ledger.service.ts';
import { arrears, report, reportWorkbook } from './dues-report.service.ts';

const staff = signedIn(['org_admin', 'worker']);
const tags = ['党费'];
const orgIdQ = z.coerce.number().int().positive('组织ID不正确');
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为“YYYY-MM”');
const IMPORT_MAX_BYTES = 10 * 1024 * 1024;
const reportQuery = z.strictObject({
  orgId: orgIdQ.optional(),
  year: z.coerce.number().int('年份不正确').min(2000, '年份不正确').max(2100, '年份不正确'),
  month: z.coerce.number().int('月份应为1至12').min(1, '月份应为1至12').max(12, '月份应为1至12').optional(),
});

const declareBody = z.strictObject({
  orgId: orgRef('组织ID不正确').optional(),
  personId: personRef('党员ID不正确'),
  category: z.enum(DUES_CATEGORIES, '党员类别不正确'),
  baseFen: z.number('月缴费基数应为数字').int('月缴费基数应为以分计的整数').nullable(),
  effectiveMonth: month,
  note: z.string().max(200).optional(),
});

export function registerDuesBasesRoutes(app: FastifyInstance, ctx: AppContext): void {
  if (!app.hasContentTypeParser(XLSX_MIME))
    app.addContentTypeParser(
      XLSX_MIME,
      { parseAs: 'buffer', bodyLimit: IMPORT_MAX_BYTES },
      (_req, body, done) => done(null, body),
    );
  defineRoute(app, {
    method: 'GET',
    url: '/api/dues/ledger',
    policy: staff,
    tags,
    summary: '党费台账：本组织及下级党员某月应缴、减免、已缴、缴纳日期和状态',
    query: z.strictObject({ orgId: orgIdQ.optional(), month }),
    handler: (rc, { query: q }) => getLedger(ctx, rc, q.orgId, q.month),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/dues/ledger/generate',
    policy: staff,
    tags,
    summary: '生成某月党费台账（可重复执行，已缴月份不变）',
    body: z.strictObject({ orgId: orgRef('组织ID不正确'), month }),
    handler: (rc, { body }) => generateLedger(ctx, rc, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/dues/bases',
    policy: staff,
    tags,
    summary: '党费缴纳基数：申报记录（待确认、已确认）与尚未申报基数的党员',
    query: z.strictObject({ orgId: orgIdQ.optional() }),
    handler: (rc, { query: q }) => listBases(ctx, rc, q.orgId),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/dues/bases',
    policy: signedIn(['org_admin', 'worker', 'member']),
    tags,
    summary: '申报党费缴纳基数：支部录入即生效；党员本人申报须经支部确认',
    body: declareBody,
    status: 201,
    handler: (rc, { body }) => declareBase(ctx, rc, body),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/dues/bases/:id/confirm',
    policy: staff,
    tags,
    summary: '支部确认党员本人申报的缴费基数',
    params: z.strictObject({ id: z.coerce.number().int().positive('申报ID不正确') }),
    handler: (rc, { params }) => confirmBase(ctx, rc, params.id),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/dues/bases/import',
    policy: staff,
    tags,
    summary:
      'Excel导入缴费基数（列：姓名、所在组织、党员类别、月缴费基数（元）、起始月份、备注）；任一行有误则全部不导入',
    query: z.strictObject({ orgId: orgIdQ.optional() }),
    bodyLimit: IMPORT_MAX_BYTES,
    status: 201,
    handler: (rc, { query: q }, reply) => importBases(ctx, rc, q.orgId, reply.request.body as Buffer),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/dues/report',
    policy: staff,
    tags,
    summary: '党费统计：按下级组织的应缴、实缴、按时缴纳，逐月收缴情况和欠缴名单',
    query: reportQuery,
    handler: (rc, { query: q }) => report(ctx, rc, q),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/dues/report.xlsx',
    policy: staff,
    tags,
    summary: '导出党费统计（Excel：收缴情况、逐月收缴、欠缴名单）',
    query: reportQuery,
    handler: async (rc, { query: q }, reply) => {
      const file = await reportWorkbook(ctx, rc, q);
      return reply
        .header('Content-Type', XLSX_MIME)
        .header(
          'Content-Disposition',
          `attachment; filename="download"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        )
        .header('Cache-Control', 'no-store')
        .send(file.body);
    },
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/dues/arrears',
    policy: staff,
    tags,
    summary: '欠缴党费名单：截至上月连续未缴月数（不含批准减免的月份），满6个月标注自行脱党情形',
    query: z.strictObject({ orgId: orgIdQ.optional() }),
    handler: (rc, { query: q }) => arrears(ctx, rc, q.orgId),
  });
}
