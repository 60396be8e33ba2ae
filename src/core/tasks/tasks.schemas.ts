// Request bodies of 工作任务 (issue 18); ids of organisations are marked (orgRef) so that the
// body-refs plugin refuses any outside the caller's subtree.
import { z } from 'zod';
import { orgRef } from '../shared/refs.ts';
import { isIsoDate } from '../shared/dates.ts';
import { FORM_COLUMN_TYPES } from './task-form.rules.ts';
import { TARGET_MODES, TASK_KINDS } from './tasks.rules.ts';

const text = (label: string, max: number) =>
  z.string().trim().min(1, `${label}不能为空`).max(max, `${label}不能超过${max}个字`);

/** 附件: a name and an optional link (documents are exchanged through the usual channels). */
export const attachmentsSchema = z
  .array(
    z.strictObject({
      name: text('附件名称', 200),
      url: z.string().trim().max(500, '附件链接不能超过500个字符').optional(),
    }),
  )
  .max(20, '附件最多20个')
  .default([]);

export const createTaskBody = z.strictObject({
  issuerOrgId: orgRef('下达组织ID不正确'),
  title: text('任务标题', 100),
  content: text('任务内容', 4000),
  kind: z.enum(TASK_KINDS, '任务类型应为工作任务或报表/材料报送'),
  deadline: z.string().refine(isIsoDate, '截止日期应为YYYY-MM-DD格式的日期'),
  targetMode: z.enum(TARGET_MODES, '下达范围应为直属下级、全部党支部或指定组织'),
  targetOrgIds: z.array(orgRef('下达对象ID不正确')).max(2000, '下达对象过多').default([]),
  attachments: attachmentsSchema,
  formColumns: z
    .array(
      z.strictObject({
        name: text('报表列名', 30),
        type: z.enum(FORM_COLUMN_TYPES, '报表列类型应为文本、数字或日期').default('text'),
        required: z.boolean().default(true),
      }),
    )
    .max(30, '报表最多30列')
    .optional(),
  /** Sent again after the 减负 warning: the issuer has seen it and goes on. */
  confirmOverCap: z.boolean().default(false),
});
export type CreateTaskInput = z.infer<typeof createTaskBody>;

export const reportBody = z.strictObject({
  text: text('报送内容', 4000),
  attachments: attachmentsSchema,
  /** The filled form (.xlsx), when the task asks for one. */
  form: z
    .strictObject({
      fileName: text('文件名', 200),
      contentBase64: z.string().min(1, '报表文件不能为空').max(11_000_000, '报表文件不能超过8MB'),
    })
    .optional(),
});
export type ReportInput = z.infer<typeof reportBody>;

export const returnBody = z.strictObject({ reason: text('退回原因', 500) });
