// 民主评议党员 and 不合格党员处置: load → decide → persist → audit, one transaction per change.
import {
  checkExcellentCap,
  decideAdvance,
  excellentCap,
  MEMBER_REVIEW_STAGE_NAMES,
  planDisposition,
  type DispositionKind,
  type MemberReviewStage,
} from '../../../core/evaluation/evaluation.rules.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { chinaDate } from '../../../core/shared/dates.ts';
import { MEMBER_SCHEME } from '../../../core/voting/voting.rules.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import type { Actor, AppContext, RequestContext } from '../../context.ts';
import { denied } from '../../authz.ts';
import { badRequest, conflict, fromDecision, notFound } from '../../http/errors.ts';
import { hasAnyRole, inScope } from '../../http/policy.ts';
import { membersOn } from '../membership/membership.repository.ts';
import { findOrgById } from '../orgs/orgs.repository.ts';
import { canLeadIn, canManageIn, canReviewIn, EVAL_READERS } from './evaluation.policy.ts';
import * as repo from './evaluation.repository.ts';
import type { ReviewRow } from './evaluation.repository.ts';
import { ownedRectifications } from './rectification/rectification.service.ts';
import { myTargets } from './targets.service.ts';
import { closeBox, hasTakenToken, issueTokenTo, openBox, tallyBoxes } from './voting/voting.service.ts';

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

function presentReview(r: ReviewRow) {
  const stage = r.stage as MemberReviewStage;
  return {
    id: r.id,
    orgId: r.org_id,
    orgCode: r.org_code,
    orgName: r.org_name,
    year: r.year,
    stage,
    stageName: MEMBER_REVIEW_STAGE_NAMES[stage],
    studyNote: r.study_note,
    boxId: r.box_id,
    reportToUpper: r.report_to_upper === 1,
    decidedBy: r.decided_by,
    publishedAt: r.published_at,
  };
}

async function loadReview(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  allowed: (a: Actor, r: ReviewRow) => boolean,
) {
  const r = await repo.findReview(ctx.db, id);
  if (!r) throw notFound('民主评议');
  if (!allowed(rc.actor!, r)) throw await denied(ctx, rc, 'member_review', id, 'scope');
  return r;
}

function excellentRatio(ctx: AppContext, on: string): number {
  return ruleValue<number>(ctx.config.rulebook, 'evaluation.excellentMaxRatio', on);
}

export async function createReview(
  ctx: AppContext,
  rc: RequestContext,
  input: { orgId: number; year: number; reportToUpper: boolean },
) {
  const org = await findOrgById(ctx.db, input.orgId);
  if (!org) throw notFound('党支部');
  if (!canManageIn(rc.actor!, org.path)) throw await denied(ctx, rc, 'org', org.id, 'scope');
  const today = chinaDate(ctx.now());
  const members = await membersOn(ctx.db, org.id, today);
  if (members.length === 0)
    throw badRequest('NO_MEMBERS', `${org.name}没有在册党员，无法开展民主评议`, 'orgId');
  return ctx.db.transaction().execute(async (trx) => {
    if (await repo.findReviewByOrgYear(trx, org.id, input.year))
      throw conflict('REVIEW_EXISTS', `${org.name}${input.year}年度民主评议已经开展`, 'year');
    const { id } = await repo.insertReview(trx, {
      org_id: org.id,
      org_path: org.path,
      year: input.year,
      report_to_upper: input.reportToUpper ? 1 : 0,
      created_at: ctx.now().toISOString(),
    });
    await repo.insertEntries(
      trx,
      members.map((m) => ({ review_id: id, org_path: org.path, person_id: m.personId, name: m.name })),
    );
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc),
      action: 'evaluation.review.create',
      objectType: 'member_review',
      objectId: id,
      scopePath: org.path,
      detail: { after: { year: input.year, members: members.length } },
    });
    return { data: presentReview((await repo.findReview(trx, id))!) };
  });
}

export async function listReviews(
  ctx: AppContext,
  rc: RequestContext,
  orgId: number | undefined,
  year: number | undefined,
) {
  const actor = rc.actor!;
  let path = actor.scopePath;
  if (orgId !== undefined) {
    const org = await findOrgById(ctx.db, orgId);
    if (!org) throw notFound('组织');
    if (!inScope(actor, org.path)) throw await denied(ctx, rc, 'org', orgId, 'scope');
    path = org.path;
  }
  const rows = await repo.listReviews(ctx.db, path, year);
  const counts = await repo.gradeCounts(
    ctx.db,
    rows.map((r) => r.id),
  );
  return {
    data: rows.map((r) => {
      const mine = counts.filter((c) => c.review_id === r.id);
      const grades = Object.fromEntries(
        MEMBER_SCHEME.map((g) => [g, Number(mine.find((c) => c.grade === g)?.n ?? 0)]),
      );
      return {
        ...presentReview(r),
        members: mine.reduce((s, c) => s + Number(c.n), 0),
        selfDone: mine.reduce((s, c) => s + Number(c.self), 0),
        grades,
      };
    }),
  };
}

export async function getReview(ctx: AppContext, rc: RequestContext, id: number) {
  const actor = rc.actor!;
  const r = await loadReview(ctx, rc, id, (a, x) => hasAnyRole(a, EVAL_READERS) && inScope(a, x.org_path));
  const today = chinaDate(ctx.now());
  const entries = await repo.entriesOf(ctx.db, r.id);
  const dispositions = await repo.dispositionsOfEntries(
    ctx.db,
    entries.map((e) => e.id),
  );
  const boxes = await tallyBoxes(ctx.db, r.box_id ? [r.box_id] : [], ctx.config.rulebook, today);
  const t = r.box_id ? boxes.get(r.box_id) : undefined;
  const manage = canManageIn(actor, r.org_path);
  // A plain member sees the others' self-reviews only after publication; the tally after voting closed.
  const showTally = manage || t?.box.status === 'closed';
  const myPerson = await repo.personOfUser(ctx.db, actor.userId);
  return {
    data: {
      ...presentReview(r),
      excellentCap: excellentCap(entries.length, excellentRatio(ctx, today)),
      voting: t
        ? {
            boxId: t.box.id,
            status: t.box.status,
            expected: t.expected,
            cast: t.cast,
            turnoutPercent: t.turnoutPercent,
            quorumMet: t.quorumMet,
          }
        : null,
      entries: entries.map((e) => {
        const st = showTally ? t?.subjects.find((x) => x.key === String(e.person_id)) : undefined;
        const visible = manage || r.stage === 'published' || e.person_id === myPerson;
        return {
          id: e.id,
          personId: e.person_id,
          name: e.name,
          selfText: visible ? e.self_text : null,
          selfDone: e.self_text !== null,
          grade: manage || r.stage === 'published' ? e.grade : null,
          reason: manage ? e.reason : null,
          tally: st?.counts ?? null,
          dispositions: manage ? dispositions.filter((d) => d.entry_id === e.id).map(presentDisposition) : [],
        };
      }),
    },
    policies: { manage, lead: canLeadIn(actor, r.org_path) },
  };
}

export async function advanceStage(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  input: { stage: MemberReviewStage; studyNote?: string | undefined },
) {
  const r = await loadReview(ctx, rc, id, (a, x) => canManageIn(a, x.org_path));
  const d = decideAdvance(r.stage as MemberReviewStage, input.stage);
  if (!d.ok) throw fromDecision(d, 'conflict');
  const entries = await repo.entriesOf(ctx.db, r.id);
  if (input.stage === 'self' && !(input.studyNote ?? r.study_note))
    throw badRequest('STUDY_NOTE_REQUIRED', '请先填写学习教育记录', 'studyNote');
  if (input.stage === 'published' && entries.some((e) => !e.grade))
    throw conflict(
      'ASSESSMENT_INCOMPLETE',
      `尚有${entries.filter((e) => !e.grade).length}名党员未评定等次`,
      'grades',
    );
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.now().toISOString();
    let boxId: number | undefined;
    if (input.stage === 'vote') {
      const { box } = await openBox(
        trx,
        {
          orgPath: r.org_path,
          sourceType: 'evaluation.review',
          sourceId: r.id,
          title: `${r.org_name}${r.year}年度民主评议党员 民主测评`,
          scheme: MEMBER_SCHEME,
          subjects: entries.map((e) => ({ key: String(e.person_id), label: e.name })),
          anonymous: true,
          expectedVoters: entries.length,
        },
        ctx.now(),
      );
      boxId = box.id;
    }
    if (input.stage === 'assess' && r.box_id) {
      const boxes = await tallyBoxes(trx, [r.box_id], ctx.config.rulebook, chinaDate(ctx.now()));
      if (boxes.get(r.box_id)?.box.status === 'open') await closeBox(trx, r.box_id, ctx.now());
    }
    await repo.updateReview(trx, r.id, {
      stage: input.stage,
      updated_at: now,
      ...(input.studyNote ? { study_note: input.studyNote } : {}),
      ...(boxId ? { box_id: boxId } : {}),
      ...(input.stage === 'published' ? { published_at: now } : {}),
    });
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc),
      action: 'evaluation.review.stage',
      objectType: 'member_review',
      objectId: r.id,
      scopePath: r.org_path,
      detail: { before: { stage: r.stage }, after: { stage: input.stage } },
    });
    return { data: presentReview((await repo.findReview(trx, r.id))!) };
  });
}

/** 个人自评, written by the member on a phone. */
export async function submitSelfReview(ctx: AppContext, rc: RequestContext, id: number, text: string) {
  const actor = rc.actor!;
  const r = await repo.findReview(ctx.db, id);
  if (!r) throw notFound('民主评议');
  const personId = await repo.personOfUser(ctx.db, actor.userId);
  const entries = await repo.entriesOf(ctx.db, r.id);
  const mine = personId === null ? undefined : entries.find((e) => e.person_id === personId);
  if (!mine) throw await denied(ctx, rc, 'member_review', id, 'not a participant');
  if (r.stage !== 'self')
    throw conflict(
      'STAGE_NOT_SELF',
      `当前环节为“${MEMBER_REVIEW_STAGE_NAMES[r.stage as MemberReviewStage]}”，不能提交个人自评`,
      'text',
    );
  return ctx.db.transaction().execute(async (trx) => {
    await repo.updateEntry(trx, mine.id, { self_text: text, self_at: ctx.now().toISOString() });
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc),
      action: 'evaluation.review.self',
      objectType: 'member_review_entry',
      objectId: mine.id,
      scopePath: r.org_path,
      detail: { after: { chars: text.length } },
    });
    return { data: { entryId: mine.id, selfDone: true } };
  });
}

/** A member of the branch takes a single-use token for the anonymous 民主测评. */
export async function takeReviewBallot(ctx: AppContext, rc: RequestContext, id: number) {
  const actor = rc.actor!;
  const r = await repo.findReview(ctx.db, id);
  if (!r) throw notFound('民主评议');
  const personId = await repo.personOfUser(ctx.db, actor.userId);
  const entries = await repo.entriesOf(ctx.db, r.id);
  if (personId === null || !entries.some((e) => e.person_id === personId))
    throw await denied(ctx, rc, 'member_review', id, 'not a voter');
  if (r.stage !== 'vote' || !r.box_id) throw conflict('STAGE_NOT_VOTE', '当前不在民主测评环节', 'stage');
  return ctx.db.transaction().execute(async (trx) => {
    const token = await issueTokenTo(trx, r.box_id!, personId);
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc),
      action: 'vote.token.issue',
      objectType: 'vote_box',
      objectId: r.box_id,
      scopePath: r.org_path,
      detail: {},
    });
    return { data: { token } };
  });
}

/** 组织评定 by the 支委会 / 党员大会, with reasons; 优秀 capped by the rulebook. */
export async function assess(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  input: { grades: Array<{ personId: number; grade: string; reason: string }>; decidedBy: string },
) {
  const r = await loadReview(ctx, rc, id, (a, x) => canManageIn(a, x.org_path));
  if (r.stage !== 'assess')
    throw conflict(
      'STAGE_NOT_ASSESS',
      `当前环节为“${MEMBER_REVIEW_STAGE_NAMES[r.stage as MemberReviewStage]}”，不能进行组织评定`,
      'grades',
    );
  const entries = await repo.entriesOf(ctx.db, r.id);
  const byPerson = new Map(entries.map((e) => [e.person_id, e]));
  for (const g of input.grades) {
    if (!byPerson.has(g.personId))
      throw badRequest('NOT_IN_REVIEW', `党员（ID ${g.personId}）不在本次民主评议名单中`, 'grades');
    if ((g.grade === '不合格' || g.grade === '基本合格') && !g.reason)
      throw badRequest('REASON_REQUIRED', `评定为“${g.grade}”须写明理由`, 'grades');
  }
  const merged = new Map(entries.map((e) => [e.person_id, e.grade]));
  for (const g of input.grades) merged.set(g.personId, g.grade);
  const excellent = [...merged.values()].filter((g) => g === '优秀').length;
  const cap = checkExcellentCap(excellent, entries.length, excellentRatio(ctx, chinaDate(ctx.now())));
  if (!cap.ok) throw fromDecision(cap);
  return ctx.db.transaction().execute(async (trx) => {
    for (const g of input.grades)
      await repo.updateEntry(trx, byPerson.get(g.personId)!.id, { grade: g.grade, reason: g.reason });
    await repo.updateReview(trx, r.id, { decided_by: input.decidedBy, updated_at: ctx.now().toISOString() });
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc),
      action: 'evaluation.review.assess',
      objectType: 'member_review',
      objectId: r.id,
      scopePath: r.org_path,
      detail: {
        after: input.grades.map((g) => ({ personId: g.personId, grade: g.grade })),
        decidedBy: input.decidedBy,
      },
    });
    return { data: { graded: input.grades.length, excellent } };
  });
}

type DispositionRow = NonNullable<Awaited<ReturnType<typeof repo.findDisposition>>>;
function presentDisposition(d: DispositionRow) {
  return {
    id: d.id,
    entryId: d.entry_id,
    personId: d.person_id,
    kind: d.kind,
    decidedOn: d.decided_on,
    correctUntil: d.correct_until,
    noReadmissionUntil: d.no_readmission_until,
    branchVote: d.branch_vote ? (JSON.parse(d.branch_vote) as { for: number; present: number }) : null,
    status: d.status,
    note: d.note,
  };
}

/** 不合格党员处置: only for a published 不合格 result; 除名 waits for the 党委's approval. */
export async function createDisposition(
  ctx: AppContext,
  rc: RequestContext,
  input: {
    entryId: number;
    kind: string;
    decidedOn: string;
    months?: number | undefined;
    branchVote?: { for: number; present: number } | undefined;
    note: string;
  },
) {
  const e = await repo.findEntry(ctx.db, input.entryId);
  if (!e) throw notFound('评议记录');
  if (!canManageIn(rc.actor!, e.org_path)) throw await denied(ctx, rc, 'member_review_entry', e.id, 'scope');
  const r = (await repo.findReview(ctx.db, e.review_id))!;
  if (r.stage !== 'published' || e.grade !== '不合格')
    throw conflict('NOT_UNQUALIFIED', '只有公示后评定为不合格的党员才能进行组织处置', 'entryId');
  const on = input.decidedOn;
  const plan = planDisposition(
    {
      kind: input.kind as DispositionKind,
      decidedOn: on,
      months: input.months,
      branchVote: input.branchVote,
    },
    {
      correctionMinMonths: ruleValue<number>(ctx.config.rulebook, 'evaluation.correction.minMonths', on),
      correctionMaxMonths: ruleValue<number>(ctx.config.rulebook, 'evaluation.correction.maxMonths', on),
      noReadmissionYears: ruleValue<number>(ctx.config.rulebook, 'evaluation.noReadmissionYears', on),
    },
  );
  if (!plan.ok) throw fromDecision(plan);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.insertDisposition(trx, {
      entry_id: e.id,
      org_id: r.org_id,
      org_path: e.org_path,
      person_id: e.person_id,
      kind: plan.value.kind,
      decided_on: on,
      correct_until: plan.value.correctUntil,
      no_readmission_until: plan.value.noReadmissionUntil,
      branch_vote: input.branchVote ? JSON.stringify(input.branchVote) : null,
      status: plan.value.needsUpperApproval ? 'pending_approval' : 'in_effect',
      note: input.note,
      created_at: ctx.now().toISOString(),
    });
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc),
      action: 'evaluation.disposition.create',
      objectType: 'member_disposition',
      objectId: row.id,
      scopePath: e.org_path,
      detail: { after: presentDisposition(row) },
    });
    return { data: presentDisposition(row) };
  });
}

/** The 党委 approves a 除名 (an upper organisation, never the branch itself). */
export async function approveDisposition(ctx: AppContext, rc: RequestContext, id: number) {
  const d = await repo.findDisposition(ctx.db, id);
  if (!d) throw notFound('处置记录');
  if (!canReviewIn(rc.actor!, d.org_path)) throw await denied(ctx, rc, 'member_disposition', id, 'scope');
  if (d.status !== 'pending_approval')
    throw conflict('NOT_PENDING', '该处置无需或已经完成上级审批', 'status');
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.setDispositionStatus(trx, id, 'in_effect');
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc),
      action: 'evaluation.disposition.approve',
      objectType: 'member_disposition',
      objectId: id,
      scopePath: d.org_path,
      detail: { before: { status: d.status }, after: { status: 'in_effect' } },
    });
    return { data: presentDisposition(row) };
  });
}

/** The signed-in member's own evaluations: reviews to self-evaluate and ballots to take. */
export async function myEvaluations(ctx: AppContext, actor: Actor) {
  const personId = await repo.personOfUser(ctx.db, actor.userId);
  if (personId === null) return { data: { personId: null, reviews: [], rectifications: [], targets: [] } };
  const rows = await repo.reviewsOfPerson(ctx.db, personId);
  const out = [];
  for (const r of rows) {
    out.push({
      id: r.id,
      year: r.year,
      orgName: r.org_name,
      stage: r.stage,
      stageName: MEMBER_REVIEW_STAGE_NAMES[r.stage as MemberReviewStage],
      selfText: r.self_text,
      grade: r.stage === 'published' ? r.grade : null,
      ballotTaken: r.box_id ? await hasTakenToken(ctx.db, r.box_id, personId) : false,
    });
  }
  return {
    data: {
      personId,
      reviews: out,
      rectifications: await ownedRectifications(ctx.db, personId, chinaDate(ctx.now())),
      targets: await myTargets(ctx.db, personId),
    },
  };
}
