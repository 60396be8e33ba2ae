// 述职评议考核 services: helpers shared by the campaign sections (audit, rules, presenters, loading).
import { type ReportAttachment } from '../../../core/evaluation/attachments.rules.ts';
import {
  type CompositeWeights,
  type GradePoints,
  type GradeThresholds,
  type IndicatorScore,
} from '../../../core/evaluation/evaluation.rules.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { SECRETARY_SCHEME, type Tally } from '../../../core/voting/voting.rules.ts';
import { denied } from '../../authz.ts';
import type { Actor, AppContext, RequestContext } from '../../context.ts';
import { notFound } from '../../http/errors.ts';
import type { CampaignRow, SubjectRow } from './evaluation.repository.ts';
import * as repo from './evaluation.repository.ts';

export const SUBJECT_SOURCE = 'evaluation.subject';

export function audit(ctx: AppContext, rc: RequestContext) {
  const a = rc.actor!;
  return {
    at: ctx.now().toISOString(),
    result: 'ok' as const,
    actorUserId: a.userId,
    actorUsername: a.username,
    requestId: rc.meta.requestId,
    ip: rc.meta.ip,
  };
}

export function rules(ctx: AppContext, on: string) {
  return {
    points: ruleValue<GradePoints>(ctx.config.rulebook, 'evaluation.secretary.gradePoints', on),
    thresholds: ruleValue<GradeThresholds>(ctx.config.rulebook, 'evaluation.secretary.gradeThresholds', on),
    weights: ruleValue<CompositeWeights>(ctx.config.rulebook, 'evaluation.secretary.weights', on),
    rectDays: ruleValue<number>(ctx.config.rulebook, 'evaluation.rectification.defaultDays', on),
  };
}

/** Derived stage: voting closed but not yet published = reviewing. */
export function stageOf(c: CampaignRow, boxStatus: string | undefined): string {
  if (c.status === 'voting' && boxStatus === 'closed') return 'reviewing';
  return c.status;
}

export const STAGE_NAMES: Record<string, string> = {
  reporting: '述职准备',
  voting: '民主测评',
  reviewing: '点评和综合评价',
  published: '已公布',
};

export function presentCampaign(c: CampaignRow, boxStatus: string | undefined) {
  const stage = stageOf(c, boxStatus);
  return {
    id: c.id,
    title: c.title,
    year: c.year,
    orgId: c.org_id,
    orgCode: c.org_code,
    orgName: c.org_name,
    orgPath: c.org_path,
    level: c.org_depth,
    parentCampaignId: c.parent_campaign_id,
    status: stage,
    statusName: STAGE_NAMES[stage] ?? stage,
    meetingOn: c.meeting_on,
    weights: JSON.parse(c.weights) as CompositeWeights,
    boxId: c.box_id,
    publishScopePath: c.publish_scope_path,
    publishedAt: c.published_at,
  };
}

export function presentSubject(s: SubjectRow, tally?: Tally['subjects'][number]) {
  const counts =
    tally?.counts ??
    (s.tally
      ? (JSON.parse(s.tally) as Record<string, number>)
      : Object.fromEntries(SECRETARY_SCHEME.map((g) => [g, 0])));
  return {
    id: s.id,
    campaignId: s.campaign_id,
    orgId: s.org_id,
    orgCode: s.org_code,
    orgName: s.org_name,
    personId: s.person_id,
    name: s.name,
    reportOrder: s.report_order,
    reportText: s.report_text,
    problems: JSON.parse(s.problems) as string[],
    attachments: JSON.parse(s.attachments) as ReportAttachment[],
    submittedAt: s.submitted_at,
    comment: s.comment_grade ? { text: s.comment_text, grade: s.comment_grade } : null,
    indicators: JSON.parse(s.indicators) as IndicatorScore[],
    tally: counts,
    percents: tally?.percents ?? null,
    score: s.score_x10 === null ? null : s.score_x10 / 10,
    grade: s.grade,
  };
}

export async function loadCampaign(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  allowed: (a: Actor, c: CampaignRow) => boolean,
) {
  const c = await repo.findCampaign(ctx.db, id);
  if (!c) throw notFound('述职评议活动');
  if (!allowed(rc.actor!, c)) throw await denied(ctx, rc, 'eval_campaign', id, 'scope');
  return c;
}
