// Sample import workbooks generated on the fly (no committed binaries): for tests, the
// browser test and the benchmark. Valid rows get unique, checksum-correct ID numbers.
import ExcelJS from 'exceljs';
import { checkCharacter } from '../../../core/person/id-number.ts';
import { ALL_IMPORT_COLUMNS, type ImportColumn } from '../../../core/roster/roster.constants.ts';

export type SampleRow = Partial<Record<ImportColumn, string | number | Date | null>>;

/** A valid, unique ID number: area 330102, birth date, sequence n (parity gives the gender). */
export function sampleIdNumber(birth: string, n: number, male: boolean): string {
  const seq = ((n % 500) * 2 + (male ? 1 : 0)) % 1000;
  const first17 = '3301' + String(2 + Math.floor(n / 500) % 90).padStart(2, '0') + birth.replaceAll('-', '') + String(seq).padStart(3, '0');
  return first17 + checkCharacter(first17);
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰涛明超秀兰霞平刚桂英华建国文辉力红玉萍鹏飞斌宇浩凯俊峰琳雪梅';

/** A valid member row number n for an organisation code. */
export function validSampleRow(n: number, orgCode: string): SampleRow {
  const male = n % 3 !== 0;
  const year = 1950 + (n % 50);
  const birth = `${year}-${String((n % 12) + 1).padStart(2, '0')}-${String((n % 28) + 1).padStart(2, '0')}`;
  const joinedYear = year + 19 + (n % 5);
  const name = SURNAMES[n % SURNAMES.length]! + GIVEN[(n * 7) % GIVEN.length]! + (n % 2 ? GIVEN[(n * 13) % GIVEN.length]! : '');
  return {
    姓名: name, 性别: male ? '男' : '女', 民族: '汉族', 公民身份号码: sampleIdNumber(birth, n, male), 出生日期: birth,
    学历: ['大学本科', '大学专科', '高中', '研究生'][n % 4]!, 人员类别: '正式党员',
    入党日期: `${joinedYear}-07-01`, 转正日期: `${joinedYear + 1}-07-01`, 联系电话: '139' + String(10_000_000 + n).slice(-8), 党组织编码: orgCode,
    人员身份: ['在岗职工', '农牧渔民', '离退休人员'][n % 3]!,
  };
}

/** Builds an .xlsx with the template headers and these rows (streamed writer: fine for 100,000 rows). */
export async function buildSampleWorkbook(rows: readonly SampleRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('党员信息');
  ws.addRow([...ALL_IMPORT_COLUMNS]);
  for (const r of rows) ws.addRow(ALL_IMPORT_COLUMNS.map((c) => r[c] ?? null));
  ws.getColumn(4).numFmt = '@';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * A workbook with good rows and the bad cases a party worker meets: wrong check digit,
 * gender against the ID, under-age admission, early 转正, bad phone, unknown and
 * out-of-scope organisation codes, a duplicate row. Returns the buffer and the bad rows' Excel numbers.
 */
export function sampleRowsWithErrors(orgCode: string, foreignOrgCode: string, start = 1): { rows: SampleRow[]; badRows: number[] } {
  const rows: SampleRow[] = [];
  for (let i = 0; i < 6; i++) rows.push(validSampleRow(start + i, orgCode));
  const bad = (over: SampleRow, n: number) => rows.push({ ...validSampleRow(start + 100 + n, orgCode), ...over });
  const id = String(validSampleRow(start + 101, orgCode).公民身份号码);
  bad({ 公民身份号码: id.slice(0, 17) + (id[17] === '1' ? '2' : '1') }, 1); // check digit
  const g = validSampleRow(start + 102, orgCode);
  bad({ 性别: g.性别 === '男' ? '女' : '男' }, 2); // gender vs ID
  bad({ 人员类别: '预备党员', 入党日期: '2030-01-01', 转正日期: '' }, 3); // future
  bad({ 联系电话: '12345' }, 4); // phone
  bad({ 党组织编码: 'NO-SUCH-ORG' }, 5);
  bad({ 党组织编码: foreignOrgCode }, 6);
  rows.push({ ...rows[0]! }); // duplicate of the first row
  return { rows, badRows: [8, 9, 10, 11, 12, 13, 14] };
}
