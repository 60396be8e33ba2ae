// Pure validation of one imported member row: normalisation of what people type into Excel
// (full-width digits, spaces, 2015.7.1, a lower-case x) and every row-level rule. Checks that
// need other rows or the database (duplicates, organisation codes) are decided by the
// functions at the end, from facts the service loads.
import { normaliseIdNumber, parseIdNumber } from '../person/id-number.ts';
import { addYears, isIsoDate, toIsoDate, ageOn } from '../shared/dates.ts';
import {
  EDUCATION_SYNONYMS,
  ETHNICITIES,
  FULL_MEMBER,
  IDENTITY_SYNONYMS,
  MEMBER_CATEGORIES,
  PROBATIONARY_MEMBER,
  DEGREES,
  type Education,
  type Gender,
  type Identity,
  type ImportColumn,
  type MemberCategory,
} from './roster.constants.ts';
import { isBranchKind } from '../org/org.types.ts';
import { orgCodeSchema } from '../org/org.schemas.ts';
import { externalInBody, profileBody } from './roster.schemas.ts';

/** A cell as the reader hands it over: primitives only (rich text and formulas already flattened). */
export type CellValue = string | number | boolean | Date | null;

export interface RawRow {
  /** Excel row number (1-based, the header is row 1). */
  row: number;
  cells: Partial<Record<ImportColumn, CellValue>>;
}

export interface RowError {
  row: number;
  column: string;
  code: string;
  message: string;
}

export interface MemberDraft {
  name: string;
  gender: Gender;
  ethnicity: string;
  idNumber: string;
  birthDate: string;
  education: Education | null;
  category: MemberCategory;
  joinedOn: string;
  fullMemberOn: string | null;
  phone: string | null;
  orgCode: string;
  nativePlace: string | null;
  degree: string | null;
  workUnit: string | null;
  post: string | null;
  identity: Identity | null;
  address: string | null;
}

export interface RowRules {
  /** Today in China (ISO). */
  today: string;
  /** development.minAge: age at admission at least this. */
  minAge: number;
  /** development.probationYears */
  probationYears: number;
  /** roster.probation.maxExtensionYears */
  maxExtensionYears: number;
}

/** Full-width ASCII (digits, letters, punctuation, the ideographic space) → half-width. */
export function toHalfWidth(text: string): string {
  return text
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

/** The text of a cell: trimmed, half-width, inner whitespace runs collapsed; '' when empty. */
// Fast path: most cells hold nothing to normalise (no full-width character, no whitespace).
const NEEDS_NORMALISING = /[\uff01-\uff5e\u3000\s\u00a0\u200b\ufeff]/;

export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' && !NEEDS_NORMALISING.test(value)) return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : toIsoDate(value);
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return toHalfWidth(value)
    .replace(/[\s\u00a0\u200b\ufeff]+/g, ' ')
    .trim();
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * A date cell: an Excel date, an Excel serial number, or text 2015-07-01, 2015.7.1, 2015/7/1,
 * 2015年7月1日, 20150701 (full-width digits and spaces tolerated). null when unreadable.
 */
export function parseDateCell(value: CellValue | undefined): string | null {
  if (typeof value === 'string') {
    // Imports repeat the same dates thousands of times: the text → date answer is remembered.
    const known = DATE_TEXT_CACHE.get(value);
    if (known !== undefined) return known;
    const parsed = parseDateText(value);
    if (DATE_TEXT_CACHE.size >= DATE_CACHE_LIMIT) DATE_TEXT_CACHE.clear();
    DATE_TEXT_CACHE.set(value, parsed);
    return parsed;
  }
  return parseDateText(value);
}

const DATE_CACHE_LIMIT = 50_000;
const DATE_TEXT_CACHE = new Map<string, string | null>();

function parseDateText(value: CellValue | undefined): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : toIsoDate(value);
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 19000101 && value <= 21001231)
      return parseDateCell(String(value));
    if (value >= 1 && value < 80000) return toIsoDate(new Date(EXCEL_EPOCH + Math.floor(value) * 86_400_000));
    return null;
  }
  const text = cellText(value).replace(/\s+/g, '');
  if (!text) return null;
  let m = /^(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})日?(?:[T ]?0{1,2}:0{2}(?::0{2})?)?$/.exec(text);
  m ??= /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

/** 11-digit mainland mobile or a landline with area code; returns the normalised number or null. */
export function normalisePhone(raw: string): string | null {
  const text = toHalfWidth(raw)
    .replace(/[\s()（）]/g, '')
    .replace(/^(\+?86)(?=1\d{10}$)/, '');
  if (/^1[3-9]\d{9}$/.test(text)) return text;
  const land = /^(0\d{2,3})-?([1-9]\d{6,7})(?:-(\d{1,6}))?$/.exec(text);
  if (land) return `${land[1]}-${land[2]}${land[3] ? '-' + land[3] : ''}`;
  return null;
}

export function normaliseEthnicity(raw: string): string | null {
  const t = raw.replace(/\s/g, '');
  if ((ETHNICITIES as readonly string[]).includes(t)) return t;
  if ((ETHNICITIES as readonly string[]).includes(t + '族')) return t + '族';
  return null;
}

/** 姓名: 2–30 characters, Chinese characters and the middle dot of transliterated names, or Latin letters. */
export function normaliseName(raw: string): string | null {
  const t = raw
    .replace(/\s+/g, (s) => (/[A-Za-z]\s+[A-Za-z]/.test(s) ? ' ' : ''))
    .trim()
    .replace(/[.•・]/g, '·');
  if (t.length < 2 || t.length > 30) return null;
  return /^[\u3400-\u9fff\uf900-\ufaff·A-Za-z ]+$/.test(t) ? t : null;
}

/**
 * The largest length a request schema accepts for a text (or list) field, read from the zod
 * schema itself (optional/nullable/default wrappers unwrapped), so that an import and the API
 * share one definition of every limit.
 */
export function maxLengthOf(schema: unknown): number {
  type Schema = { unwrap?: () => unknown; maxLength?: number | null; def?: { type?: string; checks?: unknown[] } };
  const wrappers = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'nonoptional']);
  let s = schema as Schema;
  while (wrappers.has(s.def?.type ?? '') && typeof s.unwrap === 'function') s = s.unwrap() as Schema;
  if (typeof s.maxLength === 'number') return s.maxLength;
  for (const c of s.def?.checks ?? []) {
    const d = (c as { _zod?: { def?: { check?: string; maximum?: number } } })._zod?.def;
    if (d?.check === 'max_length' && typeof d.maximum === 'number') return d.maximum;
  }
  throw new Error('schema has no maximum length');
}

/** Text limits of the member import's columns: the API's (roster/org schemas), one definition. */
export const IMPORT_TEXT_LIMITS: Readonly<Partial<Record<ImportColumn, number>>> = {
  姓名: maxLengthOf(externalInBody.shape.personName),
  党组织编码: maxLengthOf(orgCodeSchema),
  籍贯: maxLengthOf(profileBody.shape.nativePlace),
  学位: maxLengthOf(profileBody.shape.degree),
  工作单位: maxLengthOf(profileBody.shape.workUnit),
  岗位: maxLengthOf(profileBody.shape.post),
  家庭住址: maxLengthOf(profileBody.shape.address),
};

/** C0 control characters but tab, line feed and carriage return (whitespace, normalised to a space), DEL and C1. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** The name of a control character in a message: NUL, or U+00XX. */
function controlName(c: string): string {
  const n = c.charCodeAt(0);
  return n === 0 ? 'NUL' : `U+${n.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Cells holding control characters (a NUL from `_x0000_`, an escape, a bell…): invisible in
 * Excel, meaningless in a name or an address, and trouble for every system the data goes to
 * next. Each such cell is a row error naming the row and the column.
 */
export function controlCharErrors(row: number, cells: Readonly<Record<string, CellValue | undefined>>): RowError[] {
  const errors: RowError[] = [];
  for (const [column, v] of Object.entries(cells)) {
    if (typeof v !== 'string') continue;
    const m = CONTROL_CHAR.exec(v);
    if (m)
      errors.push({
        row,
        column,
        code: 'CONTROL_CHAR',
        message: `第${row}行：${column}含有不可见的控制字符（${controlName(m[0])}，第${m.index + 1}个字符），请删除后重新导入`,
      });
  }
  return errors;
}

/** Text longer than its column's limit: a row error naming the row, the column and the limit. */
export function tooLongError(row: number, column: string, max: number, length: number): RowError {
  return {
    row,
    column,
    code: 'TOO_LONG',
    message: `第${row}行：${column}不能超过${max}个字（现为${length}个字）`,
  };
}

function err(row: number, column: ImportColumn, code: string, message: string): RowError {
  return { row, column, code, message };
}

const YEARS_CACHE = new Map<string, string>();
/** addYears, remembered: an import asks for the same few thousand dates over and over. */
function yearsLater(date: string, years: number): string {
  const key = date + '+' + years;
  let out = YEARS_CACHE.get(key);
  if (out === undefined) {
    out = addYears(date, years);
    if (YEARS_CACHE.size >= DATE_CACHE_LIMIT) YEARS_CACHE.clear();
    YEARS_CACHE.set(key, out);
  }
  return out;
}

/** Validates and normalises one row. Errors carry the Excel row number, the column and a Chinese message. */
export function validateRow(raw: RawRow, rules: RowRules): { draft: MemberDraft | null; errors: RowError[] } {
  const { row, cells } = raw;
  const control = controlCharErrors(row, cells);
  if (control.length > 0) return { draft: null, errors: control };
  const errors: RowError[] = [];
  const texts: Partial<Record<ImportColumn, string>> = {};
  const text = (c: ImportColumn) => (texts[c] ??= cellText(cells[c]));
  // Over-long text is refused first, and the column's other checks are skipped.
  const overLimit = new Set<ImportColumn>();
  for (const [c, max] of Object.entries(IMPORT_TEXT_LIMITS) as Array<[ImportColumn, number]>) {
    const t = text(c);
    if (t.length > max) {
      errors.push(tooLongError(row, c, max, t.length));
      overLimit.add(c);
    }
  }
  const required = (c: ImportColumn): string | null => {
    if (overLimit.has(c)) return null;
    const t = text(c);
    if (!t) {
      errors.push(err(row, c, 'REQUIRED', `第${row}行：${c}不能为空`));
      return null;
    }
    return t;
  };

  const nameText = required('姓名');
  const name = nameText === null ? null : normaliseName(nameText);
  if (nameText !== null && name === null)
    errors.push(
      err(
        row,
        '姓名',
        'NAME_FORMAT',
        `第${row}行：姓名“${nameText.slice(0, 30)}”格式不正确（2至30个汉字或字母）`,
      ),
    );

  const genderText = required('性别');
  const gender =
    genderText === null ? null : genderText === '男' || genderText === '女' ? (genderText as Gender) : null;
  if (genderText !== null && gender === null)
    errors.push(err(row, '性别', 'GENDER_INVALID', `第${row}行：性别应为“男”或“女”`));

  const ethText = required('民族');
  const ethnicity = ethText === null ? null : normaliseEthnicity(ethText);
  if (ethText !== null && ethnicity === null)
    errors.push(
      err(row, '民族', 'ETHNICITY_INVALID', `第${row}行：民族“${ethText.slice(0, 20)}”不是规范的民族名称`),
    );

  const idText = required('公民身份号码');
  let idNumber: string | null = null;
  let birthDate: string | null = null;
  if (idText !== null && typeof cells['公民身份号码'] === 'number' && cells['公民身份号码'] > 1e15) {
    errors.push(
      err(
        row,
        '公民身份号码',
        'ID_NUMERIC',
        `第${row}行：公民身份号码被Excel保存为数字，末几位已丢失，请将该列设为“文本”格式后重新填写`,
      ),
    );
  } else if (idText !== null) {
    const parsed = parseIdNumber(normaliseIdNumber(idText.replace(/\s/g, '')));
    if (!parsed.ok) errors.push(err(row, '公民身份号码', parsed.code, `第${row}行：${parsed.message}`));
    else {
      idNumber = parsed.value.normalised;
      birthDate = parsed.value.birthDate;
      if (gender && gender !== parsed.value.gender) {
        errors.push(
          err(
            row,
            '性别',
            'GENDER_MISMATCH',
            `第${row}行：性别“${gender}”与公民身份号码不符（应为${parsed.value.gender}）`,
          ),
        );
      }
      if (birthDate > rules.today)
        errors.push(
          err(row, '公民身份号码', 'ID_BIRTH_DATE', `第${row}行：公民身份号码中的出生日期晚于今天`),
        );
    }
  }

  const birthCell = cells['出生日期'];
  if (text('出生日期')) {
    const b = parseDateCell(birthCell);
    if (!b)
      errors.push(
        err(
          row,
          '出生日期',
          'DATE_INVALID',
          `第${row}行：出生日期“${text('出生日期').slice(0, 20)}”无法识别，请填写如2015-07-01的日期`,
        ),
      );
    else if (birthDate && b !== birthDate)
      errors.push(
        err(
          row,
          '出生日期',
          'BIRTH_DATE_MISMATCH',
          `第${row}行：出生日期${b}与公民身份号码中的${birthDate}不符`,
        ),
      );
  }

  let education: Education | null = null;
  if (text('学历')) {
    education = EDUCATION_SYNONYMS[text('学历').replace(/\s/g, '')] ?? null;
    if (!education)
      errors.push(
        err(
          row,
          '学历',
          'EDUCATION_INVALID',
          `第${row}行：学历“${text('学历').slice(0, 20)}”不规范（可填：研究生、大学本科、大学专科、中专、高中、初中及以下）`,
        ),
      );
  }

  const catText = required('人员类别');
  const category =
    catText === null
      ? null
      : (MEMBER_CATEGORIES as readonly string[]).includes(catText.replace(/\s/g, ''))
        ? (catText.replace(/\s/g, '') as MemberCategory)
        : null;
  if (catText !== null && category === null)
    errors.push(err(row, '人员类别', 'CATEGORY_INVALID', `第${row}行：人员类别应为“正式党员”或“预备党员”`));

  const joinedText = required('入党日期');
  let joinedOn: string | null = null;
  if (joinedText !== null) {
    joinedOn = parseDateCell(cells['入党日期']);
    if (!joinedOn)
      errors.push(
        err(
          row,
          '入党日期',
          'DATE_INVALID',
          `第${row}行：入党日期“${joinedText.slice(0, 20)}”无法识别，请填写如2015-07-01的日期`,
        ),
      );
    else if (joinedOn > rules.today) {
      errors.push(err(row, '入党日期', 'JOINED_IN_FUTURE', `第${row}行：入党日期${joinedOn}晚于今天`));
      joinedOn = null;
    } else if (birthDate && ageOn(birthDate, joinedOn) < rules.minAge) {
      errors.push(
        err(
          row,
          '入党日期',
          'JOINED_UNDER_AGE',
          `第${row}行：入党时未满${rules.minAge}周岁（入党日期${joinedOn}，出生日期${birthDate}）`,
        ),
      );
    }
  }

  let fullMemberOn: string | null = null;
  const fullText = text('转正日期');
  if (fullText) {
    fullMemberOn = parseDateCell(cells['转正日期']);
    if (!fullMemberOn)
      errors.push(
        err(
          row,
          '转正日期',
          'DATE_INVALID',
          `第${row}行：转正日期“${fullText.slice(0, 20)}”无法识别，请填写如2016-07-01的日期`,
        ),
      );
  }
  if (category === PROBATIONARY_MEMBER) {
    if (fullText)
      errors.push(err(row, '转正日期', 'FULL_DATE_FOR_PROBATIONARY', `第${row}行：预备党员不应填写转正日期`));
    else if (joinedOn) {
      const latest = yearsLater(joinedOn, rules.probationYears + rules.maxExtensionYears);
      if (latest < rules.today)
        errors.push(
          err(
            row,
            '人员类别',
            'PROBATION_OVERDUE',
            `第${row}行：入党已超过${rules.probationYears + rules.maxExtensionYears}年仍为预备党员，请核实是否已转正`,
          ),
        );
    }
    fullMemberOn = null;
  } else if (category === FULL_MEMBER) {
    if (!fullText) errors.push(err(row, '转正日期', 'REQUIRED', `第${row}行：正式党员的转正日期不能为空`));
    else if (fullMemberOn && joinedOn) {
      const earliest = yearsLater(joinedOn, rules.probationYears);
      const latest = yearsLater(joinedOn, rules.probationYears + rules.maxExtensionYears);
      if (fullMemberOn > rules.today)
        errors.push(
          err(row, '转正日期', 'FULL_DATE_IN_FUTURE', `第${row}行：转正日期${fullMemberOn}晚于今天`),
        );
      else if (fullMemberOn < earliest)
        errors.push(
          err(
            row,
            '转正日期',
            'FULL_DATE_TOO_EARLY',
            `第${row}行：转正日期应在入党满${rules.probationYears}年后（不早于${earliest}）`,
          ),
        );
      else if (fullMemberOn > latest)
        errors.push(
          err(
            row,
            '转正日期',
            'FULL_DATE_TOO_LATE',
            `第${row}行：转正日期晚于预备期（含延长期）届满之日${latest}`,
          ),
        );
    }
  }

  let phone: string | null = null;
  if (text('联系电话')) {
    phone = normalisePhone(text('联系电话'));
    if (!phone)
      errors.push(
        err(row, '联系电话', 'PHONE_FORMAT', `第${row}行：联系电话应为11位手机号码或带区号的固定电话`),
      );
  }

  const orgText = required('党组织编码');
  const orgCode = orgText?.replace(/\s/g, '') ?? null;

  let identity: Identity | null = null;
  if (text('人员身份')) {
    identity = IDENTITY_SYNONYMS[text('人员身份').replace(/\s/g, '')] ?? null;
    if (!identity)
      errors.push(
        err(
          row,
          '人员身份',
          'IDENTITY_INVALID',
          `第${row}行：人员身份“${text('人员身份').slice(0, 20)}”不规范`,
        ),
      );
  }
  let degree: string | null = null;
  if (text('学位') && !overLimit.has('学位')) {
    degree = (DEGREES as readonly string[]).includes(text('学位')) ? text('学位') : null;
    if (!degree) errors.push(err(row, '学位', 'DEGREE_INVALID', `第${row}行：学位应为博士、硕士、学士或无`));
  }
  // Free text: the limits were checked above (IMPORT_TEXT_LIMITS).
  const limited = (c: ImportColumn): string | null => (overLimit.has(c) ? null : text(c) || null);
  const nativePlace = limited('籍贯');
  const workUnit = limited('工作单位');
  const post = limited('岗位');
  const address = limited('家庭住址');

  if (
    errors.length > 0 ||
    !name ||
    !gender ||
    !ethnicity ||
    !idNumber ||
    !birthDate ||
    !category ||
    !joinedOn ||
    !orgCode
  ) {
    return { draft: null, errors };
  }
  return {
    draft: {
      name,
      gender,
      ethnicity,
      idNumber,
      birthDate,
      education,
      category,
      joinedOn,
      fullMemberOn,
      phone,
      orgCode,
      nativePlace,
      degree,
      workUnit,
      post,
      identity,
      address,
    },
    errors,
  };
}

/** Duplicates within the file: the second and later rows with one ID number are refused, naming the first. */
export function findDuplicateIds(rows: readonly { row: number; idNumber: string }[]): RowError[] {
  const first = new Map<string, number>();
  const errors: RowError[] = [];
  for (const r of rows) {
    const seen = first.get(r.idNumber);
    if (seen === undefined) first.set(r.idNumber, r.row);
    else
      errors.push({
        row: r.row,
        column: '公民身份号码',
        code: 'DUPLICATE_IN_FILE',
        message: `第${r.row}行：公民身份号码与第${seen}行重复`,
      });
  }
  return errors;
}

export interface ImportOrgFacts {
  path: string;
  kind: string;
  status: string;
}

/** The organisation named by 党组织编码: exists, active, a branch, inside the importer's scope. */
export function checkImportOrg(
  row: number,
  code: string,
  org: ImportOrgFacts | undefined,
  scopePath: string,
): RowError | null {
  const e = (c: string, m: string): RowError => ({
    row,
    column: '党组织编码',
    code: c,
    message: `第${row}行：${m}`,
  });
  if (!org) return e('ORG_NOT_FOUND', `党组织编码“${code.slice(0, 30)}”不存在`);
  if (!org.path.startsWith(scopePath)) return e('ORG_OUT_OF_SCOPE', `党组织编码“${code}”不在您的管辖范围内`);
  if (org.status !== 'active') return e('ORG_DISSOLVED', `党组织“${code}”已撤销`);
  if (!isBranchKind(org.kind)) return e('ORG_NOT_BRANCH', `党员应编入党支部，“${code}”是${org.kind}`);
  return null;
}

/** Rows are sorted by row number, then by column order, for stable reports. */
export function sortErrors(errors: RowError[], columns: readonly string[]): RowError[] {
  const pos = (c: string) => {
    const i = columns.indexOf(c);
    return i < 0 ? 999 : i;
  };
  return errors.sort((a, b) => a.row - b.row || pos(a.column) - pos(b.column));
}

/** The status and message of an import job whose process stopped before it finished. */
export const INTERRUPTED_STATUS = 'interrupted';
export const INTERRUPTED_MESSAGE = '服务重启时导入被中断，未写入任何数据，请重新导入';
/** A job of another machine's process counts as orphaned this long after it started (imports take minutes). */
export const FOREIGN_JOB_STALE_MS = 2 * 60 * 60 * 1000;

export interface ImportJobOwnerFacts {
  /** "<host> <pid> <token>" of the process that started the job, null on older rows. */
  owner: string | null;
  createdAt: string;
}

export interface ProcessFacts {
  host: string;
  pid: number;
  /** Random per process: tells this process from an earlier one that had the same pid. */
  token: string;
  now: Date;
  /** Whether a process with this pid runs on this machine. */
  alive(pid: number): boolean;
}

/**
 * Whether a job still marked running has lost its process (the server or CLI crashed, or was
 * restarted): a job of this process is live; of another process on this machine, live while that
 * process is; of another machine (which cannot be probed), live until FOREIGN_JOB_STALE_MS.
 */
export function isOrphanedImportJob(job: ImportJobOwnerFacts, here: ProcessFacts): boolean {
  if (!job.owner) return true;
  const [host, pidText, token] = job.owner.split(' ');
  const pid = Number(pidText);
  if (host === here.host && Number.isInteger(pid)) {
    if (pid === here.pid) return token !== here.token;
    return !here.alive(pid);
  }
  const started = Date.parse(job.createdAt);
  return !Number.isFinite(started) || here.now.getTime() - started > FOREIGN_JOB_STALE_MS;
}
