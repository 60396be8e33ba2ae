// 两优一先: load → decide (core rule) → persist → audit, in one transaction per change.
import {
  decideArchive,
  decideEvidence,
  decideNominate,
  decideNominationDecision,
  decideOpenRound,
  decideStartPublicity,
  nomineeKindOf,
  NOMINATION_STATUS_LABELS,
  publicityEndsOn,
  publicityOver,
  ROUND_STATUS_LABELS,
  type NominationStatus,
  type RoundState,
  type RoundStatus,
} from '../../../core/commitments/commendations.rules.ts';
import type { NominateInput, OpenRoundInput } from '../../../core/commitments/commendations.schemas.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { chinaDate } from '../../../core/shared/dates.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import type { Actor, AppContext, RequestContext } from '../../context.ts';
import { denied } from '../../authz.ts';
import { badRequest, fromDecision, notFound } from '../../http/errors.ts';
import { hasAnyRole, inScope } from '../../http/policy.ts';
import { loadCalendar } from '../development/development.service.ts';
import { findOrgByCode, findOrgById } from '../orgs/orgs.repository.ts';
import { lookUpEvidence } from './commendations.evidence.ts';
import * as repo from './commendations.repository.ts';
import { CM_WRITERS } from './commitments.policy.ts';

const today = (ctx: AppContext) => chinaDate(ctx.now());

/** '/1/23/456/' → ['/1/', '/1/23/', '/1/23/456/'] */
export function pathAndAncestors(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  return parts.map((_, i) => `/${parts.slice(0, i + 1).join('/')}/`);
}

const roundState = (r: repo.RoundRow): RoundState => ({
  status: r.status as RoundStatus,
  orgPath: r.org_path,
  nominateFrom: r.nominate_from,
  nominateTo: r.nominate_to,
  publicityEndsOn: r.publicity_ends_on,
});

/** The round's 党委 (or above) manages it; organisations below it take part. */
const canManage = (a: Actor, r: repo.RoundRow) => hasAnyRole(a, CM_WRITERS) && inScope(a, r.org_path);
const takesPart = (a: Actor, r: repo.RoundRow) =>
  inScope(a, r.org_path) || a.scopePath.startsWith(r.org_path);

function presentRound(r: repo.RoundRow, day: string) {
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    year: r.year,
    title: r.title,
    nominateFrom: r.nominate_from,
    nominateTo: r.nominate_to,
    nominationOpen: r.status === 'open' && day >= r.nominate_from && day <= r.nominate_to,
    status: r.status,
    statusLabel: ROUND_STATUS_LABELS[r.status as RoundStatus] ?? r.status,
    publicityFrom: r.publicity_from,
    publicityEndsOn: r.publicity_ends_on,
    publicityWorkingDays: r.publicity_working_days,
    publicityOver: publicityOver(roundState(r), day),
    archivedOn: r.archived_on,
  };
}

function presentNomination(n: repo.NominationRow) {
  return {
    id: n.id,
    roundId: n.round_id,
    orgId: n.org_id,
    orgName: n.org_name,
    category: n.category,
    nomineePersonId: n.nominee_person_id,
    nomineeOrgId: n.nominee_org_id,
    nomineeName: n.nominee_name,
    nomineeOrgName: n.nominee_org_name,
    reason: n.reason,
    evidence: JSON.parse(n.evidence) as Array<{ kind: string; id: number; label: string }>,
    status: n.status,
    statusLabel: NOMINATION_STATUS_LABELS[n.status as NominationStatus] ?? n.status,
    decisionReason: n.decision_reason,
    decidedOn: n.decided_on,
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
  };
}

async function requireRound(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  allowed: (a: Actor, r: repo.RoundRow) => boolean,
) {
  const r = await repo.findRound(ctx.db, id);
  if (!r) throw notFound('评选');
  if (!allowed(rc.actor!, r)) throw await denied(ctx, rc, 'commendation_round', id, 'scope');
  return r;
}

function policies(a: Actor, r: repo.RoundRow, day: string) {
  const manage = canManage(a, r);
  return {
    manage,
    nominate:
      hasAnyRole(a, CM_WRITERS) &&
      a.scopePath !== r.org_path &&
      a.scopePath.startsWith(r.org_path) &&
      r.status === 'open' &&
      day >= r.nominate_from &&
      day <= r.nominate_to,
  };
}

export async function openRound(ctx: AppContext, rc: RequestContext, input: OpenRoundInput) {
  const actor = rc.actor!;
  const org = await findOrgById(ctx.db, input.orgId);
  if (!org) throw notFound('组织');
  if (!hasAnyRole(actor, CM_WRITERS) || !inScope(actor, org.path))
    throw await denied(ctx, rc, 'org', org.id, 'scope');
  const day = today(ctx);
  const d = decideOpenRound({
    orgKind: org.kind,
    nominateFrom: input.nominateFrom,
    nominateTo: input.nominateTo,
    today: day,
  });
  if (!d.ok) throw fromDecision(d);
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const r = await repo.insertRound(trx, {
      org_id: org.id,
      org_path: org.path,
      org_name: org.name,
      year: input.year,
      title: input.title,
      nominate_from: input.nominateFrom,
      nominate_to: input.nominateTo,
      status: d.value,
      publicity_from: null,
      publicity_ends_on: null,
      publicity_working_days: null,
      archived_on: null,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await appendAudit(trx, ctx.ring, {
      ...auditBase(ctx, rc),
      action: 'commendation.round.open',
      objectType: 'commendation_round',
      objectId: r.id,
      scopePath: r.org_path,
      detail: { after: presentRound(r, day) },
    });
    return { data: presentRound(r, day), policies: policies(actor, r, day) };
  });
}

export async function listRounds(
  ctx: AppContext,
  rc: RequestContext,
  orgId: number | undefined,
  year?: number,
) {
  const actor = rc.actor!;
  let path = actor.scopePath;
  if (orgId !== undefined) {
    const org = await findOrgById(ctx.db, orgId);
    if (!org) throw notFound('组织');
    if (!inScope(actor, org.path)) throw await denied(ctx, rc, 'org', orgId, 'scope');
    path = org.path;
  }
  const day = today(ctx);
  const rows = await repo.listRounds(ctx.db, path, pathAndAncestors(path), year);
  return { data: rows.map((r) => ({ ...presentRound(r, day), policies: policies(actor, r, day) })) };
}

export async function getRound(ctx: AppContext, rc: RequestContext, id: number) {
  const actor = rc.actor!;
  const r = await requireRound(ctx, rc, id, takesPart);
  const day = today(ctx);
  // The managing committee sees every nomination; a nominating organisation sees its own subtree's.
  const scope = inScope(actor, r.org_path) ? r.org_path : actor.scopePath;
  const nominations = await repo.listNominations(ctx.db, id, scope);
  return {
    data: { ...presentRound(r, day), nominations: nominations.map(presentNomination) },
    policies: policies(actor, r, day),
  };
}

export async function nominate(ctx: AppContext, rc: RequestContext, roundId: number, input: NominateInput) {
  const actor = rc.actor!;
  const round = await requireRound(ctx, rc, roundId, takesPart);
  const nominator = await findOrgById(ctx.db, input.orgId ?? actor.scopeOrgId);
  if (!nominator) throw notFound('提名组织');
  if (!hasAnyRole(actor, CM_WRITERS) || !inScope(actor, nominator.path))
    throw await denied(ctx, rc, 'org', nominator.id, 'scope');
  const day = today(ctx);
  const kind = nomineeKindOf(input.category);
  let nominee: { name: string; orgName: string; path: string | null; orgKind: string | null };
  if (kind === 'person') {
    if (!input.nomineePersonId || input.nomineeOrgId !== undefined)
      throw badRequest(
        'NOMINEE_PERSON_REQUIRED',
        `${input.category}须指明被提名党员（不填组织）`,
        'nomineePersonId',
      );
    const m = await repo.currentMembership(ctx.db, input.nomineePersonId, day);
    nominee = m
      ? { name: m.name, orgName: m.orgName, path: m.path, orgKind: null }
      : { name: '', orgName: '', path: null, orgKind: null };
  } else {
    if (!input.nomineeOrgId || input.nomineePersonId !== undefined)
      throw badRequest('NOMINEE_ORG_REQUIRED', '先进基层党组织须指明被提名组织（不填党员）', 'nomineeOrgId');
    const o = await findOrgById(ctx.db, input.nomineeOrgId);
    nominee =
      o && o.status === 'active'
        ? { name: o.name, orgName: o.name, path: o.path, orgKind: o.kind }
        : { name: '', orgName: '', path: null, orgKind: null };
  }
  const duplicate = await repo.hasLiveNomination(ctx.db, roundId, input.category, {
    personId: input.nomineePersonId,
    orgId: input.nomineeOrgId,
  });
  const d = decideNominate({
    round: roundState(round),
    today: day,
    nominatorPath: nominator.path,
    category: input.category,
    nomineePath: nominee.path,
    nomineeOrgKind: nominee.orgKind,
    duplicate,
  });
  if (!d.ok)
    throw fromDecision(
      d,
      d.code === 'NOMINEE_DUPLICATE' || d.code === 'NOMINATION_CLOSED' ? 'conflict' : 'bad_request',
    );
  const facts = await Promise.all(input.evidence.map((e) => lookUpEvidence(ctx.db, e.kind, e.id)));
  const ev = decideEvidence(facts, nominator.path);
  if (!ev.ok) throw fromDecision(ev);
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const n = await repo.insertNomination(trx, {
      round_id: roundId,
      org_id: nominator.id,
      org_path: nominator.path,
      org_name: nominator.name,
      category: input.category,
      nominee_person_id: kind === 'person' ? input.nomineePersonId! : null,
      nominee_org_id: kind === 'org' ? input.nomineeOrgId! : null,
      nominee_name: nominee.name,
      nominee_org_name: nominee.orgName,
      reason: input.reason,
      evidence: JSON.stringify(facts.map((f) => ({ kind: f.kind, id: f.id, label: f.label }))),
      status: d.value,
      decision_reason: null,
      decided_on: null,
      decided_by: null,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await appendAudit(trx, ctx.ring, {
      ...auditBase(ctx, rc),
      action: 'commendation.nominate',
      objectType: 'commendation_nomination',
      objectId: n.id,
      scopePath: n.org_path,
      detail: { after: { roundId, category: n.category, nominee: n.nominee_name, evidence: input.evidence } },
    });
    return { data: presentNomination(n) };
  });
}

export async function startPublicity(ctx: AppContext, rc: RequestContext, id: number) {
  const r = await requireRound(ctx, rc, id, canManage);
  const day = today(ctx);
  const pending = await repo.countByStatus(ctx.db, id, 'nominated');
  const d = decideStartPublicity(roundState(r), day, pending);
  if (!d.ok) throw fromDecision(d, 'conflict');
  const days = ruleValue<number>(ctx.config.rulebook, 'commitments.commendation.publicityWorkingDays', day);
  const endsOn = publicityEndsOn(day, days, await loadCalendar(ctx.db));
  return ctx.db.transaction().execute(async (trx) => {
    const u = await repo.updateRound(trx, id, {
      status: d.value,
      publicity_from: day,
      publicity_ends_on: endsOn,
      publicity_working_days: days,
      updated_at: ctx.now().toISOString(),
    });
    await appendAudit(trx, ctx.ring, {
      ...auditBase(ctx, rc),
      action: 'commendation.round.publicity',
      objectType: 'commendation_round',
      objectId: id,
      scopePath: r.org_path,
      detail: {
        before: { status: r.status },
        after: { status: d.value, publicityFrom: day, publicityEndsOn: endsOn, workingDays: days },
      },
    });
    return { data: presentRound(u, day), policies: policies(rc.actor!, u, day) };
  });
}

export async function decideNomination(
  ctx: AppContext,
  rc: RequestContext,
  nominationId: number,
  input: { action: 'approve' | 'reject'; reason?: string | undefined },
) {
  const n = await repo.findNomination(ctx.db, nominationId);
  if (!n) throw notFound('提名');
  const r = (await repo.findRound(ctx.db, n.round_id))!;
  if (!canManage(rc.actor!, r)) throw await denied(ctx, rc, 'commendation_nomination', nominationId, 'scope');
  const day = today(ctx);
  const d = decideNominationDecision(
    input.action,
    roundState(r),
    { status: n.status as NominationStatus },
    day,
  );
  if (!d.ok) throw fromDecision(d, 'conflict');
  return ctx.db.transaction().execute(async (trx) => {
    const u = await repo.updateNomination(trx, nominationId, {
      status: d.value,
      decision_reason: input.reason ?? null,
      decided_on: day,
      decided_by: rc.actor!.userId,
      updated_at: ctx.now().toISOString(),
    });
    await appendAudit(trx, ctx.ring, {
      ...auditBase(ctx, rc),
      action: `commendation.${input.action}`,
      objectType: 'commendation_nomination',
      objectId: nominationId,
      scopePath: n.org_path,
      detail: { before: { status: n.status }, after: { status: d.value, reason: input.reason ?? null } },
    });
    return { data: presentNomination(u) };
  });
}

export async function archiveRound(ctx: AppContext, rc: RequestContext, id: number) {
  const r = await requireRound(ctx, rc, id, canManage);
  const day = today(ctx);
  const d = decideArchive(roundState(r), day, await repo.countByStatus(ctx.db, id, 'nominated'));
  if (!d.ok) throw fromDecision(d, 'conflict');
  return ctx.db.transaction().execute(async (trx) => {
    const u = await repo.updateRound(trx, id, {
      status: d.value,
      archived_on: day,
      updated_at: ctx.now().toISOString(),
    });
    await appendAudit(trx, ctx.ring, {
      ...auditBase(ctx, rc),
      action: 'commendation.round.archive',
      objectType: 'commendation_round',
      objectId: id,
      scopePath: r.org_path,
      detail: { before: { status: r.status }, after: { status: d.value, archivedOn: day } },
    });
    return { data: presentRound(u, day), policies: policies(rc.actor!, u, day) };
  });
}

/** The year's honour roll (approved nominations of archived rounds) for a subtree. */
export async function archiveList(
  ctx: AppContext,
  rc: RequestContext,
  orgId: number | undefined,
  year: number,
) {
  const actor = rc.actor!;
  let path = actor.scopePath;
  if (orgId !== undefined) {
    const org = await findOrgById(ctx.db, orgId);
    if (!org) throw notFound('组织');
    if (!inScope(actor, org.path)) throw await denied(ctx, rc, 'org', orgId, 'scope');
    path = org.path;
  }
  const rows = await repo.archive(ctx.db, path, year);
  return {
    data: rows.map((x) => ({
      id: x.id,
      roundId: x.round_id,
      roundTitle: x.round_title,
      roundOrgName: x.round_org_name,
      archivedOn: x.archived_on,
      category: x.category,
      nomineeName: x.nominee_name,
      nomineeOrgName: x.nominee_org_name,
      nominatedBy: x.org_name,
      reason: x.reason,
      decidedOn: x.decided_on,
    })),
  };
}

/**
 * Public 公示 (no login): rounds opened at or above the organisation that are in 公示 (the
 * nominations still standing) or archived (the approved ones). Names and organisations only.
 */
export async function publicCommendations(ctx: AppContext, code: string) {
  const org = await findOrgByCode(ctx.db, '/', code);
  if (!org) throw notFound('组织');
  const rounds = await repo.publicRounds(ctx.db, pathAndAncestors(org.path));
  const day = today(ctx);
  const items = await repo.publicNominations(
    ctx.db,
    rounds.map((r) => r.id),
    ['nominated', 'approved'],
  );
  return {
    data: rounds.map((r) => ({
      id: r.id,
      title: r.title,
      orgName: r.org_name,
      year: r.year,
      status: r.status,
      statusLabel: ROUND_STATUS_LABELS[r.status as RoundStatus] ?? r.status,
      publicityFrom: r.publicity_from,
      publicityEndsOn: r.publicity_ends_on,
      publicityOver: publicityOver(roundState(r), day),
      nominees: items
        .filter((n) => n.round_id === r.id && (r.status === 'publicity' || n.status === 'approved'))
        .map((n) => ({
          id: n.id,
          category: n.category,
          name: n.nominee_name,
          orgName: n.nominee_org_name,
          reason: n.reason,
          status: n.status,
          statusLabel: NOMINATION_STATUS_LABELS[n.status as NominationStatus] ?? n.status,
        })),
    })),
  };
}
