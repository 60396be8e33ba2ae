import ExcelJS from 'exceljs';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { TEMPLATE_COLUMNS } from '../../../core/roster/roster.constants.ts';
import { buildSampleWorkbook, validSampleRow } from './roster.sample-workbook.ts';
import { buildErrorWorkbook, buildTemplate, guardXlsx, ImportFileError, readMemberSheet, safeText } from './roster.xlsx.ts';

/** A minimal zip with one stored/deflated entry per name (enough for the guard). */
function zip(files: Record<string, Buffer>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const data = deflateRawSync(content);
    const n = Buffer.from(name);
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(8, 8);
    lh.writeUInt32LE(data.length, 18);
    lh.writeUInt32LE(content.length, 22);
    lh.writeUInt16LE(n.length, 26);
    locals.push(lh, n, data);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(8, 10);
    ch.writeUInt32LE(data.length, 20);
    ch.writeUInt32LE(content.length, 24);
    ch.writeUInt16LE(n.length, 28);
    ch.writeUInt32LE(offset, 42);
    central.push(ch, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(Object.keys(files).length, 8);
  eocd.writeUInt16LE(Object.keys(files).length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

const code = (f: () => unknown) => {
  try {
    f();
    return null;
  } catch (e) {
    return e instanceof ImportFileError ? e.code : String(e);
  }
};

describe('file guard', () => {
  it.each([
    ['empty', Buffer.alloc(0), 'FILE_EMPTY'],
    ['csv', Buffer.from('姓名,性别\n'), 'NOT_XLSX'],
    ['old .xls', Buffer.from('d0cf11e0a1b11ae1000000000000', 'hex'), 'NOT_XLSX'],
    ['zip without a workbook', zip({ 'a.txt': Buffer.from('hello') }), 'NOT_XLSX'],
    ['zip bomb (ratio)', zip({ '[Content_Types].xml': Buffer.from('x'), 'xl/workbook.xml': Buffer.alloc(20 * 1024 * 1024) }), 'ZIP_BOMB'],
    ['truncated', zip({ '[Content_Types].xml': Buffer.from('x') }).subarray(0, 40), 'NOT_XLSX'],
  ])('%s → %s', (_, buf, expected) => expect(code(() => guardXlsx(buf))).toBe(expected));

  it('accepts a real workbook', async () => {
    expect(code(() => guardXlsx(Buffer.alloc(0)))).toBe('FILE_EMPTY');
    const tpl = await buildTemplate();
    expect(guardXlsx(tpl).has('xl/workbook.xml')).toBe(true);
  });
});

describe('reading', () => {
  it('the template has the contract columns first and no data rows', async () => {
    const sheet = await readMemberSheet(await buildTemplate());
    expect(sheet.headers.slice(0, TEMPLATE_COLUMNS.length)).toEqual([...TEMPLATE_COLUMNS]);
    expect(sheet.rows).toEqual([]);
  });

  it('reads Chinese text intact across chunk boundaries, Excel dates and numbers', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => validSampleRow(i + 1, '党支部编码'));
    rows[5] = { ...rows[5], 入党日期: new Date(Date.UTC(2015, 6, 1)), 联系电话: 13812345678 };
    const sheet = await readMemberSheet(await buildSampleWorkbook(rows));
    expect(sheet.rows).toHaveLength(3000);
    expect(sheet.rows.map((r) => r.cells.姓名)).toEqual(rows.map((r) => r.姓名));
    expect(sheet.rows.every((r) => r.cells.党组织编码 === '党支部编码')).toBe(true);
    expect((sheet.rows[5]!.cells.入党日期 as Date).toISOString().slice(0, 10)).toBe('2015-07-01');
    expect(sheet.rows[5]!.cells.联系电话).toBe(13812345678);
    expect(sheet.rows[0]!.row).toBe(2);
  });

  it('refuses a sheet without the required headers', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['姓名', '电话']);
    await expect(readMemberSheet(Buffer.from(await wb.xlsx.writeBuffer()))).rejects.toMatchObject({ code: 'MISSING_COLUMNS' });
  });
});

describe('writing', () => {
  it.each([['=1+1', "'=1+1"], ['+86', "'+86"], ['-1', "'-1"], ['@SUM', "'@SUM"], ['张三', '张三'], [null, '']])('safeText(%j) = %j', (v, expected) => expect(safeText(v)).toBe(expected));

  it('the error workbook keeps the rows, marks faulty cells and neutralises formulas', async () => {
    const sheet = await readMemberSheet(await buildSampleWorkbook([{ ...validSampleRow(1, 'A'), 姓名: '=HYPERLINK("x")' }, validSampleRow(2, 'A')]));
    const out = await buildErrorWorkbook(sheet, [{ row: 2, column: '姓名', code: 'NAME_FORMAT', message: '第2行：姓名格式不正确' }]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(out as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(2).getCell(1).value).toBe("'=HYPERLINK(\"x\")");
    expect(ws.getRow(2).getCell(1).note).toBeTruthy();
    expect(ws.rowCount).toBe(3);
  });
});

describe('files that are not a workbook, header below a title', () => {
  const random = (n: number) => {
    // Deterministic bytes (a linear congruential sequence), starting like no zip.
    const b = Buffer.alloc(n);
    let x = 12345;
    for (let i = 0; i < n; i++) b[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
    b[0] = 0x13;
    return b;
  };
  const cases = async (): Promise<Array<[string, Buffer]>> => {
    const real = await buildSampleWorkbook([validSampleRow(1, 'A')]);
    return [
      ...[1, 2, 3, 4, 21].map((n): [string, Buffer] => [`${n} bytes`, Buffer.from('PK\u0003\u0004'.repeat(6)).subarray(0, n)]),
      ['4 zero bytes', Buffer.alloc(4)],
      ['random bytes', random(4096)],
      ['a real workbook cut in half', real.subarray(0, Math.floor(real.length / 2))],
      ['a real workbook without its last byte', real.subarray(0, real.length - 1)],
      ['a zip that is not a workbook', zip({ 'readme.txt': Buffer.from('hello'), 'data.csv': Buffer.from('a,b') })],
    ];
  };

  it('every one is an ImportFileError (never a RangeError), and 0 bytes is an empty file', async () => {
    expect(code(() => guardXlsx(Buffer.alloc(0)))).toBe('FILE_EMPTY');
    for (const [what, buf] of await cases()) {
      const thrown = await readMemberSheet(buf).then(
        () => null,
        (e: unknown) => e,
      );
      expect(thrown, what).toBeInstanceOf(ImportFileError);
      expect((thrown as ImportFileError).message, what).toMatch(/xlsx|Excel|损坏/);
    }
    expect(code(() => guardXlsx(Buffer.from([0x50, 0x4b, 0x03])))).toBe('NOT_XLSX');
    expect((() => { try { guardXlsx(Buffer.from([0x50])); } catch (e) { return (e as Error).message; } })()).toBe('文件不是有效的.xlsx工作簿');
  });

  const titled = async (above: Array<Array<string | null>>, header: string[], data: Array<Array<string | null>>) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('党员信息');
    for (const r of above) ws.addRow(r);
    ws.addRow(header);
    for (const r of data) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  };
  const row1 = validSampleRow(1, 'TA-1');

  it('finds the header below a title row and a blank row, and numbers the rows as Excel does', async () => {
    const headers = Object.keys(row1);
    const buf = await titled([['某某党支部党员名册'], [null], ['填表日期：2026年12月']], headers, [headers.map((h) => String(row1[h as keyof typeof row1] ?? ''))]);
    const sheet = await readMemberSheet(buf);
    expect(sheet.headers.slice(0, headers.length)).toEqual(headers);
    expect(sheet.rows).toHaveLength(1);
    expect(sheet.rows[0]!.row).toBe(5);
    expect(sheet.rows[0]!.cells.姓名).toBe(row1.姓名);
  });

  it('without a header in rows 1–10 it says so, naming the missing required columns', async () => {
    const noHeader = await titled([['党员名册']], ['张三', '男', '汉族'], [['李四', '女', '汉族']]);
    await expect(readMemberSheet(noHeader)).rejects.toMatchObject({
      code: 'MISSING_COLUMNS',
      message: expect.stringMatching(/^文件第1–10行中未找到表头（表头须包含必需的列：姓名、/),
    });
    const partial = await titled([['党员名册']], ['姓名', '性别', '电话'], [['李四', '女', '1']]);
    await expect(readMemberSheet(partial)).rejects.toMatchObject({
      code: 'MISSING_COLUMNS',
      message: expect.stringMatching(/^文件第1–10行中未找到表头：第2行表头缺少必需的列：(.*、)?公民身份号码/),
    });
    // A header on row 12 is too far down: refused, not a silent zero-row import.
    const headers = Object.keys(row1);
    const deep = await titled(Array.from({ length: 11 }, (_, i) => [`说明${i + 1}`]), headers, [headers.map(() => 'x')]);
    await expect(readMemberSheet(deep)).rejects.toMatchObject({ code: 'MISSING_COLUMNS' });
  });
});
