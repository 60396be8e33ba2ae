// 述职评议考核 services: 综合评价 and publication.
import type { Transaction } from 'kysely';
import {
  compositeScore,
  gradeOf,
  needsFollowUp,
  vacancyIndicator,
  voteScore,
  type CompositeWeights,
  type IndicatorScore,
  type SecretaryGrade,
} from '../../../core/evaluation/evaluation.rules.ts';
import { addDays, chinaDate } from '../../../core/shared/dates.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import { denied } from '../../authz.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { conflict, notFound } from '../../http/errors.ts';
import { assessmentIndicator } from '../assessment/assessment.feeds.ts';
import { findOrgById } from '../orgs/orgs.repository.ts';
import { SUBJECT_SOURCE, audit, loadCampaign, rules } from './campaign-common.service.ts';
import { canLeadIn } from './evaluation.policy.ts';
import type { CampaignRow, SubjectRow } from './evaluation.repository.ts';
import * as repo from './evaluation.repository.ts';
import { actorOf, createRectification, type RectActor } from './rectification/rectification.service.ts';
import { tallyBoxes } from './voting/voting.service.ts';

/** 书记空缺 indicator for each subject: organisations strictly below the subject's own. */
async function indicatorsFor(
  ctx: AppContext,
  c: CampaignRow,
  subjects: readonly SubjectRow[],
  on: string,
): Promise<Map<number, IndicatorScore[]>> {
  const coverage = await repo.secretaryCoverage(ctx.db, c.org_path, on);
  const out = new Map<number, IndicatorScore[]>();
  for (const s of subjects) {
    const below = coverage.filter((o) => o.path.startsWith(s.org_path) && o.path !== s.org_path);
    const ind = below.length === 0 ? [] : [vacancyIndicator(below.filter((o) => Number(o.n) > 0).length, below.length)];
    // 党建考核得分 of the campaign year, once 考核 has stored it (issue 18).
    const assessed = await assessmentIndicator(ctx.db, s.org_id, c.year);
    out.set(s.id, assessed ? [...ind, assessed] : ind);
  }
  return out;
}

/** 综合评价 and publication; 一般 / 差 → 约谈 and rectification items from the problem list. */
export async function publish(ctx: AppContext, rc: RequestContext, id: number, scopeOrgId: number) {
  const actor = rc.actor!;
  const c = await loadCampaign(ctx, rc, id, (a, x) => canLeadIn(a, x.org_path));
  const scopeOrg = await findOrgById(ctx.db, scopeOrgId);
  if (!scopeOrg) throw notFound('公布范围组织');
  if (!actor.scopePath.startsWith(scopeOrg.path) && !scopeOrg.path.startsWith(actor.scopePath))
    throw await denied(ctx, rc, 'org', scopeOrgId, 'scope');
  const prepared = await preparePublication(ctx, c);
  return ctx.db.transaction().execute(async (trx) => {
    const out = await writePublication(trx, ctx, c, prepared, scopeOrg.path, actorOf(actor, rc.meta));
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc),
      action: 'evaluation.campaign.publish',
      objectType: 'eval_campaign',
      objectId: id,
      scopePath: c.org_path,
      detail: {
        after: {
          publishScope: scopeOrg.code,
          results: out.results.map((x) => ({ subjectId: x.subjectId, grade: x.grade })),
          rectifications: out.rectifications,
        },
      },
    });
    return { data: out };
  });
}

/** Reads and checks what a publication needs (outside the write transaction). */
export async function preparePublication(ctx: AppContext, c: CampaignRow) {
  if (c.status === 'published') throw conflict('CAMPAIGN_PUBLISHED', '结果已经公布', 'status');
  const today = chinaDate(ctx.now());
  const boxes = await tallyBoxes(ctx.db, c.box_id ? [c.box_id] : [], ctx.config.rulebook, today);
  const t = c.box_id ? boxes.get(c.box_id) : undefined;
  if (!t || t.box.status !== 'closed')
    throw conflict('VOTING_NOT_CLOSED', '民主测评尚未结束，不能公布结果', 'status');
  const subjects = await repo.subjectsOf(ctx.db, [c.id]);
  const noComment = subjects.filter((s) => !s.comment_grade).map((s) => s.name);
  if (noComment.length > 0) throw conflict('COMMENTS_MISSING', `尚未点评：${noComment.join('、')}`, 'grade');
  const indicators = await indicatorsFor(ctx, c, subjects, today);
  return { tally: t, subjects, indicators, today };
}

/** Scores, grades, 约谈 and rectification items, inside the caller's transaction. */
export async function writePublication(
  trx: Transaction<DB>,
  ctx: AppContext,
  c: CampaignRow,
  p: Awaited<ReturnType<typeof preparePublication>>,
  scopePath: string,
  by: RectActor,
) {
  const r = rules(ctx, p.today);
  const weights = JSON.parse(c.weights) as CompositeWeights;
  const results: Array<{ subjectId: number; name: string; score: number | null; grade: string | null }> = [];
  let rectifications = 0;
  for (const s of p.subjects) {
    const st = p.tally.subjects.find((x) => x.key === String(s.id))!;
    const ind = p.indicators.get(s.id) ?? [];
    const score = compositeScore(
      { vote: voteScore(st.counts, r.points), indicators: ind, comment: s.comment_grade as SecretaryGrade },
      weights,
      r.points,
    );
    const grade = score === null ? null : gradeOf(score, r.thresholds);
    await repo.updateSubject(trx, s.id, {
      indicators: JSON.stringify(ind),
      score_x10: score === null ? null : Math.round(score * 10),
      grade,
      tally: JSON.stringify(st.counts),
    });
    results.push({ subjectId: s.id, name: s.name, score, grade });
    if (!needsFollowUp(grade)) continue;
    await repo.insertInterview(trx, {
      campaign_id: c.id,
      subject_id: s.id,
      org_id: s.org_id,
      org_path: s.org_path,
      person_id: s.person_id,
      reason: `${c.title}综合评价等次为“${grade}”`,
      created_at: ctx.now().toISOString(),
    });
    const problems = JSON.parse(s.problems) as string[];
    const items =
      problems.length > 0 ? problems : [`针对${c.year}年度述职评议综合评价“${grade}”查摆问题并整改`];
    for (const title of items) {
      await createRectification(
        trx,
        ctx,
        {
          sourceType: SUBJECT_SOURCE,
          sourceId: s.id,
          org: { id: s.org_id, path: s.org_path },
          owner: { personId: s.person_id, name: s.name },
          title,
          detail: s.comment_text ?? '',
          deadline: addDays(p.today, r.rectDays),
        },
        by,
      );
      rectifications += 1;
    }
  }
  const now = ctx.now().toISOString();
  await repo.updateCampaign(trx, c.id, {
    status: 'published',
    publish_scope_path: scopePath,
    published_at: now,
    updated_at: now,
  });
  return { results, rectifications };
}
