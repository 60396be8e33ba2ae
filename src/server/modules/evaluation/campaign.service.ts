// 书记抓基层党建述职评议考核: load → decide (core rule) → persist → audit, one transaction per change.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { pathIds } from '../../../core/org/org.rules.ts';
import {
  compositeScore,
  gradeOf,
  needsFollowUp,
  vacancyIndicator,
  validateWeights,
  voteScore,
  type CompositeWeights,
  type GradePoints,
  type GradeThresholds,
  type IndicatorScore,
  type SecretaryGrade,
} from '../../../core/evaluation/evaluation.rules.ts';
import { mergeAttachments, type ReportAttachment } from '../../../core/evaluation/attachments.rules.ts';
import type { CreateCampaignInput, ReportInput } from '../../../core/evaluation/evaluation.schemas.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { addDays, chinaDate } from '../../../core/shared/dates.ts';
import { SECRETARY_SCHEME, type Tally } from '../../../core/voting/voting.rules.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import type { Actor, AppContext, RequestContext } from '../../context.ts';
import { denied } from '../../authz.ts';
import { badRequest, conflict, fromDecision, notFound } from '../../http/errors.ts';
import { findOrgById } from '../orgs/orgs.repository.ts';
import { canLeadIn, canManageIn, canReadCampaign } from './evaluation.policy.ts';
import * as repo from './evaluation.repository.ts';
import type { CampaignRow, SubjectRow } from './evaluation.repository.ts';
import {
  actorOf,
  createRectification,
  summariseRectifications,
  type RectActor,
} from './rectification/rectification.service.ts';
import { openBox, tallyBoxes } from './voting/voting.service.ts';

export const SUBJECT_SOURCE = 'evaluation.subject';

function audit(ctx: AppContext, rc: RequestContext) {
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

function rules(ctx: AppContext, on: string) {
  return {
    points: ruleValue<GradePoints>(ctx.config.rulebook, 'evaluation.secretary.gradePoints', on),
    thresholds: ruleValue<GradeThresholds>(ctx.config.rulebook, 'evaluation.secretary.gradeThresholds', on),
    weights: ruleValue<CompositeWeights>(ctx.config.rulebook, 'evaluation.secretary.weights', on),
    rectDays: ruleValue<number>(ctx.config.rulebook, 'evaluation.rectification.defaultDays', on),
  };
}

/** Derived stage: voting closed but not yet published = reviewing. */
function stageOf(c: CampaignRow, boxStatus: string | undefined): string {
  if (c.status === 'voting' && boxStatus === 'closed') return 'reviewing';
  return c.status;
}

export const STAGE_NAMES: Record<string, string> = {
  reporting: '述职准备',
  voting: '民主测评',
  reviewing: '点评和综合评价',
  published: '已公布',
};

function presentCampaign(c: CampaignRow, boxStatus: string | undefined) {
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

function presentSubject(s: SubjectRow, tally?: Tally['subjects'][number]) {
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

async function loadCampaign(
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

export async function listCampaigns(ctx: AppContext, actor: Actor, year: number | undefined) {
  const rows = await repo.listCampaigns(ctx.db, actor.scopePath, year);
  const boxes = await tallyBoxes(
    ctx.db,
    rows.map((r) => r.box_id).filter((x): x is number => x !== null),
    ctx.config.rulebook,
    chinaDate(ctx.now()),
  );
  return {
    data: rows.map((r) => presentCampaign(r, r.box_id ? boxes.get(r.box_id)?.box.status : undefined)),
  };
}

export async function getCampaign(ctx: AppContext, rc: RequestContext, id: number) {
  const c = await loadCampaign(ctx, rc, id, canReadCampaign);
  const today = chinaDate(ctx.now());
  const [subjects, boxes, interviews] = await Promise.all([
    repo.subjectsOf(ctx.db, [c.id]),
    tallyBoxes(ctx.db, c.box_id ? [c.box_id] : [], ctx.config.rulebook, today),
    repo.interviewsOf(ctx.db, [c.id]),
  ]);
  const t = c.box_id ? boxes.get(c.box_id) : undefined;
  const rect = await summariseRectifications(ctx.db, c.org_path, today, {
    type: SUBJECT_SOURCE,
    ids: subjects.map((s) => s.id),
  });
  const actor = rc.actor!;
  const stage = stageOf(c, t?.box.status);
  const lead = canLeadIn(actor, c.org_path);
  return {
    data: {
      ...presentCampaign(c, t?.box.status),
      subjects: subjects.map((s) =>
        presentSubject(
          s,
          t?.subjects.find((x) => x.key === String(s.id)),
        ),
      ),
      voting: t
        ? {
            boxId: t.box.id,
            status: t.box.status,
            expected: t.expected,
            cast: t.cast,
            turnoutPercent: t.turnoutPercent,
            quorumMet: t.quorumMet,
            issuedTokens: t.box.issuedTokens,
          }
        : null,
      interviews: interviews.map((i) => ({
        id: i.id,
        subjectId: i.subject_id,
        personId: i.person_id,
        reason: i.reason,
        status: i.status,
        heldOn: i.held_on,
        notes: i.notes,
      })),
      rectifications: rect,
    },
    policies: {
      openVoting: lead && stage === 'reporting',
      comment: lead && stage !== 'published',
      publish: lead && stage === 'reviewing',
      submitReport: stage === 'reporting' && canManageIn(actor, c.org_path),
      order: lead && stage === 'reporting',
      paperBallot: t?.box.status === 'open' && canManageIn(actor, c.org_path),
      interview: lead,
    },
  };
}

export async function createCampaign(ctx: AppContext, rc: RequestContext, input: CreateCampaignInput) {
  const actor = rc.actor!;
  const org = await findOrgById(ctx.db, input.orgId);
  if (!org) throw notFound('组织');
  if (!canLeadIn(actor, org.path)) throw await denied(ctx, rc, 'org', org.id, 'scope');
  const today = chinaDate(ctx.now());
  const weights = input.weights ?? rules(ctx, today).weights;
  const w = validateWeights(weights);
  if (!w.ok) throw fromDecision(w);
  return ctx.db.transaction().execute(async (trx) => {
    if (await repo.findCampaignByOrgYear(trx, org.id, input.year))
      throw conflict('CAMPAIGN_EXISTS', `${org.name}${input.year}年度的述职评议活动已经存在`, 'year');
    let parentId: number | null = null;
    if (input.parentCampaignId !== undefined) {
      const parent = await repo.findCampaign(trx, input.parentCampaignId);
      if (
        !parent ||
        parent.year !== input.year ||
        !org.path.startsWith(parent.org_path) ||
        parent.org_path === org.path
      ) {
        throw badRequest(
          'PARENT_CAMPAIGN_INVALID',
          '上级评议活动须为同一年度、由上级组织开展的活动',
          'parentCampaignId',
        );
      }
      parentId = parent.id;
    } else {
      parentId =
        (
          await repo.nearestAncestorCampaign(
            trx,
            pathIds(org.path).filter((x) => x !== org.id),
            input.year,
          )
        )?.id ?? null;
    }
    const all = await repo.childSecretaries(trx, org.id, today);
    const chosen = input.orgIds ? new Set(input.orgIds) : null;
    if (chosen && [...chosen].some((x) => !all.some((c) => c.org_id === x)))
      throw badRequest('ORG_NOT_CHILD', '述职组织须为本组织的直接下级组织', 'orgIds');
    const children = chosen ? all.filter((c) => chosen.has(c.org_id)) : all;
    const withSecretary = children.filter((c) => c.person_id !== null);
    if (withSecretary.length === 0)
      throw badRequest('NO_SECRETARIES', '下级组织没有在任书记，无法开展述职评议', 'orgId');
    const seen = new Set<number>();
    const subjects = withSecretary.filter((c) => !seen.has(c.org_id) && seen.add(c.org_id));
    const { id } = await repo.insertCampaign(trx, {
      org_id: org.id,
      org_path: org.path,
      parent_campaign_id: parentId,
      year: input.year,
      title: input.title,
      meeting_on: input.meetingOn ?? null,
      weights: JSON.stringify(weights),
      created_by: actor.userId,
      created_at: ctx.now().toISOString(),
    });
    await repo.insertSubjects(
      trx,
      subjects.map((s, i) => ({
        campaign_id: id,
        org_id: s.org_id,
        org_path: s.path,
        org_code: s.code,
        org_name: s.org_name,
        person_id: s.person_id!,
        name: s.name!,
        report_order: i + 1,
      })),
    );
    const vacant = children
      .filter((c) => c.person_id === null)
      .map((c) => ({ orgId: c.org_id, orgCode: c.code, orgName: c.org_name }));
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc),
      action: 'evaluation.campaign.create',
      objectType: 'eval_campaign',
      objectId: id,
      scopePath: org.path,
      detail: {
        after: {
          title: input.title,
          year: input.year,
          subjects: subjects.length,
          parentCampaignId: parentId,
          weights,
        },
      },
    });
    const row = (await repo.findCampaign(trx, id))!;
    return { data: { ...presentCampaign(row, undefined), subjects: subjects.length, vacantOrgs: vacant } };
  });
}

async function loadSubject(ctx: AppContext, rc: RequestContext, id: number) {
  const s = await repo.findSubject(ctx.db, id);
  if (!s) throw notFound('述职对象');
  const c = (await repo.findCampaign(ctx.db, s.campaign_id))!;
  return { s, c };
}

/** 述职报告 and the self-listed problem list: by the secretary (own account) or an administrator of the subject's organisation. */
export async function submitReport(ctx: AppContext, rc: RequestContext, id: number, input: ReportInput) {
  const actor = rc.actor!;
  const { s, c } = await loadSubject(ctx, rc, id);
  const own = (await repo.personOfUser(ctx.db, actor.userId)) === s.person_id;
  if (!own && !canManageIn(actor, s.org_path)) throw await denied(ctx, rc, 'eval_subject', id, 'scope');
  if (c.status !== 'reporting')
    throw conflict('CAMPAIGN_NOT_REPORTING', '民主测评已经开始，述职报告不能再修改', 'reportText');
  return ctx.db.transaction().execute(async (trx) => {
    const updated = await repo.updateSubject(trx, id, {
      report_text: input.reportText,
      problems: JSON.stringify(input.problems),
      // Uploaded files stay (removed one by one); the linked ones are replaced.
      attachments: JSON.stringify(
        mergeAttachments(JSON.parse(s.attachments) as ReportAttachment[], input.attachments),
      ),
      submitted_at: ctx.now().toISOString(),
    });
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc),
      action: 'evaluation.report.submit',
      objectType: 'eval_subject',
      objectId: id,
      scopePath: s.org_path,
      detail: {
        after: {
          chars: input.reportText.length,
          problems: input.problems.length,
          attachments: input.attachments.length,
        },
        onBehalf: !own,
      },
    });
    return { data: presentSubject(updated) };
  });
}

export async function setOrder(ctx: AppContext, rc: RequestContext, id: number, subjectIds: number[]) {
  const c = await loadCampaign(ctx, rc, id, (a, x) => canLeadIn(a, x.org_path));
  const subjects = await repo.subjectsOf(ctx.db, [c.id]);
  const known = new Set(subjects.map((s) => s.id));
  if (
    subjectIds.length !== known.size ||
    new Set(subjectIds).size !== known.size ||
    subjectIds.some((x) => !known.has(x))
  ) {
    throw badRequest('ORDER_INVALID', '述职顺序须包含本次活动的全部述职对象且不重复', 'subjectIds');
  }
  return ctx.db.transaction().execute(async (trx) => {
    for (const [i, sid] of subjectIds.entries()) await repo.updateSubject(trx, sid, { report_order: i + 1 });
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc),
      action: 'evaluation.campaign.order',
      objectType: 'eval_campaign',
      objectId: id,
      scopePath: c.org_path,
      detail: { after: subjectIds },
    });
    return { data: { subjectIds } };
  });
}

/** Opens the 民主测评: one anonymous box rating every secretary, with one token per expected participant. */
export async function openVoting(ctx: AppContext, rc: RequestContext, id: number, expectedVoters: number) {
  const c = await loadCampaign(ctx, rc, id, (a, x) => canLeadIn(a, x.org_path));
  if (c.status !== 'reporting') throw conflict('VOTING_ALREADY_OPENED', '民主测评已经开始', 'status');
  const subjects = await repo.subjectsOf(ctx.db, [c.id]);
  const missing = subjects.filter((s) => !s.submitted_at).map((s) => s.name);
  if (missing.length > 0)
    throw conflict('REPORTS_MISSING', `尚未提交述职报告：${missing.join('、')}`, 'reportText');
  return ctx.db.transaction().execute(async (trx) => {
    const { box, tokens } = await openBox(
      trx,
      {
        orgPath: c.org_path,
        sourceType: 'evaluation.campaign',
        sourceId: c.id,
        title: `${c.title} 民主测评`,
        scheme: SECRETARY_SCHEME,
        subjects: subjects.map((s) => ({ key: String(s.id), label: `${s.name}（${s.org_name}）` })),
        anonymous: true,
        expectedVoters,
        tokens: expectedVoters,
      },
      ctx.now(),
    );
    await repo.updateCampaign(trx, c.id, {
      status: 'voting',
      box_id: box.id,
      updated_at: ctx.now().toISOString(),
    });
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc),
      action: 'evaluation.voting.open',
      objectType: 'eval_campaign',
      objectId: id,
      scopePath: c.org_path,
      detail: { after: { boxId: box.id, expectedVoters, tokensIssued: tokens.length } },
    });
    return { data: { box, tokens } };
  });
}

/** 点评 by the leader: text and grade per secretary. */
export async function comment(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  input: { text: string; grade: SecretaryGrade },
) {
  const { s, c } = await loadSubject(ctx, rc, id);
  if (!canLeadIn(rc.actor!, c.org_path)) throw await denied(ctx, rc, 'eval_subject', id, 'scope');
  if (c.status === 'published') throw conflict('CAMPAIGN_PUBLISHED', '结果已经公布，点评不能再修改', 'grade');
  return ctx.db.transaction().execute(async (trx) => {
    const updated = await repo.updateSubject(trx, id, {
      comment_text: input.text,
      comment_grade: input.grade,
    });
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc),
      action: 'evaluation.comment',
      objectType: 'eval_subject',
      objectId: id,
      scopePath: s.org_path,
      detail: { before: { grade: s.comment_grade }, after: { grade: input.grade } },
    });
    return { data: presentSubject(updated) };
  });
}

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
    out.set(
      s.id,
      below.length === 0 ? [] : [vacancyIndicator(below.filter((o) => Number(o.n) > 0).length, below.length)],
    );
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

/** 三级联述联评联考: every campaign of the year in the subtree, with grades and rectification progress. */
export async function linkedView(ctx: AppContext, rc: RequestContext, id: number) {
  const c = await loadCampaign(ctx, rc, id, (a, x) => canManageIn(a, x.org_path));
  const today = chinaDate(ctx.now());
  const campaigns = await repo.campaignsInSubtree(ctx.db, c.org_path, c.year);
  const subjects = await repo.subjectsOf(
    ctx.db,
    campaigns.map((x) => x.id),
  );
  const rect = await summariseRectifications(ctx.db, c.org_path, today, {
    type: SUBJECT_SOURCE,
    ids: subjects.map((s) => s.id),
  });
  const boxes = await tallyBoxes(
    ctx.db,
    campaigns.map((x) => x.box_id).filter((x): x is number => x !== null),
    ctx.config.rulebook,
    today,
  );
  const perCampaign = await Promise.all(
    campaigns.map(async (x) => {
      const mine = subjects.filter((s) => s.campaign_id === x.id);
      const grades: Record<string, number> = Object.fromEntries(SECRETARY_SCHEME.map((g) => [g, 0]));
      for (const s of mine) if (s.grade) grades[s.grade] = (grades[s.grade] ?? 0) + 1;
      return {
        ...presentCampaign(x, x.box_id ? boxes.get(x.box_id)?.box.status : undefined),
        subjects: mine.length,
        grades,
        rectifications: await summariseRectifications(ctx.db, x.org_path, today, {
          type: SUBJECT_SOURCE,
          ids: mine.map((s) => s.id),
        }),
      };
    }),
  );
  return { data: { root: c.id, year: c.year, campaigns: perCampaign, rectifications: rect } };
}

/** The CLI report: `latest` = the most recently published campaign at the highest level (else the latest one). */
export async function campaignReport(ctx: AppContext, ref: number | 'latest') {
  const id =
    ref === 'latest'
      ? ((await repo.latestCampaignId(ctx.db, true)) ?? (await repo.latestCampaignId(ctx.db, false)))
      : ref;
  const c = id === undefined ? undefined : await repo.findCampaign(ctx.db, id);
  if (!c) return null;
  const today = chinaDate(ctx.now());
  const subjects = await repo.subjectsOf(ctx.db, [c.id]);
  const boxes = await tallyBoxes(ctx.db, c.box_id ? [c.box_id] : [], ctx.config.rulebook, today);
  const t = c.box_id ? boxes.get(c.box_id) : undefined;
  const rect = await summariseRectifications(ctx.db, c.org_path, today, {
    type: SUBJECT_SOURCE,
    ids: subjects.map((s) => s.id),
  });
  const campaign = presentCampaign(c, t?.box.status);
  return {
    campaign: {
      id: campaign.id,
      title: campaign.title,
      year: campaign.year,
      orgCode: campaign.orgCode,
      orgName: campaign.orgName,
      status: campaign.status,
      publishedAt: campaign.publishedAt,
      turnoutPercent: t?.turnoutPercent ?? null,
      quorumMet: t?.quorumMet ?? null,
    },
    people: subjects.map((s) => {
      const p = presentSubject(
        s,
        t?.subjects.find((x) => x.key === String(s.id)),
      );
      const tally = {
        好: p.tally['好'] ?? 0,
        较好: p.tally['较好'] ?? 0,
        一般: p.tally['一般'] ?? 0,
        差: p.tally['差'] ?? 0,
      };
      return { name: p.name, orgCode: p.orgCode, tally, score: p.score, grade: p.grade };
    }),
    rectifications: rect.total,
  };
}

/** Records a 约谈 as held: by the committee that ran the campaign (the talk is theirs to hold). */
export async function recordInterview(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  input: { heldOn: string; notes: string },
) {
  const i = await repo.findInterview(ctx.db, id);
  if (!i) throw notFound('约谈记录');
  if (!canLeadIn(rc.actor!, i.campaign_path)) throw await denied(ctx, rc, 'eval_interview', id, 'scope');
  if (input.heldOn > chinaDate(ctx.now()))
    throw badRequest('HELD_IN_FUTURE', '约谈日期不能晚于今天', 'heldOn');
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.recordInterview(trx, id, input.heldOn, input.notes);
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc),
      action: 'evaluation.interview.record',
      objectType: 'eval_interview',
      objectId: id,
      scopePath: i.org_path,
      detail: { before: { status: i.status }, after: { status: 'held', heldOn: input.heldOn } },
    });
    return {
      data: {
        id: row.id,
        subjectId: row.subject_id,
        status: row.status,
        heldOn: row.held_on,
        notes: row.notes,
      },
    };
  });
}
