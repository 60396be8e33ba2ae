// Request bodies of 党费 part C (减免, 上缴, bank figures); ids marked for the body-refs check.
import { z } from 'zod';
import { orgRef, personRef } from '../shared/refs.ts';

const month = (label: string) => z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, `${label}格式应为YYYY-MM`);
const fen = (label: string) => z.number().int(`${label}应为整数（以分计）`);

export const createReductionBody = z.strictObject({
  personId: personRef('党员ID不正确'),
  fromMonth: month('起始月份'),
  toMonth: month('截止月份'),
  kind: z.enum(['reduce', 'waive'], '减免方式应为少交或免交'),
  monthlyFen: fen('减免后每月应缴金额').nullable().optional(),
  reason: z.string().trim().min(1, '请填写减免原因').max(500, '减免原因不超过500字'),
});

export const approveReductionBody = z.strictObject({
  note: z.string().max(500, '审批意见不超过500字').optional(),
});

export const rejectReductionBody = z.strictObject({
  reason: z.string().trim().min(1, '请填写退回原因').max(500, '退回原因不超过500字'),
});

export const createRemittanceBody = z.strictObject({
  fromOrgId: orgRef('上缴组织ID不正确'),
  period: month('所属期间'),
  amountFen: fen('上缴金额'),
  remittedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '上缴日期格式应为YYYY-MM-DD'),
  bankRef: z.string().max(100, '银行流水号不超过100字').nullable().optional(),
});

export const bankFigureBody = z.strictObject({
  orgId: orgRef('组织ID不正确'),
  period: month('所属期间'),
  bankFen: fen('银行入账金额'),
  note: z.string().max(500, '备注不超过500字').nullable().optional(),
});
