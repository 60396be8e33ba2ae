// The demo's payment plan (pure) and the seed that writes it (both engines): arrears runs as
// planned, nothing dated after "today", every month paid once, payments and ledger agree.
import { beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../../../../../test/api-harness.ts';
import { describeEachEngine } from '../../../../../test/db-harness.ts';
import { seedDuesPayments } from '../dues-payments.seed.ts';
import { ARREARS_RUNS, planPayments, type DueRow } from './seed-plan.ts';

const MONTHS = ['2025-12', ...Array.from({ length: 11 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`)];

function rowsFor(people: number): DueRow[] {
  let id = 0;
  return Array.from({ length: people }, (_, p) =>
    MONTHS.map((month) => ({
      id: ++id,
      personId: p + 1,
      orgId: 1 + (p % 3),
      orgPath: `/1/${1 + (p % 3)}/`,
      month,
      owedFen: 2000,
    })),
  ).flat();
}

describe('planPayments', () => {
  const rows = rowsFor(60);
  const { payments, arrears } = planPayments(rows, '2026-11-23', 7, new Set([1]), new Set([2]));
  const paidMonths = (person: number) =>
    payments.filter((p) => p.personId === person).flatMap((p) => p.rows.map((r) => r.month));

  it('picks the planned arrears runs, never a protected member, and leaves exactly that run unpaid before the current month', () => {
    expect([...arrears.values()].sort()).toEqual([...ARREARS_RUNS].sort());
    expect(arrears.has(1)).toBe(false);
    for (const [person, run] of arrears) {
      const unpaidClosed = MONTHS.filter((m) => m < '2026-11' && !paidMonths(person).includes(m));
      expect(unpaidClosed).toEqual(MONTHS.filter((m) => m < '2026-11').slice(-run));
    }
  });

  it("keeps member_1's last closed month open, pays no month twice and dates nothing after today", () => {
    expect(paidMonths(2)).not.toContain('2026-10');
    const seen = new Set<number>();
    for (const p of payments) {
      expect(p.paidOn <= '2026-11-23').toBe(true);
      for (const r of p.rows) {
        expect(seen.has(r.id)).toBe(false);
        seen.add(r.id);
        expect(p.paidOn >= `${r.month}-01`).toBe(true);
      }
    }
    const late = payments.flatMap((p) => p.rows.filter((r) => p.paidOn.slice(0, 7) > r.month)).length;
    expect(late).toBeGreaterThan(0);
    expect(late / seen.size).toBeLessThan(0.25);
    expect(new Set(payments.map((p) => p.method))).toEqual(new Set(['cash', 'bank', 'online']));
  });
});

describeEachEngine('党费 payments seed', (use) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp(use());
    const now = t.ctx.now().toISOString();
    const members = await t.ctx.db
      .selectFrom('memberships')
      .select(['person_id', 'org_id', 'org_path'])
      .where('valid_to', 'is', null)
      .execute();
    await t.ctx.db
      .insertInto('dues_ledger')
      .values(
        members.flatMap((m) =>
          MONTHS.map((month) => ({
            person_id: m.person_id,
            org_id: m.org_id,
            org_path: m.org_path,
            month,
            category: 'in_service',
            base_fen: 540000,
            due_fen: 8100,
            reduced_fen: month === '2026-03' ? 8100 : 0,
            paid_fen: 0,
            paid_on: null,
            status: month === '2026-03' ? 'waived' : 'due',
            updated_at: now,
          })),
        ),
      )
      .execute();
  });

  it('writes payments that match the ledger: every paid month once, online ones with their paid order', async () => {
    await seedDuesPayments(t.ctx, { today: '2026-11-23', scale: 'county', seed: 3 });
    const db = t.ctx.db;
    const payments = await db.selectFrom('dues_payments').selectAll().execute();
    const paid = await db.selectFrom('dues_ledger').selectAll().where('status', '=', 'paid').execute();
    expect(payments.length).toBeGreaterThan(0);
    expect(payments.reduce((s, p) => s + p.amount_fen, 0)).toBe(paid.reduce((s, r) => s + r.paid_fen, 0));
    const months = payments.flatMap((p) =>
      (JSON.parse(p.months) as string[]).map((m) => `${p.person_id}/${m}`),
    );
    expect(new Set(months).size).toBe(months.length);
    expect(new Set(months)).toEqual(new Set(paid.map((r) => `${r.person_id}/${r.month}`)));
    for (const r of paid) expect(r.paid_on).not.toBeNull();
    for (const p of payments.filter((x) => x.method === 'online')) {
      const o = await db
        .selectFrom('dues_orders')
        .select(['status', 'amount_fen'])
        .where('order_no', '=', p.order_no!)
        .executeTakeFirstOrThrow();
      expect(o).toEqual({ status: 'paid', amount_fen: p.amount_fen });
    }
    expect(
      (await db.selectFrom('dues_ledger').select('status').where('month', '=', '2026-03').execute()).every(
        (r) => r.status === 'waived',
      ),
    ).toBe(true);
  });
});
