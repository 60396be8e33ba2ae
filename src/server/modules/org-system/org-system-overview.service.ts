// Org-system services: overview of 班子 and 换届.
import type { AdjustTermInput, RecordTermInput } from '../../../core/org-system/org-system.schemas.ts';
import {
  decideAdjustment,
  decideNoOverlap,
  hasTerms,
  termEnd,
} from '../../../core/org-system/terms.rules.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import { badRequest, conflict, fromDecision } from '../../http/errors.ts';
import {
  audit,
  requireObject,
  requireOrg,
  statusOf,
  today,
  yearsFor,
  refreshOrgSystemAlerts,
} from './org-system-common.service.ts';
import { canApproveOs, canReadOs, osPolicies } from './org-system.policy.ts';
import { presentRenewal, presentTerm } from './org-system.presenter.ts';
import * as repo from './org-system.repository.ts';

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
    await refreshOrgSystemAlerts(ctx, trx, org.path);
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
    await refreshOrgSystemAlerts(ctx, trx, term.org_path);
    return { data: presentTerm(row, statusOf(ctx, row.term_end)) };
  });
}
