import { z } from 'zod';
import { orgRef } from '../shared/refs.ts';
import { ORG_KINDS, ORG_SECTORS } from './org.types.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

export const orgCodeSchema = z
  .string()
  .trim()
  .min(1, '组织编码不能为空')
  .max(32, '组织编码不能超过32个字符')
  .regex(/^[A-Za-z0-9_-]+$/, '组织编码只能包含字母、数字、下划线和连字符');

export const orgNameSchema = z.string().trim().min(2, '组织名称至少2个字').max(100, '组织名称不能超过100个字');

export const createOrgBody = z.strictObject({
  code: orgCodeSchema,
  name: orgNameSchema,
  shortName: z.string().trim().max(30, '简称不能超过30个字').optional(),
  kind: z.enum(ORG_KINDS, { error: '组织类别不正确' }),
  sector: z.enum(ORG_SECTORS, { error: '所在领域不正确' }),
  parentId: orgRef('上级组织不正确'),
  unitNames: z.array(z.string().trim().min(1).max(100, '单位名称不能超过100个字')).max(20).optional(),
  establishedOn: isoDate.optional(),
});
export type CreateOrgInput = z.infer<typeof createOrgBody>;

export const renameOrgBody = z.strictObject({
  name: orgNameSchema,
  shortName: z.string().trim().max(30, '简称不能超过30个字').nullable().optional(),
});
export type RenameOrgInput = z.infer<typeof renameOrgBody>;

export const moveOrgBody = z.strictObject({ parentId: orgRef('目标上级组织不正确') });

export const dissolveOrgBody = z.strictObject({
  dissolvedOn: isoDate,
  reason: z.string().trim().min(2, '请填写撤销原因').max(500, '撤销原因不能超过500个字'),
});
