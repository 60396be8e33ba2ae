// The payment adapter (支付通道) interface of 党费 online payment, and the HMAC signing every
// adapter's notifications use here. One real adapter ships: the local sandbox (sandbox-gateway.ts).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { StatementLine } from '../../../../core/dues/payments.rules.ts';

export type { StatementLine };

/** What we ask the gateway to collect. */
export interface GatewayOrder {
  orderNo: string;
  amountFen: number;
  subject: string;
  /** Where the pay page sends the member back to (our receipt page). */
  returnUrl: string;
}

/** Trade states as the gateway reports them; they may arrive out of order. */
export const GATEWAY_STATUSES = ['WAIT_PAY', 'SUCCESS'] as const;

/** A notification whose signature checked out: only then is its content believed. */
export interface VerifiedEvent {
  eventId: string;
  orderNo: string;
  status: (typeof GATEWAY_STATUSES)[number];
  amountFen: number;
  gatewayTxn: string;
  /** ISO UTC instant of the payment at the gateway. */
  paidAt: string;
  /** The body as received, for the event log. */
  raw: string;
}

export interface PaymentGateway {
  createOrder(order: GatewayOrder): Promise<{ payUrl: string; gatewayOrderId: string }>;
  verify(headers: Record<string, string | string[] | undefined>, rawBody: string): VerifiedEvent | null;
  statement(date: string): Promise<StatementLine[]>;
}

export const TIMESTAMP_HEADER = 'x-gateway-timestamp';
export const SIGNATURE_HEADER = 'x-gateway-signature';
/** A notification older or newer than this is refused (replay window). */
export const MAX_SKEW_SECONDS = 300;

/** hex HMAC-SHA256 over "timestamp.body": the timestamp is signed so it cannot be moved. */
export function sign(secret: string, timestamp: string, rawBody: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
}

const eventBody = z.object({
  eventId: z.string().min(1).max(100),
  orderNo: z.string().min(1).max(64),
  status: z.enum(GATEWAY_STATUSES),
  amountFen: z.number().int(),
  gatewayTxn: z.string().min(1).max(100),
  paidAt: z.string().min(10).max(40),
});

const header = (h: Record<string, string | string[] | undefined>, name: string) => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

/** The signed event, or null when the signature, timestamp or shape is wrong. */
export function verifySigned(
  secret: string | null,
  now: Date,
  headers: Record<string, string | string[] | undefined>,
  rawBody: string,
): VerifiedEvent | null {
  if (!secret) return null;
  const ts = header(headers, TIMESTAMP_HEADER);
  const sig = header(headers, SIGNATURE_HEADER);
  if (!ts || !sig || !/^\d{1,12}$/.test(ts) || !/^[0-9a-f]{64}$/.test(sig)) return null;
  if (Math.abs(now.getTime() / 1000 - Number(ts)) > MAX_SKEW_SECONDS) return null;
  const want = Buffer.from(sign(secret, ts, rawBody), 'hex');
  if (!timingSafeEqual(want, Buffer.from(sig, 'hex'))) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody);
  } catch {
    return null;
  }
  const r = eventBody.safeParse(parsed);
  return r.success ? { ...r.data, raw: rawBody } : null;
}

/**
 * The shared secret: DANGJIAN_DUES_GATEWAY_SECRET, or a fixed development secret outside
 * production (in production without it every notification is refused).
 */
export function gatewaySecret(env: NodeJS.ProcessEnv = process.env): string | null {
  const s = env.DANGJIAN_DUES_GATEWAY_SECRET?.trim();
  if (s) return s;
  return env.NODE_ENV === 'production' ? null : 'dangjian-sandbox-dev-secret';
}

/**
 * The sandbox stands in for a third-party gateway and signs with the shared secret: anyone who can
 * reach its pay page can mark an order paid. It is never served in production unless an operator
 * turns it on explicitly (DANGJIAN_DUES_SANDBOX=1, e.g. for a training site); without it and
 * without a real adapter, online payment answers 在线缴费通道暂未开通.
 */
export function sandboxEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV !== 'production' || env.DANGJIAN_DUES_SANDBOX === '1';
}

/** The gateway each app uses (set when the routes are registered; tests may replace it). */
const GATEWAYS = new WeakMap<object, PaymentGateway>();

export function setGateway(ctx: object, gateway: PaymentGateway): void {
  GATEWAYS.set(ctx, gateway);
}

export function gatewayOf(ctx: object): PaymentGateway | null {
  return GATEWAYS.get(ctx) ?? null;
}
