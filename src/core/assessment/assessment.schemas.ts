// Request bodies of 考核 (ids marked for the body-refs check).
import { z } from 'zod';
import { orgRef } from '../shared/refs.ts';
import { ASSESS_LEVELS } from './assessment.types.ts';

export const yearSchema = z.number().int('年度不正确').min(2000, '年度不正确').max(2100, '年度不正确');

export const recomputeBody = z.strictObject({
  orgId: orgRef('组织ID不正确'),
  year: yearSchema,
});

export const weightsBody = z.strictObject({
  orgId: orgRef('组织ID不正确'),
  year: yearSchema,
  level: z.enum(ASSESS_LEVELS, '考核层级不正确'),
  weights: z
    .array(
      z.strictObject({
        key: z.string().min(1, '指标不能为空').max(60, '指标不正确'),
        weight: z.number().int('权重须为整数').min(0, '权重不能为负数').max(100, '权重不能超过100'),
      }),
    )
    .min(1, '请填写各项指标的权重')
    .max(50, '指标过多'),
});

export const manualBody = z.strictObject({
  orgId: orgRef('被考核组织ID不正确'),
  year: yearSchema,
  key: z.string().min(1, '指标不能为空').max(60, '指标不正确'),
  score: z.number().min(0, '得分不能为负数').max(100, '得分不能超过100'),
  evidence: z.string().max(2000, '评分依据不能超过2000字'),
});

export type WeightsInput = z.output<typeof weightsBody>;
export type ManualInput = z.output<typeof manualBody>;
