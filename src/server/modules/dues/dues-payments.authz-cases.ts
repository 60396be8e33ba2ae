// Cross-subtree cases for the 党费 routes, part B: payments and the gateway; merged in dues.authz-cases.ts.
import type { AuthzCases, ForeignBodyCase } from '../../../../test/authz-types.ts';
import type { TestApp } from '../../../../test/api-harness.ts';

/** A member of township B's branch with one due and one paid month and the payment (test setup only). */
export async function townshipBPayment(t: TestApp) {
  const db = t.ctx.db;
  const now = t.ctx.now().toISOString();
  const { branchB } = t.fixture;
  const personB = (
    await db
      .selectFrom('memberships')
      .select('person_id')
      .where('org_id', '=', branchB.id)
      .where('valid_to', 'is', null)
      .orderBy('person_id')
      .executeTakeFirstOrThrow()
  ).person_id;
  const ledger = (month: string, paid: boolean) => ({
    person_id: personB,
    org_id: branchB.id,
    org_path: branchB.path,
    month,
    category: 'farmer',
    base_fen: null,
    due_fen: 20,
    reduced_fen: 0,
    paid_fen: paid ? 20 : 0,
    paid_on: paid ? '2026-09-10' : null,
    status: paid ? 'paid' : 'due',
    updated_at: now,
  });
  await db
    .insertInto('dues_ledger')
    .values([ledger('2026-09', true), ledger('2026-10', false)])
    .execute();
  const p = await db
    .insertInto('dues_payments')
    .values({
      person_id: personB,
      org_id: branchB.id,
      org_path: branchB.path,
      months: '["2026-09"]',
      amount_fen: 20,
      method: 'cash',
      kind: 'payment',
      receipt_no: 'B-0001',
      order_no: null,
      ref_payment_id: null,
      paid_on: '2026-09-10',
      recorded_by: null,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { personB, paymentId: p.id };
}

const payments = new WeakMap<TestApp, ReturnType<typeof townshipBPayment>>();
const once = (t: TestApp) => {
  let p = payments.get(t);
  if (!p) payments.set(t, (p = townshipBPayment(t)));
  return p;
};

export const duesPaymentsAuthzCases: AuthzCases = {
  cases: async (t) => {
    const { paymentId, personB } = await once(t);
    const { townB } = t.fixture;
    return {
      'GET /api/dues/payments': { url: `/api/dues/payments?orgId=${townB.id}` },
      'POST /api/dues/payments': {
        url: '/api/dues/payments',
        body: {
          personId: personB,
          months: ['2026-10'],
          amountFen: 20,
          method: 'cash',
          receiptNo: 'X-0001',
          paidOn: '2026-11-20',
        },
      },
      'POST /api/dues/payments/:id/correction': {
        url: `/api/dues/payments/${paymentId}/correction`,
        body: { reason: '越权冲正' },
      },
      'POST /api/dues/payments/:id/refund': {
        url: `/api/dues/payments/${paymentId}/refund`,
        body: { reason: '越权退款' },
      },
      'GET /api/dues/reconcile': { url: `/api/dues/reconcile?orgId=${townB.id}&date=2026-11-20` },
      'GET /api/dues/receipts/:id': { url: `/api/dues/receipts/${paymentId}` },
    };
  },
  noSubject: {
    'GET /api/dues/me': "the caller only (member role; the account's own person)",
    'POST /api/dues/orders':
      "the caller only: months of the account's own person, amount computed from their ledger",
    'POST /api/dues/gateway/notify':
      'PUBLIC gateway callback: no session, believed only on a valid HMAC signature (tested in dues-payments.api.test.ts)',
  },
  foreignBody: async (t): Promise<ForeignBodyCase[]> => {
    const { personB } = await once(t);
    return [
      {
        route: 'POST /api/dues/payments',
        field: 'personId',
        url: '/api/dues/payments',
        body: {
          personId: personB,
          months: ['2026-10'],
          amountFen: 20,
          method: 'cash',
          receiptNo: 'A-0001',
          paidOn: '2026-11-20',
        },
        kind: 'person',
        foreignId: personB,
      },
    ];
  },
};
