// 党费基数 declarations: what a valid declaration is, and reading one row of an import sheet.
import { refuse, ok, type Decision } from '../shared/result.ts';
import { addMonths, isMonth } from './ledger.rules.ts';
import {
  DUES_CATEGORIES,
  DUES_CATEGORY_LABELS,
  isDuesCategory,
  isFixedCategory,
  MAX_BASE_FEN,
  yuanToFen,
  type DuesCategory,
} from './rates.ts';

export interface BaseInput {
  category: string;
  baseFen: number | null;
  effectiveMonth: string;
}

export interface CheckedBase {
  category: DuesCategory;
  /** null for fixed-amount categories (a base given for them is dropped). */
  baseFen: number | null;
  effectiveMonth: string;
}

/** How far ahead a base may be declared (a raise announced for next year). */
export const MAX_MONTHS_AHEAD = 12;

export function checkBase(input: BaseInput, currentMonth: string): Decision<CheckedBase> {
  if (!isDuesCategory(input.category))
    return refuse(
      'BAD_CATEGORY',
      `党员类别应为：${DUES_CATEGORIES.map((c) => DUES_CATEGORY_LABELS[c]).join('、')}`,
      'category',
    );
  if (!isMonth(input.effectiveMonth))
    return refuse('BAD_MONTH', '起始月份格式应为“YYYY-MM”', 'effectiveMonth');
  if (input.effectiveMonth > addMonths(currentMonth, MAX_MONTHS_AHEAD))
    return refuse(
      'MONTH_TOO_FAR',
      `起始月份不能晚于${addMonths(currentMonth, MAX_MONTHS_AHEAD)}`,
      'effectiveMonth',
    );
  if (isFixedCategory(input.category))
    return ok({ category: input.category, baseFen: null, effectiveMonth: input.effectiveMonth });
  const fen = input.baseFen;
  if (fen === null)
    return refuse('BASE_REQUIRED', `${DUES_CATEGORY_LABELS[input.category]}须填写月缴费基数`, 'baseFen');
  if (!Number.isSafeInteger(fen)) return refuse('BAD_BASE', '月缴费基数应为以分计的整数', 'baseFen');
  if (fen < 0) return refuse('NEGATIVE_BASE', '月缴费基数不能为负数', 'baseFen');
  if (fen > MAX_BASE_FEN)
    return refuse('ABSURD_BASE', `月缴费基数超过${MAX_BASE_FEN / 100}元，请核对`, 'baseFen');
  return ok({ category: input.category, baseFen: fen, effectiveMonth: input.effectiveMonth });
}

/** Import sheet columns (first row), in this order in the template. */
export const IMPORT_HEADERS = [
  '姓名',
  '所在组织',
  '党员类别',
  '月缴费基数（元）',
  '起始月份',
  '备注',
] as const;

const CATEGORY_BY_LABEL: Record<string, DuesCategory> = Object.fromEntries([
  ...DUES_CATEGORIES.map((c) => [DUES_CATEGORY_LABELS[c], c]),
  ['在职', 'in_service'],
  ['离退休', 'retired'],
  ['退休', 'retired'],
  ['农民', 'farmer'],
  ['学生', 'student'],
  ['下岗失业', 'unemployed'],
  ['失业', 'unemployed'],
  ['低保', 'relief'],
  ['领取最低生活保障', 'relief'],
  ['无固定收入', 'no_income'],
]);

export interface ImportRowInput {
  name: string;
  orgName: string;
  category: string;
  base: string;
  month: string;
  note: string;
}

export interface ImportRowError {
  row: number;
  field: string;
  message: string;
}

export interface ParsedImportRow {
  row: number;
  name: string;
  orgName: string;
  base: CheckedBase;
  note: string | null;
}

/** One sheet row → a checked declaration, or the errors of that row (named by column). */
export function parseImportRow(
  rowNo: number,
  r: ImportRowInput,
  currentMonth: string,
): { ok: true; value: ParsedImportRow } | { ok: false; errors: ImportRowError[] } {
  const errors: ImportRowError[] = [];
  const err = (field: string, message: string) => errors.push({ row: rowNo, field, message });
  if (!r.name.trim()) err('姓名', '姓名不能为空');
  const category =
    CATEGORY_BY_LABEL[r.category.trim()] ?? (isDuesCategory(r.category.trim()) ? r.category.trim() : null);
  if (!category) err('党员类别', `无法识别的党员类别“${r.category}”`);
  const month = normaliseMonth(r.month);
  if (!month) err('起始月份', `起始月份“${r.month}”格式应为“YYYY-MM”`);
  let baseFen: number | null = null;
  if (r.base.trim()) {
    baseFen = yuanToFen(r.base);
    if (baseFen === null)
      err(
        '月缴费基数（元）',
        /^-/.test(r.base.trim())
          ? '月缴费基数不能为负数'
          : `月缴费基数“${r.base}”不是有效金额（最多两位小数）`,
      );
  }
  if (errors.length > 0 || !category || !month) return { ok: false, errors };
  const d = checkBase({ category, baseFen, effectiveMonth: month }, currentMonth);
  if (!d.ok) {
    const field =
      d.field === 'baseFen' ? '月缴费基数（元）' : d.field === 'effectiveMonth' ? '起始月份' : '党员类别';
    return { ok: false, errors: [{ row: rowNo, field, message: d.message }] };
  }
  return {
    ok: true,
    value: {
      row: rowNo,
      name: r.name.trim(),
      orgName: r.orgName.trim(),
      base: d.value,
      note: r.note.trim() || null,
    },
  };
}

/** '2026-03', '2026-3', '2026/03', '2026年3月' → '2026-03'. */
export function normaliseMonth(text: string): string | null {
  const m = /^\s*(\d{4})\s*[-/年.]\s*(\d{1,2})\s*月?\s*$/.exec(text);
  if (!m) return null;
  const out = `${m[1]}-${m[2]!.padStart(2, '0')}`;
  return isMonth(out) ? out : null;
}
