// What 考核 gives other modules: the 党建考核得分 indicator of 述职评议, and the automatic
// 软弱涣散 case when a branch is graded in the lowest grade (三类) of its scheme.
import type { Kysely, Transaction } from 'kysely';
import type { IndicatorScore } from '../../../core/evaluation/evaluation.rules.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import * as osRepo from '../org-system/org-system.repository.ts';
import * as repo from './assessment.repository.ts';
import { actorOf } from '../evaluation/rectification/rectification.service.ts';
import { openWeakItem } from '../org-system/org-system-weak-engine.ts';

/** The subject organisation's stored assessment total for the year (null before 重新计算 has run). */
export async function assessmentIndicator(
  db: Kysely<DB> | Transaction<DB>,
  orgId: number,
  year: number,
): Promise<IndicatorScore | null> {
  const s = await repo.scoreOfOrg(db, orgId, year);
  if (!s) return null;
  return {
    key: 'assessmentTotal',
    title: '党建考核得分',
    score: Math.max(0, Math.min(100, s.total)),
    detail: `${year}年度党建考核${s.total}分，在同级组织中排第${s.rank}名`,
  };
}

/** Where an automatically opened case comes from (shown as is in the 软弱涣散 list). */
export const WEAK_SOURCE_ASSESSMENT = '考核定为三类';

/**
 * Inside the grading transaction: a branch graded in the scheme's lowest grade gets a 软弱涣散
 * case (criteria and measures from the rulebook) unless one is already open for it.
 * Returns the new case id, or null.
 */
export async function openWeakCaseOnLowestGrade(
  trx: Transaction<DB>,
  ctx: AppContext,
  rc: RequestContext,
  g: {
    org: { id: number; path: string };
    year: number;
    grade: string;
    grades: readonly string[];
    on: string;
  },
): Promise<number | null> {
  if (g.grades.length === 0 || g.grade !== g.grades[g.grades.length - 1]) return null;
  if (await osRepo.openWeakCaseOf(trx, g.org.id)) return null;
  const policy = ruleValue<{ criteria: string[]; measures: string }>(
    ctx.config.rulebook,
    'assessment.weakOnLowestGrade',
    g.on,
  );
  const row = await osRepo.insertWeakCase(trx, {
    org_id: g.org.id,
    org_path: g.org.path,
    year: g.year,
    designated_on: g.on,
    criteria: JSON.stringify(policy.criteria),
    source: WEAK_SOURCE_ASSESSMENT,
    measures: policy.measures,
    first_secretary: null,
    village_cadres: null,
    created_by: rc.actor?.userId ?? null,
    now: ctx.now().toISOString(),
  });
  // The case moves on the one rectification engine like any other (问题清单).
  if (rc.actor) await openWeakItem(trx, ctx, row, actorOf(rc.actor, rc.meta));
  else await openWeakItem(trx, ctx, row, { userId: null, name: '系统' });
  await appendAudit(trx, ctx.ring, {
    at: ctx.now().toISOString(),
    action: 'orgsys.weak.designate',
    result: 'ok',
    actorUserId: rc.actor?.userId ?? null,
    actorUsername: rc.actor?.username ?? null,
    objectType: 'os_weak_case',
    objectId: row.id,
    scopePath: g.org.path,
    requestId: rc.meta.requestId,
    ip: rc.meta.ip,
    detail: {
      after: { year: g.year, grade: g.grade, source: WEAK_SOURCE_ASSESSMENT, criteria: policy.criteria },
    },
  });
  return Number(row.id);
}
