// 沙箱支付通道: a local stand-in for a third-party gateway, mounted at /sandbox-gateway/*. It hosts
// the pay page the member confirms on, then POSTs signed notifications to
// /api/dues/gateway/notify the way an outside gateway would: retries until answered 2xx, and on
// request deliberate duplicates and out-of-order delivery. It keeps its own books in memory (like
// a separate service it does not share our tables); its statement is what reconciliation reads.
import { randomBytes } from 'node:crypto';
import { chinaDate } from '../../../../core/shared/dates.ts';
import {
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  sign,
  verifySigned,
  type GatewayOrder,
  type PaymentGateway,
  type StatementLine,
  type VerifiedEvent,
} from './gateway.ts';

export const NOTIFY_URL = '/api/dues/gateway/notify';

/** Sends one notification; answers the HTTP status (the sandbox posts through the app itself). */
export type Deliver = (headers: Record<string, string>, body: string) => Promise<number>;

interface SandboxOrder extends GatewayOrder {
  gatewayOrderId: string;
  status: 'WAIT_PAY' | 'SUCCESS';
  gatewayTxn: string | null;
  paidAt: string | null;
  /** Events sent for the order, in the order they were created (for replay). */
  events: string[];
}

export interface PayOptions {
  /** Send the success notification twice (same event id). */
  duplicate?: boolean;
  /** Send SUCCESS before WAIT_PAY. */
  outOfOrder?: boolean;
}

export class SandboxGateway implements PaymentGateway {
  private readonly orders = new Map<string, SandboxOrder>();
  private readonly byOrderNo = new Map<string, string>();
  /** Delivery log: event id → last HTTP status (tests and the pay page read it). */
  readonly deliveries: Array<{ eventId: string; status: number }> = [];

  constructor(
    private readonly secret: string | null,
    private readonly now: () => Date,
    private readonly deliver: Deliver,
    /** Waits before each retry of an unanswered notification. */
    private readonly retryDelaysMs: readonly number[] = [2_000, 10_000, 60_000],
  ) {}

  createOrder(order: GatewayOrder): Promise<{ payUrl: string; gatewayOrderId: string }> {
    const known = this.byOrderNo.get(order.orderNo);
    const id = known ?? `SB${randomBytes(6).toString('hex').toUpperCase()}`;
    if (!known) {
      this.orders.set(id, {
        ...order,
        gatewayOrderId: id,
        status: 'WAIT_PAY',
        gatewayTxn: null,
        paidAt: null,
        events: [],
      });
      this.byOrderNo.set(order.orderNo, id);
    }
    return Promise.resolve({ payUrl: `/sandbox-gateway/pay/${id}`, gatewayOrderId: id });
  }

  verify(headers: Record<string, string | string[] | undefined>, rawBody: string): VerifiedEvent | null {
    return verifySigned(this.secret, this.now(), headers, rawBody);
  }

  statement(date: string): Promise<StatementLine[]> {
    const lines: StatementLine[] = [];
    for (const o of this.orders.values())
      if (o.status === 'SUCCESS' && o.paidAt && chinaDate(new Date(o.paidAt)) === date)
        lines.push({
          gatewayTxn: o.gatewayTxn!,
          orderNo: o.orderNo,
          amountFen: o.amountFen,
          paidAt: o.paidAt,
        });
    return Promise.resolve(lines);
  }

  order(gatewayOrderId: string): SandboxOrder | undefined {
    return this.orders.get(gatewayOrderId);
  }

  /** A signed request as the gateway would send it (also used by tests to forge or replay). */
  signed(event: Record<string, unknown>): { headers: Record<string, string>; body: string } {
    const body = JSON.stringify(event);
    const ts = String(Math.floor(this.now().getTime() / 1000));
    return {
      headers: {
        'content-type': 'application/json',
        [TIMESTAMP_HEADER]: ts,
        [SIGNATURE_HEADER]: sign(this.secret ?? '', ts, body),
      },
      body,
    };
  }

  /**
   * The member confirmed on the pay page: the trade succeeds and its notifications go out. The
   * first attempt of each is awaited (so the page can say 已通知商户); retries run later.
   */
  async pay(
    gatewayOrderId: string,
    opts: PayOptions = {},
  ): Promise<Array<{ eventId: string; status: number }>> {
    const o = this.orders.get(gatewayOrderId);
    if (!o) throw new Error('sandbox: unknown order');
    if (o.status !== 'SUCCESS') {
      o.status = 'SUCCESS';
      o.gatewayTxn = `TX${randomBytes(8).toString('hex').toUpperCase()}`;
      o.paidAt = this.now().toISOString();
    }
    const base = { orderNo: o.orderNo, amountFen: o.amountFen, gatewayTxn: o.gatewayTxn!, paidAt: o.paidAt! };
    const wait = JSON.stringify({ eventId: `${o.gatewayTxn}-1`, status: 'WAIT_PAY', ...base });
    const success = JSON.stringify({ eventId: `${o.gatewayTxn}-2`, status: 'SUCCESS', ...base });
    o.events = [wait, success];
    const order = opts.outOfOrder ? [success, wait] : [wait, success];
    if (opts.duplicate) order.push(success);
    const out: Array<{ eventId: string; status: number }> = [];
    for (const e of order) out.push(await this.send(e, 0));
    return out;
  }

  /** 重发通知: every event of the order again, same ids (a replay must change nothing). */
  async replay(gatewayOrderId: string): Promise<Array<{ eventId: string; status: number }>> {
    const o = this.orders.get(gatewayOrderId);
    if (!o) throw new Error('sandbox: unknown order');
    const out: Array<{ eventId: string; status: number }> = [];
    for (const e of o.events) out.push(await this.send(e, 0));
    return out;
  }

  private async send(event: string, attempt: number): Promise<{ eventId: string; status: number }> {
    const { headers, body } = this.signed(JSON.parse(event) as Record<string, unknown>);
    const eventId = (JSON.parse(event) as { eventId: string }).eventId;
    let status: number;
    try {
      status = await this.deliver(headers, body);
    } catch {
      status = 0;
    }
    this.deliveries.push({ eventId, status });
    // Like a real gateway: anything but 2xx is retried a few times, then given up.
    const delay = this.retryDelaysMs[attempt];
    if ((status < 200 || status >= 300) && delay !== undefined) {
      const t = setTimeout(() => void this.send(event, attempt + 1), delay);
      t.unref();
    }
    return { eventId, status };
  }
}
