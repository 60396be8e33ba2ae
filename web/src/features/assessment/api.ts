// API client of 考核 (issue 18).
import { http, type Envelope } from '../../components/http';

export type AssessLevel = 'township' | 'branch';
export const LEVEL_LABELS: Record<AssessLevel, string> = {
  township: '乡镇(街道)党(工)委及机关党组织',
  branch: '党支部',
};

export interface IndicatorResult {
  key: string;
  label: string;
  weight: number;
  value: number | null;
  score: number;
  detail: string;
}

export interface ScoreRow {
  orgId: number;
  orgCode: string;
  orgName: string;
  level: AssessLevel;
  total: number;
  rank: number | null;
  indicators: IndicatorResult[];
}

export interface Ranking {
  org: { id: number; code: string; name: string };
  year: number;
  computedAt: string | null;
  rows: ScoreRow[];
  policies: { recompute: boolean; weights: boolean; manual: boolean };
}

export interface IndicatorDef {
  key: string;
  label: string;
  weight: number;
  kind: 'computed' | 'manual';
  source: string;
  rule: { type: 'rate' | 'deduction' | 'manual' | 'pending'; perUnit?: number };
}

export interface Weights {
  year: number;
  level: AssessLevel;
  levelLabel: string;
  indicators: IndicatorDef[];
  sum: number;
  source: string;
  defaults: { key: string; weight: number }[];
  canEdit: boolean;
}

export interface ManualList {
  year: number;
  rows: {
    orgId: number;
    orgCode: string;
    orgName: string;
    indicators: {
      key: string;
      label: string;
      weight: number;
      score: number | null;
      evidence: string | null;
      enteredAt: string | null;
    }[];
  }[];
  canEdit: boolean;
}

export type Evidence = ScoreRow & { year: number; computedAt: string | null };

export const assessmentKeys = {
  all: ['assessment'] as const,
  ranking: (orgId: number, year: number) => ['assessment', 'ranking', orgId, year] as const,
  weights: (orgId: number, year: number, level: AssessLevel) =>
    ['assessment', 'weights', orgId, year, level] as const,
  manual: (orgId: number, year: number) => ['assessment', 'manual', orgId, year] as const,
  evidence: (orgId: number, year: number) => ['assessment', 'evidence', orgId, year] as const,
};

export const assessmentApi = {
  ranking: (orgId: number, year: number) =>
    http.get<Envelope<Ranking>>(`/api/assessment?orgId=${orgId}&year=${year}`),
  recompute: (orgId: number, year: number) =>
    http.post<Envelope<unknown>>('/api/assessment/recompute', { orgId, year }),
  weights: (orgId: number, year: number, level: AssessLevel) =>
    http.get<Envelope<Weights>>(`/api/assessment/weights?orgId=${orgId}&year=${year}&level=${level}`),
  putWeights: (orgId: number, year: number, level: AssessLevel, weights: { key: string; weight: number }[]) =>
    http.put<Envelope<Weights>>('/api/assessment/weights', { orgId, year, level, weights }),
  manual: (orgId: number, year: number) =>
    http.get<Envelope<ManualList>>(`/api/assessment/manual?orgId=${orgId}&year=${year}`),
  enterManual: (body: { orgId: number; year: number; key: string; score: number; evidence: string }) =>
    http.post<Envelope<unknown>>('/api/assessment/manual', body),
  evidence: (orgId: number, year: number) =>
    http.get<Envelope<Evidence>>(`/api/assessment/evidence?orgId=${orgId}&year=${year}`),
};

/** Indicators whose value is a count (deducted per item). */
const COUNTED = new Set(['devViolations', 'inspectionFindings']);

/** A value as shown: a rate in %, a count of violations, entered points. */
export function formatValue(i: IndicatorResult, rule?: IndicatorDef['rule']['type']): string {
  if (i.value === null) return '—';
  if (COUNTED.has(i.key) || rule === 'deduction') return `${i.value}项`;
  if (i.key === 'featureWork' || i.key === 'satisfaction' || rule === 'manual') return `${i.value}分`;
  return `${i.value}%`;
}
