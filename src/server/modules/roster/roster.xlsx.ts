// Excel files of the roster: the zip-bomb guard, the streamed reader, the template, the
// annotated error workbook and the roster export. ExcelJS only (security.md).
import { PassThrough, Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createInflateRaw } from 'node:zlib';
import ExcelJS from 'exceljs';
import type { CellValue, RawRow, RowError } from '../../../core/roster/import.rules.ts';
import {
  ALL_IMPORT_COLUMNS,
  EDUCATIONS,
  IDENTITIES,
  MEMBER_CATEGORIES,
  REQUIRED_HEADERS,
  TEMPLATE_COLUMNS,
  type ImportColumn,
} from '../../../core/roster/roster.constants.ts';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Limits of an uploaded workbook. */
export const IMPORT_LIMITS = {
  maxFileBytes: 30 * 1024 * 1024,
  maxUncompressedBytes: 400 * 1024 * 1024,
  /** Per entry; real sheets compress ~5–20×, bombs 1000×. */
  maxRatio: 120,
  maxEntries: 2000,
  maxRows: 200_000,
} as const;

/** A problem with the file as a whole (not with a row): the CLI exits 1, the API answers 400. */
export class ImportFileError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads the zip central directory (no decompression) and refuses anything that is not a
 * plausible .xlsx: wrong magic, too many entries, too large once inflated, too compressed.
 */
export interface ZipEntry {
  method: number;
  compressed: number;
  size: number;
  localOffset: number;
}

export function guardXlsx(buf: Buffer): Map<string, ZipEntry> {
  if (buf.length === 0) throw new ImportFileError('FILE_EMPTY', '文件为空');
  if (buf.length > IMPORT_LIMITS.maxFileBytes)
    throw new ImportFileError('FILE_TOO_LARGE', `文件超过${IMPORT_LIMITS.maxFileBytes / 1024 / 1024}MB上限`);
  // Shorter than a zip's end-of-central-directory record (22 bytes): not a workbook (and no
  // fixed-offset read below may run past the end of the buffer).
  if (buf.length < 22 || buf.readUInt32LE(0) !== 0x04034b50) {
    const head = buf.subarray(0, 8).toString('hex');
    const hint = head.startsWith('d0cf11e0') ? '（这是旧版.xls文件，请在Excel中另存为.xlsx）' : '';
    throw new ImportFileError('NOT_XLSX', `文件不是有效的.xlsx工作簿${hint}`);
  }
  // End of central directory: signature 0x06054b50 within the last 65,557 bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ImportFileError('NOT_XLSX', '文件已损坏：找不到压缩包目录');
  const entries = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (entries === 0xffff || cdOffset === 0xffffffff)
    throw new ImportFileError('NOT_XLSX', '不支持ZIP64格式的文件');
  if (entries > IMPORT_LIMITS.maxEntries) throw new ImportFileError('ZIP_BOMB', '文件包含的条目过多，已拒绝');
  if (cdOffset + cdSize > buf.length) throw new ImportFileError('NOT_XLSX', '文件已损坏：压缩包目录越界');
  let p = cdOffset;
  let total = 0;
  const names = new Map<string, ZipEntry>();
  for (let n = 0; n < entries; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50)
      throw new ImportFileError('NOT_XLSX', '文件已损坏：压缩包目录无效');
    const compressed = buf.readUInt32LE(p + 20);
    const uncompressed = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    names.set(name, {
      method: buf.readUInt16LE(p + 10),
      compressed,
      size: uncompressed,
      localOffset: buf.readUInt32LE(p + 42),
    });
    total += uncompressed;
    if (total > IMPORT_LIMITS.maxUncompressedBytes)
      throw new ImportFileError('ZIP_BOMB', '文件解压后过大，疑似压缩炸弹，已拒绝');
    if (uncompressed > 1024 * 1024 && uncompressed / Math.max(compressed, 1) > IMPORT_LIMITS.maxRatio) {
      throw new ImportFileError('ZIP_BOMB', '文件压缩比异常，疑似压缩炸弹，已拒绝');
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml')) {
    throw new ImportFileError('NOT_XLSX', '文件不是Excel工作簿（.xlsx）');
  }
  return names;
}

/** ExcelJS cell value → a primitive the core rules read. */
export function flattenCell(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (v instanceof Date || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'object') {
    const o = v as {
      richText?: { text: string }[];
      result?: unknown;
      text?: unknown;
      error?: unknown;
      formula?: unknown;
      sharedFormula?: unknown;
    };
    if (Array.isArray(o.richText)) return o.richText.map((t) => t.text).join('');
    if ('formula' in o || 'sharedFormula' in o) return flattenCell(o.result);
    if (typeof o.text === 'string') return o.text;
    if (o.text && typeof o.text === 'object') return flattenCell(o.text);
    if ('error' in o) return null;
  }
  return String(v as string);
}

/** A header may sit below a title row or two: it is searched for within this many rows. */
export const HEADER_SEARCH_ROWS = 10;

/**
 * Finds the header row of a sheet read row by row: the first row within the first
 * HEADER_SEARCH_ROWS rows that holds every required column title (rows above it are titles and
 * notes, and are skipped). Without one, a file-level error names the row that came closest and
 * the required columns it lacks.
 */
export class HeaderSearch<C extends string> {
  private best: { row: number; found: number; missing: C[] } | null = null;

  constructor(
    private readonly all: readonly C[],
    private readonly required: readonly C[],
    private readonly templateName: string,
  ) {}

  /** The header texts and their columns when `values` (Excel row `row`) is the header, else null. */
  offer(row: number, values: readonly CellValue[]): { headers: string[]; columns: Array<C | null> } | null {
    if (row > HEADER_SEARCH_ROWS) throw this.notFound();
    if (values.every((x) => x === null || String(x).trim() === '')) return null;
    const headers = values.map((x) => (x === null ? '' : String(x).replace(/[\s*＊]/g, '')));
    const columns = headers.map((h) => ((this.all as readonly string[]).includes(h) ? (h as C) : null));
    const missing = this.required.filter((h) => !columns.includes(h));
    if (missing.length === 0) return { headers, columns };
    const found = this.required.length - missing.length;
    if (found > 0 && (!this.best || found > this.best.found)) this.best = { row, found, missing };
    return null;
  }

  /** The error for a sheet whose first HEADER_SEARCH_ROWS rows hold no header. */
  notFound(): ImportFileError {
    const where = `文件第1–${HEADER_SEARCH_ROWS}行中未找到表头`;
    return new ImportFileError(
      'MISSING_COLUMNS',
      this.best
        ? `${where}：第${this.best.row}行表头缺少必需的列：${this.best.missing.join('、')}（请使用${this.templateName}）`
        : `${where}（表头须包含必需的列：${this.required.join('、')}；请使用${this.templateName}）`,
    );
  }
}

export interface ParsedSheet {
  /** Header texts in file order (index = column number − 1). */
  headers: string[];
  rows: RawRow[];
  /** Original cell values per row (for the error workbook), aligned with headers. */
  original: CellValue[][];
}

// ---- reading
// ExcelJS 4.4's streaming reader decodes each inflated chunk to text on its own, which splits
// multi-byte UTF-8 characters at chunk boundaries ("赵��静"): Chinese rows come out corrupted
// at random. The reader below inflates the entries with node:zlib and decodes with a
// StringDecoder (never splits a character), streaming the worksheet row by row.

function entryStream(buf: Buffer, e: ZipEntry): Readable {
  if (e.localOffset + 30 > buf.length || buf.readUInt32LE(e.localOffset) !== 0x04034b50)
    throw new ImportFileError('NOT_XLSX', '文件已损坏：压缩条目无效');
  const start =
    e.localOffset + 30 + buf.readUInt16LE(e.localOffset + 26) + buf.readUInt16LE(e.localOffset + 28);
  const data = buf.subarray(start, start + e.compressed);
  if (e.method === 0) return Readable.from([data]);
  if (e.method !== 8) throw new ImportFileError('NOT_XLSX', '文件使用了不支持的压缩方式');
  const inflate = createInflateRaw();
  inflate.end(data);
  return inflate;
}

async function entryText(buf: Buffer, entries: Map<string, ZipEntry>, name: string): Promise<string | null> {
  const e = entries.get(name);
  if (!e) return null;
  const decoder = new StringDecoder('utf8');
  let out = '';
  for await (const chunk of entryStream(buf, e)) out += decoder.write(chunk as Buffer);
  return out + decoder.end();
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
function xmlText(s: string): string {
  if (!s.includes('&') && !s.includes('_x')) return s;
  return s
    .replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) =>
      e.startsWith('#x')
        ? String.fromCodePoint(parseInt(e.slice(2), 16))
        : e.startsWith('#')
          ? String.fromCodePoint(Number(e.slice(1)))
          : ENTITIES[e]!,
    )
    .replace(/_x([0-9A-F]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** Concatenated <t> texts of a string item (rich-text runs included, phonetic runs excluded). */
function itemText(xml: string): string {
  // Fast path: a single plain <t> run.
  if (xml.startsWith('<t>') && xml.endsWith('</t>') && xml.indexOf('<', 3) === xml.length - 4)
    return xmlText(xml.slice(3, -4));
  const body = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  let out = '';
  for (const m of body.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) out += m[1];
  return xmlText(out);
}

const ATTR_RE = new Map<string, RegExp>();
function attr(tag: string, name: string): string | null {
  let re = ATTR_RE.get(name);
  if (!re) ATTR_RE.set(name, (re = new RegExp(`\\s${name}="([^"]*)"`)));
  const m = re.exec(tag);
  return m ? m[1]! : null;
}

const DATE_FORMAT_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);

/** Which cell style indexes are date formats. */
function dateStyles(stylesXml: string | null): Set<number> {
  const dates = new Set<number>();
  if (!stylesXml) return dates;
  const custom = new Map<number, string>();
  for (const m of stylesXml.matchAll(/<numFmt\b[^>]*>/g)) {
    const id = Number(attr(m[0], 'numFmtId'));
    custom.set(id, xmlText(attr(m[0], 'formatCode') ?? ''));
  }
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(stylesXml)?.[1] ?? '';
  let i = 0;
  for (const m of xfs.matchAll(/<xf\b[^>]*>/g)) {
    const id = Number(attr(m[0], 'numFmtId') ?? 0);
    const code = custom.get(id);
    const isDate =
      code !== undefined
        ? /[ymd]/i.test(code.replace(/"[^"]*"|\[[^\]]*\]/g, '')) && !/^[#0.,%\s]*$/.test(code)
        : DATE_FORMAT_IDS.has(id);
    if (isDate) dates.add(i);
    i++;
  }
  return dates;
}

function columnIndex(ref: string | null, fallback: number): number {
  if (!ref) return fallback;
  let n = 0;
  for (const ch of ref) {
    const c = ch.charCodeAt(0);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n > 0 ? n - 1 : fallback;
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const EXCEL_1904_MS = Date.UTC(1904, 0, 1);

/** Streams the first worksheet: header row 1, data from row 2; blank rows are skipped. */
export async function readMemberSheet(buf: Buffer, onRows?: (n: number) => void): Promise<ParsedSheet> {
  const rows: RawRow[] = [];
  const original: CellValue[][] = [];
  const headers = await streamMemberSheet(buf, (raw, values) => {
    rows.push(raw);
    original.push(values);
    if (rows.length % 5000 === 0) onRows?.(rows.length);
  });
  onRows?.(rows.length);
  return { headers, rows, original };
}

/**
 * Streams the first worksheet row by row to `onRow` (the parsed row and its cell values in file
 * order) without holding the sheet: header row first, blank rows skipped. Returns the headers.
 */
export async function streamMemberSheet(
  buf: Buffer,
  onRow: (raw: RawRow, values: CellValue[]) => void,
): Promise<string[]> {
  const entries = guardXlsx(buf);
  let headers: string[] | null = null;
  let columns: Array<ImportColumn | null> = [];
  let count = 0;
  let seenAny = false;
  const search = new HeaderSearch<ImportColumn>(ALL_IMPORT_COLUMNS, REQUIRED_HEADERS, '导入模板');
  try {
    const workbook = (await entryText(buf, entries, 'xl/workbook.xml')) ?? '';
    const date1904 = /<workbookPr\b[^>]*date1904="(1|true)"/.test(workbook);
    const firstSheet = /<sheet\b[^>]*>/.exec(workbook)?.[0];
    const rid = firstSheet ? (attr(firstSheet, 'r:id') ?? attr(firstSheet, 'id')) : null;
    const rels = (await entryText(buf, entries, 'xl/_rels/workbook.xml.rels')) ?? '';
    let target: string | null = null;
    for (const m of rels.matchAll(/<Relationship\b[^>]*>/g))
      if (attr(m[0], 'Id') === rid) target = attr(m[0], 'Target');
    const sheetPath = target
      ? target.startsWith('/')
        ? target.slice(1)
        : 'xl/' + target.replace(/^\.\//, '')
      : 'xl/worksheets/sheet1.xml';
    const sheetEntry = entries.get(sheetPath);
    if (!sheetEntry) throw new ImportFileError('EMPTY_SHEET', '工作簿中找不到工作表');
    const sst = await entryText(buf, entries, 'xl/sharedStrings.xml');
    const shared: string[] = sst
      ? [...sst.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)].map((m) => (m[1] ? itemText(m[1]) : ''))
      : [];
    const dates = dateStyles(await entryText(buf, entries, 'xl/styles.xml'));

    const handleRow = (xml: string, rowNumber: number) => {
      const values: CellValue[] = [];
      let next = 0;
      for (const m of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
        const tag = m[1]!;
        const body = m[2] ?? '';
        const col = columnIndex(attr(tag, 'r'), next);
        next = col + 1;
        const type = attr(tag, 't') ?? 'n';
        const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
        let value: CellValue = null;
        if (type === 's') value = v === undefined ? null : (shared[Number(v)] ?? null);
        else if (type === 'inlineStr') value = itemText(/<is>([\s\S]*?)<\/is>/.exec(body)?.[1] ?? '');
        else if (type === 'str') value = v === undefined ? null : xmlText(v);
        else if (type === 'b') value = v === '1';
        else if (type === 'e') value = null;
        else if (v !== undefined && v !== '') {
          const n = Number(v);
          const style = Number(attr(tag, 's') ?? 0);
          value =
            dates.has(style) && Number.isFinite(n)
              ? new Date((date1904 ? EXCEL_1904_MS : EXCEL_EPOCH_MS) + Math.round(n * 86_400_000))
              : n;
        }
        while (values.length < col) values.push(null);
        values[col] = value;
      }
      if (!headers) {
        if (values.some((x) => x !== null && String(x).trim() !== '')) seenAny = true;
        const found = search.offer(rowNumber, values);
        if (found) ({ headers, columns } = found);
        return;
      }
      if (values.every((x) => x === null || (typeof x === 'string' && x.trim() === ''))) return;
      if (count >= IMPORT_LIMITS.maxRows)
        throw new ImportFileError('TOO_MANY_ROWS', `单个文件最多${IMPORT_LIMITS.maxRows}行，请拆分后导入`);
      const cells: RawRow['cells'] = {};
      columns.forEach((c, i) => {
        if (c) cells[c] = values[i] ?? null;
      });
      count++;
      onRow({ row: rowNumber, cells }, values);
    };

    const decoder = new StringDecoder('utf8');
    let pending = '';
    let lastRow = 0;
    const drain = (final: boolean) => {
      let from = 0;
      for (;;) {
        const open = pending.indexOf('<row', from);
        if (open < 0) break;
        const selfClose = /^<row\b[^>]*\/>/.exec(pending.slice(open, open + 200));
        const close = selfClose ? open + selfClose[0].length - 6 : pending.indexOf('</row>', open);
        if (close < 0) break;
        const xml = pending.slice(open, close + 6);
        const r = Number(attr(/^<row\b[^>]*>/.exec(xml)?.[0] ?? '', 'r') ?? lastRow + 1);
        lastRow = r;
        handleRow(xml, r);
        from = close + 6;
      }
      pending = final ? '' : pending.slice(from);
    };
    for await (const chunk of entryStream(buf, sheetEntry)) {
      pending += decoder.write(chunk as Buffer);
      drain(false);
    }
    pending += decoder.end();
    drain(true);
  } catch (e) {
    if (e instanceof ImportFileError) throw e;
    throw new ImportFileError('MALFORMED_XLSX', '文件内容已损坏或不是有效的Excel工作簿，无法读取');
  }
  if (!headers) {
    if (seenAny) throw search.notFound();
    throw new ImportFileError('EMPTY_SHEET', '第一个工作表为空：找不到表头行');
  }
  return headers;
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFC00000' } };
const OPTIONAL_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF7F7F7F' } };
const ERROR_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };

function headerRow(ws: ExcelJS.Worksheet, headers: readonly string[], required: (h: string) => boolean) {
  const row = ws.getRow(1);
  headers.forEach((h, i) => {
    const cell = row.getCell(i + 1);
    cell.value = h;
    cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    cell.fill = required(h) ? HEADER_FILL : OPTIONAL_FILL;
    cell.alignment = { horizontal: 'center' };
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

const WIDTH: Partial<Record<string, number>> = {
  公民身份号码: 22,
  联系电话: 16,
  党组织编码: 14,
  工作单位: 24,
  家庭住址: 30,
  错误说明: 60,
};

/** The import template: the contract's columns first, then optional ones; text format where Excel would mangle values. */
export async function buildTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'dangjian';
  const ws = wb.addWorksheet('党员信息');
  const headers = [...ALL_IMPORT_COLUMNS];
  headerRow(ws, headers, (h) => (TEMPLATE_COLUMNS as readonly string[]).includes(h));
  headers.forEach((h, i) => {
    const col = ws.getColumn(i + 1);
    col.width = WIDTH[h] ?? 12;
    if (h === '公民身份号码' || h === '联系电话' || h === '党组织编码') col.numFmt = '@';
  });
  const list = (range: string, values: readonly string[]) =>
    (
      ws as unknown as { dataValidations: { add(r: string, v: ExcelJS.DataValidation): void } }
    ).dataValidations.add(range, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${values.join(',')}"`],
      showErrorMessage: true,
      errorTitle: '输入有误',
      error: '请从下拉列表中选择',
    });
  const colLetter = (name: string) => String.fromCharCode(65 + headers.indexOf(name as ImportColumn));
  list(`${colLetter('性别')}2:${colLetter('性别')}5001`, ['男', '女']);
  list(`${colLetter('人员类别')}2:${colLetter('人员类别')}5001`, MEMBER_CATEGORIES);
  list(`${colLetter('学历')}2:${colLetter('学历')}5001`, EDUCATIONS);
  list(`${colLetter('人员身份')}2:${colLetter('人员身份')}5001`, IDENTITIES);

  const help = wb.addWorksheet('填写说明');
  help.getColumn(1).width = 16;
  help.getColumn(2).width = 80;
  const lines: Array<[string, string]> = [
    ['列', '填写要求'],
    ['姓名', '必填，2至30个汉字（少数民族姓名可含“·”）'],
    ['性别', '必填，男或女，须与公民身份号码一致'],
    ['民族', '必填，如“汉族”“畲族”'],
    ['公民身份号码', '必填，18位，末位可为X；请保持“文本”格式，避免Excel改写为科学计数'],
    ['出生日期', '可不填；填写时须与公民身份号码一致'],
    ['学历', '研究生、大学本科、大学专科、中专、高中、初中及以下'],
    ['人员类别', '必填，正式党员或预备党员'],
    ['入党日期', '必填，如2015-07-01、2015.7.1、2015年7月1日；入党时须年满18周岁'],
    ['转正日期', '正式党员必填（入党满1年后，延长预备期的不超过2年）；预备党员不填'],
    ['联系电话', '11位手机号码或带区号的固定电话，如0571-88881234'],
    ['党组织编码', '必填，党员所在党支部的组织编码，须在您的管辖范围内'],
    ['其余列', '籍贯、学位、工作单位、岗位、人员身份、家庭住址为选填'],
  ];
  lines.forEach(([a, b], i) => {
    const r = help.getRow(i + 1);
    r.getCell(1).value = a;
    r.getCell(2).value = b;
    if (i === 0) r.font = { bold: true };
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Neutralises spreadsheet formulas in exported text (= + - @ tab CR at the start). */
export function safeText(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return /^[=+\-@\t\r]/.test(value) ? "'" + value : value;
}

/**
 * The uploaded rows again, with a 错误说明 column and every faulty cell in red with a note.
 * A user fixes the cells and imports the same file: the extra column is ignored.
 */
export async function buildErrorWorkbook(sheet: ParsedSheet, errors: readonly RowError[]): Promise<Buffer> {
  const byRow = new Map<number, RowError[]>();
  for (const e of errors) {
    const list = byRow.get(e.row) ?? [];
    list.push(e);
    byRow.set(e.row, list);
  }
  // The streaming writer: rows are committed as they are written (100,000 rows stay cheap).
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const headers = sheet.headers.filter((h) => h !== '错误说明');
  const keep = sheet.headers.map((h, i) => (h === '错误说明' ? -1 : i)).filter((i) => i >= 0);
  const all = [...headers, '错误说明'];
  const ws = wb.addWorksheet('党员信息', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = all.map((h) => ({
    width: WIDTH[h] ?? 12,
    ...(h === '公民身份号码' || h === '联系电话' || h === '党组织编码' ? { style: { numFmt: '@' } } : {}),
  }));
  const head = ws.getRow(1);
  all.forEach((h, i) => {
    const cell = head.getCell(i + 1);
    cell.value = h;
    cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    cell.fill =
      (TEMPLATE_COLUMNS as readonly string[]).includes(h) || h === '错误说明' ? HEADER_FILL : OPTIONAL_FILL;
  });
  head.commit();
  sheet.rows.forEach((raw, idx) => {
    const r = ws.getRow(idx + 2);
    const values = sheet.original[idx]!;
    keep.forEach((src, dst) => {
      const v = values[src];
      const cell = r.getCell(dst + 1);
      // Text stays text (an ID number must not become a number); formulas were flattened on reading.
      cell.value = typeof v === 'string' ? safeText(v) : (v ?? null);
      if (v instanceof Date) cell.numFmt = 'yyyy-mm-dd';
    });
    const errs = byRow.get(raw.row);
    if (errs) {
      for (const e of errs) {
        const col = headers.indexOf(e.column);
        if (col >= 0) {
          const cell = r.getCell(col + 1);
          cell.fill = ERROR_FILL;
          cell.note = e.message;
        }
      }
      const note = r.getCell(headers.length + 1);
      note.value = errs.map((e) => e.message.replace(/^第\d+行：/, '')).join('；');
      note.font = { color: { argb: 'FFC00000' } };
    }
    r.commit();
  });
  ws.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

/** A generic export sheet: header + rows of text/number cells, formula-safe. */
export async function buildSheetWorkbook(
  sheets: Array<{ name: string; headers: string[]; rows: Array<Array<string | number | null>> }>,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'dangjian';
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    headerRow(ws, s.headers, () => true);
    s.headers.forEach((h, i) => (ws.getColumn(i + 1).width = WIDTH[h] ?? Math.max(10, h.length * 2 + 4)));
    s.rows.forEach((values, i) => {
      const r = ws.getRow(i + 2);
      values.forEach((v, j) => {
        r.getCell(j + 1).value = typeof v === 'string' ? safeText(v) : v;
      });
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
