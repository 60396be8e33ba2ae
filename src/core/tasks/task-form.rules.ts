// 报表 form of a task: the columns the issuer asks for, and the validation of the rows a target
// uploads (all-or-nothing, every error naming its Excel row and column in Chinese).
import { isIsoDate } from '../shared/dates.ts';

export const FORM_COLUMN_TYPES = ['text', 'number', 'date'] as const;
export type FormColumnType = (typeof FORM_COLUMN_TYPES)[number];
export const FORM_COLUMN_TYPE_LABEL: Record<FormColumnType, string> = {
  text: '文本',
  number: '数字',
  date: '日期',
};

export interface FormColumn {
  name: string;
  type: FormColumnType;
  required: boolean;
}

/** A cell as ExcelJS gives it, flattened. */
export type FormCell = string | number | boolean | Date | null;

export interface FormError {
  /** Excel row number (1-based); 0 for the header or the sheet as a whole. */
  row: number;
  column: string | null;
  message: string;
}

export type FormRow = Record<string, string | number | null>;

export const MAX_FORM_ROWS = 2000;

const blank = (v: FormCell) => v === null || (typeof v === 'string' && v.trim() === '');

function dateText(v: FormCell): string | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  if (typeof v === 'string') {
    const s = v.trim().replace(/[./]/g, '-');
    const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
    if (!m) return null;
    const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
    return isIsoDate(iso) ? iso : null;
  }
  return null;
}

function numberOf(v: FormCell): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v.trim());
  return null;
}

/** Column names must be unique and non-empty (checked when the task is issued). */
export function formColumnsProblem(columns: readonly FormColumn[]): string | null {
  const seen = new Set<string>();
  for (const c of columns) {
    const name = c.name.trim();
    if (!name) return '报表列名不能为空';
    if (seen.has(name)) return `报表列名“${name}”重复`;
    seen.add(name);
  }
  return null;
}

/**
 * Validates an uploaded sheet: `header` is the first row, `rows` the data rows with their Excel
 * row numbers. Returns the parsed rows or every error found (none are written on any error).
 */
export function validateFormSheet(
  columns: readonly FormColumn[],
  header: readonly FormCell[],
  rows: ReadonlyArray<{ row: number; cells: readonly FormCell[] }>,
): { ok: true; rows: FormRow[] } | { ok: false; errors: FormError[] } {
  const names = header.map((h) => (h === null ? '' : String(h).trim()));
  const errors: FormError[] = [];
  const index = new Map<string, number>();
  for (const c of columns) {
    const i = names.indexOf(c.name);
    if (i < 0) errors.push({ row: 1, column: c.name, message: `表头缺少“${c.name}”列` });
    else index.set(c.name, i);
  }
  if (errors.length > 0) return { ok: false, errors };
  const data = rows.filter((r) => !r.cells.every(blank));
  if (data.length === 0) return { ok: false, errors: [{ row: 0, column: null, message: '报表没有数据行' }] };
  if (data.length > MAX_FORM_ROWS)
    return { ok: false, errors: [{ row: 0, column: null, message: `报表最多${MAX_FORM_ROWS}行` }] };
  const out: FormRow[] = [];
  for (const r of data) {
    const parsed: FormRow = {};
    for (const c of columns) {
      const v = r.cells[index.get(c.name)!] ?? null;
      const at = `第${r.row}行“${c.name}”列`;
      if (blank(v)) {
        if (c.required) errors.push({ row: r.row, column: c.name, message: `${at}：不能为空` });
        parsed[c.name] = null;
        continue;
      }
      if (c.type === 'number') {
        const n = numberOf(v);
        if (n === null) errors.push({ row: r.row, column: c.name, message: `${at}：应填数字` });
        parsed[c.name] = n;
      } else if (c.type === 'date') {
        const d = dateText(v);
        if (d === null)
          errors.push({ row: r.row, column: c.name, message: `${at}：应填日期（如2026-12-01）` });
        parsed[c.name] = d;
      } else {
        const s = v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim();
        if (s.length > 500) errors.push({ row: r.row, column: c.name, message: `${at}：不能超过500个字符` });
        parsed[c.name] = s;
      }
    }
    out.push(parsed);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows: out };
}

/** The errors as one Chinese message (the first few, then how many more). */
export function formErrorsMessage(errors: readonly FormError[], shown = 5): string {
  const head = errors
    .slice(0, shown)
    .map((e) => e.message)
    .join('；');
  return errors.length > shown
    ? `报表有误：${head}；另有${errors.length - shown}处错误`
    : `报表有误：${head}`;
}
