// How the demo county paid its 党费 over the seeded year (issue 19, part B's seed): a pure plan
// from the ledger rows A's seed left 'due'. Most members pay each month at their branch's 主题党日
// (cash, some by bank transfer), about a third pay online on their phone, a few pay a quarter at a
// time (two months late) or always a month late, and a handful are in arrears: one member with
// the last 6 closed months unpaid (自行脱党 case), one with 5, three with 3–4 (欠缴 alert).
import { Rng } from '../../../seed/prng.ts';

export interface DueRow {
  id: number;
  personId: number;
  orgId: number;
  orgPath: string;
  month: string;
  owedFen: number;
}

export interface PlannedPayment {
  personId: number;
  orgId: number;
  orgPath: string;
  rows: DueRow[];
  method: 'cash' | 'bank' | 'online';
  paidOn: string;
}

type Habit = 'monthly' | 'quarterly' | 'late' | 'online';

const pad = (n: number) => String(n).padStart(2, '0');
const nextMonth = (m: string, n = 1) => {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  const t = y * 12 + (mo - 1) + n;
  return `${Math.floor(t / 12)}-${pad((t % 12) + 1)}`;
};
/** Day `day` of a month, clamped to the 28th so every month has it. */
const dayOf = (month: string, day: number) => `${month}-${pad(Math.min(day, 28))}`;

/** Unpaid closed months at the end of the year, by the arrears rank of a member. */
export const ARREARS_RUNS = [6, 5, 4, 3, 3] as const;

/**
 * The payments of the seeded year. `protectedPersons` (the demo accounts' members) are never
 * picked for arrears; member_1 keeps the last closed month open so 我的党费 has something to pay.
 */
export function planPayments(
  rows: readonly DueRow[],
  today: string,
  seed: number,
  protectedPersons: ReadonlySet<number>,
  openLastMonth: ReadonlySet<number>,
): { payments: PlannedPayment[]; arrears: Map<number, number> } {
  const rng = new Rng(`dues-payments/${seed}`);
  const current = today.slice(0, 7);
  const lastClosed = nextMonth(current, -1);
  const byPerson = new Map<number, DueRow[]>();
  for (const r of rows) {
    const list = byPerson.get(r.personId) ?? [];
    list.push(r);
    byPerson.set(r.personId, list);
  }
  const people = [...byPerson.keys()].sort((a, b) => a - b);
  // Arrears: members with a full year on the ledger, picked deterministically, never a demo account.
  const candidates = people.filter((p) => !protectedPersons.has(p) && byPerson.get(p)!.length >= 10);
  const arrears = new Map<number, number>();
  const pickRng = rng.fork('arrears');
  for (const run of ARREARS_RUNS) {
    if (candidates.length === 0) break;
    const i = pickRng.int(0, candidates.length - 1);
    arrears.set(candidates.splice(i, 1)[0]!, run);
  }
  const branchDay = new Map<string, number>();
  const payments: PlannedPayment[] = [];
  for (const personId of people) {
    const list = byPerson.get(personId)!.sort((a, b) => a.month.localeCompare(b.month));
    const p = rng.fork(personId);
    const habit: Habit = p.chance(0.32)
      ? 'online'
      : p.chance(0.1)
        ? 'quarterly'
        : p.chance(0.06)
          ? 'late'
          : 'monthly';
    const cashOrBank = p.chance(0.2) ? 'bank' : 'cash';
    const run = arrears.get(personId) ?? 0;
    // Months left unpaid: the arrears run before the current month, and the current month too.
    const stopAt =
      run > 0 ? nextMonth(lastClosed, -(run - 1)) : openLastMonth.has(personId) ? lastClosed : null;
    const payable = list.filter((r) => (stopAt === null || r.month < stopAt) && r.owedFen > 0);
    const groups = new Map<string, DueRow[]>();
    for (const r of payable) {
      const dayKey = r.orgPath;
      if (!branchDay.has(dayKey)) branchDay.set(dayKey, rng.fork(dayKey).int(5, 20));
      let paidOn: string;
      if (habit === 'online') paidOn = dayOf(r.month, p.fork(r.month).int(1, 28));
      else if (habit === 'monthly')
        paidOn = dayOf(r.month, branchDay.get(dayKey)! + p.fork(r.month).int(-1, 2));
      else if (habit === 'late') paidOn = dayOf(nextMonth(r.month), branchDay.get(dayKey)!);
      else {
        // A quarter at a time, at the branch's day in the quarter's last month.
        const mo = Number(r.month.slice(5, 7));
        paidOn = dayOf(nextMonth(r.month, (3 - (mo % 3)) % 3), branchDay.get(dayKey)!);
      }
      if (paidOn > today) continue;
      const g = groups.get(paidOn) ?? [];
      g.push(r);
      groups.set(paidOn, g);
    }
    for (const [paidOn, g] of [...groups].sort((a, b) => a[0].localeCompare(b[0]))) {
      const last = g.at(-1)!;
      payments.push({
        personId,
        orgId: last.orgId,
        orgPath: last.orgPath,
        rows: g,
        method: habit === 'online' ? 'online' : cashOrBank,
        paidOn,
      });
    }
  }
  return { payments, arrears };
}
