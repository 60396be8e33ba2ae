// Request schemas of 留党察看 (issue 16): zod 4, Chinese messages naming the field.
import { z } from 'zod';
import { isIsoDate } from '../shared/dates.ts';
import { DISCIPLINE_END_OUTCOMES, DISCIPLINE_KINDS } from './discipline.rules.ts';

const isoDate = (label: string) => z.string().refine(isIsoDate, `${label}应为YYYY-MM-DD格式的日期`);

export const recordDisciplineBody = z.strictObject({
  kind: z.enum(DISCIPLINE_KINDS, '处分种类应为留党察看'),
  startOn: isoDate('开始日期'),
  /** One of roster.discipline.probationYears (checked by the rule on the start date). */
  years: z.number().int('留党察看期限应为整年').min(1, '留党察看期限应为1年或2年').max(10, '留党察看期限应为1年或2年').optional(),
  endOn: isoDate('结束日期').optional(),
  decisionNo: z.string().trim().min(1, '处分决定文号不能为空').max(100, '处分决定文号不能超过100个字'),
  reason: z.string().trim().max(500, '处分事由不能超过500个字').optional(),
});
export type RecordDisciplineBody = z.infer<typeof recordDisciplineBody>;

export const endDisciplineBody = z.strictObject({
  on: isoDate('日期'),
  outcome: z.enum(DISCIPLINE_END_OUTCOMES, '结束方式应为恢复党员权利或撤销处分'),
  note: z.string().trim().max(500, '说明不能超过500个字').optional(),
});
export type EndDisciplineBody = z.infer<typeof endDisciplineBody>;
