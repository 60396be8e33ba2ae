// Excel files of the development import: reading (after the roster's zip-bomb guard), the
// template and the annotated error workbook. ExcelJS only (security.md).
import ExcelJS from 'exceljs';
import {
  DEV_IMPORT_COLUMNS,
  DEV_REQUIRED_COLUMNS,
  type CellValue,
  type DevImportColumn,
  type DevImportRow,
  type RowError,
} from '../../../core/development/import.rules.ts';
import {
  flattenCell,
  guardXlsx,
  HEADER_SEARCH_ROWS,
  HeaderSearch,
  ImportFileError,
  safeText,
} from '../roster/roster.xlsx.ts';

export { ImportFileError };

/** Pipelines in progress are counted in hundreds per county, not in hundreds of thousands. */
export const DEV_IMPORT_LIMITS = { maxFileBytes: 10 * 1024 * 1024, maxRows: 20_000 } as const;

export interface DevSheet {
  headers: string[];
  rows: DevImportRow[];
  /** Original cell values per row, aligned with headers (for the error workbook). */
  original: CellValue[][];
}

const SHEET_NAME = '发展党员信息';

/** Guards the file (size, zip structure, inflated size and ratio), then reads the first worksheet. */
export async function readDevelopmentSheet(buf: Buffer): Promise<DevSheet> {
  if (buf.length > DEV_IMPORT_LIMITS.maxFileBytes)
    throw new ImportFileError(
      'FILE_TOO_LARGE',
      `文件超过${DEV_IMPORT_LIMITS.maxFileBytes / 1024 / 1024}MB上限`,
    );
  guardXlsx(buf);
  const wb = new ExcelJS.Workbook();
  try {
    // The whole-workbook reader decodes each part as one string (no split UTF-8 characters).
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw new ImportFileError('MALFORMED_XLSX', '文件内容已损坏或不是有效的Excel工作簿，无法读取');
  }
  const ws = wb.worksheets[0];
  if (!ws || ws.rowCount === 0) throw new ImportFileError('EMPTY_SHEET', '第一个工作表为空：找不到表头行');
  const width = Math.max(ws.columnCount, 1);
  const valuesOf = (r: ExcelJS.Row): CellValue[] =>
    Array.from({ length: width }, (_, i) => flattenCell(r.getCell(i + 1).value));
  // The header: the first row within the first rows that holds every required title.
  const search = new HeaderSearch<DevImportColumn>(DEV_IMPORT_COLUMNS, DEV_REQUIRED_COLUMNS, '发展党员导入模板');
  let headerRow = 0;
  let found: { headers: string[]; columns: Array<DevImportColumn | null> } | null = null;
  for (let n = 1; n <= Math.min(ws.rowCount, HEADER_SEARCH_ROWS) && !found; n++) {
    found = search.offer(n, valuesOf(ws.getRow(n)));
    headerRow = n;
  }
  if (!found) throw search.notFound();
  const { headers, columns } = found;
  const rows: DevImportRow[] = [];
  const original: CellValue[][] = [];
  for (let n = headerRow + 1; n <= ws.rowCount; n++) {
    const values = valuesOf(ws.getRow(n));
    if (values.every((x) => x === null || (typeof x === 'string' && x.trim() === ''))) continue;
    if (rows.length >= DEV_IMPORT_LIMITS.maxRows)
      throw new ImportFileError('TOO_MANY_ROWS', `单个文件最多${DEV_IMPORT_LIMITS.maxRows}行，请拆分后导入`);
    const cells: DevImportRow['cells'] = {};
    columns.forEach((c, i) => {
      if (c) cells[c] = values[i] ?? null;
    });
    rows.push({ row: n, cells });
    original.push(values);
  }
  return { headers, rows, original };
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFC00000' } };
const OPTIONAL_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF7F7F7F' } };
const ERROR_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
const TEXT_COLUMNS = new Set(['公民身份号码', '党组织编码']);

function header(ws: ExcelJS.Worksheet, headers: readonly string[]) {
  const row = ws.getRow(1);
  headers.forEach((h, i) => {
    const cell = row.getCell(i + 1);
    cell.value = h;
    cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    cell.fill =
      (DEV_REQUIRED_COLUMNS as readonly string[]).includes(h) || h === '错误说明'
        ? HEADER_FILL
        : OPTIONAL_FILL;
    cell.alignment = { horizontal: 'center', wrapText: true };
    const col = ws.getColumn(i + 1);
    col.width = h === '错误说明' ? 60 : h === '公民身份号码' ? 22 : Math.max(12, h.length * 2 + 2);
    if (TEXT_COLUMNS.has(h)) col.numFmt = '@';
  });
  ws.views = [{ state: 'frozen', ySplit: 1, xSplit: 2 }];
}

/** The import template: required columns in red, one date column per step, and a sheet of instructions. */
export async function buildDevelopmentTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'dangjian';
  const ws = wb.addWorksheet(SHEET_NAME);
  header(ws, DEV_IMPORT_COLUMNS);
  const method = DEV_IMPORT_COLUMNS.indexOf('推荐方式') + 1;
  const letter = ws.getColumn(method).letter;
  (
    ws as unknown as { dataValidations: { add(r: string, v: ExcelJS.DataValidation): void } }
  ).dataValidations.add(`${letter}2:${letter}2001`, {
    type: 'list',
    allowBlank: true,
    formulae: ['"党员推荐,群团组织推优"'],
    showErrorMessage: true,
    errorTitle: '输入有误',
    error: '请从下拉列表中选择',
  });
  const help = wb.addWorksheet('填写说明');
  help.getColumn(1).width = 22;
  help.getColumn(2).width = 90;
  const lines: Array<[string, string]> = [
    ['列', '填写要求'],
    [
      '姓名、公民身份号码、党组织编码、递交申请书日期',
      '必填。每行一名申请人；党组织编码为其所在党支部的编码，须在您的管辖范围内；公民身份号码请保持“文本”格式',
    ],
    [
      '各步骤日期',
      '已完成的步骤填写日期，未进行的留空；日期可写作2024-07-01、2024.7.1、2024/7/1或2024年7月1日；不能晚于今天',
    ],
    [
      '步骤顺序',
      '填写了某一步骤的日期，就必须填写它之前的步骤（如填写“确定发展对象日期”须有“确定积极分子日期”“指定培养联系人日期”和至少一个“考察日期”）',
    ],
    ['考察日期、预备期考察日期', '可填写多个日期，用顿号或逗号分隔'],
    ['培养联系人、入党介绍人', '填写该党支部党员的姓名，多人用顿号分隔'],
    ['支部大会', '填写支部大会日期时，须填写正式党员人数、实到人数和赞成票；不计入应到会人数须写明原因'],
    [
      '历史记录',
      '日期违反规定时限的（如积极分子培养期不满1年、公示不足5个工作日），作为历史记录照常导入，并在自查自纠中列出，请及时整改说明',
    ],
    ['全部或不导入', '默认只要有一行有错误，就不写入任何数据；可下载错误标注工作簿修正后重新导入'],
    [
      '已批准接收的预备党员',
      '填写“上级党委审批日期”的，导入时同时登记到党员名册（预备党员）；转正及以后的步骤请在系统中办理',
    ],
  ];
  lines.forEach(([a, b], i) => {
    const r = help.getRow(i + 1);
    r.getCell(1).value = a;
    r.getCell(2).value = b;
    r.getCell(2).alignment = { wrapText: true };
    if (i === 0) r.font = { bold: true };
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The uploaded rows again, with a 错误说明 column and every faulty cell in red with a note. */
export async function buildDevelopmentErrorWorkbook(
  sheet: DevSheet,
  errors: readonly RowError[],
): Promise<Buffer> {
  const byRow = new Map<number, RowError[]>();
  for (const e of errors) byRow.set(e.row, [...(byRow.get(e.row) ?? []), e]);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'dangjian';
  const ws = wb.addWorksheet(SHEET_NAME);
  const keep = sheet.headers.map((h, i) => (h === '错误说明' ? -1 : i)).filter((i) => i >= 0);
  const headers = keep.map((i) => sheet.headers[i]!);
  header(ws, [...headers, '错误说明']);
  sheet.rows.forEach((raw, idx) => {
    const r = ws.getRow(idx + 2);
    const values = sheet.original[idx]!;
    keep.forEach((src, dst) => {
      const v = values[src];
      const cell = r.getCell(dst + 1);
      cell.value = typeof v === 'string' ? safeText(v) : (v ?? null);
      if (v instanceof Date) cell.numFmt = 'yyyy-mm-dd';
    });
    const errs = byRow.get(raw.row);
    if (!errs) return;
    for (const e of errs) {
      const col = headers.indexOf(e.column);
      if (col < 0) continue;
      const cell = r.getCell(col + 1);
      cell.fill = ERROR_FILL;
      cell.note = e.message;
    }
    const note = r.getCell(headers.length + 1);
    note.value = errs.map((e) => e.message.replace(/^第\d+行：/, '')).join('；');
    note.font = { color: { argb: 'FFC00000' } };
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
