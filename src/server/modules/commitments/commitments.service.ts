// load → decide (core rule) → persist → audit, in one transaction per change.
import type { Kysely } from 'kysely';
import {
  COMMITMENT_STATUSES,
  COMMITMENT_TYPES,
  decideGrade,
  decideOpenOpinion,
  decideProgress,
  decidePublish,
  decideReviewer,
  decideSubmitOpinion,
  reviewDueOn,
  reviewState,
  type CommitmentState,
  type CommitmentStatus,
} from '../../../core/commitments/commitments.rules.ts';
import type { CreateCommitmentInput } from '../../../core/commitments/commitments.schemas.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { chinaDate } from '../../../core/shared/dates.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import { refreshAlertsIn } from '../alerts/alerts.service.ts';
import type { Actor, AppContext, RequestContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { denied } from '../../authz.ts';
import { badRequest, fromDecision, notFound } from '../../http/errors.ts';
import { hasAnyRole, inScope } from '../../http/policy.ts';
import { actorOf, createRectification } from '../evaluation/rectification/rectification.service.ts';
import { findOrgByCode, findOrgById } from '../orgs/orgs.repository.ts';
import { canGrade, canRead, canWrite, CM_WRITERS, commitmentPolicies } from './commitments.policy.ts';
import { presentCommitment, presentPublic } from './commitments.presenter.ts';
import * as repo from './commitments.repository.ts';
import { linkedPathsOn } from './liaisons.repository.ts';
import { photosOf } from './photos.service.ts';
import { closeAndRate, satisfactionSummary } from './satisfaction.service.ts';

const today = (ctx: AppContext) => chinaDate(ctx.now());
const maxMonths = (ctx: AppContext, on: string) =>
  ruleValue<number>(ctx.config.rulebook, 'commitments.review.maxMonths', on);

function state(r: repo.CommitmentRow): CommitmentState {
  return {
    status: r.status as CommitmentStatus,
    opinionEndsOn: r.opinion_ends_on,
    leaderGrade: r.leader_grade,
  };
}

function auditBase(ctx: AppContext, rc: RequestContext) {
  const a = rc.actor!;
  return {
    at: ctx.now().toISOString(),
    result: 'ok' as const,
    actorUserId: a.userId,
    actorUsername: a.username,
    requestId: rc.meta.requestId,
    ip: rc.meta.ip,
    objectType: 'commitment',
  };
}

async function requireCommitment(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  allowed: (a: Actor, c: repo.CommitmentRow) => boolean,
): Promise<repo.CommitmentRow> {
  const row = await repo.findCommitment(ctx.db, id);
  if (!row) throw notFound('承诺');
  if (!allowed(rc.actor!, row)) throw await denied(ctx, rc, 'commitment', id, 'scope');
  return row;
}

async function requireScopeOrg(ctx: AppContext, rc: RequestContext, orgId: number | undefined) {
  const actor = rc.actor!;
  if (orgId === undefined) return { id: actor.scopeOrgId, path: actor.scopePath };
  const org = await findOrgById(ctx.db, orgId);
  if (!org) throw notFound('组织');
  if (!inScope(actor, org.path)) throw await denied(ctx, rc, 'org', orgId, 'scope');
  return org;
}

function respond(rc: RequestContext, row: repo.CommitmentRow) {
  return { data: presentCommitment(row), policies: commitmentPolicies(rc.actor!, row) };
}

export async function createCommitment(ctx: AppContext, rc: RequestContext, input: CreateCommitmentInput) {
  const actor = rc.actor!;
  const org = await findOrgById(ctx.db, input.orgId);
  if (!org) throw notFound('组织');
  if (!hasAnyRole(actor, CM_WRITERS) || !inScope(actor, org.path))
    throw await denied(ctx, rc, 'org', org.id, 'scope');
  if (org.status !== 'active') throw badRequest('ORG_DISSOLVED', '已撤销的组织不能作出承诺', 'orgId');
  const day = today(ctx);
  let committerName = org.name;
  if (input.committerKind === 'member') {
    if (!input.personId) throw badRequest('PERSON_REQUIRED', '党员承诺须指明承诺党员', 'personId');
    const person = await repo.findPerson(ctx.db, input.personId);
    if (!person || !(await repo.isMemberOn(ctx.db, person.id, org.id, day)))
      throw badRequest('NOT_A_MEMBER', '该党员不在本组织，不能以本组织党员身份承诺', 'personId');
    committerName = person.name;
  } else if (input.personId !== undefined) {
    throw badRequest('PERSON_NOT_ALLOWED', '组织承诺不需要指明党员', 'personId');
  }
  if (input.dueOn !== undefined && input.dueOn < day)
    throw badRequest('DUE_PAST', '践诺期限不能早于今天', 'dueOn');
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.insertCommitment(trx, {
      org_id: org.id,
      org_path: org.path,
      committer_kind: input.committerKind,
      person_id: input.committerKind === 'member' ? input.personId! : null,
      committer_name: committerName,
      org_name: org.name,
      type: input.type,
      year: input.year,
      title: input.title,
      content: input.content,
      due_on: input.dueOn ?? null,
      is_public: input.isPublic ? 1 : 0,
      status: 'draft',
      opinion_ends_on: null,
      published_on: null,
      self_assessment: null,
      leader_grade: null,
      satisfaction: null,
      graded_on: null,
      last_review_on: null,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await appendAudit(trx, ctx.ring, {
      ...auditBase(ctx, rc),
      action: 'commitment.create',
      objectId: row.id,
      scopePath: row.org_path,
      detail: { after: presentCommitment(row) },
    });
    return respond(rc, row);
  });
}

export async function listCommitments(
  ctx: AppContext,
  rc: RequestContext,
  f: { orgId?: number | undefined; year?: number | undefined; status?: string | undefined },
) {
  const scope = await requireScopeOrg(ctx, rc, f.orgId);
  const rows = await repo.listCommitments(ctx.db, scope.path, { year: f.year, status: f.status });
  return { data: rows.map(presentCommitment) };
}

export async function getCommitment(ctx: AppContext, rc: RequestContext, id: number) {
  const row = await requireCommitment(ctx, rc, id, canRead);
  const [opinions, progress, reviews, satisfactionVote] = await Promise.all([
    repo.listOpinions(ctx.db, id),
    repo.listProgress(ctx.db, [id]),
    repo.listReviews(ctx.db, id),
    row.satisfaction_box_id !== null ? satisfactionSummary(ctx.db, ctx, row.satisfaction_box_id) : null,
  ]);
  const photoMap = await photosOf(
    ctx.db,
    progress.map((p) => p.id),
  );
  const day = today(ctx);
  const basis = row.last_review_on ?? row.published_on;
  const active = (repo.ACTIVE_STATUSES as readonly string[]).includes(row.status);
  return {
    data: {
      ...presentCommitment(row),
      review:
        active && basis
          ? {
              dueOn: reviewDueOn(basis, maxMonths(ctx, day)),
              state: reviewState(basis, maxMonths(ctx, day), day),
            }
          : null,
      satisfactionVote,
      opinions: opinions.map((o) => ({
        id: o.id,
        content: o.content,
        contact: o.contact,
        submittedAt: o.submitted_at,
        handling: o.handling,
        handledAt: o.handled_at,
      })),
      progress: progress.map((p) => ({
        id: p.id,
        photos: photoMap.get(p.id) ?? [],
        note: p.note,
        evidence: JSON.parse(p.evidence) as string[],
        onDate: p.on_date,
        actorName: p.actor_name,
      })),
      reviews: reviews.map((r) => ({
        id: r.id,
        reviewerName: r.reviewer_name,
        text: r.text,
        grade: r.grade,
        reviewedOn: r.reviewed_on,
        rectificationIds: JSON.parse(r.rectification_ids) as number[],
      })),
    },
    policies: commitmentPolicies(rc.actor!, row),
  };
}

export async function openOpinion(ctx: AppContext, rc: RequestContext, id: number, endsOn: string) {
  const row = await requireCommitment(ctx, rc, id, canWrite);
  const d = decideOpenOpinion(state(row), endsOn, today(ctx));
  if (!d.ok) throw fromDecision(d, row.status === 'draft' ? 'bad_request' : 'conflict');
  return ctx.db.transaction().execute(async (trx) => {
    const updated = await repo.updateCommitment(trx, id, {
      status: d.value,
      opinion_ends_on: endsOn,
      updated_at: ctx.now().toISOString(),
    });
    await appendAudit(trx, ctx.ring, {
      ...auditBase(ctx, rc),
      action: 'commitment.open_opinion',
      objectId: id,
      scopePath: row.org_path,
      detail: { before: { status: row.status }, after: { status: d.value, opinionEndsOn: endsOn } },
    });
    return respond(rc, updated);
  });
}

export async function handleOpinion(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  opinionId: number,
  handling: string,
) {
  const row = await requireCommitment(ctx, rc, id, canWrite);
  const opinion = await repo.findOpinion(ctx.db, opinionId);
  if (!opinion || opinion.commitment_id !== id) throw notFound('意见');
  return ctx.db.transaction().execute(async (trx) => {
    const updated = await repo.handleOpinion(
      trx,
      opinionId,
      handling,
      rc.actor!.userId,
      ctx.now().toISOString(),
    );
    await appendAudit(trx, ctx.ring, {
      ...auditBase(ctx, rc),
      action: 'commitment.handle_opinion',
      objectType: 'commitment_opinion',
      objectId: opinionId,
      scopePath: row.org_path,
      detail: { before: { handling: opinion.handling }, after: { handling } },
    });
    return {
      data: {
        id: updated.id,
        content: updated.content,
        handling: updated.handling,
        handledAt: updated.handled_at,
      },
    };
  });
}

export async function publish(ctx: AppContext, rc: RequestContext, id: number) {
  const row = await requireCommitment(ctx, rc, id, canWrite);
  const day = today(ctx);
  const d = decidePublish(state(row), day);
  if (!d.ok) throw fromDecision(d, 'conflict');
  return ctx.db.transaction().execute(async (trx) => {
    const updated = await repo.updateCommitment(trx, id, {
      status: d.value,
      published_on: day,
      updated_at: ctx.now().toISOString(),
    });
    await appendAudit(trx, ctx.ring, {
      ...auditBase(ctx, rc),
      action: 'commitment.publish',
      objectId: id,
      scopePath: row.org_path,
      detail: { before: { status: row.status }, after: { status: d.value, publishedOn: day } },
    });
    await refreshAlertsIn(ctx, trx, ['commitments.reviews'], row.org_path);
    return respond(rc, updated);
  });
}

export async function addProgress(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  note: string,
  evidence: string[],
) {
  const row = await requireCommitment(ctx, rc, id, canWrite);
  const d = decideProgress(state(row));
  if (!d.ok) throw fromDecision(d, 'conflict');
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const p = await repo.insertProgress(trx, {
      commitment_id: id,
      org_path: row.org_path,
      note,
      evidence: JSON.stringify(evidence),
      on_date: today(ctx),
      actor_user_id: rc.actor!.userId,
      actor_name: rc.actor!.displayName,
      created_at: now,
    });
    const updated =
      row.status === d.value
        ? row
        : await repo.updateCommitment(trx, id, { status: d.value, updated_at: now });
    await appendAudit(trx, ctx.ring, {
      ...auditBase(ctx, rc),
      action: 'commitment.progress',
      objectId: id,
      scopePath: row.org_path,
      detail: { after: { progressId: p.id, status: updated.status } },
    });
    return {
      data: { id: p.id, note: p.note, evidence, onDate: p.on_date, commitment: presentCommitment(updated) },
    };
  });
}

export async function grade(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  input: { selfAssessment: string; leaderGrade: string; satisfaction?: number | undefined },
) {
  const row = await requireCommitment(ctx, rc, id, canGrade);
  const d = decideGrade(state(row));
  if (!d.ok) throw fromDecision(d, 'conflict');
  const boxId = row.satisfaction_box_id;
  if (boxId !== null && input.satisfaction !== undefined)
    throw badRequest(
      'SATISFACTION_FROM_VOTES',
      '已开展满意度测评，满意度由测评结果计算，不能手工填写',
      'satisfaction',
    );
  const day = today(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    // The anonymous 满意度测评 closes with the 评诺 and its 满意率 becomes the result's satisfaction.
    const tally = boxId !== null ? await closeAndRate(trx, ctx, boxId) : null;
    const updated = await repo.updateCommitment(trx, id, {
      status: d.value,
      self_assessment: input.selfAssessment,
      leader_grade: input.leaderGrade,
      satisfaction: tally ? tally.rate : (input.satisfaction ?? null),
      graded_on: day,
      updated_at: ctx.now().toISOString(),
    });
    await appendAudit(trx, ctx.ring, {
      ...auditBase(ctx, rc),
      action: 'commitment.grade',
      objectId: id,
      scopePath: row.org_path,
      detail: {
        before: { status: row.status },
        after: {
          status: d.value,
          leaderGrade: input.leaderGrade,
          satisfaction: updated.satisfaction,
          ...(tally ? { satisfactionBallots: tally.cast } : {}),
        },
      },
    });
    await refreshAlertsIn(ctx, trx, ['commitments.reviews'], row.org_path);
    return respond(rc, updated);
  });
}

export async function review(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  input: {
    reviewerPersonId?: number | undefined;
    text: string;
    grade: string;
    rectifications: Array<{ title: string; detail?: string | undefined; deadline: string }>;
  },
) {
  const actor = rc.actor!;
  const row = await requireCommitment(ctx, rc, id, (a, c) => inScope(a, c.org_path));
  const ownPerson = await repo.userPersonId(ctx.db, actor.userId);
  const reviewerId = input.reviewerPersonId ?? ownPerson;
  if (!reviewerId)
    throw badRequest('REVIEWER_REQUIRED', '请指明点评人（本账号未关联党员）', 'reviewerPersonId');
  if (reviewerId !== ownPerson && !hasAnyRole(actor, CM_WRITERS))
    throw await denied(ctx, rc, 'commitment', id, 'review on behalf');
  if (!(repo.ACTIVE_STATUSES as readonly string[]).includes(row.status))
    throw badRequest('NOT_PUBLISHED', '只有已公开、正在践诺的承诺才能点评', 'status');
  const day = today(ctx);
  const reviewer = await repo.findPerson(ctx.db, reviewerId);
  if (!reviewer) throw badRequest('REVIEWER_UNKNOWN', '点评人不存在', 'reviewerPersonId');
  const [positions, links] = await Promise.all([
    repo.positionsOn(ctx.db, reviewerId, day),
    linkedPathsOn(ctx.db, reviewerId, day),
  ]);
  const org = (await findOrgById(ctx.db, row.org_id))!;
  const d = decideReviewer({
    committerKind: row.committer_kind as 'org' | 'member',
    reviewerPositions: positions,
    org: { id: org.id, path: org.path, parentId: org.parent_id },
    liaisonOrgPaths: links,
  });
  if (!d.ok) throw fromDecision(d, 'forbidden');
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const rectIds: number[] = [];
    for (const r of input.rectifications) {
      const item = await createRectification(
        trx,
        ctx,
        {
          sourceType: 'commitments.review',
          sourceId: row.id,
          org: { id: row.org_id, path: row.org_path },
          owner: row.person_id ? { personId: row.person_id, name: row.committer_name } : null,
          title: r.title,
          detail: r.detail ?? '',
          deadline: r.deadline,
        },
        actorOf(actor, rc.meta),
      );
      rectIds.push(item.id);
    }
    const rv = await repo.insertReview(trx, {
      commitment_id: row.id,
      org_path: row.org_path,
      reviewer_person_id: reviewer.id,
      reviewer_name: reviewer.name,
      text: input.text,
      grade: input.grade,
      reviewed_on: day,
      rectification_ids: JSON.stringify(rectIds),
      created_by: actor.userId,
      created_at: now,
    });
    await repo.updateCommitment(trx, row.id, { last_review_on: day, updated_at: now });
    await appendAudit(trx, ctx.ring, {
      ...auditBase(ctx, rc),
      action: 'commitment.review',
      objectId: row.id,
      scopePath: row.org_path,
      detail: {
        after: { reviewId: rv.id, reviewer: reviewer.name, grade: input.grade, rectifications: rectIds },
      },
    });
    await refreshAlertsIn(ctx, trx, ['commitments.reviews'], row.org_path);
    return {
      data: {
        id: rv.id,
        reviewerName: rv.reviewer_name,
        text: rv.text,
        grade: rv.grade,
        reviewedOn: rv.reviewed_on,
        rectificationIds: rectIds,
      },
    };
  });
}

/** Published commitments whose leader review is due or overdue (cadence from the rulebook), for a subtree. */
export async function overdueReviews(
  db: Kysely<DB>,
  ctxBook: AppContext['config']['rulebook'],
  scopePath: string,
  day: string,
  year?: number,
) {
  const months = ruleValue<number>(ctxBook, 'commitments.review.maxMonths', day);
  const rows = await repo.listActive(db, scopePath, year);
  return rows
    .map((r) => {
      const basis = r.last_review_on ?? r.published_on ?? day;
      return { r, basis, state: reviewState(basis, months, day), dueOn: reviewDueOn(basis, months) };
    })
    .filter((x) => x.state !== 'ok')
    .map(({ r, basis, state: s, dueOn }) => ({
      id: r.id,
      orgId: r.org_id,
      orgName: r.org_name,
      committerKind: r.committer_kind,
      committerName: r.committer_name,
      type: r.type,
      year: r.year,
      title: r.title,
      lastReviewOn: r.last_review_on,
      basisOn: basis,
      dueOn,
      state: s,
      reviewer: r.committer_kind === 'member' ? '本支部书记' : '上级党委领导班子成员',
    }));
}

export async function listOverdue(ctx: AppContext, rc: RequestContext, orgId: number | undefined) {
  const scope = await requireScopeOrg(ctx, rc, orgId);
  return { data: await overdueReviews(ctx.db, ctx.config.rulebook, scope.path, today(ctx)) };
}

/** The report contract: counts by type and status (every key present) and reviews needing attention. */
export async function commitmentsReport(ctx: AppContext, scopePath: string, year: number) {
  const byType = Object.fromEntries(COMMITMENT_TYPES.map((t) => [t, 0])) as Record<string, number>;
  const byStatus = Object.fromEntries(COMMITMENT_STATUSES.map((s) => [s, 0])) as Record<string, number>;
  for (const c of await repo.countByTypeAndStatus(ctx.db, scopePath, year)) {
    byType[c.type] = (byType[c.type] ?? 0) + c.n;
    byStatus[c.status] = (byStatus[c.status] ?? 0) + c.n;
  }
  const overdue = await overdueReviews(ctx.db, ctx.config.rulebook, scopePath, today(ctx), year);
  return { byType, byStatus, overdueReviews: overdue.length };
}

export async function report(ctx: AppContext, rc: RequestContext, orgId: number | undefined, year: number) {
  const scope = await requireScopeOrg(ctx, rc, orgId);
  return { data: await commitmentsReport(ctx, scope.path, year) };
}

// ---- public (no login) ----

export async function publicBoard(ctx: AppContext, code: string) {
  const org = await findOrgByCode(ctx.db, '/', code);
  if (!org) throw notFound('组织');
  const rows = await repo.listPublicBoard(ctx.db, org.path);
  return { data: { org: { code: org.code, name: org.name }, items: rows.map(presentPublic) } };
}

/** The public link of one commitment: visible while opinions are sought, or once published if public. */
export async function publicCommitment(ctx: AppContext, id: number) {
  const row = await repo.findCommitment(ctx.db, id);
  const visible =
    row &&
    row.is_public === 1 &&
    (row.status === 'opinion' || (repo.PUBLISHED_STATUSES as readonly string[]).includes(row.status));
  if (!row || !visible) throw notFound('承诺');
  return {
    data: {
      ...presentPublic(row),
      opinionEndsOn: row.opinion_ends_on,
      acceptingOpinions: decideSubmitOpinion(state(row), today(ctx)).ok,
    },
  };
}

export async function submitPublicOpinion(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  content: string,
  contact: string | undefined,
) {
  const row = await repo.findCommitment(ctx.db, id);
  if (!row || row.status === 'draft') throw notFound('承诺');
  const d = decideSubmitOpinion(state(row), today(ctx));
  if (!d.ok) throw fromDecision(d, 'conflict');
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const o = await repo.insertOpinion(trx, {
      commitment_id: id,
      org_path: row.org_path,
      content,
      contact: contact || null,
      submitted_at: now,
      handling: null,
      handled_by: null,
      handled_at: null,
    });
    await appendAudit(trx, ctx.ring, {
      at: now,
      result: 'ok',
      action: 'commitment.public_opinion',
      objectType: 'commitment_opinion',
      objectId: o.id,
      scopePath: row.org_path,
      requestId: rc.meta.requestId,
      ip: rc.meta.ip,
      detail: { commitmentId: id },
    });
    return { data: { id: o.id, submittedAt: o.submitted_at } };
  });
}
