// Excel export of the 组织体系体检 report: formula-injection safe, audited by the caller.
import ExcelJS from 'exceljs';
import type { Finding } from '../../../core/org-system/structure.rules.ts';

/** A cell value that a spreadsheet will never run as a formula. */
export function safeCell(value: unknown): string | number {
  if (typeof value === 'number') return value;
  const s = value == null ? '' : String(value);
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

export async function structureWorkbook(org: { code: string; name: string }, on: string, findings: readonly Finding[], counts: Record<string, number>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'dangjian';
  const summary = wb.addWorksheet('汇总');
  summary.addRow([safeCell(`${org.name}（${org.code}）组织体系体检`), safeCell(`截至 ${on}`)]);
  summary.addRow(['检查项', '发现数']);
  for (const [check, n] of Object.entries(counts)) summary.addRow([safeCell(check), n]);
  summary.getColumn(1).width = 28;
  const sheet = wb.addWorksheet('发现明细');
  sheet.addRow(['组织编码', '组织名称', '检查项', '程度', '说明']);
  sheet.getRow(1).font = { bold: true };
  for (const f of findings) sheet.addRow([safeCell(f.orgCode), safeCell(f.orgName), safeCell(f.check), safeCell(f.severity), safeCell(f.detail)]);
  sheet.columns.forEach((c, i) => (c.width = [16, 32, 22, 8, 60][i] ?? 16));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
