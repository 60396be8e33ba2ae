// 联系点: which 党委 leadership-team member is linked to which organisations below. Decides who
// may review an organisation's commitments (see decideReviewer).
import { decideLiaison } from '../../../core/commitments/commitments.rules.ts';
import { chinaDate } from '../../../core/shared/dates.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import { denied } from '../../authz.ts';
import { badRequest, fromDecision, notFound } from '../../http/errors.ts';
import { hasAnyRole, inScope } from '../../http/policy.ts';
import { findOrgById } from '../orgs/orgs.repository.ts';
import { CM_WRITERS } from './commitments.policy.ts';
import { findPerson, positionsOn } from './commitments.repository.ts';
import * as repo from './liaisons.repository.ts';

const today = (ctx: AppContext) => chinaDate(ctx.now());

function present(r: Awaited<ReturnType<typeof repo.listLiaisons>>[number], day: string) {
  return {
    id: r.id,
    committeeOrgId: r.committee_org_id,
    committeeName: r.committee_name,
    personId: r.person_id,
    personName: r.person_name,
    orgId: r.org_id,
    orgName: r.org_name,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    active: r.valid_from <= day && (r.valid_to === null || r.valid_to > day),
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
    objectType: 'commitment_liaison',
  };
}

export async function listLiaisons(ctx: AppContext, rc: RequestContext, orgId: number | undefined) {
  const actor = rc.actor!;
  let path = actor.scopePath;
  if (orgId !== undefined) {
    const org = await findOrgById(ctx.db, orgId);
    if (!org) throw notFound('组织');
    if (!inScope(actor, org.path)) throw await denied(ctx, rc, 'org', orgId, 'scope');
    path = org.path;
  }
  const day = today(ctx);
  return { data: (await repo.listLiaisons(ctx.db, path)).map((r) => present(r, day)) };
}

export async function createLiaison(
  ctx: AppContext,
  rc: RequestContext,
  input: { committeeOrgId: number; personId: number; orgId: number; validFrom?: string | undefined },
) {
  const actor = rc.actor!;
  const committee = await findOrgById(ctx.db, input.committeeOrgId);
  if (!committee) throw notFound('党委');
  if (!hasAnyRole(actor, CM_WRITERS) || !inScope(actor, committee.path))
    throw await denied(ctx, rc, 'org', committee.id, 'scope');
  const org = await findOrgById(ctx.db, input.orgId);
  if (!org) throw notFound('联系组织');
  const person = await findPerson(ctx.db, input.personId);
  if (!person) throw badRequest('PERSON_UNKNOWN', '党员不存在', 'personId');
  const from = input.validFrom ?? today(ctx);
  const posts = (await positionsOn(ctx.db, person.id, from))
    .filter((p) => p.orgId === committee.id)
    .map((p) => p.post);
  const d = decideLiaison({
    committee: { kind: committee.kind, path: committee.path },
    postsInCommittee: posts,
    org: { path: org.path },
    overlapping: await repo.hasOpenLink(ctx.db, person.id, org.id, from),
  });
  if (!d.ok) throw fromDecision(d, d.code === 'LIAISON_DUPLICATE' ? 'conflict' : 'bad_request');
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.insertLiaison(trx, {
      committee_org_id: committee.id,
      committee_path: committee.path,
      person_id: person.id,
      person_name: person.name,
      org_id: org.id,
      org_path: org.path,
      valid_from: from,
      valid_to: null,
      created_by: actor.userId,
      created_at: ctx.now().toISOString(),
    });
    await appendAudit(trx, ctx.ring, {
      ...auditBase(ctx, rc),
      action: 'commitment.liaison.create',
      objectId: row.id,
      scopePath: committee.path,
      detail: { after: { committee: committee.name, person: person.name, org: org.name, validFrom: from } },
    });
    return {
      data: present({ ...row, committee_name: committee.name, org_name: org.name }, today(ctx)),
    };
  });
}

export async function endLiaison(ctx: AppContext, rc: RequestContext, id: number, validTo: string) {
  const actor = rc.actor!;
  const row = await repo.findLiaison(ctx.db, id);
  if (!row) throw notFound('联系点');
  if (!hasAnyRole(actor, CM_WRITERS) || !inScope(actor, row.committee_path))
    throw await denied(ctx, rc, 'commitment_liaison', id, 'scope');
  if (row.valid_to !== null) throw badRequest('LIAISON_ENDED', '该联系点已结束', 'validTo');
  if (validTo <= row.valid_from)
    throw badRequest('LIAISON_END_BEFORE_START', '结束日期须晚于开始日期', 'validTo');
  return ctx.db.transaction().execute(async (trx) => {
    const u = await repo.endLiaison(trx, id, validTo);
    await appendAudit(trx, ctx.ring, {
      ...auditBase(ctx, rc),
      action: 'commitment.liaison.end',
      objectId: id,
      scopePath: row.committee_path,
      detail: { before: { validTo: null }, after: { validTo } },
    });
    const names = (await repo.listLiaisons(trx, row.org_path)).find((x) => x.id === id);
    return {
      data: present(
        { ...u, committee_name: names?.committee_name ?? '', org_name: names?.org_name ?? '' },
        today(ctx),
      ),
    };
  });
}
