// 不合格党员处置 proposals from the platform's own data, for a human to decide:
// - 失联登记 open ≥ 6 months → 停止党籍 proposal;
// - no organisational life for 6 months (org-life attendance ledger, read-only) → 自行脱党 case.
// - 党费 unpaid for dues.selfLapseMonths months in a row without an approved 减免 (dues ledger,
//   counted up to the last closed month) → 自行脱党 case (党章第九条).
// Nothing here changes a member's status: a decision only records what the branch chose to do.
import { proposeFromFacts, type MemberFacts } from '../../../core/evaluation/evaluation.rules.ts';
import { lastClosedMonth } from '../../../core/dues/ledger.rules.ts';
import { consecutiveUnpaid } from '../dues/dues-ledger.repository.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { addMonths, chinaDate } from '../../../core/shared/dates.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import { refreshAlertsIn } from '../alerts/alerts.service.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import { denied } from '../../authz.ts';
import { badRequest, conflict, notFound } from '../../http/errors.ts';
import { findOrgById } from '../orgs/orgs.repository.ts';
import { canManageIn } from './evaluation.policy.ts';
import * as repo from './targets.repository.ts';

const DUES_NOTE = '已据党费台账连续未交月数（不含批准减免的月份）提出建议';
const DECISION_NAMES = { submitted: '提交党组织研究', dismissed: '不予处理' } as const;

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

async function scopedOrg(ctx: AppContext, rc: RequestContext, orgId: number) {
  const org = await findOrgById(ctx.db, orgId);
  if (!org) throw notFound('组织');
  if (!canManageIn(rc.actor!, org.path)) throw await denied(ctx, rc, 'org', orgId, 'scope');
  return org;
}

/** The proposals of a subtree, computed from live data on each call. */
async function computeProposals(ctx: AppContext, path: string) {
  const today = chinaDate(ctx.now());
  const lostMonths = ruleValue<number>(ctx.config.rulebook, 'evaluation.lostContactMonths', today);
  const inactiveMonths = ruleValue<number>(ctx.config.rulebook, 'evaluation.inactiveMonths', today);
  const windowFrom = addMonths(today, -inactiveMonths);
  const members = (await repo.membersUnderWithSince(ctx.db, path, today)).filter(
    (m) => (m.party_status ?? '正常') === '正常',
  );
  const lost = await repo.lostContactsUnder(ctx.db, path);
  const lostBy = new Map(lost.map((l) => [l.person_id, l]));
  const life = await repo.orgLifeFacts(
    ctx.db,
    members.map((m) => m.person_id),
    windowFrom,
    today,
  );
  const duesLapseMonths = ruleValue<number>(ctx.config.rulebook, 'dues.selfLapseMonths', today);
  const unpaid = await consecutiveUnpaid(ctx.db, path, lastClosedMonth(today));
  const facts: MemberFacts[] = members.map((m) => ({
    personId: m.person_id,
    name: m.name,
    lostContactSince: lostBy.get(m.person_id)?.since ?? null,
    lastOrgLifeOn: life.get(m.person_id)?.lastAttended ?? null,
    memberSince: m.since,
    absencesInWindow: life.get(m.person_id)?.absences ?? 0,
    duesUnpaidMonths: unpaid.get(m.person_id) ?? 0,
  }));
  const proposals = proposeFromFacts(facts, today, lostMonths, inactiveMonths, duesLapseMonths);
  const decisions = await repo.decisionsUnder(ctx.db, path);
  const byPerson = new Map(members.map((m) => [m.person_id, m]));
  return {
    today,
    members,
    lost,
    items: proposals.map((p) => {
      const m = byPerson.get(p.personId)!;
      const f = life.get(p.personId);
      const last = decisions.filter((d) => d.person_id === p.personId && d.proposal === p.proposal).at(-1);
      return {
        ...p,
        orgId: m.org_id,
        orgName: m.org_name,
        facts: {
          lostContactSince: lostBy.get(p.personId)?.since ?? null,
          lastOrgLifeOn: f?.lastAttended ?? null,
          absencesInWindow: f?.absences ?? 0,
          memberSince: m.since,
          duesUnpaidMonths: unpaid.get(p.personId) ?? 0,
        },
        lostContactId: lostBy.get(p.personId)?.id ?? null,
        decision: last
          ? {
              decision: last.decision as keyof typeof DECISION_NAMES,
              decisionName: DECISION_NAMES[last.decision as keyof typeof DECISION_NAMES],
              note: last.note,
              decidedOn: last.decided_on,
            }
          : null,
      };
    }),
  };
}

export async function listProposals(ctx: AppContext, rc: RequestContext, orgId: number) {
  const org = await scopedOrg(ctx, rc, orgId);
  const p = await computeProposals(ctx, org.path);
  return {
    data: {
      orgId: org.id,
      orgName: org.name,
      asOf: p.today,
      membersChecked: p.members.length,
      duesTracked: true,
      duesNote: DUES_NOTE,
      proposals: p.items,
      lostContacts: p.lost.map((l) => ({
        id: l.id,
        personId: l.person_id,
        name: l.name,
        orgId: l.org_id,
        since: l.since,
        searches: l.searches,
      })),
    },
  };
}

/** 失联登记: the branch records that a member cannot be reached since a day, with the searches made. */
export async function registerLostContact(
  ctx: AppContext,
  rc: RequestContext,
  input: { orgId: number; personId: number; since: string; searches: string },
) {
  const org = await scopedOrg(ctx, rc, input.orgId);
  const today = chinaDate(ctx.now());
  if (input.since > today) throw badRequest('DATE_IN_FUTURE', '失去联系日期不能晚于今天', 'since');
  const members = await repo.membersUnderWithSince(ctx.db, org.path, today);
  const m = members.find((x) => x.person_id === input.personId && x.org_id === org.id);
  if (!m)
    throw badRequest('NOT_A_MEMBER', `党员（ID ${input.personId}）不是${org.name}的在册党员`, 'personId');
  return ctx.db.transaction().execute(async (trx) => {
    if (await repo.openLostContactOf(trx, input.personId))
      throw conflict('ALREADY_LOST', `${m.name}已有未解除的失联登记`, 'personId');
    const row = await repo.insertLostContact(trx, {
      org_id: org.id,
      org_path: org.path,
      person_id: input.personId,
      since: input.since,
      searches: input.searches,
      status: 'lost',
      found_on: null,
      created_by: rc.actor!.userId,
      created_at: ctx.now().toISOString(),
    });
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc),
      action: 'evaluation.lost_contact.create',
      objectType: 'member_lost_contact',
      objectId: row.id,
      scopePath: org.path,
      detail: { after: { personId: input.personId, since: input.since } },
    });
    await refreshAlertsIn(ctx, trx, ['evaluation.lost-contacts'], org.path);
    return {
      data: { id: row.id, personId: row.person_id, name: m.name, since: row.since, status: row.status },
    };
  });
}

/** Contact restored: the registration is closed (the 停止党籍 proposal disappears). */
export async function markFound(ctx: AppContext, rc: RequestContext, id: number, foundOn: string) {
  const row = await repo.findLostContact(ctx.db, id);
  if (!row) throw notFound('失联登记');
  if (!canManageIn(rc.actor!, row.org_path)) throw await denied(ctx, rc, 'member_lost_contact', id, 'scope');
  if (row.status !== 'lost') throw conflict('NOT_LOST', '该失联登记已经解除', 'status');
  if (foundOn < row.since)
    throw badRequest('DATE_BEFORE_LOST', `恢复联系日期不能早于失去联系日期${row.since}`, 'foundOn');
  if (foundOn > chinaDate(ctx.now()))
    throw badRequest('DATE_IN_FUTURE', '恢复联系日期不能晚于今天', 'foundOn');
  return ctx.db.transaction().execute(async (trx) => {
    const after = await repo.markFound(trx, id, foundOn);
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc),
      action: 'evaluation.lost_contact.found',
      objectType: 'member_lost_contact',
      objectId: id,
      scopePath: row.org_path,
      detail: { before: { status: row.status }, after: { status: after.status, foundOn } },
    });
    await refreshAlertsIn(ctx, trx, ['evaluation.lost-contacts'], row.org_path);
    return { data: { id, status: after.status, foundOn: after.found_on } };
  });
}

/** A human's decision on a current proposal: submitted to the 党组织 for study, or dismissed with reasons. */
export async function decideProposal(
  ctx: AppContext,
  rc: RequestContext,
  input: {
    orgId: number;
    personId: number;
    proposal: string;
    decision: 'submitted' | 'dismissed';
    note: string;
  },
) {
  const org = await scopedOrg(ctx, rc, input.orgId);
  const p = await computeProposals(ctx, org.path);
  const item = p.items.find((x) => x.personId === input.personId && x.proposal === input.proposal);
  if (!item)
    throw conflict(
      'NO_SUCH_PROPOSAL',
      `当前数据不支持对该党员提出“${input.proposal}”建议，无法处理`,
      'proposal',
    );
  const target = (await findOrgById(ctx.db, item.orgId))!;
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.insertDecision(trx, {
      org_id: item.orgId,
      org_path: target.path,
      person_id: item.personId,
      proposal: item.proposal,
      decision: input.decision,
      note: input.note,
      decided_on: p.today,
      created_by: rc.actor!.userId,
      created_at: ctx.now().toISOString(),
    });
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc),
      action: 'evaluation.proposal.decide',
      objectType: 'member_proposal_decision',
      objectId: row.id,
      scopePath: target.path,
      detail: {
        after: {
          personId: item.personId,
          proposal: item.proposal,
          decision: input.decision,
          reason: item.reason,
        },
      },
    });
    return {
      data: {
        id: row.id,
        personId: item.personId,
        proposal: item.proposal,
        decision: input.decision,
        decisionName: DECISION_NAMES[input.decision],
      },
    };
  });
}
