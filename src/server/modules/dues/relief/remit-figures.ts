// 上缴 reconciliation figures per organisation and period (issue 19 part C), read by the summary
// route and the DUES_REMIT_GAP alert. An organisation's money for a period: what its own members
// paid in that month (dues_payments by paid_on, refunds and corrections included) plus what its
// children remitted for that period; what it remitted up; what the bank shows.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';

type Q = Kysely<DB> | Transaction<DB>;

export interface OrgPeriodMoney {
  directFen: number;
  receivedFen: number;
  remittedFen: number;
  bankFen: number | null;
}

const key = (orgId: number, period: string) => `${orgId}|${period}`;

/** Figures keyed 'orgId|YYYY-MM' for these organisations and periods from..to (months, inclusive). */
export async function periodFigures(
  db: Q,
  orgIds: readonly number[],
  fromPeriod: string,
  toPeriod: string,
): Promise<Map<string, OrgPeriodMoney>> {
  const out = new Map<string, OrgPeriodMoney>();
  if (orgIds.length === 0) return out;
  const ids = [...new Set(orgIds)];
  const at = (orgId: number, period: string) => {
    const k = key(orgId, period);
    let m = out.get(k);
    if (!m) {
      m = { directFen: 0, receivedFen: 0, remittedFen: 0, bankFen: null };
      out.set(k, m);
    }
    return m;
  };
  // paid_on is 'YYYY-MM-DD': the first 7 characters are the period on both engines.
  const month = sql<string>`substr(paid_on, 1, 7)`;
  const paid = await db
    .selectFrom('dues_payments')
    .select(['org_id', month.as('period'), sql<number>`sum(amount_fen)`.as('fen')])
    .where('org_id', 'in', ids)
    .where('paid_on', '>=', `${fromPeriod}-01`)
    .where('paid_on', '<=', `${toPeriod}-31`)
    .groupBy(['org_id', month])
    .execute();
  for (const p of paid) at(Number(p.org_id), p.period).directFen += Number(p.fen);
  const received = await db
    .selectFrom('dues_remittances')
    .select(['to_org_id', 'period', sql<number>`sum(amount_fen)`.as('fen')])
    .where('to_org_id', 'in', ids)
    .where('period', '>=', fromPeriod)
    .where('period', '<=', toPeriod)
    .groupBy(['to_org_id', 'period'])
    .execute();
  for (const r of received) at(Number(r.to_org_id), r.period).receivedFen += Number(r.fen);
  const remitted = await db
    .selectFrom('dues_remittances')
    .select(['from_org_id', 'period', sql<number>`sum(amount_fen)`.as('fen')])
    .where('from_org_id', 'in', ids)
    .where('period', '>=', fromPeriod)
    .where('period', '<=', toPeriod)
    .groupBy(['from_org_id', 'period'])
    .execute();
  for (const r of remitted) at(Number(r.from_org_id), r.period).remittedFen += Number(r.fen);
  const bank = await db
    .selectFrom('dues_bank_figures')
    .select(['org_id', 'period', 'bank_fen'])
    .where('org_id', 'in', ids)
    .where('period', '>=', fromPeriod)
    .where('period', '<=', toPeriod)
    .execute();
  for (const b of bank) at(Number(b.org_id), b.period).bankFen = Number(b.bank_fen);
  return out;
}

export function figuresOf(all: Map<string, OrgPeriodMoney>, orgId: number, period: string): OrgPeriodMoney {
  return all.get(key(orgId, period)) ?? { directFen: 0, receivedFen: 0, remittedFen: 0, bankFen: null };
}
