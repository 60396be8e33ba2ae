// Request bodies of 党建责任制; every id in a body is marked (orgRef/personRef/refTo).
import { z } from 'zod';
import { isIsoDate } from '../shared/dates.ts';
import { orgRef, personRef, refTo } from '../shared/refs.ts';

const isoDate = (label: string) => z.string().refine(isIsoDate, `${label}应为YYYY-MM-DD格式的日期`);
const text = (label: string, max: number) =>
  z.string().trim().min(1, `${label}不能为空`).max(max, `${label}不能超过${max}个字`);
const year = z.number().int().min(2000, '年度不正确').max(2100, '年度不正确');

export const createItemBody = z.strictObject({
  orgId: orgRef('组织ID不正确'),
  year,
  personId: personRef('责任人ID不正确'),
  post: text('职务', 20),
  contactOrgId: orgRef('联系点ID不正确').optional(),
  content: text('责任内容', 2000),
  deadline: isoDate('完成时限'),
  evidenceRequirement: z.string().trim().max(200, '佐证要求不能超过200个字').default(''),
});
export type CreateItemInput = z.infer<typeof createItemBody>;

export const itemProgressBody = z.strictObject({
  onDate: isoDate('进展日期'),
  note: text('履责情况', 2000),
  evidence: z.string().trim().max(1000, '佐证材料不能超过1000个字').default(''),
  completes: z.boolean().default(false),
});
export type ItemProgressInput = z.infer<typeof itemProgressBody>;

export const issueLetterBody = z.strictObject({
  /** The issuing organisation; default the caller's own. */
  issuerOrgId: orgRef('下达单位ID不正确').optional(),
  year,
  title: text('责任书标题', 100),
  content: text('责任书内容', 8000),
  /** Chosen receivers in the subtree; default every organisation directly below the issuer. */
  orgIds: z.array(orgRef('接收单位ID不正确')).max(500, '接收单位最多500个').optional(),
});
export type IssueLetterInput = z.infer<typeof issueLetterBody>;

export const proposeAccountabilityBody = z.strictObject({
  type: text('问责方式', 20),
  personId: personRef('被问责人ID不正确'),
  orgId: orgRef('被问责人所在组织ID不正确'),
  post: text('被问责人职务', 20),
  reason: text('问责事由', 2000),
  rectItemId: refTo('rect_item', z.number().int().positive('整改事项ID不正确')).optional(),
  alertId: refTo('alert', z.number().int().positive('预警ID不正确')).optional(),
});
export type ProposeAccountabilityInput = z.infer<typeof proposeAccountabilityBody>;

export const decideAccountabilityBody = z.strictObject({
  note: z.string().trim().max(1000, '审批意见不能超过1000个字').default(''),
});
