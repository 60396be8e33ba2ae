import { z } from 'zod';
import { isIsoDate } from '../shared/dates.ts';
import { personRef, refTo } from '../shared/refs.ts';
import { TEAM_POSTS } from './org-system.types.ts';

const isoDate = (label: string) => z.string().refine(isIsoDate, `${label}应为有效日期（YYYY-MM-DD）`);
const text = (label: string, max: number) => z.string().trim().min(1, `请填写${label}`).max(max, `${label}不能超过${max}个字`);
const count = (label: string) => z.number({ error: `${label}应为整数` }).int(`${label}应为整数`).min(0, `${label}不能为负数`).max(100000, `${label}过大`);

export const idParams = z.object({ id: z.coerce.number().int().positive('ID不正确') });

export const recordTermBody = z.strictObject({
  number: z.number().int().min(1, '届次应为正整数').max(200, '届次过大'),
  electedOn: isoDate('选举日期'),
  endedOn: isoDate('结束日期').nullable().optional(),
  basis: text('依据', 200).optional(),
});
export type RecordTermInput = z.infer<typeof recordTermBody>;

export const adjustTermBody = z.strictObject({
  months: z.number().int('月数应为整数').min(-24, '月数过小').max(24, '月数过大'),
  approvedOn: isoDate('批准日期'),
  approvalRef: text('批准文号', 100),
  reason: text('原因', 500),
});
export type AdjustTermInput = z.infer<typeof adjustTermBody>;

export const renewalRequestBody = z.strictObject({
  requestedOn: isoDate('请示日期'),
  plannedOn: isoDate('拟选举日期'),
  seats: z.number().int('应选人数应为整数').min(1, '应选人数至少1人').max(15, '应选人数过多'),
  note: z.string().trim().max(1000, '请示内容不能超过1000个字').optional(),
});
export type RenewalRequestInput = z.infer<typeof renewalRequestBody>;

export const renewalApproveBody = z.strictObject({
  approvedOn: isoDate('批复日期'),
  approvalRef: text('批复文号', 100),
  candidateIds: z.array(refTo('person', z.number().int().positive())).max(30, '候选人过多').optional(),
});
export type RenewalApproveInput = z.infer<typeof renewalApproveBody>;

export const electionBody = z.strictObject({
  heldOn: isoDate('选举日期'),
  expected: count('应到会人数'),
  present: count('实到会人数'),
  candidates: z.array(z.strictObject({ personId: personRef('候选人不正确'), votes: count('得票数') }))
    .min(1, '请填写候选人及得票').max(30, '候选人过多'),
  posts: z.array(z.strictObject({ personId: personRef('人员不正确'), post: z.enum(TEAM_POSTS, { error: '职务不正确' }) }))
    .min(1, '请填写委员分工').max(15, '分工人数过多'),
});
export type ElectionInputBody = z.infer<typeof electionBody>;

export const renewalReportBody = z.strictObject({
  reportedOn: isoDate('报告日期'),
  note: z.string().trim().max(1000, '报告内容不能超过1000个字').optional(),
});
export type RenewalReportInput = z.infer<typeof renewalReportBody>;

export const decideApprovalBody = z.strictObject({
  decision: z.enum(['approve', 'reject'], { error: '审批结果不正确' }),
  decidedOn: isoDate('审批日期'),
  ref: z.string().trim().max(100, '文号不能超过100个字').optional(),
});

export const designateWeakBody = z.strictObject({
  year: z.number().int().min(2000, '年度不正确').max(2100, '年度不正确'),
  designatedOn: isoDate('认定日期'),
  criteria: z.array(z.string().max(40)).max(20, '认定情形过多'),
  measures: text('整顿措施', 2000),
  firstSecretary: z.string().trim().max(50, '第一书记姓名不能超过50个字').optional(),
  villageCadres: z.string().trim().max(200, '驻村干部不能超过200个字').optional(),
});
export type DesignateWeakInput = z.infer<typeof designateWeakBody>;

export const weakProgressBody = z.strictObject({
  on: isoDate('进展日期'),
  note: text('进展情况', 2000),
  submitForClosure: z.boolean().optional(),
});

export const closeWeakBody = z.strictObject({
  closedOn: isoDate('销号日期'),
  reviewNote: text('审核意见', 1000),
});

export const gradeBody = z.strictObject({
  year: z.number().int().min(2000, '年度不正确').max(2100, '年度不正确'),
  scheme: z.string().max(40).optional(),
  grade: text('等次', 20),
  evidence: text('定级依据', 2000),
  approvedOn: isoDate('审定日期'),
});
export type GradeInput = z.infer<typeof gradeBody>;

export const yearQuery = z.strictObject({ year: z.coerce.number().int().min(2000, '年度不正确').max(2100, '年度不正确').optional() });
