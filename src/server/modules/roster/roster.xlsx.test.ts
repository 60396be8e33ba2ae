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
