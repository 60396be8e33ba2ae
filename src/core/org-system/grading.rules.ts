// Branch grading: a configurable scheme, quota limits per rating organisation and year.
import { ok, refuse, type Decision } from '../shared/result.ts';
import type { GradingScheme } from './org-system.types.ts';

export interface GradeRequest {
  scheme: GradingScheme;
  grade: string;
  /** Branches the rating organisation rates this year (the quota base). */
  ratedBase: number;
  /** Ratings with this grade already given this year under the rating organisation (this branch excluded). */
  alreadyWithGrade: number;
}

/** Highest number of ratings with a grade: ⌊quota × base⌋ (不超过: the boundary is allowed). */
export function quotaLimit(quota: number, base: number): number {
  return Math.floor(quota * base + 1e-9);
}

export function decideGrade(req: GradeRequest): Decision<void> {
  if (!req.scheme.grades.includes(req.grade)) {
    return refuse('GRADE_UNKNOWN', `等次“${req.grade}”不属于定级方案“${req.scheme.name}”（可选：${req.scheme.grades.join('、')}）`, 'grade');
  }
  const quota = req.scheme.quotas[req.grade];
  if (quota !== undefined) {
    const limit = quotaLimit(quota, req.ratedBase);
    if (req.alreadyWithGrade + 1 > limit) {
      return refuse('GRADE_OVER_QUOTA', `“${req.grade}”名额已满：不超过${Math.round(quota * 100)}%，${req.ratedBase}个党支部中最多${limit}个，已评定${req.alreadyWithGrade}个`, 'grade');
    }
  }
  return ok(undefined);
}
