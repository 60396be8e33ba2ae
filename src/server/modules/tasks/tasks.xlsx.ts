// The Excel form (报表) of a task: the template the issuer's columns make, and reading a target's
// upload (after the roster's zip-bomb guard). ExcelJS only (security.md).
import ExcelJS from 'exceljs';
import type { FormCell, FormColumn } from '../../../core/tasks/task-form.rules.ts';
import { FORM_COLUMN_TYPE_LABEL } from '../../../core/tasks/task-form.rules.ts';
import { badRequest } from '../../http/errors.ts';
import { flattenCell, guardXlsx, ImportFileError } from '../roster/roster.xlsx.ts';

export const FORM_MAX_BYTES = 8 * 1024 * 1024;

export async function buildFormTemplate(title: string, columns: readonly FormColumn[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'dangjian';
  const ws = wb.addWorksheet('报表');
  const header = ws.getRow(1);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.name;
    cell.font = { bold: true };
    cell.note = `${FORM_COLUMN_TYPE_LABEL[c.type]}${c.required ? '，必填' : '，选填'}`;
    ws.getColumn(i + 1).width = Math.max(12, c.name.length * 2 + 4);
  });
  header.commit();
  const info = wb.addWorksheet('填表说明');
  info.getCell('A1').value = `任务：${title}`;
  info.getCell('A2').value = '请在“报表”工作表第1行表头下逐行填写，不要修改表头；日期填写如2026-12-01。';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The first worksheet: its first row as the header, the rest with their Excel row numbers. */
export async function readFormSheet(
  contentBase64: string,
): Promise<{ header: FormCell[]; rows: Array<{ row: number; cells: FormCell[] }> }> {
  const buf = Buffer.from(contentBase64, 'base64');
  if (buf.length === 0) throw badRequest('FORM_EMPTY', '报表文件为空', 'form');
  if (buf.length > FORM_MAX_BYTES) throw badRequest('FORM_TOO_LARGE', '报表文件不能超过8MB', 'form');
  const wb = new ExcelJS.Workbook();
  try {
    guardXlsx(buf);
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch (e) {
    if (e instanceof ImportFileError) throw badRequest('FORM_NOT_XLSX', e.message, 'form');
    throw badRequest('FORM_NOT_XLSX', '报表文件已损坏或不是有效的Excel工作簿（.xlsx）', 'form');
  }
  const ws = wb.worksheets[0];
  if (!ws || ws.rowCount === 0) throw badRequest('FORM_EMPTY', '报表第一个工作表为空', 'form');
  const width = Math.max(ws.columnCount, 1);
  const values = (n: number): FormCell[] =>
    Array.from({ length: width }, (_, i) => flattenCell(ws.getRow(n).getCell(i + 1).value) as FormCell);
  const rows: Array<{ row: number; cells: FormCell[] }> = [];
  for (let n = 2; n <= ws.rowCount; n++) rows.push({ row: n, cells: values(n) });
  return { header: values(1), rows };
}
