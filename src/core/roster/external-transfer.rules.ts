// 组织关系转出系统外 / 从系统外转入: the 介绍信 (number, validity, 回执) of a transfer to an
// organisation outside the system, and the state of its return slip. Pure.
import { addDays } from '../shared/dates.ts';
import { ok, refuse, type Decision } from '../shared/result.ts';

export type SlipState = 'returned' | 'pending' | 'overdue';

/** The letter is valid for `validDays` days from issue (the issue day counts as day 0). */
export function letterValidUntil(issuedOn: string, validDays: number): string {
  return addDays(issuedOn, validDays);
}

/** 回执: returned once registered; pending while the letter is valid (the last valid day included); overdue after. */
export function slipState(validUntil: string, slipReturnedOn: string | null, today: string): SlipState {
  if (slipReturnedOn !== null) return 'returned';
  return today > validUntil ? 'overdue' : 'pending';
}

/** A returned slip: not in the future, not before the letter was issued; only once. */
export function checkSlip(
  returnedOn: string,
  issuedOn: string,
  alreadyReturnedOn: string | null,
  today: string,
): Decision {
  if (alreadyReturnedOn !== null)
    return refuse('SLIP_ALREADY_RETURNED', `回执已于${alreadyReturnedOn}登记`, 'returnedOn');
  if (returnedOn > today) return refuse('SLIP_IN_FUTURE', '回执日期不能晚于今天', 'returnedOn');
  if (returnedOn < issuedOn)
    return refuse('SLIP_BEFORE_LETTER', `回执日期不能早于介绍信开具日期${issuedOn}`, 'returnedOn');
  return ok(undefined);
}

/** The letter number: 年份 + 组外转字 + 5-digit sequence (the record id). */
export function letterNumber(issuedOn: string, id: number): string {
  return `${issuedOn.slice(0, 4)}组外转字第${String(id).padStart(5, '0')}号`;
}
