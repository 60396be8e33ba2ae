// load → decide (core rule) → persist → audit, one transaction per change.
import { decideElection, decidePosts, type ElectionRules } from '../../../core/org-system/election.rules.ts';
import { decideGrade } from '../../../core/org-system/grading.rules.ts';
import {
  APPROVED_POSTS,
  type GradingScheme,
  type WeakCriterion,
  type WeakCaseState,
} from '../../../core/org-system/org-system.types.ts';
import type {
  AdjustTermInput,
  DesignateWeakInput,
  ElectionInputBody,
  GradeInput,
  RecordTermInput,
  RenewalApproveInput,
  RenewalReportInput,
  RenewalRequestInput,
} from '../../../core/org-system/org-system.schemas.ts';
import { countByCheck } from '../../../core/org-system/structure.rules.ts';
import {
  decideAdjustment,
  decideNoOverlap,
  hasTerms,
  termEnd,
  termStatus,
  termYears,
  type TermYearsRule,
} from '../../../core/org-system/terms.rules.ts';
import { decideClose, decideCriteria } from '../../../core/org-system/weak.rules.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { chinaDate } from '../../../core/shared/dates.ts';
import { isBranchKind } from '../../../core/org/org.types.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import type { Actor, AppContext, RequestContext } from '../../context.ts';
import type { OrgRow } from '../../db/schema.ts';
import { denied } from '../../authz.ts';
import { badRequest, conflict, fromDecision, notFound } from '../../http/errors.ts';
import { canApproveOs, canReadOs, canRecordOs, osPolicies } from './org-system.policy.ts';
import { presentGrading, presentRenewal, presentTerm, presentWeakCase } from './org-system.presenter.ts';
import { structureReport, termsReport, weakSignalsReport } from './org-system.reports.ts';
import * as repo from './org-system.repository.ts';
import { underProbationOn } from '../roster/roster-discipline.repository.ts';

type Check = (actor: Actor, path: string) => boolean;

const today = (ctx: AppContext) => chinaDate(ctx.now());

async function requireOrg(ctx: AppContext, rc: RequestContext, id: number, allowed: Check): Promise<OrgRow> {
  const row = await repo.findOrg(ctx.db, id);
  if (!row) throw notFound('组织');
  if (!allowed(rc.actor!, row.path)) throw await denied(ctx, rc, 'org', id, 'scope');
  return row;
}

async function requireObject<T extends { org_path: string }>(
  ctx: AppContext,
  rc: RequestContext,
  type: string,
  id: number,
  row: T | undefined,
  what: string,
  allowed: Check,
): Promise<T> {
  if (!row) throw notFound(what);
  if (!allowed(rc.actor!, row.org_path)) throw await denied(ctx, rc, type, id, 'scope');
  return row;
}

function audit(
  ctx: AppContext,
  rc: RequestContext,
  action: string,
  objectType: string,
  objectId: number,
  scopePath: string,
  detail: Record<string, unknown>,
) {
  const actor = rc.actor!;
  return {
    at: ctx.now().toISOString(),
    result: 'ok' as const,
    actorUserId: actor.userId,
    actorUsername: actor.username,
    requestId: rc.meta.requestId,
    ip: rc.meta.ip,
    action,
    objectType,
    objectId,
    scopePath,
    detail,
  };
}

function electionRules(ctx: AppContext, on: string): ElectionRules {
  const book = ctx.config.rulebook;
  return {
    quorumRatio: ruleValue(book, 'org.election.quorumRatio', on),
    minContestRatio: ruleValue(book, 'org.election.minContestRatio', on),
    electedMajority: ruleValue(book, 'orgSystem.election.electedMajority', on),
    contestFromSeats: ruleValue(book, 'orgSystem.election.contestFromSeats', on),
    maxSeats: ruleValue<{ hardMax: number }>(book, 'org.branch.committeeSize', on).hardMax,
  };
}

function yearsFor(ctx: AppContext, org: OrgRow, on: string): number {
  return termYears(org.kind, org.sector, ruleValue<TermYearsRule>(ctx.config.rulebook, 'org.term.years', on));
}

function statusOf(ctx: AppContext, end: string) {
  return termStatus(
    end,
    today(ctx),
    ruleValue<number>(ctx.config.rulebook, 'org.term.reminderMonths', today(ctx)),
  );
}

// ---------- overview: 班子 and 换届

export async function overview(ctx: AppContext, rc: RequestContext, orgId: number) {
  const org = await requireOrg(ctx, rc, orgId, canReadOs);
  const on = today(ctx);
  const [team, history, terms, renewals, full] = await Promise.all([
    repo.teamOn(ctx.db, org.id, on),
    repo.teamHistory(ctx.db, org.id, 200),
    repo.termsOfOrg(ctx.db, org.id),
    repo.renewalsOfOrg(ctx.db, org.id),
    repo.fullMemberIds(ctx.db, org.id, on),
  ]);
  const current = terms.find((t) => t.ended_on === null) ?? null;
  const openRenewal = renewals.find((r) => ['已请示', '已批复', '已选举'].includes(r.stage)) ?? null;
  let election = null;
  if (openRenewal?.election_id) election = await repo.findElection(ctx.db, openRenewal.election_id);
  return {
    data: {
      org: { id: org.id, code: org.code, name: org.name, kind: org.kind, sector: org.sector, path: org.path },
      hasTerms: hasTerms(org.kind),
      termYears: hasTerms(org.kind) ? yearsFor(ctx, org, on) : null,
      fullMembers: full.size,
      team: team.map((x) => ({
        positionId: x.id,
        personId: x.person_id,
        name: x.name,
        gender: x.gender,
        post: x.post,
        since: x.valid_from,
        basis: x.basis,
        approval: x.approval_id
          ? { id: x.approval_id, state: x.approval_state, decidedOn: x.decided_on, ref: x.ref }
          : null,
      })),
      history: history.map((x) => ({
        positionId: x.id,
        personId: x.person_id,
        name: x.name,
        post: x.post,
        from: x.valid_from,
        to: x.valid_to,
        basis: x.basis,
      })),
      currentTerm: current ? presentTerm(current, statusOf(ctx, current.term_end)) : null,
      terms: terms.map((t) => presentTerm(t, t.ended_on === null ? statusOf(ctx, t.term_end) : null)),
      renewals: renewals.map(presentRenewal),
      openRenewal: openRenewal
        ? {
            ...presentRenewal(openRenewal),
            election: election
              ? {
                  id: election.id,
                  heldOn: election.held_on,
                  expected: election.expected,
                  present: election.present,
                  seats: election.seats,
                  unfilled: election.unfilled,
                  posts: JSON.parse(election.posts) as unknown[],
                  candidates: election.candidates.map((c) => ({
                    personId: c.person_id,
                    name: c.name,
                    votes: c.votes,
                    elected: c.elected === 1,
                  })),
                }
              : null,
          }
        : null,
    },
    policies: osPolicies(rc.actor!, org.path),
  };
}

/** Members who may stand or hold a post: the organisation's full members today (names for pickers). */
export async function candidates(ctx: AppContext, rc: RequestContext, orgId: number) {
  const org = await requireOrg(ctx, rc, orgId, canReadOs);
  const ids = [...(await repo.fullMemberIds(ctx.db, org.id, today(ctx)))];
  const names = await repo.personNames(ctx.db, ids);
  return {
    data: ids
      .map((id) => ({ personId: id, name: names.get(id) ?? '' }))
      .sort((a, b) => a.personId - b.personId),
  };
}

export async function recordTerm(ctx: AppContext, rc: RequestContext, orgId: number, input: RecordTermInput) {
  const org = await requireOrg(ctx, rc, orgId, canApproveOs);
  if (!hasTerms(org.kind)) throw badRequest('TERM_KIND', `${org.kind}不实行任期制`, 'orgId');
  const endedOn = input.endedOn ?? null;
  if (input.electedOn > today(ctx)) throw badRequest('TERM_FUTURE', '选举日期不能晚于今天', 'electedOn');
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await repo.termsOfOrg(trx, org.id);
    const d = decideNoOverlap(
      existing.map((t) => ({ electedOn: t.elected_on, endedOn: t.ended_on })),
      { electedOn: input.electedOn, endedOn },
    );
    if (!d.ok) throw fromDecision(d, 'conflict');
    if (existing.some((t) => t.number === input.number))
      throw conflict('TERM_NUMBER', `第${input.number}届已存在`, 'number');
    const years = yearsFor(ctx, org, input.electedOn);
    const row = await repo.insertTerm(trx, {
      org_id: org.id,
      org_path: org.path,
      number: input.number,
      elected_on: input.electedOn,
      years,
      term_end: termEnd(input.electedOn, years),
      ended_on: endedOn,
      renewal_id: null,
      basis: input.basis ?? null,
      now: ctx.now().toISOString(),
    });
    const dto = presentTerm(row, row.ended_on === null ? statusOf(ctx, row.term_end) : null);
    await appendAudit(
      trx,
      ctx.ring,
      audit(ctx, rc, 'orgsys.term.record', 'os_term', row.id, org.path, { after: dto }),
    );
    return { data: dto };
  });
}

export async function adjustTerm(
  ctx: AppContext,
  rc: RequestContext,
  termId: number,
  input: AdjustTermInput,
) {
  const term = await requireObject(
    ctx,
    rc,
    'os_term',
    termId,
    await repo.findTerm(ctx.db, termId),
    '届期',
    canApproveOs,
  );
  if (term.ended_on !== null) throw conflict('TERM_ENDED', '该届已结束，不能调整', 'termId');
  const d = decideAdjustment(
    input.months,
    ruleValue(ctx.config.rulebook, 'org.term.maxAdjustYears', input.approvedOn),
  );
  if (!d.ok) throw fromDecision(d);
  return ctx.db.transaction().execute(async (trx) => {
    const end = termEnd(term.elected_on, term.years, input.months);
    const row = await repo.adjustTerm(trx, term.id, {
      adjust_months: input.months,
      adjust_ref: input.approvalRef,
      adjust_reason: input.reason,
      adjust_approved_on: input.approvedOn,
      term_end: end,
      updated_at: ctx.now().toISOString(),
    });
    await appendAudit(
      trx,
      ctx.ring,
      audit(ctx, rc, 'orgsys.term.adjust', 'os_term', term.id, term.org_path, {
        before: { termEnd: term.term_end, adjustMonths: term.adjust_months },
        after: { termEnd: end, adjustMonths: input.months, approvalRef: input.approvalRef },
      }),
    );
    return { data: presentTerm(row, statusOf(ctx, row.term_end)) };
  });
}

// ---------- 换届 workflow

export async function requestRenewal(
  ctx: AppContext,
  rc: RequestContext,
  orgId: number,
  input: RenewalRequestInput,
) {
  const org = await requireOrg(ctx, rc, orgId, canRecordOs);
  if (!hasTerms(org.kind)) throw badRequest('TERM_KIND', `${org.kind}不实行任期制，无需换届`, 'orgId');
  if (input.plannedOn < input.requestedOn)
    throw badRequest('RENEWAL_DATES', '拟选举日期不能早于请示日期', 'plannedOn');
  const maxSeats = ruleValue<{ hardMax: number }>(
    ctx.config.rulebook,
    'org.branch.committeeSize',
    input.requestedOn,
  ).hardMax;
  if (isBranchKind(org.kind) && input.seats > maxSeats)
    throw badRequest('RENEWAL_SEATS', `支部委员会最多${maxSeats}人`, 'seats');
  return ctx.db.transaction().execute(async (trx) => {
    if (await repo.openRenewalOf(trx, org.id))
      throw conflict('RENEWAL_OPEN', '该组织已有进行中的换届', 'orgId');
    const term = await repo.currentTerm(trx, org.id);
    const row = await repo.insertRenewal(trx, {
      org_id: org.id,
      org_path: org.path,
      term_id: term?.id ?? null,
      seats: input.seats,
      requested_on: input.requestedOn,
      planned_on: input.plannedOn,
      request_note: input.note ?? null,
      created_by: rc.actor!.userId,
      now: ctx.now().toISOString(),
    });
    await appendAudit(
      trx,
      ctx.ring,
      audit(ctx, rc, 'orgsys.renewal.request', 'os_renewal', row.id, org.path, {
        after: presentRenewal(row),
      }),
    );
    return { data: presentRenewal(row) };
  });
}

async function loadRenewal(ctx: AppContext, rc: RequestContext, id: number, allowed: Check) {
  return requireObject(ctx, rc, 'os_renewal', id, await repo.findRenewal(ctx.db, id), '换届记录', allowed);
}

export async function approveRenewal(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  input: RenewalApproveInput,
) {
  const r = await loadRenewal(ctx, rc, id, canApproveOs);
  if (r.stage !== '已请示') throw conflict('RENEWAL_STAGE', `当前环节为“${r.stage}”，不能批复`, 'stage');
  if (input.approvedOn < r.requested_on)
    throw badRequest('RENEWAL_DATES', '批复日期不能早于请示日期', 'approvedOn');
  const ids = input.candidateIds ?? [];
  if (ids.length) {
    const members = await repo.fullMemberIds(ctx.db, r.org_id, input.approvedOn);
    if (ids.some((p) => !members.has(p)))
      throw badRequest('CANDIDATE_NOT_FULL_MEMBER', '候选人必须是本组织的正式党员', 'candidateIds');
  }
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.updateRenewal(trx, r.id, {
      stage: '已批复',
      approved_on: input.approvedOn,
      approval_ref: input.approvalRef,
      candidate_ids: JSON.stringify(ids),
      updated_at: ctx.now().toISOString(),
    });
    await appendAudit(
      trx,
      ctx.ring,
      audit(ctx, rc, 'orgsys.renewal.approve', 'os_renewal', r.id, r.org_path, {
        before: { stage: r.stage },
        after: { stage: row.stage, approvalRef: input.approvalRef },
      }),
    );
    return { data: presentRenewal(row) };
  });
}

export async function recordElection(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  input: ElectionInputBody,
) {
  const r = await loadRenewal(ctx, rc, id, canRecordOs);
  if (r.stage !== '已批复')
    throw conflict('RENEWAL_STAGE', `当前环节为“${r.stage}”，不能录入选举结果（须先经上级批复）`, 'stage');
  if (input.heldOn < r.approved_on!) throw badRequest('ELECTION_DATE', '选举日期不能早于批复日期', 'heldOn');
  if (input.heldOn > today(ctx)) throw badRequest('ELECTION_DATE', '选举日期不能晚于今天', 'heldOn');
  const full = await repo.fullMemberIds(ctx.db, r.org_id, input.heldOn);
  // 留党察看 on the election day: no 选举权 or 被选举权 (党章 第四十条); decided by decideElection.
  const suspendedIds = await underProbationOn(ctx.db, [...full], input.heldOn);
  const suspended = await repo.personNames(ctx.db, [...suspendedIds]);
  const approved = JSON.parse(r.candidate_ids) as number[];
  for (const c of input.candidates) {
    if (!full.has(c.personId))
      throw badRequest('CANDIDATE_NOT_FULL_MEMBER', '候选人必须是选举日本组织的正式党员', 'candidates');
    if (approved.length && !approved.includes(c.personId))
      throw badRequest('CANDIDATE_NOT_APPROVED', '候选人不在上级批复的候选人名单中', 'candidates');
  }
  const d = decideElection(
    {
      expected: input.expected,
      present: input.present,
      seats: r.seats,
      eligibleVoters: full.size,
      suspended,
      candidates: input.candidates,
    },
    electionRules(ctx, input.heldOn),
  );
  if (!d.ok) throw fromDecision(d);
  const p = decidePosts(input.posts, d.value.elected, full);
  if (!p.ok) throw fromDecision(p);
  return ctx.db.transaction().execute(async (trx) => {
    const election = await repo.insertElection(
      trx,
      {
        org_id: r.org_id,
        org_path: r.org_path,
        renewal_id: r.id,
        held_on: input.heldOn,
        expected: input.expected,
        present: input.present,
        seats: r.seats,
        unfilled: d.value.unfilled,
        posts: JSON.stringify(input.posts),
        created_at: ctx.now().toISOString(),
      },
      input.candidates.map((c) => ({
        person_id: c.personId,
        votes: c.votes,
        elected: d.value.elected.includes(c.personId) ? 1 : 0,
      })),
    );
    const row = await repo.updateRenewal(trx, r.id, {
      stage: '已选举',
      election_id: election.id,
      updated_at: ctx.now().toISOString(),
    });
    await appendAudit(
      trx,
      ctx.ring,
      audit(ctx, rc, 'orgsys.renewal.election', 'os_renewal', r.id, r.org_path, {
        after: {
          heldOn: input.heldOn,
          expected: input.expected,
          present: input.present,
          seats: r.seats,
          elected: d.value.elected,
          unfilled: d.value.unfilled,
          candidates: input.candidates,
          posts: input.posts,
        },
      }),
    );
    return { data: { ...presentRenewal(row), elected: d.value.elected, unfilled: d.value.unfilled } };
  });
}

/** 报告: the result is reported above; the old term ends, the new term starts, posts change hands. */
export async function reportRenewal(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  input: RenewalReportInput,
) {
  const r = await loadRenewal(ctx, rc, id, canRecordOs);
  if (r.stage !== '已选举') throw conflict('RENEWAL_STAGE', `当前环节为“${r.stage}”，不能报告`, 'stage');
  const org = (await repo.findOrg(ctx.db, r.org_id))!;
  const election = (await repo.findElection(ctx.db, r.election_id!))!;
  if (input.reportedOn < election.held_on)
    throw badRequest('REPORT_DATE', '报告日期不能早于选举日期', 'reportedOn');
  const posts = JSON.parse(election.posts) as { personId: number; post: string }[];
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const terms = await repo.termsOfOrg(trx, org.id);
    const current = terms.find((t) => t.ended_on === null);
    const others = terms
      .filter((t) => t !== current)
      .map((t) => ({ electedOn: t.elected_on, endedOn: t.ended_on }));
    if (current && current.elected_on >= election.held_on)
      throw conflict('TERM_OVERLAP', '新一届的选举日期必须晚于本届的选举日期', 'heldOn');
    const d = decideNoOverlap(others, { electedOn: election.held_on, endedOn: null });
    if (!d.ok) throw fromDecision(d, 'conflict');
    if (current) await repo.endTerm(trx, current.id, election.held_on, now);
    const years = yearsFor(ctx, org, election.held_on);
    const number = Math.max(0, ...terms.map((t) => t.number)) + 1;
    const term = await repo.insertTerm(trx, {
      org_id: org.id,
      org_path: org.path,
      number,
      elected_on: election.held_on,
      years,
      term_end: termEnd(election.held_on, years),
      ended_on: null,
      renewal_id: r.id,
      basis: `换届选举（${r.approval_ref ?? ''}）`,
      now,
    });
    const closed = await repo.closeTeamPositions(trx, org.id, election.held_on);
    for (const p of posts) {
      const positionId = await repo.openPosition(trx, {
        person_id: p.personId,
        org_id: org.id,
        post: p.post,
        valid_from: election.held_on,
        basis: `第${number}届换届选举`,
        created_at: now,
      });
      const state = (APPROVED_POSTS as readonly string[]).includes(p.post) ? '待批复' : '待备案';
      await repo.insertApproval(trx, {
        org_id: org.id,
        org_path: org.path,
        person_id: p.personId,
        post: p.post,
        position_id: positionId,
        term_id: term.id,
        state,
        created_at: now,
      });
    }
    const row = await repo.updateRenewal(trx, r.id, {
      stage: '已完成',
      reported_on: input.reportedOn,
      report_note: input.note ?? null,
      new_term_id: term.id,
      updated_at: now,
    });
    await appendAudit(
      trx,
      ctx.ring,
      audit(ctx, rc, 'orgsys.renewal.report', 'os_renewal', r.id, r.org_path, {
        before: { termId: current?.id ?? null, closedPositions: closed },
        after: { termId: term.id, number, termEnd: term.term_end, posts },
      }),
    );
    return { data: { ...presentRenewal(row), term: presentTerm(term, statusOf(ctx, term.term_end)) } };
  });
}

export async function listApprovals(ctx: AppContext, rc: RequestContext, orgId: number) {
  const org = await requireOrg(ctx, rc, orgId, canReadOs);
  const rows = await repo.pendingApprovalsUnder(ctx.db, org.path, 500);
  return {
    data: rows.map((a) => ({
      id: a.id,
      post: a.post,
      state: a.state,
      name: a.name,
      orgId: a.org_id,
      orgCode: a.org_code,
      orgName: a.org_name,
      canDecide: canApproveOs(rc.actor!, a.org_path),
    })),
  };
}

export async function decideApproval(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  input: { decision: 'approve' | 'reject'; decidedOn: string; ref?: string | undefined },
) {
  const a = await requireObject(
    ctx,
    rc,
    'os_post_approval',
    id,
    await repo.findApproval(ctx.db, id),
    '任职审批',
    canApproveOs,
  );
  if (a.state !== '待批复' && a.state !== '待备案')
    throw conflict('APPROVAL_DONE', `该任职已处理（${a.state}）`, 'state');
  const state = input.decision === 'reject' ? '不予批准' : a.state === '待批复' ? '已批复' : '已备案';
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.decideApproval(
      trx,
      a.id,
      state,
      input.decidedOn,
      input.ref ?? null,
      rc.actor!.userId,
    );
    if (state === '不予批准' && a.position_id) {
      await trx
        .updateTable('positions')
        .set({ valid_to: input.decidedOn })
        .where('id', '=', a.position_id)
        .where('valid_to', 'is', null)
        .execute();
    }
    await appendAudit(
      trx,
      ctx.ring,
      audit(ctx, rc, 'orgsys.post.decide', 'os_post_approval', a.id, a.org_path, {
        before: { state: a.state },
        after: { state, ref: input.ref ?? null },
      }),
    );
    return { data: { id: row.id, state: row.state, decidedOn: row.decided_on, ref: row.ref } };
  });
}

// ---------- reports

export async function structure(ctx: AppContext, rc: RequestContext, orgId: number) {
  const org = await requireOrg(ctx, rc, orgId, canReadOs);
  const findings = await structureReport(ctx.db, ctx.config.rulebook, org, today(ctx));
  return {
    data: {
      org: { id: org.id, code: org.code, name: org.name },
      on: today(ctx),
      counts: countByCheck(findings),
      findings,
    },
  };
}

export async function terms(ctx: AppContext, rc: RequestContext, orgId: number) {
  const org = await requireOrg(ctx, rc, orgId, canReadOs);
  const rows = await termsReport(ctx.db, ctx.config.rulebook, org, today(ctx));
  const counts: Record<string, number> = {};
  for (const r of rows) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return {
    data: { org: { id: org.id, code: org.code, name: org.name }, on: today(ctx), counts, terms: rows },
  };
}

export async function units(ctx: AppContext, rc: RequestContext, orgId: number) {
  const org = await requireOrg(ctx, rc, orgId, canReadOs);
  const rows = await repo.unitsInScope(ctx.db, org.path, 1000);
  return {
    data: rows.map((u) => ({
      id: u.id,
      name: u.name,
      sector: u.sector,
      org: { id: u.org_id, code: u.org_code, name: u.org_name },
      branch: u.branch_id ? { id: u.branch_id, code: u.branch_code, name: u.branch_name } : null,
    })),
  };
}

// ---------- 软弱涣散

export async function listWeak(ctx: AppContext, rc: RequestContext, orgId: number, year: number | undefined) {
  const org = await requireOrg(ctx, rc, orgId, canReadOs);
  const [cases, signals] = await Promise.all([
    repo.weakCasesUnder(ctx.db, org.path, year, 500),
    weakSignalsReport(ctx.db, ctx.config.rulebook, org, today(ctx)),
  ]);
  const progress = new Map<number, Awaited<ReturnType<typeof repo.progressOf>>>();
  for (const c of cases.slice(0, 50)) progress.set(c.id, await repo.progressOf(ctx.db, c.id));
  return {
    data: {
      criteria: ruleValue<WeakCriterion[]>(ctx.config.rulebook, 'orgSystem.weak.criteria', today(ctx)),
      cases: cases.map((c) => ({
        ...presentWeakCase(c),
        canClose: canApproveOs(rc.actor!, c.org_path),
        canRecord: canRecordOs(rc.actor!, c.org_path),
        progress: (progress.get(c.id) ?? []).map((p) => ({ id: p.id, on: p.on_date, note: p.note })),
      })),
      signals,
    },
  };
}

export async function designateWeak(
  ctx: AppContext,
  rc: RequestContext,
  orgId: number,
  input: DesignateWeakInput,
) {
  const org = await requireOrg(ctx, rc, orgId, canApproveOs);
  const d = decideCriteria(
    input.criteria,
    ruleValue<WeakCriterion[]>(ctx.config.rulebook, 'orgSystem.weak.criteria', input.designatedOn),
  );
  if (!d.ok) throw fromDecision(d);
  return ctx.db.transaction().execute(async (trx) => {
    if (await repo.openWeakCaseOf(trx, org.id))
      throw conflict('WEAK_OPEN', '该组织已有未销号的整顿', 'orgId');
    const row = await repo.insertWeakCase(trx, {
      org_id: org.id,
      org_path: org.path,
      year: input.year,
      designated_on: input.designatedOn,
      criteria: JSON.stringify(input.criteria),
      source: '人工认定',
      measures: input.measures,
      first_secretary: input.firstSecretary ?? null,
      village_cadres: input.villageCadres ?? null,
      created_by: rc.actor!.userId,
      now: ctx.now().toISOString(),
    });
    await appendAudit(
      trx,
      ctx.ring,
      audit(ctx, rc, 'orgsys.weak.designate', 'os_weak_case', row.id, org.path, {
        after: presentWeakCase(row),
      }),
    );
    return { data: presentWeakCase(row) };
  });
}

export async function weakProgress(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  input: { on: string; note: string; submitForClosure?: boolean | undefined },
) {
  const c = await requireObject(
    ctx,
    rc,
    'os_weak_case',
    id,
    await repo.findWeakCase(ctx.db, id),
    '整顿记录',
    canRecordOs,
  );
  if (c.state === '已销号') throw conflict('WEAK_CLOSED', '该整顿已销号', 'state');
  if (input.on < c.designated_on) throw badRequest('WEAK_DATE', '进展日期不能早于认定日期', 'on');
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.now().toISOString();
    await repo.insertProgress(trx, {
      case_id: c.id,
      on_date: input.on,
      note: input.note,
      created_by: rc.actor!.userId,
      created_at: now,
    });
    const row = input.submitForClosure
      ? await repo.updateWeakCase(trx, c.id, { state: '待销号', updated_at: now })
      : c;
    await appendAudit(
      trx,
      ctx.ring,
      audit(ctx, rc, 'orgsys.weak.progress', 'os_weak_case', c.id, c.org_path, {
        after: { on: input.on, note: input.note, state: row.state },
      }),
    );
    return { data: presentWeakCase(row) };
  });
}

export async function closeWeak(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  input: { closedOn: string; reviewNote: string },
) {
  const c = await requireObject(
    ctx,
    rc,
    'os_weak_case',
    id,
    await repo.findWeakCase(ctx.db, id),
    '整顿记录',
    canRecordOs,
  );
  const entries = (await repo.progressOf(ctx.db, c.id)).length;
  const d = decideClose(c.state as WeakCaseState, entries, canApproveOs(rc.actor!, c.org_path));
  if (!d.ok) throw fromDecision(d, c.state === '已销号' ? 'conflict' : 'bad_request');
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.updateWeakCase(trx, c.id, {
      state: '已销号',
      closed_on: input.closedOn,
      review_note: input.reviewNote,
      closed_by: rc.actor!.userId,
      updated_at: ctx.now().toISOString(),
    });
    await appendAudit(
      trx,
      ctx.ring,
      audit(ctx, rc, 'orgsys.weak.close', 'os_weak_case', c.id, c.org_path, {
        before: { state: c.state },
        after: { state: row.state, closedOn: input.closedOn },
      }),
    );
    return { data: presentWeakCase(row) };
  });
}

// ---------- grading

function schemes(ctx: AppContext, on: string) {
  return ruleValue<Record<string, GradingScheme>>(ctx.config.rulebook, 'orgSystem.grading.schemes', on);
}

export async function listGradings(ctx: AppContext, rc: RequestContext, orgId: number, year: number) {
  const org = await requireOrg(ctx, rc, orgId, canReadOs);
  const rows = await repo.gradingsUnder(ctx.db, org.path, year);
  const on = `${year}-12-31`;
  return {
    data: {
      year,
      schemes: schemes(ctx, on),
      defaultScheme: ruleValue<string>(ctx.config.rulebook, 'orgSystem.grading.defaultScheme', on),
      gradings: rows.map(presentGrading),
    },
  };
}

/** The rating organisation: the branch's nearest 党委/党工委 above it. */
async function raterOf(ctx: AppContext, org: OrgRow): Promise<OrgRow | undefined> {
  const ids = org.path
    .split('/')
    .filter(Boolean)
    .map(Number)
    .filter((x) => x !== org.id)
    .reverse();
  for (const id of ids) {
    const o = await repo.findOrg(ctx.db, id);
    if (o && (o.kind === '党委' || o.kind === '党工委')) return o;
  }
  return undefined;
}

export async function grade(ctx: AppContext, rc: RequestContext, orgId: number, input: GradeInput) {
  const org = await requireOrg(ctx, rc, orgId, canApproveOs);
  if (!isBranchKind(org.kind)) throw badRequest('GRADE_KIND', '只对党支部进行分类定级', 'orgId');
  const on = `${input.year}-12-31`;
  const schemeId =
    input.scheme ?? ruleValue<string>(ctx.config.rulebook, 'orgSystem.grading.defaultScheme', on);
  const scheme = schemes(ctx, on)[schemeId];
  if (!scheme) throw badRequest('GRADE_SCHEME', `定级方案“${schemeId}”不存在`, 'scheme');
  const rater = await raterOf(ctx, org);
  if (!rater) throw badRequest('GRADE_RATER', '未找到负责定级的上级党委', 'orgId');
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await repo.gradingOf(trx, org.id, input.year);
    if (existing && existing.scheme !== schemeId)
      throw conflict('GRADE_SCHEME_MISMATCH', `本年度已按“${existing.scheme}”方案定级`, 'scheme');
    const base = await repo.countBranchesUnder(trx, rater.path, ['党支部', '联合党支部', '临时党支部']);
    const already = await repo.countGrade(trx, rater.id, input.year, input.grade, org.id);
    const d = decideGrade({ scheme, grade: input.grade, ratedBase: base, alreadyWithGrade: already });
    if (!d.ok) throw fromDecision(d);
    const row = await repo.upsertGrading(trx, existing?.id ?? null, {
      org_id: org.id,
      org_path: org.path,
      rater_org_id: rater.id,
      year: input.year,
      scheme: schemeId,
      grade: input.grade,
      evidence: input.evidence,
      approved_on: input.approvedOn,
      approver_user_id: rc.actor!.userId,
      created_at: ctx.now().toISOString(),
    });
    await appendAudit(
      trx,
      ctx.ring,
      audit(ctx, rc, 'orgsys.grade', 'os_grading', row.id, org.path, {
        before: existing ? { grade: existing.grade } : null,
        after: { year: input.year, scheme: schemeId, grade: input.grade },
      }),
    );
    return { data: presentGrading(row) };
  });
}

export async function structureExport(ctx: AppContext, rc: RequestContext, orgId: number) {
  const org = await requireOrg(ctx, rc, orgId, canReadOs);
  const on = today(ctx);
  const findings = await structureReport(ctx.db, ctx.config.rulebook, org, on);
  const counts = countByCheck(findings);
  const { structureWorkbook } = await import('./org-system.xlsx.ts');
  const buffer = await structureWorkbook(org, on, findings, counts);
  await ctx.db
    .transaction()
    .execute((trx) =>
      appendAudit(
        trx,
        ctx.ring,
        audit(ctx, rc, 'orgsys.structure.export', 'org', org.id, org.path, {
          format: 'xlsx',
          findings: findings.length,
          on,
        }),
      ),
    );
  return { buffer, filename: `${org.code}-组织体系体检-${on}.xlsx` };
}
