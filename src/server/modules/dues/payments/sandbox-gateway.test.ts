// The sandbox gateway alone (no database): signatures, the replay window, retries until the
// merchant answers 2xx, duplicates and out-of-order delivery, and its statement.
import { describe, expect, it, vi } from 'vitest';
import {
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  gatewaySecret,
  sandboxEnabled,
  sign,
  verifySigned,
} from './gateway.ts';
import { SandboxGateway } from './sandbox-gateway.ts';

const SECRET = 'test-secret';
const NOW = new Date('2026-11-23T02:00:00.000Z');

function gateway(answers: number[]) {
  const got: Array<{ status: string; eventId: string }> = [];
  const g = new SandboxGateway(
    SECRET,
    () => NOW,
    (headers, body) => {
      // The merchant side: believes only what verifies.
      const ev = verifySigned(SECRET, NOW, headers, body);
      if (ev) got.push({ status: ev.status, eventId: ev.eventId });
      return Promise.resolve(answers.shift() ?? 200);
    },
    [0, 0],
  );
  return { g, got };
}

describe('signatures', () => {
  const body = JSON.stringify({
    eventId: 'E1',
    orderNo: 'DF1',
    status: 'SUCCESS',
    amountFen: 100,
    gatewayTxn: 'T1',
    paidAt: NOW.toISOString(),
  });
  const ts = String(NOW.getTime() / 1000);
  const headers = { [TIMESTAMP_HEADER]: ts, [SIGNATURE_HEADER]: sign(SECRET, ts, body) };

  it.each([
    ['valid', headers, body, true],
    ['wrong secret', { ...headers, [SIGNATURE_HEADER]: sign('other', ts, body) }, body, false],
    ['body changed', headers, body.replace('100', '1'), false],
    ['timestamp moved', { ...headers, [TIMESTAMP_HEADER]: String(Number(ts) + 1) }, body, false],
    ['no signature', { [TIMESTAMP_HEADER]: ts }, body, false],
  ] as const)('%s', (_name, h, b, ok) => {
    expect(verifySigned(SECRET, NOW, h, b) !== null).toBe(ok);
  });

  it('refuses a notification signed more than five minutes ago, and everything without a secret', () => {
    expect(verifySigned(SECRET, new Date(NOW.getTime() + 301_000), headers, body)).toBeNull();
    expect(verifySigned(SECRET, new Date(NOW.getTime() + 299_000), headers, body)).not.toBeNull();
    expect(verifySigned(null, NOW, headers, body)).toBeNull();
  });
});

describe('SandboxGateway', () => {
  it('retries a notification until the merchant answers 2xx', async () => {
    const { g, got } = gateway([500, 200, 503, 200]);
    const { gatewayOrderId } = await g.createOrder({
      orderNo: 'DF1',
      amountFen: 8100,
      subject: '党费',
      returnUrl: '/dues/me',
    });
    const first = await g.pay(gatewayOrderId);
    expect(first.map((d) => d.status)).toEqual([500, 200]);
    // Retries run on timers: wait for them rather than for a fixed time (the machine may be busy).
    await vi.waitFor(() => expect(g.deliveries.map((d) => d.status)).toEqual([500, 200, 503, 200]), {
      timeout: 5_000,
    });
    expect(got.map((e) => e.status)).toEqual(['WAIT_PAY', 'SUCCESS', 'WAIT_PAY', 'WAIT_PAY']);
  });

  it('sends success first when asked for out-of-order delivery, twice when asked for a duplicate; replay resends the same ids', async () => {
    const { g, got } = gateway([]);
    const { gatewayOrderId } = await g.createOrder({
      orderNo: 'DF2',
      amountFen: 16200,
      subject: '党费',
      returnUrl: '/dues/me',
    });
    await g.pay(gatewayOrderId, { outOfOrder: true, duplicate: true });
    expect(got.map((e) => e.status)).toEqual(['SUCCESS', 'WAIT_PAY', 'SUCCESS']);
    expect(got[0]!.eventId).toBe(got[2]!.eventId);
    await g.replay(gatewayOrderId);
    expect(got.slice(3).map((e) => e.eventId)).toEqual([got[1]!.eventId, got[0]!.eventId]);
    expect(await g.statement('2026-11-23')).toEqual([
      expect.objectContaining({ orderNo: 'DF2', amountFen: 16200 }),
    ]);
    expect(await g.statement('2026-11-22')).toEqual([]);
  });

  it('hands back the same pay page for an order it already knows', async () => {
    const { g } = gateway([]);
    const a = await g.createOrder({ orderNo: 'DF3', amountFen: 20, subject: '党费', returnUrl: '/dues/me' });
    const b = await g.createOrder({ orderNo: 'DF3', amountFen: 20, subject: '党费', returnUrl: '/dues/me' });
    expect(b).toEqual(a);
  });
});

describe('the sandbox is never served in production unless turned on', () => {
  it.each([
    [{}, true],
    [{ NODE_ENV: 'development' }, true],
    [{ NODE_ENV: 'production' }, false],
    [{ NODE_ENV: 'production', DANGJIAN_DUES_SANDBOX: '0' }, false],
    [{ NODE_ENV: 'production', DANGJIAN_DUES_SANDBOX: '1' }, true],
  ] as const)('%o → %s', (env, enabled) => {
    expect(sandboxEnabled(env as NodeJS.ProcessEnv)).toBe(enabled);
  });
  it('has no development secret in production', () => {
    expect(gatewaySecret({ NODE_ENV: 'production' } as NodeJS.ProcessEnv)).toBeNull();
  });
});
