// The 考核 report of the CLI contract: the children of an organisation ranked for a year
// (the stored snapshot when 重新计算 has run, else computed now without storing).
import type { AppContext } from '../../context.ts';
import { findOrgByCodeAnywhere } from '../org-system/org-system.repository.ts';
import * as repo from './assessment.repository.ts';
import { computeRanking } from './assessment.scoring.ts';

export interface AssessmentReport {
  rows: Array<{
    orgCode: string;
    orgName: string;
    score: number;
    rank: number;
    indicators: Array<{ key: string; label: string; value: number | null; weight: number; score: number }>;
  }>;
}

/** null when no organisation has that code. */
export async function assessmentReport(
  ctx: AppContext,
  code: string,
  year: number,
): Promise<{ org: { code: string; name: string }; stored: boolean; report: AssessmentReport } | null> {
  const org = await findOrgByCodeAnywhere(ctx.db, code);
  if (!org) return null;
  const stored = await repo.scoresOf(ctx.db, org.id, year);
  const rows = stored.length > 0 ? stored : await computeRanking(ctx, org, year);
  return {
    org: { code: org.code, name: org.name },
    stored: stored.length > 0,
    report: {
      rows: [...rows]
        .sort((a, b) => a.rank - b.rank || a.org_code.localeCompare(b.org_code))
        .map((r) => ({
          orgCode: r.org_code,
          orgName: r.org_name,
          score: r.total,
          rank: r.rank,
          indicators: r.indicators.map((i) => ({
            key: i.key,
            label: i.label,
            value: i.value,
            weight: i.weight,
            score: i.score,
          })),
        })),
    },
  };
}

/** The CLI contract's document: exactly these fields (names stay in the Chinese table). */
export function contractJson(report: AssessmentReport) {
  return {
    rows: report.rows.map((r) => ({
      orgCode: r.orgCode,
      score: r.score,
      rank: r.rank,
      indicators: r.indicators.map((i) => ({ key: i.key, value: i.value, weight: i.weight, score: i.score })),
    })),
  };
}
