// 留党察看 (issue 16): a disciplinary status with a start and an end date. Pure rules: when a
// member is under it, whether a decision may be recorded, and how it ends.
// 党章 第四十条: 留党察看最长不超过两年；党员在留党察看期间没有表决权、选举权和被选举权。
// The periods (one or two years) are rulebook data: roster.discipline.probationYears.
import { ruleValue } from '../rulebook/rulebook.ts';
import type { Rulebook } from '../rulebook/rulebook.types.ts';
import { addYears } from '../shared/dates.ts';
import { ok, refuse, type Decision } from '../shared/result.ts';
import { FULL_MEMBER } from './roster.constants.ts';

export const DISCIPLINE_KINDS = ['留党察看'] as const;
export type DisciplineKind = (typeof DISCIPLINE_KINDS)[number];

/** 恢复党员权利: on or after expiry, the member having corrected the error; 撤销处分: the decision is revoked (申诉、复查). */
export const DISCIPLINE_END_OUTCOMES = ['恢复党员权利', '撤销处分'] as const;
export type DisciplineEndOutcome = (typeof DISCIPLINE_END_OUTCOMES)[number];

export interface DisciplineRecord {
  id?: number;
  kind: string;
  startOn: string;
  endOn: string;
  endedOn: string | null;
  endOutcome: string | null;
}

/** The first day the member is no longer under it: the end date, or the revocation if earlier. */
export function effectiveEnd(r: DisciplineRecord): string {
  return r.endedOn && r.endedOn < r.endOn ? r.endedOn : r.endOn;
}

/** Under 留党察看 on `on`: start <= on < effective end. */
export function underProbation(r: DisciplineRecord, on: string): boolean {
  return r.kind === '留党察看' && r.startOn <= on && on < effectiveEnd(r);
}

export function disciplineStatus(r: DisciplineRecord, today: string): '执行中' | '已期满' | '已恢复党员权利' | '已撤销' | '未开始' {
  if (r.endOutcome === '撤销处分') return '已撤销';
  if (r.endOutcome === '恢复党员权利') return '已恢复党员权利';
  if (today < r.startOn) return '未开始';
  return today < r.endOn ? '执行中' : '已期满';
}

export interface RecordDisciplineInput {
  kind: DisciplineKind;
  startOn: string;
  years?: number | undefined;
  endOn?: string | undefined;
}

/**
 * May a 留党察看 decision be recorded? The member must be a full member on the start date
 * (a 预备党员 is not put under 留党察看: the 纪律处分条例 has 延长预备期 or 取消预备党员资格
 * instead), the period one of the rulebook's (1 or 2 years; an end date must be exactly that),
 * the start not after today, and no other 留党察看 may overlap it. Returns the end date.
 */
export function decideRecordDiscipline(
  input: RecordDisciplineInput,
  facts: { name: string; categoryOnStart: string | null; existing: readonly DisciplineRecord[] },
  book: Rulebook,
  today: string,
): Decision<{ endOn: string; years: number }> {
  const allowed = ruleValue<number[]>(book, 'roster.discipline.probationYears', input.startOn);
  const periods = allowed.map((y) => `${y}年`).join('或');
  if (input.startOn > today) return refuse('DISCIPLINE_DATE', `开始日期${input.startOn}晚于今天`, 'startOn');
  if (facts.categoryOnStart !== FULL_MEMBER)
    return refuse(
      'DISCIPLINE_NOT_FULL_MEMBER',
      `${facts.name}在${input.startOn}${facts.categoryOnStart ? `为${facts.categoryOnStart}` : '不是本组织党员'}，留党察看只适用于正式党员`,
      'startOn',
    );
  let years: number | undefined = input.years;
  if (years === undefined && input.endOn) years = allowed.find((y) => addYears(input.startOn, y) === input.endOn);
  if (years === undefined) {
    if (input.endOn)
      return refuse(
        'DISCIPLINE_PERIOD',
        `留党察看期限为${periods}：自${input.startOn}起应至${allowed.map((y) => addYears(input.startOn, y)).join('或')}，不能至${input.endOn}`,
        'endOn',
      );
    return refuse('DISCIPLINE_PERIOD', `请填写留党察看期限（${periods}）或结束日期`, 'years');
  }
  if (!allowed.includes(years))
    return refuse('DISCIPLINE_PERIOD', `留党察看期限为${periods}，不能为${years}年`, 'years');
  const endOn = addYears(input.startOn, years);
  if (input.endOn && input.endOn !== endOn)
    return refuse('DISCIPLINE_PERIOD', `留党察看${years}年自${input.startOn}起应至${endOn}，与结束日期${input.endOn}不符`, 'endOn');
  const clash = facts.existing.find((r) => r.kind === input.kind && r.startOn < endOn && input.startOn < effectiveEnd(r));
  if (clash)
    return refuse(
      'DISCIPLINE_OVERLAP',
      `${facts.name}已有${clash.startOn}至${effectiveEnd(clash)}的留党察看记录，与本次期间重叠`,
      'startOn',
    );
  return ok({ endOn, years });
}

/** Ending a record: 恢复党员权利 on or after the end date; 撤销处分 within the period. Never in the future. */
export function decideEndDiscipline(
  r: DisciplineRecord,
  input: { on: string; outcome: DisciplineEndOutcome },
  today: string,
): Decision {
  if (r.endOutcome) return refuse('DISCIPLINE_ENDED', `该留党察看已于${r.endedOn}${r.endOutcome}`, 'outcome');
  if (input.on > today) return refuse('DISCIPLINE_DATE', `日期${input.on}晚于今天`, 'on');
  if (input.on < r.startOn) return refuse('DISCIPLINE_DATE', `日期${input.on}早于留党察看开始日期${r.startOn}`, 'on');
  if (input.outcome === '恢复党员权利' && input.on < r.endOn)
    return refuse(
      'DISCIPLINE_NOT_EXPIRED',
      `留党察看至${r.endOn}期满，期满前不能恢复党员权利（处分决定被撤销的，请选择“撤销处分”）`,
      'on',
    );
  if (input.outcome === '撤销处分' && input.on >= r.endOn)
    return refuse('DISCIPLINE_EXPIRED', `留党察看已于${r.endOn}期满，期满后应选择“恢复党员权利”`, 'outcome');
  return ok(undefined);
}
