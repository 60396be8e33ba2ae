// Request bodies of 督查 and 通报 (issue 18). Ids of organisations and visits are marked so the
// body-refs check holds them against the caller's subtree.
import { z } from 'zod';
import { isIsoDate } from '../shared/dates.ts';
import { orgRef, refTo } from '../shared/refs.ts';
import { EXAMPLE_KINDS, ITEM_RESULTS, PLAN_KINDS, SEVERITIES } from './inspection.rules.ts';

const isoDate = (label: string) => z.string().refine(isIsoDate, `${label}应为YYYY-MM-DD格式的日期`);
const text = (label: string, max: number) =>
  z.string().trim().min(1, `${label}不能为空`).max(max, `${label}不能超过${max}个字`);
const inspectors = z.array(text('督查人员姓名', 30)).min(1, '请填写督查人员').max(20, '督查人员不能超过20人');

export const createPlanBody = z.strictObject({
  /** The committee that issues the plan (the caller's organisation or one below it). */
  orgId: orgRef('发起组织不正确'),
  title: text('督查计划名称', 100),
  year: z.number().int().min(2000, '年度不正确').max(2100, '年度不正确'),
  periodFrom: isoDate('督查开始日期'),
  periodTo: isoDate('督查结束日期'),
  kind: z.enum(PLAN_KINDS, '督查类型应为专项督查、常规督查或随机抽查'),
  inspectors,
  note: z.string().trim().max(1000, '说明不能超过1000个字').optional(),
  targets: z
    .array(
      z.strictObject({
        orgId: orgRef('督查对象不正确'),
        plannedOn: isoDate('计划督查日期'),
      }),
    )
    .min(1, '请至少选择一个督查对象')
    .max(200, '督查对象不能超过200个'),
});
export type CreatePlanInput = z.infer<typeof createPlanBody>;

export const recordVisitBody = z.strictObject({
  /** The inspected organisation: one of the plan's targets. */
  orgId: orgRef('督查对象不正确'),
  visitedOn: isoDate('督查日期'),
  inspectors,
  checklist: z
    .array(
      z.strictObject({
        code: z.string().min(1, '检查项不正确').max(50, '检查项不正确'),
        result: z.enum(ITEM_RESULTS, '检查结果应为符合、基本符合或不符合'),
        note: z.string().trim().max(500, '检查情况不能超过500个字').optional(),
      }),
    )
    .min(1, '请逐项登记督查清单'),
  findings: z
    .array(
      z.strictObject({
        text: text('问题描述', 500),
        severity: z.enum(SEVERITIES, '问题程度应为一般、较重或严重'),
        itemCode: z.string().min(1, '所属检查项不正确').max(50, '所属检查项不正确'),
      }),
    )
    .max(50, '发现问题不能超过50条')
    .default([]),
  conclusion: text('督查结论', 2000),
});
export type RecordVisitInput = z.infer<typeof recordVisitBody>;

export const rectifyBody = z.strictObject({
  /** Omitted: the rulebook's days by severity. */
  deadline: isoDate('整改期限').optional(),
  title: z.string().trim().min(1, '整改事项名称不能为空').max(200, '整改事项名称不能超过200个字').optional(),
});
export type RectifyInput = z.infer<typeof rectifyBody>;

export const createBulletinBody = z.strictObject({
  /** The publishing committee. */
  orgId: orgRef('发布组织不正确'),
  title: text('通报标题', 100),
  content: text('通报正文', 5000),
  /** Receiving organisations; omitted = every organisation directly below the publisher. */
  recipientOrgIds: z.array(orgRef('接收组织不正确')).max(500, '接收组织不能超过500个').optional(),
  examples: z
    .array(
      z.strictObject({
        kind: z.enum(EXAMPLE_KINDS, '典型类别应为表扬或批评'),
        text: text('典型事例', 1000),
        orgId: orgRef('典型所在组织不正确').optional(),
        visitId: refTo('inspection_visit', z.number().int().positive('督查记录不正确')).optional(),
      }),
    )
    .max(40, '典型事例不能超过40条')
    .default([]),
});
export type CreateBulletinInput = z.infer<typeof createBulletinBody>;
