import { z } from 'zod';
import { isIsoDate } from '../shared/dates.ts';
import { COMMITMENT_TYPES, COMMITTER_KINDS, GRADES } from './commitments.rules.ts';
import { orgRef, personRef } from '../shared/refs.ts';

const isoDate = (label: string) => z.string().refine(isIsoDate, `${label}应为YYYY-MM-DD格式的日期`);
const text = (label: string, max: number) =>
  z.string().trim().min(1, `${label}不能为空`).max(max, `${label}不能超过${max}个字`);

export const createCommitmentBody = z.strictObject({
  orgId: orgRef('组织ID不正确'),
  committerKind: z.enum(COMMITTER_KINDS, '承诺主体应为组织或党员'),
  personId: personRef('党员ID不正确').optional(),
  type: z.enum(COMMITMENT_TYPES, '承诺类型应为长远承诺、年度承诺或即时承诺'),
  year: z.number().int().min(2000, '年度不正确').max(2100, '年度不正确'),
  title: text('承诺标题', 100),
  content: text('承诺内容', 4000),
  dueOn: isoDate('践诺期限').optional(),
  isPublic: z.boolean().default(true),
});
export type CreateCommitmentInput = z.infer<typeof createCommitmentBody>;

export const openOpinionBody = z.strictObject({ endsOn: isoDate('征求意见截止日期') });
export const publicOpinionBody = z.strictObject({
  content: text('意见内容', 1000),
  contact: z.string().trim().max(50, '称呼不能超过50个字').optional(),
});
export const handleOpinionBody = z.strictObject({ handling: text('处理情况', 1000) });
export const progressBody = z.strictObject({
  note: text('践诺情况', 2000),
  evidence: z
    .array(z.string().trim().min(1).max(500, '佐证材料不能超过500个字'))
    .max(20, '佐证材料最多20项')
    .default([]),
});
export const gradeBody = z.strictObject({
  selfAssessment: text('自我评价', 2000),
  leaderGrade: z.enum(GRADES, '评定等次应为好、较好、一般或差'),
  satisfaction: z.number().min(0, '满意度应在0到100之间').max(100, '满意度应在0到100之间').optional(),
});
export const reviewBody = z.strictObject({
  reviewerPersonId: z.number().int().positive('点评人ID不正确').optional(),
  text: text('点评意见', 2000),
  grade: z.enum(GRADES, '点评等次应为好、较好、一般或差'),
  rectifications: z
    .array(
      z.strictObject({
        title: text('整改事项', 100),
        detail: z.string().max(1000).optional(),
        deadline: isoDate('整改期限'),
      }),
    )
    .max(20, '整改事项最多20项')
    .default([]),
});

export const createLiaisonBody = z.strictObject({
  committeeOrgId: orgRef('党委ID不正确'),
  personId: z.number().int().positive('党员ID不正确'),
  orgId: orgRef('联系组织ID不正确'),
  validFrom: isoDate('联系开始日期').optional(),
});
export const endLiaisonBody = z.strictObject({ validTo: isoDate('联系结束日期') });

export const openSatisfactionBody = z.strictObject({
  ballots: z.number().int().min(1, '测评票数至少1张').max(1000, '测评票数最多1000张'),
});

/** A 践诺 photo: JPEG or PNG, base64 in JSON (the size limit is the rulebook's, checked on the bytes). */
export const photoBody = z.strictObject({
  fileName: z.string().trim().min(1, '文件名不能为空').max(200, '文件名不能超过200个字'),
  mimeType: z.enum(['image/jpeg', 'image/png'], '佐证照片只允许JPEG或PNG格式'),
  contentBase64: z.string().min(4, '照片内容为空').max(7_400_000, '照片超过大小限制'),
});
export type PhotoInput = z.infer<typeof photoBody>;
