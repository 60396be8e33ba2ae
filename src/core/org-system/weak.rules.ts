// 软弱涣散: automatic signals from dated facts, designation and closure (销号) rules.
import { addMonths, addYears, type IsoDate } from '../shared/dates.ts';
import { ok, refuse, type Decision } from '../shared/result.ts';
import type { WeakCaseState, WeakCriterion } from './org-system.types.ts';
import { secretaryVacancyText } from './structure.rules.ts';

export interface WeakFacts {
  hasSecretary: boolean;
  vacantSince: IsoDate | null;
  noSecretaryOnRecord?: boolean;
  /** Day of the latest admission (预备党员) into the organisation; null = none on record. */
  lastAdmission: IsoDate | null;
  establishedOn: IsoDate | null;
  /** Organisational life in the watched window (组织生活流于形式); absent = not measured. */
  life?: { held: number; formal: number } | undefined;
}

/** 组织生活不正常、流于形式: thresholds (rulebook orgSystem.weak.lifeOnPaper). */
export interface LifeOnPaperRule {
  windowMonths: number;
  /** Fewer meetings held than this in the window: organisational life is not normal. */
  minMeetings: number;
  /** At least this share of the held meetings with a form-only finding: it is on paper. */
  formalShare: number;
}

export interface WeakSignal {
  code: string;
  label: string;
  detail: string;
}

/** Signals where the data exists: secretary vacant beyond the warning, no admission for N years. */
export function weakSignals(x: WeakFacts, today: IsoDate, vacancyMonths: number, noAdmissionYears: number, criteria: readonly WeakCriterion[], life?: LifeOnPaperRule): WeakSignal[] {
  const label = (code: string) => criteria.find((c) => c.code === code)?.label ?? code;
  const out: WeakSignal[] = [];
  if (!x.hasSecretary && x.vacantSince && today > addMonths(x.vacantSince, vacancyMonths)) {
    out.push({ code: 'SECRETARY_VACANT', label: label('SECRETARY_VACANT'), detail: `${secretaryVacancyText(x.vacantSince, x.noSecretaryOnRecord)}，超过${vacancyMonths}个月` });
  }
  const since = x.lastAdmission ?? x.establishedOn;
  if (since && today >= addYears(since, noAdmissionYears)) {
    out.push({
      code: 'NO_DEVELOPMENT', label: label('NO_DEVELOPMENT'),
      detail: x.lastAdmission ? `最近一次发展党员在${x.lastAdmission}，已${noAdmissionYears}年以上未发展` : `成立以来未发展党员（${noAdmissionYears}年以上）`,
    });
  }
  const paper = life && x.life ? lifeOnPaper(x.life, x.establishedOn, today, life) : null;
  if (paper) out.push({ code: 'LIFE_ON_PAPER', label: label('LIFE_ON_PAPER'), detail: paper });
  return out;
}

/**
 * The LIFE_ON_PAPER signal's detail, or null: over the window an organisation that existed for the
 * whole of it held too few meetings, or held enough but most records show only form (no minutes,
 * minutes too short or copied, entered long after) — both read from org-life's own findings.
 */
export function lifeOnPaper(
  x: { held: number; formal: number },
  establishedOn: IsoDate | null,
  today: IsoDate,
  r: LifeOnPaperRule,
): string | null {
  if (establishedOn && establishedOn > addMonths(today, -r.windowMonths)) return null;
  if (x.held < r.minMeetings) return `近${r.windowMonths}个月仅召开组织生活${x.held}次（少于${r.minMeetings}次）`;
  if (x.formal / x.held >= r.formalShare)
    return `近${r.windowMonths}个月召开的${x.held}次组织生活中有${x.formal}次记录缺失、过简、雷同或补记（达到${Math.round(r.formalShare * 100)}%）`;
  return null;
}

export function decideCriteria(codes: readonly string[], criteria: readonly WeakCriterion[]): Decision<void> {
  if (codes.length === 0) return refuse('WEAK_CRITERIA', '请至少选择一项认定情形', 'criteria');
  for (const c of codes) if (!criteria.some((k) => k.code === c)) return refuse('WEAK_CRITERIA', `认定情形“${c}”不在标准清单中`, 'criteria');
  return ok(undefined);
}

/** 销号: only after the rectification was submitted, by the parent (not the organisation itself). */
export function decideClose(state: WeakCaseState, progressEntries: number, byParent: boolean): Decision<void> {
  if (state === '已销号') return refuse('WEAK_CLOSED', '该整顿已销号', 'state');
  if (progressEntries === 0) return refuse('WEAK_NO_PROGRESS', '尚无整顿进展记录，不能销号', 'progress');
  if (!byParent) return refuse('WEAK_SELF_CLOSE', '销号须由上级党组织审核', 'state');
  return ok(undefined);
}
