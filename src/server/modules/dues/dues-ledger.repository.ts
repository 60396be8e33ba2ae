// Queries of the 党费 ledger (dues_ledger) and what generating a month reads.
import type { Kysely, Transaction } from 'kysely';
import { MEMBER_CATEGORIES } from '../../../core/roster/roster.constants.ts';
import { addMonths, consecutiveUnpaidRun, firstDayOf, lastDayOf } from '../../../core/dues/ledger.rules.ts';
import { pathUpperBound } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';

type Q = Kysely<DB> | Transaction<DB>;

const CHUNK = 500;

function chunks<T>(xs: readonly T[], n = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

export interface MonthMembership {
  person_id: number;
  org_id: number;
  org_path: string;
  valid_from: string;
  name: string;
  joined_on: string | null;
}

/**
 * Every party membership overlapping the month of the persons who had one under the root
 * in that month (also their memberships elsewhere: the month belongs to where they were on
 * its first day, which may be outside the root). Members whose 党籍 is not 正常 are left out.
 */
export async function membershipsInMonth(db: Q, rootPath: string, month: string): Promise<MonthMembership[]> {
  const from = firstDayOf(month);
  const to = lastDayOf(month);
  const overlapping = (q: ReturnType<typeof base>) =>
    q
      .where('m.valid_from', '<=', to)
      .where((eb) => eb.or([eb('m.valid_to', 'is', null), eb('m.valid_to', '>', from)]))
      .where('m.category', 'in', [...MEMBER_CATEGORIES])
      .where((eb) => eb.or([eb('rp.party_status', 'is', null), eb('rp.party_status', '=', '正常')]));
  const base = () =>
    db
      .selectFrom('memberships as m')
      .innerJoin('persons as p', 'p.id', 'm.person_id')
      .leftJoin('roster_profiles as rp', 'rp.person_id', 'm.person_id');
  const ids = await overlapping(base())
    .select('m.person_id')
    .distinct()
    .where('m.org_path', '>=', rootPath)
    .where('m.org_path', '<', pathUpperBound(rootPath))
    .execute();
  const out: MonthMembership[] = [];
  for (const part of chunks(ids.map((r) => r.person_id))) {
    const rows = await overlapping(base())
      .select(['m.person_id', 'm.org_id', 'm.org_path', 'm.valid_from', 'p.name', 'p.joined_on'])
      .where('m.person_id', 'in', part)
      .execute();
    out.push(...rows);
  }
  return out;
}

export async function confirmedBasesOf(db: Q, personIds: readonly number[], upToMonth: string) {
  const out = [];
  for (const part of chunks(personIds)) {
    out.push(
      ...(await db
        .selectFrom('dues_bases')
        .select(['id', 'person_id', 'category', 'base_fen', 'effective_month'])
        .where('person_id', 'in', part)
        .where('status', '=', 'confirmed')
        .where('effective_month', '<=', upToMonth)
        .orderBy('effective_month')
        .orderBy('id')
        .execute()),
    );
  }
  return out;
}

export async function approvedReductionsIn(db: Q, personIds: readonly number[], month: string) {
  const out = [];
  for (const part of chunks(personIds)) {
    out.push(
      ...(await db
        .selectFrom('dues_reductions')
        .select(['person_id', 'kind', 'monthly_fen'])
        .where('person_id', 'in', part)
        .where('status', '=', 'approved')
        .where('from_month', '<=', month)
        .where('to_month', '>=', month)
        .execute()),
    );
  }
  return out;
}

export async function ledgerRowsOf(db: Q, personIds: readonly number[], month: string) {
  const out = [];
  for (const part of chunks(personIds)) {
    out.push(
      ...(await db
        .selectFrom('dues_ledger')
        .selectAll()
        .where('person_id', 'in', part)
        .where('month', '=', month)
        .execute()),
    );
  }
  return out;
}

export type NewLedgerRow = {
  person_id: number;
  org_id: number;
  org_path: string;
  month: string;
  category: string;
  base_fen: number | null;
  due_fen: number;
  reduced_fen: number;
  paid_fen: number;
  paid_on: string | null;
  status: string;
  updated_at: string;
};

export async function insertLedgerRows(trx: Transaction<DB>, rows: readonly NewLedgerRow[]): Promise<void> {
  for (const part of chunks(rows, 200)) await trx.insertInto('dues_ledger').values(part).execute();
}

export async function updateLedgerRow(
  trx: Transaction<DB>,
  id: number,
  set: Partial<Omit<NewLedgerRow, 'person_id' | 'month'>>,
): Promise<void> {
  await trx.updateTable('dues_ledger').set(set).where('id', '=', id).execute();
}

/** The ledger of a subtree for a month, with names and organisation names. */
export async function ledgerOfMonth(db: Q, rootPath: string, month: string) {
  return db
    .selectFrom('dues_ledger as l')
    .innerJoin('persons as p', 'p.id', 'l.person_id')
    .innerJoin('orgs as o', 'o.id', 'l.org_id')
    .select([
      'l.id',
      'l.person_id',
      'p.name',
      'l.org_id',
      'o.name as org_name',
      'l.org_path',
      'l.month',
      'l.category',
      'l.base_fen',
      'l.due_fen',
      'l.reduced_fen',
      'l.paid_fen',
      'l.paid_on',
      'l.status',
    ])
    .where('l.org_path', '>=', rootPath)
    .where('l.org_path', '<', pathUpperBound(rootPath))
    .where('l.month', '=', month)
    .orderBy('l.org_path')
    .orderBy('p.id')
    .execute();
}

/** How far back a run of unpaid months is followed (3 years: far beyond 自行脱党's 6). */
const RUN_WINDOW_MONTHS = 36;

/**
 * Consecutive unpaid months up to asOfMonth (inclusive) of every member whose asOfMonth is
 * due under rootPath. Earlier months are followed wherever they were due (a transferred
 * member's months at the sender count too). An approved waiver ('waived') ends the run; a
 * reduced month that is still not paid counts as unpaid. Members with no unpaid run are absent.
 */
export async function consecutiveUnpaid(
  db: Q,
  rootPath: string,
  asOfMonth: string,
): Promise<Map<number, number>> {
  const open = await db
    .selectFrom('dues_ledger')
    .select('person_id')
    .where('org_path', '>=', rootPath)
    .where('org_path', '<', pathUpperBound(rootPath))
    .where('month', '=', asOfMonth)
    .where('status', '=', 'due')
    .execute();
  const result = new Map<number, number>();
  const from = addMonths(asOfMonth, -RUN_WINDOW_MONTHS);
  for (const part of chunks(open.map((r) => r.person_id))) {
    const rows = await db
      .selectFrom('dues_ledger')
      .select(['person_id', 'month', 'status'])
      .where('person_id', 'in', part)
      .where('month', '>', from)
      .where('month', '<=', asOfMonth)
      .execute();
    const byPerson = new Map<number, { month: string; status: string }[]>();
    for (const r of rows) {
      const list = byPerson.get(r.person_id) ?? [];
      list.push(r);
      byPerson.set(r.person_id, list);
    }
    for (const [pid, list] of byPerson) {
      const n = consecutiveUnpaidRun(list, asOfMonth);
      if (n > 0) result.set(pid, n);
    }
  }
  return result;
}
