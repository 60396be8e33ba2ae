// Request bodies of the development API (zod 4), with Chinese messages naming the field.
import { z } from 'zod';
import { isIsoDate } from '../shared/dates.ts';
import { personRef, refTo } from '../shared/refs.ts';
import { ORG_LIFE_EXCLUSIONS, VOTE_EXCLUSION_CASES } from '../rulebook/org-life.rules-data.ts';

export const isoDate = (label: string) => z.string().refine(isIsoDate, `${label}应为有效日期（YYYY-MM-DD）`);

export const createCandidateBody = z.strictObject({
  name: z.string().trim().min(1, '姓名不能为空').max(50, '姓名不能超过50个字'),
  idNumber: z.string().trim().min(1, '公民身份号码不能为空').max(30, '公民身份号码不正确'),
  appliedOn: isoDate('递交申请书日期'),
  materials: z.array(z.string().max(50)).max(20).default(['入党申请书']),
  asHistory: z.boolean().default(false),
  note: z.string().max(500, '备注不能超过500个字').optional(),
});
export type CreateCandidateInput = z.infer<typeof createCandidateBody>;

const voteBody = z.strictObject({
  exclusions: z
    .array(
      z.strictObject({
        personId: refTo('person', z.number().int().positive()).optional(),
        name: z.string().trim().min(1, '姓名不能为空').max(50),
        case: z.enum(
          VOTE_EXCLUSION_CASES,
          `不计入应到会人数的情形应为经批准的：${VOTE_EXCLUSION_CASES.map((c) => ORG_LIFE_EXCLUSIONS[c]).join('；')}`,
        ),
        note: z.string().trim().max(200, '不计入应到会人数的说明不能超过200个字').optional(),
      }),
    )
    .max(200)
    .default([]),
  present: z.number().int('实到人数应为整数').min(0, '实到人数不能为负数'),
  for: z.number().int().min(0, '赞成票不能为负数'),
  against: z.number().int().min(0, '反对票不能为负数'),
  abstain: z.number().int().min(0, '弃权票不能为负数'),
});

export const recordStepBody = z.strictObject({
  step: z.number().int().min(1, '步骤应为1至25').max(25, '步骤应为1至25'),
  doneOn: isoDate('日期'),
  materials: z.array(z.string().max(50)).max(20).default([]),
  asHistory: z.boolean().default(false),
  note: z.string().max(500, '备注不能超过500个字').optional(),
  talker: z.string().trim().max(50, '谈话人不能超过50个字').optional(),
  method: z.string().trim().max(50).optional(),
  summary: z.string().trim().max(2000, '考察意见不能超过2000个字').optional(),
  conclusion: z.string().trim().max(2000, '政审结论不能超过2000个字').optional(),
  contacts: z.array(personRef('培养联系人不正确')).max(5).optional(),
  introducers: z.array(personRef('入党介绍人不正确')).max(5).optional(),
  trainingDays: z.number().min(0, '培训天数不能为负数').max(365).optional(),
  trainingHours: z.number().min(0, '培训学时不能为负数').max(2000).optional(),
  publicityStart: isoDate('公示开始日期').optional(),
  publicityEnd: isoDate('公示结束日期').optional(),
  vote: voteBody.optional(),
  outcome: z
    .enum(
      ['按期转正', '延长预备期', '取消预备党员资格'],
      '表决事项应为按期转正、延长预备期或取消预备党员资格',
    )
    .optional(),
  extendMonths: z.number().int('延长月数应为整数').optional(),
  lateReason: z.string().trim().max(500, '原因不能超过500个字').optional(),
});
export type RecordStepInput = z.infer<typeof recordStepBody>;

export const calendarBody = z.strictObject({
  days: z
    .array(
      z.strictObject({
        date: isoDate('日期'),
        kind: z.enum(['holiday', 'workday'], '类型应为holiday（放假）或workday（调休上班）'),
        name: z.string().trim().min(1, '名称不能为空').max(50),
      }),
    )
    .min(1, '至少一天')
    .max(400),
  source: z.string().trim().min(1, '来源不能为空').max(200, '来源不能超过200个字'),
});

export const quotaBody = z.strictObject({
  year: z.number().int().min(2000, '年度不正确').max(2100, '年度不正确'),
  quota: z.number().int('名额应为整数').min(0, '名额不能为负数').max(10000, '名额过大'),
});

/** 终止发展: the pipeline of an applicant, 积极分子 or 发展对象 ends (a 预备党员 is cancelled through steps 23–24). */
export const terminateBody = z.strictObject({
  on: isoDate('终止日期'),
  reason: z.string().trim().min(2, '终止原因不能为空（至少2个字）').max(500, '终止原因不能超过500个字'),
});
export type TerminateInput = z.infer<typeof terminateBody>;

export const devImportQuery = z.strictObject({
  dryRun: z.enum(['0', '1'], 'dryRun应为0或1').default('1'),
  allowPartial: z.enum(['0', '1'], 'allowPartial应为0或1').default('0'),
  fileName: z.string().max(200, '文件名过长').optional(),
});
