// Request schemas of the org-life API, with Chinese messages naming the field.
import { z } from 'zod';
import { isIsoDate } from '../shared/dates.ts';
import { refTo } from '../shared/refs.ts';
import { COMPLIANCE_STATUSES, type ComplianceStatus } from './compliance.ts';
import { COMPLIANCE_TYPES, MEETING_TYPES } from './meeting-types.ts';

const isoDate = (label: string) => z.string({ error: `${label}必填` }).refine(isIsoDate, `${label}必须是有效日期（YYYY-MM-DD）`);
const text = (label: string, max: number) => z.string().max(max, `${label}不能超过${max}个字`);
const meetingType = z.enum(MEETING_TYPES, { error: `会议类型必须是：${MEETING_TYPES.join('、')}` });

export const scheduleMeetingBody = z.strictObject({
  orgId: refTo('org', z.number({ error: '组织必填' }).int().positive('组织ID不正确')),
  type: meetingType,
  title: z.string({ error: '会议名称必填' }).trim().min(2, '会议名称至少2个字').max(100, '会议名称不能超过100个字'),
  heldOn: isoDate('会议日期'),
  startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '开始时间格式为HH:MM').optional(),
  place: text('会议地点', 100).optional(),
  agenda: text('会议议程', 5000).optional(),
  speaker: text('党课主讲人', 50).optional(),
  topic: text('党课题目', 200).optional(),
  /** Recurring schedule: the same day of each following month up to and including this date. */
  repeatMonthlyUntil: isoDate('重复截止日期').optional(),
});
export type ScheduleMeetingInput = z.infer<typeof scheduleMeetingBody>;

export const recordMeetingBody = z.strictObject({
  agenda: text('会议议程', 5000).optional(),
  minutes: text('会议记录', 50000),
  resolutions: text('会议决议', 10000).optional(),
  speaker: text('党课主讲人', 50).optional(),
  topic: text('党课题目', 200).optional(),
  reason: text('修改理由', 500).optional(),
});
export type RecordMeetingInput = z.infer<typeof recordMeetingBody>;

export const attendanceBody = z.strictObject({
  personId: refTo('person', z.number({ error: '党员必填' }).int().positive('党员ID不正确')),
  status: z.enum(['出席', '请假', '缺席', '不计入'], { error: '出勤状态必须是出席、请假、缺席或不计入' }),
  reason: text('事由', 500).optional(),
  exclusion: z.string().max(40).optional(),
});
export type AttendanceInput = z.infer<typeof attendanceBody>;

export const signInBody = z.strictObject({ token: z.string({ error: '签到码必填' }).min(10, '签到码不正确').max(500, '签到码不正确') });

export const seriesBody = z.strictObject({
  issuerOrgId: refTo('org', z.number({ error: '发布组织必填' }).int().positive()),
  type: meetingType,
  theme: z.string({ error: '主题必填' }).trim().min(2, '主题至少2个字').max(100, '主题不能超过100个字'),
  materials: text('学习材料', 5000).optional(),
  heldOn: isoDate('建议召开日期'),
  deadline: isoDate('完成期限'),
  orgIds: z.array(refTo('org', z.number().int().positive())).min(1, '至少选择一个党支部').max(5000, '一次最多下发5000个党支部'),
});
export type SeriesInput = z.infer<typeof seriesBody>;

export const talkBody = z.strictObject({
  orgId: refTo('org', z.number({ error: '组织必填' }).int().positive()),
  talkerPersonId: refTo('person', z.number({ error: '谈话人必填' }).int().positive()),
  talkeePersonId: refTo('person', z.number({ error: '谈话对象必填' }).int().positive()),
  heldOn: isoDate('谈话日期'),
  topic: z.string({ error: '谈话主题必填' }).trim().min(2, '谈话主题至少2个字').max(200, '谈话主题不能超过200个字'),
  followUp: text('后续跟进', 2000).optional(),
});
export type TalkInput = z.infer<typeof talkBody>;

const periodFields = {
  year: z.coerce.number({ error: '年份必填' }).int().min(2000, '年份不正确').max(2100, '年份不正确'),
  quarter: z.coerce.number().int().min(1, '季度为1至4').max(4, '季度为1至4').optional(),
  month: z.coerce.number().int().min(1, '月份为1至12').max(12, '月份为1至12').optional(),
};
const oneOfQuarterOrMonth = (q: { quarter?: number | undefined; month?: number | undefined }) => !(q.quarter && q.month);

export const periodQuery = z
  .strictObject(periodFields)
  .refine(oneOfQuarterOrMonth, { message: '季度和月份不能同时指定', path: ['month'] });

/**
 * The compliance report's query: the period, and optionally one type, one status and a page, so
 * "which branches missed their 党员大会 this quarter" over a province is a page, not a million rows.
 * With `limit` the answer also carries `total` (rows matching before paging).
 */
export const complianceQuery = z
  .strictObject({
    ...periodFields,
    type: z
      .enum(COMPLIANCE_TYPES as [string, ...string[]], { error: `会议类型必须是：${COMPLIANCE_TYPES.join('、')}` })
      .optional(),
    status: z
      .enum(COMPLIANCE_STATUSES as [ComplianceStatus, ...ComplianceStatus[]], { error: `达标情况必须是：${COMPLIANCE_STATUSES.join('、')}` })
      .optional(),
    limit: z.coerce.number().int().min(1, '每页条数为1至1000').max(1000, '每页条数为1至1000').optional(),
    offset: z.coerce.number().int().min(0, '起始位置不能为负数').max(10_000_000, '起始位置过大').optional(),
  })
  .refine(oneOfQuarterOrMonth, { message: '季度和月份不能同时指定', path: ['month'] })
  .refine((q) => q.offset === undefined || q.limit !== undefined, {
    message: '指定起始位置时必须同时指定每页条数',
    path: ['offset'],
  });
export type ComplianceQuery = z.infer<typeof complianceQuery>;

export const attachmentBody = z.strictObject({
  fileName: z.string({ error: '文件名必填' }).trim().min(1, '文件名必填').max(200, '文件名不能超过200个字'),
  mimeType: z.enum(['image/jpeg', 'image/png', 'application/pdf'], { error: '只允许上传JPEG、PNG图片或PDF文件' }),
  contentBase64: z.string({ error: '文件内容必填' }).min(4, '文件内容为空').max(14_000_000, '文件超过大小限制'),
});
export type AttachmentInput = z.infer<typeof attachmentBody>;

const planItem = z.strictObject({
  period: z
    .string({ error: '计划期间必填' })
    .regex(/^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/, '计划期间必须是月份（YYYY-MM）或季度（YYYY-Q1至Q4）'),
  type: meetingType,
  theme: z.string({ error: '计划主题必填' }).trim().min(2, '计划主题至少2个字').max(200, '计划主题不能超过200个字'),
});

/** A branch's annual plan (年度计划): the items replace the draft's items. */
export const planBody = z.strictObject({
  items: z.array(planItem, { error: '计划事项必填' }).max(300, '计划事项不能超过300项'),
});
export type PlanInput = z.infer<typeof planBody>;

export const planYearParams = z.object({
  id: z.coerce.number().int().positive('ID不正确'),
  year: z.coerce
    .number({ error: '年度必须是数字' })
    .int('年度必须是整数')
    .min(2000, '年度不能早于2000年')
    .max(2100, '年度不能晚于2100年'),
});
