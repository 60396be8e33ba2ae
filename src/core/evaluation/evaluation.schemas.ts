// Request bodies of the evaluation module, shared by routes and the web client.
import { z } from 'zod';
import { isIsoDate } from '../shared/dates.ts';
import { refTo } from '../shared/refs.ts';
import { DISPOSITION_KINDS, MEMBER_REVIEW_STAGES } from './evaluation.rules.ts';
import { REPORT_ATTACHMENT_TYPES } from './attachments.rules.ts';
import { TARGET_HALVES } from './targets.rules.ts';

const isoDate = (label: string) => z.string().refine(isIsoDate, `${label}须为YYYY-MM-DD格式的日期`);
const id = (label: string) => z.number().int().positive(`${label}不正确`);
/** Ids checked against the actor's subtree by the body-refs plugin (src/core/shared/refs.ts). */
const orgId = (label: string) => refTo('org', id(label));
const personId = (label: string) => refTo('person', id(label));
const text = (label: string, max: number) =>
  z.string().trim().min(1, `${label}不能为空`).max(max, `${label}不能超过${max}个字`);

export const SECRETARY_GRADES = ['好', '较好', '一般', '差'] as const;
export const MEMBER_GRADES = ['优秀', '合格', '基本合格', '不合格'] as const;

export const weightsSchema = z.strictObject({
  vote: z.number().int().min(0, '权重不能为负').max(100, '权重不能超过100'),
  indicators: z.number().int().min(0, '权重不能为负').max(100, '权重不能超过100'),
  comment: z.number().int().min(0, '权重不能为负').max(100, '权重不能超过100'),
});

export const createCampaignBody = z.strictObject({
  orgId: orgId('组织ID'),
  year: z.number().int().min(2000, '年度不正确').max(2100, '年度不正确'),
  title: text('标题', 100),
  meetingOn: isoDate('述职会议日期').optional(),
  weights: weightsSchema.optional(),
  parentCampaignId: id('上级评议活动ID').optional(),
  /** Only these direct child organisations' secretaries report (default: all of them). */
  orgIds: z
    .array(orgId('述职组织ID'))
    .min(1, '至少选择一个述职组织')
    .max(500, '述职组织不能超过500个')
    .optional(),
});
export type CreateCampaignInput = z.infer<typeof createCampaignBody>;

export const reportBody = z.strictObject({
  reportText: text('述职报告', 20000),
  problems: z.array(text('问题', 500)).max(30, '问题清单最多30条').default([]),
  attachments: z
    .array(z.strictObject({ name: text('附件名称', 200), url: text('附件地址', 500) }))
    .max(10, '附件最多10个')
    .default([]),
});
export type ReportInput = z.infer<typeof reportBody>;

export const orderBody = z.strictObject({ subjectIds: z.array(refTo('campaign_subject', id('述职对象ID'))).min(1, '述职顺序不能为空') });

export const openVotingBody = z.strictObject({
  expectedVoters: z.number().int().min(1, '应参加测评人数至少1人').max(2000, '应参加测评人数不能超过2000'),
});

export const commentBody = z.strictObject({
  text: text('点评意见', 5000),
  grade: z.enum(SECRETARY_GRADES, { message: '点评等次须为好、较好、一般或差' }),
});

export const publishBody = z.strictObject({ scopeOrgId: id('公布范围组织ID') });

export const ballotBody = z.strictObject({
  token: z.string().min(16, '选票凭证无效').max(100, '选票凭证无效'),
  marks: z.record(z.string(), z.string()),
});
export const paperBallotBody = z.strictObject({ marks: z.record(z.string(), z.string()) });

export const createMemberReviewBody = z.strictObject({
  orgId: orgId('党支部ID'),
  year: z.number().int().min(2000, '年度不正确').max(2100, '年度不正确'),
  reportToUpper: z.boolean().default(true),
});

export const advanceStageBody = z.strictObject({
  stage: z.enum(MEMBER_REVIEW_STAGES, { message: '评议环节不正确' }),
  studyNote: z.string().trim().max(2000, '学习教育记录不能超过2000个字').optional(),
});

export const selfReviewBody = z.strictObject({ text: text('个人自评', 5000) });

export const assessmentBody = z.strictObject({
  grades: z
    .array(
      z.strictObject({
        personId: personId('党员ID'),
        grade: z.enum(MEMBER_GRADES, { message: '等次须为优秀、合格、基本合格或不合格' }),
        reason: z.string().trim().max(500, '理由不能超过500个字').default(''),
      }),
    )
    .min(1, '评定结果不能为空'),
  decidedBy: z.enum(['支委会', '党员大会'], { message: '评定会议须为支委会或党员大会' }),
});

export const dispositionBody = z.strictObject({
  entryId: refTo('member_review_entry', id('评议记录ID')),
  kind: z.enum(DISPOSITION_KINDS as [string, ...string[]], {
    message: '处置方式须为限期改正、劝其退党或除名',
  }),
  decidedOn: isoDate('决定日期'),
  months: z.number().int().optional(),
  branchVote: z.strictObject({ for: z.number().int().min(0), present: z.number().int().min(0) }).optional(),
  note: z.string().trim().max(2000, '说明不能超过2000个字').default(''),
});

export const createRectificationBody = z.strictObject({
  orgId: orgId('责任组织ID'),
  ownerPersonId: personId('责任人ID').optional(),
  title: text('整改事项', 200),
  detail: z.string().trim().max(5000, '整改措施不能超过5000个字').default(''),
  deadline: isoDate('整改时限'),
});

export const progressBody = z.strictObject({
  note: text('进展情况', 2000),
  evidence: z.string().trim().max(2000, '佐证材料不能超过2000个字').optional(),
});
export const closureBody = z.strictObject({ note: text('整改成效', 2000), evidence: text('佐证材料', 2000) });
export const reviewBody = z.strictObject({ approve: z.boolean(), note: text('审核意见', 2000) });

/** 约谈 held: when and what was said. */
export const interviewBody = z.strictObject({ heldOn: isoDate('约谈日期'), notes: text('约谈记录', 5000) });

// —— 党员目标管理 ——
const score = (label: string) =>
  z
    .number({ message: `${label}须为0到100之间的整数` })
    .int(`${label}须为整数`)
    .min(0, `${label}不能小于0`)
    .max(100, `${label}不能超过100`);
const half = z.enum(TARGET_HALVES, { message: '考评期须为上半年（H1）或下半年（H2）' });

export const targetItemsSchema = z
  .array(
    z.strictObject({
      title: text('目标', 200),
      detail: z.string().trim().max(1000, '目标说明不能超过1000个字').default(''),
    }),
  )
  .min(1, '目标责任书至少要有一项目标')
  .max(50, '目标责任书的目标太多');

/** The branch issues the same letter to one or more of its members. */
export const createTargetLettersBody = z.strictObject({
  orgId: orgId('党支部ID'),
  year: z.number().int().min(2000, '年度不正确').max(2100, '年度不正确'),
  personIds: z.array(personId('党员ID')).min(1, '至少选择一名党员').max(500, '一次最多500名党员'),
  items: targetItemsSchema,
});
export const reviseTargetItemsBody = z.strictObject({ items: targetItemsSchema });
export const targetSelfBody = z.strictObject({
  half,
  score: score('自评分'),
  note: text('自评情况', 3000),
});
export const targetAssessBody = z.strictObject({
  half,
  peerScore: score('互评分').nullable(),
  orgScore: score('组织评价分'),
  note: z.string().trim().max(2000, '组织评价意见不能超过2000个字').default(''),
});
export const targetListQuery = z.strictObject({
  orgId: z.coerce.number().int().positive('党支部ID不正确'),
  year: z.coerce.number().int().min(2000, '年度不正确').max(2100, '年度不正确').optional(),
});

// —— 不合格党员处置 proposals ——
export const lostContactBody = z.strictObject({
  orgId: orgId('党支部ID'),
  personId: personId('党员ID'),
  since: isoDate('失去联系日期'),
  searches: text('查找情况', 2000),
});
export const lostContactFoundBody = z.strictObject({ foundOn: isoDate('恢复联系日期') });
export const PROPOSALS = ['停止党籍', '按自行脱党处理'] as const;
export const proposalDecisionBody = z.strictObject({
  orgId: orgId('党支部ID'),
  personId: personId('党员ID'),
  proposal: z.enum(PROPOSALS, { message: '建议须为停止党籍或按自行脱党处理' }),
  decision: z.enum(['submitted', 'dismissed'], { message: '处理意见须为提交研究或不予处理' }),
  note: text('处理说明', 2000),
});

/** An uploaded 述职报告 attachment, base64 in JSON (the size limit is rulebook data). */
export const reportAttachmentBody = z.strictObject({
  fileName: text('文件名', 200),
  mimeType: z.enum(REPORT_ATTACHMENT_TYPES, { message: '只允许上传JPEG、PNG图片或PDF文件' }),
  contentBase64: z.string().min(4, '文件内容为空').max(14_000_000, '文件超过大小限制'),
});
export const attachmentKeyParams = z.strictObject({
  id: z.coerce.number().int().positive('ID不正确'),
  key: z.string().regex(/^[0-9a-f]{64}$/, '附件标识不正确'),
});
