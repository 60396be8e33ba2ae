// Request schemas of the roster API (zod 4); messages in Chinese naming the field.
import { z } from 'zod';
import { isIsoDate } from '../shared/dates.ts';
import { refTo } from '../shared/refs.ts';
import { EDUCATIONS, GENDERS, IDENTITIES, MEMBER_CATEGORIES } from './roster.constants.ts';
import { CONTACT_METHODS, FLOATING_DIRECTIONS, FLOATING_KINDS } from './floating.rules.ts';
import { GRADUATE_STATUSES } from './graduate.rules.ts';

const isoDate = (label: string) => z.string().refine(isIsoDate, `${label}应为YYYY-MM-DD格式的日期`);
const id = (label: string) => z.coerce.number().int(`${label}不正确`).positive(`${label}不正确`);

export const AGE_BAND_KEYS = ['le35', '36-45', '46-60', 'ge61'] as const;

export const memberListQuery = z.strictObject({
  orgId: id('组织ID'),
  q: z.string().max(30, '姓名搜索不能超过30个字').optional(),
  /** 姓名 matching: from the start (default, indexed) or anywhere in the name (bounded). */
  match: z.enum(['prefix', 'contains'], '姓名匹配方式应为prefix（开头）或contains（包含）').default('prefix'),
  category: z.enum(MEMBER_CATEGORIES, '人员类别应为正式党员或预备党员').optional(),
  gender: z.enum(GENDERS, '性别应为男或女').optional(),
  ageBand: z.enum(AGE_BAND_KEYS, '年龄段不正确').optional(),
  education: z.enum(EDUCATIONS, '学历不正确').optional(),
  flag: z.enum(['floating', 'hardship', 'communityReport'], '标记不正确').optional(),
  /** Keyset cursor: "<org_path>|<person id>" of the last row of the previous page. */
  after: z
    .string()
    .max(300, '分页游标不正确')
    .regex(/^\/[\d/]*\|\d+$/, '分页游标不正确')
    .optional(),
  limit: z.coerce.number().int().min(1, '每页条数至少为1').max(200, '每页条数不能超过200').default(50),
});
export type MemberListQuery = z.infer<typeof memberListQuery>;

export const exportQuery = memberListQuery.omit({ after: true, limit: true }).extend({
  unmask: z.enum(['0', '1'], 'unmask应为0或1').default('0'),
});
export type ExportQuery = z.infer<typeof exportQuery>;

export const importQuery = z.strictObject({
  dryRun: z.enum(['0', '1'], 'dryRun应为0或1').default('1'),
  allowPartial: z.enum(['0', '1'], 'allowPartial应为0或1').default('0'),
  fileName: z.string().max(200, '文件名过长').optional(),
});

export const profileBody = z.strictObject({
  nativePlace: z.string().max(50, '籍贯不能超过50个字').nullable().optional(),
  degree: z.string().max(10, '学位不正确').nullable().optional(),
  workUnit: z.string().max(100, '工作单位不能超过100个字').nullable().optional(),
  post: z.string().max(50, '岗位不能超过50个字').nullable().optional(),
  identity: z.enum(IDENTITIES, '人员身份不正确').nullable().optional(),
  address: z.string().max(200, '家庭住址不能超过200个字').nullable().optional(),
  partyStatus: z.enum(['正常', '停止党籍', '出党'], '党籍状态不正确').optional(),
  partyStatusReason: z.string().max(200, '党籍状态原因不能超过200个字').nullable().optional(),
  partyStatusOn: isoDate('党籍状态日期').nullable().optional(),
  floating: z.boolean().optional(),
  floatingDestination: z.string().max(100, '流入地不能超过100个字').nullable().optional(),
  hardship: z.boolean().optional(),
  communityReport: z.boolean().optional(),
  communityOrgId: id('报到社区党组织').nullable().optional(),
  groupOrgId: refTo('org', id('党小组')).nullable().optional(),
  /** 毕业日期; checked against today and the birth date by core graduate.rules. */
  graduatedOn: isoDate('毕业日期').nullable().optional(),
  /** 毕业后组织关系暂留 (at most roster.graduate.maxYears). */
  graduateRetained: z.boolean('毕业后组织关系暂留应为true或false').optional(),
});
export type ProfileInput = z.infer<typeof profileBody>;

export const structureQuery = z.strictObject({ orgId: id('组织ID') });

export const transferCreateBody = z.strictObject({
  personId: refTo('person', id('党员')),
  toOrgCode: z.string().trim().min(1, '转入组织编码不能为空').max(50, '转入组织编码过长'),
  reason: z.string().trim().min(1, '转接原因不能为空').max(200, '转接原因不能超过200个字'),
});
export type TransferCreateInput = z.infer<typeof transferCreateBody>;

export const transferActionBody = z.strictObject({
  action: z.enum(
    ['approve', 'reject', 'accept', 'return', 'cancel'],
    '操作应为approve、reject、accept、return或cancel',
  ),
  reason: z.string().trim().max(200, '原因不能超过200个字').optional(),
  effectiveOn: isoDate('转接生效日期').optional(),
});
export type TransferActionInput = z.infer<typeof transferActionBody>;

export const transferListQuery = z.strictObject({
  orgId: id('组织ID'),
  status: z.enum(['open', 'closed', 'all'], '状态应为open、closed或all').default('open'),
});

// ---- 流动党员 (floating members)

export const floatingListQuery = z.strictObject({
  orgId: id('组织ID'),
  status: z.enum(['active', 'ended', 'all'], '状态应为active、ended或all').default('active'),
  overdue: z.enum(['0', '1'], 'overdue应为0或1').default('0'),
});
export type FloatingListQuery = z.infer<typeof floatingListQuery>;

export const floatingCreateBody = z.strictObject({
  direction: z.enum(FLOATING_DIRECTIONS, '流动方向应为out（流出）或in（流入）'),
  kind: z.enum(FLOATING_KINDS, '流动类型应为domestic（国内）或abroad_study（出国（境）学习研究）'),
  /** Out-flow: our member. In-flow: optional, when the member is already in the system. */
  personId: refTo('person', id('党员')).optional(),
  /** In-flow of a member from outside the system: name and home organisation. */
  personName: z.string().trim().min(2, '姓名至少2个字').max(30, '姓名不能超过30个字').optional(),
  /** In-flow: the receiving organisation. */
  orgId: refTo('org', id('流入地党组织')).optional(),
  destination: z.string().trim().min(1, '外出地点（流入地）不能为空').max(100, '外出地点不能超过100个字'),
  origin: z.string().trim().max(100, '原所在党组织不能超过100个字').optional(),
  since: isoDate('外出（流入）日期'),
});
export type FloatingCreateInput = z.infer<typeof floatingCreateBody>;

export const floatingContactBody = z.strictObject({
  contactedOn: isoDate('联系日期'),
  method: z.enum(CONTACT_METHODS, '联系方式应为电话、微信、视频、面谈、信函或其他'),
  note: z.string().trim().max(500, '联系情况不能超过500个字').optional(),
  joinedLocalLife: z.boolean().default(false),
});
export type FloatingContactInput = z.infer<typeof floatingContactBody>;

export const floatingEndBody = z.strictObject({ endedOn: isoDate('结束日期') });

// ---- 毕业生党员组织关系暂留

export const graduateListQuery = z.strictObject({
  orgId: id('组织ID'),
  status: z.enum(GRADUATE_STATUSES, '状态应为正常、即将到期或已超期').optional(),
  /** Keyset cursor: "<graduatedOn>|<person id>" of the last row of the previous page. */
  after: z
    .string()
    .max(40, '分页游标不正确')
    .regex(/^\d{4}-\d{2}-\d{2}\|\d+$/, '分页游标不正确')
    .optional(),
  limit: z.coerce.number().int().min(1, '每页条数至少为1').max(200, '每页条数不能超过200').default(50),
});
export type GraduateListQuery = z.infer<typeof graduateListQuery>;

// ---- transfers across the system's boundary

export const externalListQuery = z.strictObject({
  orgId: id('组织ID'),
  status: z.enum(['open', 'closed', 'all'], '状态应为open、closed或all').default('all'),
});
export type ExternalListQuery = z.infer<typeof externalListQuery>;

export const externalOutBody = z.strictObject({
  direction: z.literal('out', '方向应为out'),
  personId: refTo('person', id('党员')),
  otherOrgName: z.string().trim().min(2, '转入党组织名称至少2个字').max(100, '转入党组织名称不能超过100个字'),
  reason: z.string().trim().min(1, '转接原因不能为空').max(200, '转接原因不能超过200个字'),
});
export const externalInBody = z.strictObject({
  direction: z.literal('in', '方向应为in'),
  orgId: refTo('org', id('接收党组织')),
  personName: z.string().trim().min(2, '姓名至少2个字').max(30, '姓名不能超过30个字'),
  otherOrgName: z.string().trim().min(2, '转出党组织名称至少2个字').max(100, '转出党组织名称不能超过100个字'),
  letterNumber: z.string().trim().min(1, '介绍信编号不能为空').max(50, '介绍信编号不能超过50个字'),
  receivedOn: isoDate('接收日期'),
});
export const externalCreateBody = z.discriminatedUnion(
  'direction',
  [externalOutBody, externalInBody],
  '方向应为out（转出系统外）或in（从系统外转入）',
);
export type ExternalCreateInput = z.infer<typeof externalCreateBody>;

export const slipBody = z.strictObject({ returnedOn: isoDate('回执日期') });

// ---- a member's own transfer request (self-service)

const requestReason = z.string().trim().min(1, '申请理由不能为空').max(200, '申请理由不能超过200个字');
export const myTransferRequestBody = z.discriminatedUnion(
  'destination',
  [
    z.strictObject({
      destination: z.literal('in_system', '去向应为in_system'),
      toOrgCode: z.string().trim().min(1, '转入党组织编码不能为空').max(50, '转入党组织编码过长'),
      reason: requestReason,
    }),
    z.strictObject({
      destination: z.literal('outside', '去向应为outside'),
      otherOrgName: z
        .string()
        .trim()
        .min(2, '转入单位（党组织）名称至少2个字')
        .max(100, '转入单位（党组织）名称不能超过100个字'),
      reason: requestReason,
    }),
  ],
  '去向应为in_system（本系统内党组织）或outside（系统外单位）',
);
export type MyTransferRequestInput = z.infer<typeof myTransferRequestBody>;

export const transferRequestListQuery = z.strictObject({
  orgId: id('组织ID'),
  status: z.enum(['open', 'closed', 'all'], '状态应为open、closed或all').default('open'),
});
export type TransferRequestListQuery = z.infer<typeof transferRequestListQuery>;

export const transferRequestDeclineBody = z.strictObject({
  reason: z.string().trim().min(1, '不予办理的理由不能为空').max(200, '不予办理的理由不能超过200个字'),
});

// ---- 在职党员到社区报到

export const communityListQuery = z.strictObject({
  orgId: id('组织ID'),
  year: z.coerce.number().int('年度不正确').min(2000, '年度不正确').max(2100, '年度不正确').optional(),
  /** 在册 (active), 已结束 (ended) or both. */
  status: z.enum(['active', 'ended', 'all'], '状态应为active（在册）、ended（已结束）或all').default('all'),
});
export type CommunityListQuery = z.infer<typeof communityListQuery>;

export const communityRegisterBody = z.strictObject({
  personId: refTo('person', id('党员')),
  communityOrgCode: z.string().trim().min(1, '社区党组织编码不能为空').max(50, '社区党组织编码过长'),
  registeredOn: isoDate('报到日期'),
});
export type CommunityRegisterInput = z.infer<typeof communityRegisterBody>;

export const volunteerServiceBody = z.strictObject({
  servedOn: isoDate('服务日期'),
  activity: z.string().trim().min(2, '服务内容至少2个字').max(100, '服务内容不能超过100个字'),
  hours: z.coerce
    .number('服务时长应为数字')
    .min(0.5, '服务时长不能少于0.5小时')
    .max(24, '服务时长不能超过24小时'),
});
export type VolunteerServiceInput = z.infer<typeof volunteerServiceBody>;

/** Correcting a service record: any of its fields, checked like a new record. */
export const volunteerServicePatchBody = volunteerServiceBody
  .partial()
  .refine((v) => Object.values(v).some((x) => x !== undefined), '请至少修改服务日期、服务内容或时长中的一项');
export type VolunteerServicePatch = z.infer<typeof volunteerServicePatchBody>;

/** 报到结束 (moved house, changed job). */
export const communityEndBody = z.strictObject({
  endedOn: isoDate('结束日期'),
  reason: z.string().trim().min(1, '结束原因不能为空').max(200, '结束原因不能超过200个字'),
});
export type CommunityEndInput = z.infer<typeof communityEndBody>;

export const communityDetailQuery = z.strictObject({
  year: z.coerce.number().int('年度不正确').min(2000, '年度不正确').max(2100, '年度不正确').optional(),
});
