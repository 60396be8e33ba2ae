// Request bodies of the 问题清单 (issue 18): an alert or a meeting's 查摆问题 become rectification items.
import { z } from 'zod';
import { isIsoDate } from '../shared/dates.ts';
import { personRef, refTo } from '../shared/refs.ts';

const isoDate = (label: string) => z.string().refine(isIsoDate, `${label}应为YYYY-MM-DD格式的日期`);
const text = (label: string, max: number) =>
  z.string().trim().min(1, `${label}不能为空`).max(max, `${label}不能超过${max}个字`);
const positive = (message: string) => z.number(message).int(message).positive(message);

export const fromAlertBody = z.strictObject({
  alertId: refTo('alert', positive('预警ID不正确')),
  deadline: isoDate('整改时限'),
  title: text('问题标题', 200).optional(),
  detail: z.string().trim().max(2000, '整改要求不能超过2000个字').optional(),
  ownerPersonId: personRef('责任人ID不正确').optional(),
});
export type FromAlertInput = z.infer<typeof fromAlertBody>;

export const meetingProblem = z.strictObject({
  title: text('问题', 200),
  detail: z.string().trim().max(2000, '整改措施不能超过2000个字').optional(),
  deadline: isoDate('整改时限'),
  ownerPersonId: personRef('责任人ID不正确').optional(),
});

export const fromMeetingBody = z.strictObject({
  meetingId: refTo('meeting', positive('会议ID不正确')),
  problems: z.array(meetingProblem).min(1, '请至少填写一条查摆出的问题').max(50, '一次最多登记50条问题'),
});
export type FromMeetingInput = z.infer<typeof fromMeetingBody>;

export const problemsQuery = z.strictObject({
  orgId: z.coerce.number().int().positive('组织ID不正确').optional(),
  open: z.enum(['1', '0'], '“仅未销号”应为1或0').optional(),
  overdue: z.enum(['1', '0'], '“仅逾期”应为1或0').optional(),
  source: z.string().trim().max(40, '来源不正确').optional(),
  limit: z.coerce.number().int().min(1, '每页条数不正确').max(500, '每页最多500条').default(200),
  offset: z.coerce.number().int().min(0, '起始位置不正确').default(0),
});
