// Org-system services: the 换届 workflow.
import { decideElection, decidePosts } from '../../../core/org-system/election.rules.ts';
import type {
  ElectionInputBody,
  RenewalApproveInput,
  RenewalReportInput,
  RenewalRequestInput,
} from '../../../core/org-system/org-system.schemas.ts';
import { APPROVED_POSTS } from '../../../core/org-system/org-system.types.ts';
import { decideNoOverlap, hasTerms, termEnd } from '../../../core/org-system/terms.rules.ts';
import { isBranchKind } from '../../../core/org/org.types.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import { badRequest, conflict, fromDecision } from '../../http/errors.ts';
import { underProbationOn } from '../roster/roster-discipline.repository.ts';
import {
  audit,
  type Check,
  electionRules,
  requireObject,
  requireOrg,
  statusOf,
  today,
  yearsFor,
  refreshOrgSystemAlerts,
} from './org-system-common.service.ts';
import { canApproveOs, canReadOs, canRecordOs } from './org-system.policy.ts';
import { presentRenewal, presentTerm } from './org-system.presenter.ts';
import * as repo from './org-system.repository.ts';

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
    await refreshOrgSystemAlerts(ctx, trx, r.org_path);
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
    await refreshOrgSystemAlerts(ctx, trx, a.org_path);
    return { data: { id: row.id, state: row.state, decidedOn: row.decided_on, ref: row.ref } };
  });
}
