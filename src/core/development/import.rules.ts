// Pure validation of one imported development row (a pipeline already in progress): one row per
// applicant, one date column per step. Dates are read like the roster reads them (the roster's
// own helpers). A row is refused for what makes it unreadable or impossible (an unreadable date,
// a date in the future, a step filled in without the step it follows, vote counts that do not
// add up); a date that breaks a statutory interval is history: it is imported, and the audit
// lists it (the findings come from the same checkStep the audit runs).
import { normaliseIdNumber, parseIdNumber } from '../person/id-number.ts';
import { orgCodeSchema } from '../org/org.schemas.ts';
import {
  cellText,
  controlCharErrors,
  maxLengthOf,
  normaliseName,
  parseDateCell,
  tooLongError,
  type CellValue,
  type RowError,
} from '../roster/import.rules.ts';
import { createCandidateBody, recordStepBody } from './development.schemas.ts';
import { stepDef, type StepDef } from './steps.ts';
import { exclusionCaseOf } from './development.rules.ts';
import { ORG_LIFE_EXCLUSIONS, VOTE_EXCLUSION_CASES } from '../rulebook/org-life.rules-data.ts';

export type { CellValue, RowError };

/** Columns of the development import template, in order. */
export const DEV_IMPORT_COLUMNS = [
  '姓名',
  '公民身份号码',
  '党组织编码',
  '递交申请书日期',
  '谈话日期',
  '谈话人',
  '确定积极分子日期',
  '推荐方式',
  '积极分子备案日期',
  '指定培养联系人日期',
  '培养联系人',
  '考察日期',
  '确定发展对象日期',
  '发展对象公示开始日期',
  '发展对象公示结束日期',
  '发展对象备案日期',
  '确定入党介绍人日期',
  '入党介绍人',
  '政治审查日期',
  '政审结论',
  '集中培训结业日期',
  '培训天数',
  '培训学时',
  '支委会审查日期',
  '上级党委预审日期',
  '预审公示开始日期',
  '预审公示结束日期',
  '填写入党志愿书日期',
  '支部大会日期',
  '正式党员人数',
  '不计入应到会人数',
  '不计入应到会原因',
  '实到人数',
  '赞成票',
  '反对票',
  '弃权票',
  '上级党委谈话日期',
  '上级党委谈话人',
  '上级党委审批日期',
  '超期审批原因',
  '组织部门备案日期',
  '编入党小组日期',
  '入党宣誓日期',
  '预备期考察日期',
  '转正申请日期',
  '备注',
] as const;
export type DevImportColumn = (typeof DEV_IMPORT_COLUMNS)[number];

export const DEV_REQUIRED_COLUMNS: readonly DevImportColumn[] = [
  '姓名',
  '公民身份号码',
  '党组织编码',
  '递交申请书日期',
];

/** The date column of each importable step (steps 23–25 are recorded in the system, never imported). */
export const STEP_DATE_COLUMN: Readonly<Record<number, DevImportColumn>> = {
  1: '递交申请书日期',
  2: '谈话日期',
  3: '确定积极分子日期',
  4: '积极分子备案日期',
  5: '指定培养联系人日期',
  6: '考察日期',
  7: '确定发展对象日期',
  8: '发展对象备案日期',
  9: '确定入党介绍人日期',
  10: '政治审查日期',
  11: '集中培训结业日期',
  12: '支委会审查日期',
  13: '上级党委预审日期',
  14: '填写入党志愿书日期',
  15: '支部大会日期',
  16: '上级党委谈话日期',
  17: '上级党委审批日期',
  18: '组织部门备案日期',
  19: '编入党小组日期',
  20: '入党宣誓日期',
  21: '预备期考察日期',
  22: '转正申请日期',
};

const voteSchema = recordStepBody.shape.vote.unwrap();
const exclusionText = voteSchema.shape.exclusions.unwrap().element.shape as Record<string, unknown>;

/**
 * Text limits of the development import's columns: the API's (development and org schemas), one
 * definition. Dates and counts are parsed, so their columns need none.
 */
export const DEV_IMPORT_TEXT_LIMITS: Readonly<Partial<Record<DevImportColumn, number>>> = {
  姓名: maxLengthOf(createCandidateBody.shape.name),
  公民身份号码: maxLengthOf(createCandidateBody.shape.idNumber),
  党组织编码: maxLengthOf(orgCodeSchema),
  谈话人: maxLengthOf(recordStepBody.shape.talker),
  推荐方式: maxLengthOf(recordStepBody.shape.method),
  政审结论: maxLengthOf(recordStepBody.shape.conclusion),
  // The reason stands for each excluded member's free text (its note; formerly its reason).
  不计入应到会原因: maxLengthOf(exclusionText.note ?? exclusionText.reason),
  上级党委谈话人: maxLengthOf(recordStepBody.shape.talker),
  超期审批原因: maxLengthOf(recordStepBody.shape.lateReason),
  备注: maxLengthOf(createCandidateBody.shape.note),
};

/** 培养联系人 and 入党介绍人: each name at most a candidate's name, at most as many as a step takes. */
export const DEV_IMPORT_NAME_LIMITS = {
  name: maxLengthOf(createCandidateBody.shape.name),
  培养联系人: maxLengthOf(recordStepBody.shape.contacts),
  入党介绍人: maxLengthOf(recordStepBody.shape.introducers),
} as const;

/** Steps whose column may hold several dates (考察 entries). */
const MULTI_DATE_STEPS = new Set([6, 21]);

export interface DevImportRow {
  /** Excel row number (the header is row 1). */
  row: number;
  cells: Partial<Record<DevImportColumn, CellValue>>;
}

export interface DraftStep {
  step: number;
  doneOn: string;
  data: Record<string, unknown>;
  materials: string[];
  /** Names to resolve to branch members on the step's date (培养联系人, 入党介绍人). */
  people?: { field: 'contacts' | 'introducers'; column: DevImportColumn; names: string[] };
}

export interface DevImportDraft {
  row: number;
  name: string;
  idNumber: string;
  birthDate: string;
  gender: string;
  orgCode: string;
  steps: DraftStep[];
}

export interface DevImportRules {
  today: string;
  steps: readonly StepDef[];
}

const SPLIT = /[、,，;；\s]+/;

function err(row: number, column: DevImportColumn, code: string, message: string): RowError {
  return { row, column, code, message: `第${row}行：${message}` };
}

/** One or more dates of a cell: an Excel date or serial, or text in the roster's formats, separated by 、 , ; or spaces. */
export function parseDateList(value: CellValue | undefined): { dates: string[]; bad: string | null } {
  if (value === null || value === undefined) return { dates: [], bad: null };
  if (value instanceof Date || typeof value === 'number') {
    const d = parseDateCell(value);
    return d ? { dates: [d], bad: null } : { dates: [], bad: cellText(value) };
  }
  const text = cellText(value);
  if (!text) return { dates: [], bad: null };
  const single = parseDateCell(text);
  if (single) return { dates: [single], bad: null };
  const dates: string[] = [];
  for (const part of text.split(SPLIT).filter(Boolean)) {
    const d = parseDateCell(part);
    if (!d) return { dates: [], bad: part };
    dates.push(d);
  }
  return { dates, bad: null };
}

/** Validates and normalises one row; findings of statutory rules are not errors (see the top). */
export function validateDevRow(
  raw: DevImportRow,
  rules: DevImportRules,
): { draft: DevImportDraft | null; errors: RowError[] } {
  const { row, cells } = raw;
  const control = controlCharErrors(row, cells);
  if (control.length > 0) return { draft: null, errors: control };
  const errors: RowError[] = [];
  const text = (c: DevImportColumn) => cellText(cells[c]);
  // Over-long text is refused first, and the row goes no further (its other checks would
  // only repeat the problem).
  for (const [c, max] of Object.entries(DEV_IMPORT_TEXT_LIMITS) as Array<[DevImportColumn, number]>) {
    const t = text(c);
    if (t.length > max) errors.push(tooLongError(row, c, max, t.length));
  }
  for (const c of ['培养联系人', '入党介绍人'] as const) {
    const list = text(c)
      .split(SPLIT)
      .filter(Boolean);
    const long = list.find((n) => n.length > DEV_IMPORT_NAME_LIMITS.name);
    if (long)
      errors.push(
        err(row, c, 'TOO_LONG', `${c}中的每个姓名不能超过${DEV_IMPORT_NAME_LIMITS.name}个字（现为${long.length}个字）`),
      );
    else if (list.length > DEV_IMPORT_NAME_LIMITS[c])
      errors.push(
        err(row, c, 'TOO_MANY', `${c}最多填写${DEV_IMPORT_NAME_LIMITS[c]}人（现为${list.length}人）`),
      );
  }
  if (errors.length > 0) return { draft: null, errors };

  const nameText = text('姓名');
  const name = nameText ? normaliseName(nameText) : null;
  if (!nameText) errors.push(err(row, '姓名', 'REQUIRED', '姓名不能为空'));
  else if (!name)
    errors.push(
      err(row, '姓名', 'NAME_FORMAT', `姓名“${nameText.slice(0, 30)}”格式不正确（2至30个汉字或字母）`),
    );

  let id: { normalised: string; birthDate: string; gender: string } | null = null;
  const idText = text('公民身份号码');
  if (!idText) errors.push(err(row, '公民身份号码', 'REQUIRED', '公民身份号码不能为空'));
  else if (typeof cells['公民身份号码'] === 'number' && cells['公民身份号码'] > 1e15) {
    errors.push(
      err(
        row,
        '公民身份号码',
        'ID_NUMERIC',
        '公民身份号码被Excel保存为数字，末几位已丢失，请将该列设为“文本”格式后重新填写',
      ),
    );
  } else {
    const parsed = parseIdNumber(normaliseIdNumber(idText.replace(/\s/g, '')));
    if (!parsed.ok) errors.push(err(row, '公民身份号码', parsed.code, parsed.message));
    else if (parsed.value.birthDate > rules.today)
      errors.push(err(row, '公民身份号码', 'ID_BIRTH_DATE', '公民身份号码中的出生日期晚于今天'));
    else id = parsed.value;
  }

  const orgCode = text('党组织编码').replace(/\s/g, '');
  if (!orgCode) errors.push(err(row, '党组织编码', 'REQUIRED', '党组织编码不能为空'));

  // Dates of every step.
  const dates = new Map<number, string[]>();
  for (const [stepText, column] of Object.entries(STEP_DATE_COLUMN)) {
    const step = Number(stepText);
    const { dates: list, bad } = parseDateList(cells[column]);
    if (bad !== null) {
      errors.push(
        err(
          row,
          column,
          'DATE_INVALID',
          `${column}“${bad.slice(0, 20)}”无法识别，请填写如2024-07-01、2024.7.1或2024年7月1日的日期`,
        ),
      );
      continue;
    }
    if (list.length > 1 && !MULTI_DATE_STEPS.has(step)) {
      errors.push(err(row, column, 'DATE_INVALID', `${column}只能填写一个日期`));
      continue;
    }
    const future = list.find((d) => d > rules.today);
    if (future) {
      errors.push(err(row, column, 'DATE_IN_FUTURE', `${column}${future}晚于今天`));
      continue;
    }
    if (list.length > 0) dates.set(step, list);
  }
  if (!text('递交申请书日期')) errors.push(err(row, '递交申请书日期', 'REQUIRED', '递交申请书日期不能为空'));

  // A step filled in without the steps it follows is not a pipeline (order of dates is history).
  for (const step of dates.keys()) {
    const def = stepDef(rules.steps, step);
    for (const need of [def?.predecessor ?? null, ...(def?.alsoRequires ?? [])]) {
      if (need === null || dates.has(need) || !STEP_DATE_COLUMN[need]) continue;
      const needCol = STEP_DATE_COLUMN[need];
      if (errors.some((e) => e.column === needCol)) continue;
      errors.push(
        err(
          row,
          STEP_DATE_COLUMN[step]!,
          'PREDECESSOR_MISSING',
          `填写了${STEP_DATE_COLUMN[step]}，但未填写${needCol}（第${step}步须在第${need}步之后）`,
        ),
      );
    }
  }

  const requireText = (step: number, column: DevImportColumn, label = column): string | null => {
    if (!dates.has(step)) return null;
    const t = text(column);
    if (!t) errors.push(err(row, column, 'REQUIRED', `填写了${STEP_DATE_COLUMN[step]}，${label}不能为空`));
    return t || null;
  };
  const talker = requireText(2, '谈话人');
  const method = requireText(3, '推荐方式');
  const methodOptions = ['党员推荐', '群团组织推优'];
  if (method && !methodOptions.includes(method))
    errors.push(err(row, '推荐方式', 'OPTION_INVALID', `推荐方式应为${methodOptions.join('或')}`));
  const higherTalker = requireText(16, '上级党委谈话人');

  const number = (column: DevImportColumn, opts: { integer: boolean; max: number }): number | null => {
    const v = cells[column];
    const t = text(column);
    if (!t) return null;
    const n = typeof v === 'number' ? v : Number(t);
    if (!Number.isFinite(n) || n < 0 || n > opts.max || (opts.integer && !Number.isInteger(n))) {
      errors.push(
        err(
          row,
          column,
          'NUMBER_INVALID',
          `${column}“${t.slice(0, 20)}”应为0至${opts.max}的${opts.integer ? '整数' : '数字'}`,
        ),
      );
      return null;
    }
    return n;
  };
  const trainingDays = number('培训天数', { integer: false, max: 365 });
  const trainingHours = number('培训学时', { integer: false, max: 2000 });

  const publicity = (startCol: DevImportColumn, endCol: DevImportColumn) => {
    const out: Record<string, string> = {};
    for (const [key, col] of [
      ['publicityStart', startCol],
      ['publicityEnd', endCol],
    ] as const) {
      if (!text(col)) continue;
      const d = parseDateCell(cells[col]);
      if (!d)
        errors.push(
          err(
            row,
            col,
            'DATE_INVALID',
            `${col}“${text(col).slice(0, 20)}”无法识别，请填写如2024-07-01的日期`,
          ),
        );
      else out[key] = d;
    }
    return out;
  };
  const targetPublicity = publicity('发展对象公示开始日期', '发展对象公示结束日期');
  const prePublicity = publicity('预审公示开始日期', '预审公示结束日期');

  // 支部大会 (step 15): the counts are facts of the meeting; the 应到会 basis is taken from the file
  // (the roster may not hold the branch's history that far back).
  let vote: Record<string, unknown> | null = null;
  if (dates.has(15)) {
    const counts = {
      fullMembers: number('正式党员人数', { integer: true, max: 100000 }),
      excluded: number('不计入应到会人数', { integer: true, max: 100000 }) ?? 0,
      present: number('实到人数', { integer: true, max: 100000 }),
      for: number('赞成票', { integer: true, max: 100000 }),
      against: number('反对票', { integer: true, max: 100000 }) ?? 0,
      abstain: number('弃权票', { integer: true, max: 100000 }) ?? 0,
    };
    for (const [key, col] of [
      ['fullMembers', '正式党员人数'],
      ['present', '实到人数'],
      ['for', '赞成票'],
    ] as const) {
      if (counts[key] === null && !errors.some((e) => e.column === col))
        errors.push(err(row, col, 'REQUIRED', `填写了支部大会日期，${col}不能为空`));
    }
    if (counts.fullMembers !== null && counts.present !== null && counts.for !== null) {
      if (counts.for + counts.against + counts.abstain > counts.present) {
        errors.push(
          err(
            row,
            '赞成票',
            'VOTE_COUNTS',
            `赞成${counts.for}、反对${counts.against}、弃权${counts.abstain}，合计超过实到${counts.present}人`,
          ),
        );
      } else if (counts.excluded > counts.fullMembers) {
        errors.push(
          err(
            row,
            '不计入应到会人数',
            'VOTE_COUNTS',
            `不计入应到会人数${counts.excluded}超过正式党员人数${counts.fullMembers}`,
          ),
        );
      } else {
        // Issue 16: only the approved cases leave 应到会 — one case for everyone left out, or one
        // per person (in order), written as the case's wording or its code.
        const written = text('不计入应到会原因');
        const parts = written.split(SPLIT).filter(Boolean);
        const cases = parts.map((p) => exclusionCaseOf(p, VOTE_EXCLUSION_CASES));
        const labels = VOTE_EXCLUSION_CASES.map((c) => ORG_LIFE_EXCLUSIONS[c]).join('；');
        let exclusions: Array<{ name: string; case: string; note: string }> = [];
        if (counts.excluded > 0) {
          const bad = parts.find((_, i) => cases[i] === null);
          if (parts.length === 0 || bad !== undefined)
            errors.push(
              err(
                row,
                '不计入应到会原因',
                'EXCLUSION_CASE',
                bad !== undefined
                  ? `不计入应到会原因“${bad.slice(0, 30)}”不是不计入应到会人数的情形，应填写：${labels}`
                  : `不计入应到会人数${counts.excluded}人，须填写不计入应到会人数的情形：${labels}`,
              ),
            );
          else if (parts.length !== 1 && parts.length !== counts.excluded)
            errors.push(
              err(
                row,
                '不计入应到会原因',
                'EXCLUSION_CASE',
                `不计入应到会人数${counts.excluded}人，填写了${parts.length}项情形：应填写1项（适用于全部人员）或逐人填写${counts.excluded}项`,
              ),
            );
          else
            exclusions = Array.from({ length: counts.excluded }, (_, i) => ({
              name: `不计入应到会人员${i + 1}`,
              case: cases[parts.length === 1 ? 0 : i]!,
              note: written,
            }));
        }
        vote = {
          fullMembers: counts.fullMembers,
          exclusions,
          present: counts.present,
          for: counts.for,
          against: counts.against,
          abstain: counts.abstain,
        };
      }
    }
  }

  const names = (column: DevImportColumn): string[] =>
    text(column)
      .split(SPLIT)
      .map((s) => s.trim())
      .filter(Boolean);

  if (errors.length > 0 || !name || !id || !orgCode) return { draft: null, errors };

  const note = text('备注');
  const steps: DraftStep[] = [];
  for (const [step, list] of [...dates.entries()].sort((a, b) => a[0] - b[0])) {
    const def = stepDef(rules.steps, step);
    const materials = [...(def?.materials ?? [])];
    for (const doneOn of [...list].sort()) {
      const data: Record<string, unknown> = { imported: true };
      const s: DraftStep = { step, doneOn, data, materials };
      if (step === 1 && note) data.note = note;
      if (step === 2 && talker) data.talker = talker;
      if (step === 3 && method) data.method = method;
      if (step === 5) s.people = { field: 'contacts', column: '培养联系人', names: names('培养联系人') };
      if (step === 6 || step === 21) data.summary = '（历史考察记录，由Excel导入）';
      if (step === 7) Object.assign(data, targetPublicity);
      if (step === 9) s.people = { field: 'introducers', column: '入党介绍人', names: names('入党介绍人') };
      if (step === 10 && text('政审结论')) data.conclusion = text('政审结论');
      if (step === 11) {
        if (trainingDays !== null) data.trainingDays = trainingDays;
        if (trainingHours !== null) data.trainingHours = trainingHours;
      }
      if (step === 13) Object.assign(data, prePublicity);
      if (step === 15 && vote) data.vote = vote;
      if (step === 16 && higherTalker) data.talker = higherTalker;
      if (step === 17 && text('超期审批原因')) data.lateReason = text('超期审批原因');
      steps.push(s);
    }
  }
  return {
    draft: { row, name, idNumber: id.normalised, birthDate: id.birthDate, gender: id.gender, orgCode, steps },
    errors,
  };
}

/** The status an imported pipeline has reached (the furthest status-changing step). */
export function importedStatus(
  steps: readonly { step: number }[],
): '申请人' | '入党积极分子' | '发展对象' | '预备党员' {
  const has = (n: number) => steps.some((s) => s.step === n);
  if (has(17)) return '预备党员';
  if (has(7)) return '发展对象';
  if (has(3)) return '入党积极分子';
  return '申请人';
}

export interface BranchPerson {
  personId: number;
  name: string;
}

/**
 * Resolves names to the branch's members: exactly one person with that name, else a row error.
 * (Whether the person may serve — full member on the date, not under 留党察看 — is a finding.)
 */
export function resolveNames(
  row: number,
  column: DevImportColumn,
  names: readonly string[],
  people: readonly BranchPerson[],
): { ids: number[]; errors: RowError[] } {
  const ids: number[] = [];
  const errors: RowError[] = [];
  for (const n of names) {
    const found = [...new Map(people.filter((p) => p.name === n).map((p) => [p.personId, p])).values()];
    if (found.length === 0)
      errors.push(
        err(row, column, 'PERSON_NOT_FOUND', `${column}“${n.slice(0, 30)}”不是该党支部的党员，请核对姓名`),
      );
    else if (found.length > 1)
      errors.push(
        err(
          row,
          column,
          'PERSON_AMBIGUOUS',
          `${column}“${n}”在该党支部有${found.length}名同名党员，无法确定是哪一位`,
        ),
      );
    else ids.push(found[0]!.personId);
  }
  return { ids, errors };
}
