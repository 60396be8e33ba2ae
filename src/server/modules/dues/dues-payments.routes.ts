// 党费 routes, part B: payments and the gateway (issue 19). The notify route is PUBLIC: the
// gateway has no session; the HMAC signature over the raw body is the only thing believed.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { isIsoDate } from '../../../core/shared/dates.ts';
import { personRef } from '../../../core/shared/refs.ts';
import type { AppContext } from '../../context.ts';
import { defineRoute } from '../../http/define-route.ts';
import { PUBLIC, signedIn } from '../../http/policy.ts';
import { gatewaySecret, sandboxEnabled, setGateway } from './payments/gateway.ts';
import { myDues, receipt, reconcileDay } from './payments/me.service.ts';
import { createOrder, handleNotification } from './payments/orders.service.ts';
import { listPayments, recordOfflinePayment, reversePayment } from './payments/payments.service.ts';
import { registerSandboxPages, sandboxFor } from './payments/sandbox-gateway.routes.ts';

const staff = signedIn(['org_admin', 'worker']);
const tags = ['党费'];
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为YYYY-MM');
const date = (label: string) => z.string().refine(isIsoDate, `${label}应为有效日期（YYYY-MM-DD）`);
const months = z.array(month).min(1, '请至少选择一个月份').max(24, '一次最多缴纳24个月');
const idParams = z.strictObject({ id: z.coerce.number().int().positive('ID不正确') });

const offlineBody = z.strictObject({
  personId: personRef('党员ID不正确'),
  months,
  amountFen: z
    .number()
    .int('金额应为整数（分）')
    .positive('缴费金额应大于0')
    .max(100_000_000, '缴费金额过大'),
  method: z.enum(['cash', 'bank'], '缴费方式应为现金或银行转账'),
  receiptNo: z.string().trim().min(1, '收据编号不能为空').max(40, '收据编号过长'),
  paidOn: date('缴费日期'),
});
const reversalBody = z.strictObject({
  months: months.optional(),
  reason: z.string().trim().min(2, '请填写原因').max(200, '原因过长'),
  paidOn: date('日期').optional(),
});
const orderBody = z.strictObject({
  months,
  idempotencyKey: z.string().trim().min(8, '幂等键过短').max(64, '幂等键过长'),
});

export function registerDuesPaymentsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const secret = gatewaySecret();
  // One sandbox per app: it posts its notifications into this app (never in production unless
  // turned on explicitly: see sandboxEnabled).
  if (sandboxEnabled()) {
    const sandbox = sandboxFor(app, ctx, secret);
    setGateway(ctx, sandbox);
    registerSandboxPages(app, sandbox, secret);
  }

  defineRoute(app, {
    method: 'GET',
    url: '/api/dues/payments',
    policy: staff,
    tags,
    summary: '本组织及下级的缴费记录（含冲正、退款）',
    query: z.strictObject({
      orgId: z.coerce.number().int().positive('组织ID不正确').optional(),
      month: month.optional(),
    }),
    handler: (rc, { query: q }) => listPayments(ctx, rc, q.orgId, q.month),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/dues/payments',
    policy: staff,
    tags,
    summary: '登记线下缴费（现金或银行转账，含收据编号）',
    body: offlineBody,
    status: 201,
    handler: (rc, { body }) => recordOfflinePayment(ctx, rc, body),
  });
  for (const kind of ['correction', 'refund'] as const)
    defineRoute(app, {
      method: 'POST',
      url: `/api/dues/payments/:id/${kind}`,
      policy: staff,
      tags,
      summary:
        kind === 'refund'
          ? '退款（新增负数记录，所涉月份恢复待缴）'
          : '冲正（登记有误：新增负数记录，所涉月份恢复待缴）',
      params: idParams,
      body: reversalBody,
      status: 201,
      handler: (rc, { params, body }) => reversePayment(ctx, rc, params.id, { ...body, kind }),
    });
  defineRoute(app, {
    method: 'GET',
    url: '/api/dues/reconcile',
    policy: staff,
    tags,
    summary: '在线缴费对账：支付通道对账单与本系统入账逐笔比对，标出差异',
    query: z.strictObject({
      orgId: z.coerce.number().int().positive('组织ID不正确').optional(),
      date: date('对账日期'),
    }),
    handler: (rc, { query: q }) => reconcileDay(ctx, rc, q.orgId, q.date),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/dues/me',
    policy: signedIn(['member']),
    tags,
    summary: '我的党费：各月应缴、已缴与缴费凭证',
    handler: (rc) => myDues(ctx, rc),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/dues/orders',
    policy: signedIn(['member']),
    tags,
    summary: '在线缴费下单（金额由服务器按台账计算；同一幂等键只生成一笔订单）',
    body: orderBody,
    status: 201,
    handler: (rc, { body }) => createOrder(ctx, rc, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/dues/receipts/:id',
    policy: signedIn(['member', 'org_admin', 'worker']),
    tags,
    summary: '缴费凭证（党员本人或所在组织的工作人员）',
    params: idParams,
    handler: (rc, { params }) => receipt(ctx, rc, params.id),
  });

  // The raw body is what the gateway signed: this context keeps it as text and parses it itself.
  app.register(async (raw) => {
    raw.addContentTypeParser(
      'application/json',
      { parseAs: 'string', bodyLimit: 16_384 },
      (req, body, done) => {
        (req as unknown as { rawBody: string }).rawBody = body as string;
        done(null, {});
      },
    );
    defineRoute(raw, {
      method: 'POST',
      url: '/api/dues/gateway/notify',
      policy: PUBLIC,
      tags,
      summary: '支付通道异步通知（无需登录，凭签名验证；重复通知不改变任何数据）',
      handler: (rc, _input, reply) => {
        const rawBody = (reply.request as unknown as { rawBody?: string }).rawBody ?? '';
        return handleNotification(ctx, rc, reply.request.headers, rawBody);
      },
    });
  });
}
