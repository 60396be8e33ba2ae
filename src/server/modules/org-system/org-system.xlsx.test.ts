import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { safeCell, structureWorkbook } from './org-system.xlsx.ts';

describe('组织体系体检 export', () => {
  it.each([
    ['=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`], ['+1', "'+1"], ['-1', "'-1"], ['@SUM(A1)', "'@SUM(A1)"], ['\tx', "'\tx"], ['普通文本', '普通文本'],
  ])('neutralises %j', (input, output) => expect(safeCell(input)).toBe(output));

  it('writes a summary and the findings, with formula-like text kept as text', async () => {
    const buffer = await structureWorkbook({ code: 'X', name: '某党委' }, '2026-11-23', [
      { orgId: 1, orgCode: 'X-1', orgName: '=cmd|calc', check: '书记空缺', severity: '警告', detail: '书记空缺', evidence: {} },
    ], { 书记空缺: 1 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    const rows = wb.getWorksheet('发现明细')!.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows[1]!.slice(1)).toEqual(['X-1', "'=cmd|calc", '书记空缺', '警告', '书记空缺']);
    expect((wb.getWorksheet('汇总')!.getRow(3).values as unknown[]).slice(1)).toEqual(['书记空缺', 1]);
  });
});
