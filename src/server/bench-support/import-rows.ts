// Rows for the roster-import benchmark: n valid member rows in the template's columns,
// deterministic for (n, area, seed), with GB 11643 ID numbers (birth date, gender and check
// character consistent), joined at 18 or older and, for full members, confirmed a year later.
import { checkCharacter } from '../../core/person/id-number.ts';

export const IMPORT_HEADERS = [
  '姓名',
  '性别',
  '民族',
  '公民身份号码',
  '出生日期',
  '学历',
  '人员类别',
  '入党日期',
  '转正日期',
  '联系电话',
  '党组织编码',
] as const;

export type ImportRow = [
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
];

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍建国红梅斌波宇浩凯鹏辉海燕晨雪琳婷倩颖佳欣怡文博志刚永林春生';
const EDUCATIONS = ['研究生', '大学本科', '大学本科', '大学专科', '大学专科', '中专', '高中', '初中及以下'];

/** A small deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function addYears(iso: string, years: number): string {
  const y = Number(iso.slice(0, 4)) + years;
  const md = iso.slice(5);
  return md === '02-29' ? `${y}-03-01` : `${y}-${md}`;
}

/**
 * n rows, unique ID numbers: row i gets birth day (first + i mod days) and sequence (i div days),
 * so up to days × 1000 rows stay unique. `area` is the 6-digit area code of the IDs,
 * `orgCodes` the branches the rows go to (round robin), `today` bounds the dates.
 */
export function importRows(
  n: number,
  options: { area: string; orgCodes: readonly string[]; today: string; seed: number },
): ImportRow[] {
  if (!/^\d{6}$/.test(options.area)) throw new Error('area must be 6 digits');
  if (options.orgCodes.length === 0) throw new Error('no organisation codes');
  const first = '1955-01-01';
  const last = addYears(options.today, -25);
  const days = Math.round((Date.parse(last) - Date.parse(first)) / 86_400_000);
  if (n > days * 500) throw new Error(`too many rows for unique IDs: ${n}`);
  const rnd = prng(options.seed);
  const rows: ImportRow[] = [];
  for (let i = 0; i < n; i++) {
    const birth = addDays(first, i % days);
    const male = rnd() < 0.7;
    // Sequence: odd for men, even for women, distinct per (birth day, i div days).
    const seq = Math.floor(i / days) * 2 + (male ? 1 : 0);
    const first17 = options.area + birth.replace(/-/g, '') + pad(seq, 3);
    const id = first17 + checkCharacter(first17);
    const joinedAt = addDays(addYears(birth, 18), Math.floor(rnd() * 365 * 6));
    const joined = joinedAt > addDays(options.today, -400) ? addDays(options.today, -400) : joinedAt;
    const probationary = rnd() < 0.05 && joined > addDays(options.today, -365 * 2);
    const name =
      SURNAMES[Math.floor(rnd() * SURNAMES.length)]! +
      GIVEN[Math.floor(rnd() * GIVEN.length)]! +
      (rnd() < 0.6 ? GIVEN[Math.floor(rnd() * GIVEN.length)]! : '');
    rows.push([
      name,
      male ? '男' : '女',
      rnd() < 0.92 ? '汉族' : '畲族',
      id,
      birth,
      EDUCATIONS[Math.floor(rnd() * EDUCATIONS.length)]!,
      probationary ? '预备党员' : '正式党员',
      joined,
      probationary ? '' : addYears(joined, 1),
      `1${pad(3 + Math.floor(rnd() * 7), 1)}${pad(Math.floor(rnd() * 1e9), 9)}`,
      options.orgCodes[i % options.orgCodes.length]!,
    ]);
  }
  return rows;
}
