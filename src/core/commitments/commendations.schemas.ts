import { z } from 'zod';
import { isIsoDate } from '../shared/dates.ts';
import { COMMENDATION_CATEGORIES, EVIDENCE_KINDS } from './commendations.rules.ts';
import { orgRef, personRef, polyRefTo, type RefKind } from '../shared/refs.ts';

/** What each kind of 佐证 id names, for the scope check of body references. */
const EVIDENCE_REF_KINDS: Record<(typeof EVIDENCE_KINDS)[number], RefKind> = {
  commitment: 'commitment',
  evaluation: 'campaign_subject',
  member_review: 'member_review_entry',
  meeting: 'meeting',
};

const isoDate = (label: string) => z.string().refine(isIsoDate, `${label}应为YYYY-MM-DD格式的日期`);
const text = (label: string, max: number) =>
  z.string().trim().min(1, `${label}不能为空`).max(max, `${label}不能超过${max}个字`);

export const openRoundBody = z.strictObject({
  orgId: orgRef('组织ID不正确'),
  year: z.number().int().min(2000, '年度不正确').max(2100, '年度不正确'),
  title: text('评选名称', 100),
  nominateFrom: isoDate('提名开始日期'),
  nominateTo: isoDate('提名截止日期'),
});
export type OpenRoundInput = z.infer<typeof openRoundBody>;

export const nominateBody = z.strictObject({
  /** The nominating organisation (defaults to the actor's own organisation). */
  orgId: orgRef('提名组织ID不正确').optional(),
  category: z.enum(COMMENDATION_CATEGORIES, '类别应为优秀共产党员、优秀党务工作者或先进基层党组织'),
  nomineePersonId: personRef('被提名人ID不正确').optional(),
  nomineeOrgId: orgRef('被提名组织ID不正确').optional(),
  reason: text('推荐理由（主要事迹）', 2000),
  evidence: z
    .array(
      polyRefTo(
        z.strictObject({
          kind: z.enum(EVIDENCE_KINDS, '佐证类型应为公开承诺、述职评议结果、民主评议党员结果或会议'),
          id: z.number().int().positive('佐证ID不正确'),
        }),
        { kindField: 'kind', idField: 'id', kinds: EVIDENCE_REF_KINDS },
      ),
    )
    .max(20, '佐证最多20项')
    .default([]),
});
export type NominateInput = z.infer<typeof nominateBody>;

export const decideNominationBody = z
  .strictObject({
    action: z.enum(['approve', 'reject'], '审批结果应为批准或不批准'),
    reason: z.string().trim().max(1000, '审批意见不能超过1000个字').optional(),
  })
  .refine((b) => b.action === 'approve' || (b.reason ?? '').length > 0, {
    message: '不批准须填写理由',
    path: ['reason'],
  });
