// Queries of 党费 payments: ledger months of a member, payment rows (append-only) and the ledger
// update that applies or reverses money.
import type { Kysely, Transaction } from 'kysely';
import type { LedgerMonth } from '../../../../core/dues/payments.rules.ts';
import type { DB } from '../../../db/schema.ts';

type Q = Kysely<DB> | Transaction<DB>;

export interface LedgerRow extends LedgerMonth {
  id: number;
  orgId: number;
  orgPath: string;
}

export async function ledgerOf(db: Q, personId: number, months?: readonly string[]): Promise<LedgerRow[]> {
  let q = db
    .selectFrom('dues_ledger')
    .select(['id', 'month', 'due_fen', 'reduced_fen', 'paid_fen', 'status', 'org_id', 'org_path'])
    .where('person_id', '=', personId);
  if (months) q = q.where('month', 'in', months.length > 0 ? [...months] : ['']);
  const rows = await q.orderBy('month').execute();
  return rows.map((r) => ({
    id: r.id,
    month: r.month,
    dueFen: r.due_fen,
    reducedFen: r.reduced_fen,
    paidFen: r.paid_fen,
    status: r.status,
    orgId: r.org_id,
    orgPath: r.org_path,
  }));
}

/** Adds money to months (status 'paid' once nothing is outstanding) or takes it back (status 'due'). */
export async function applyToLedger(
  trx: Transaction<DB>,
  personId: number,
  perMonth: ReadonlyArray<{ month: string; fen: number }>,
  paidOn: string | null,
  now: string,
): Promise<void> {
  for (const p of perMonth) {
    const row = await trx
      .selectFrom('dues_ledger')
      .select(['id', 'due_fen', 'reduced_fen', 'paid_fen'])
      .where('person_id', '=', personId)
      .where('month', '=', p.month)
      .executeTakeFirstOrThrow();
    const paid = row.paid_fen + p.fen;
    const settled = paid >= row.due_fen - row.reduced_fen && p.fen > 0;
    await trx
      .updateTable('dues_ledger')
      .set({
        paid_fen: paid,
        status: settled ? 'paid' : 'due',
        paid_on: settled ? paidOn : null,
        updated_at: now,
      })
      .where('id', '=', row.id)
      .execute();
  }
}

export type PaymentRow = Awaited<ReturnType<typeof paymentById>>;

export async function paymentById(db: Q, id: number) {
  return db.selectFrom('dues_payments').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Months already reversed (冲正/退款) against a payment. */
export async function reversedMonthsOf(db: Q, paymentId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('dues_payments')
    .select('months')
    .where('ref_payment_id', '=', paymentId)
    .execute();
  return rows.flatMap((r) => JSON.parse(r.months) as string[]);
}

export const parseMonths = (json: string): string[] => JSON.parse(json) as string[];
