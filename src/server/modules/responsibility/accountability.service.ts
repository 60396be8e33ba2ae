// 问责 (accountability records): proposed by the level above the post holder's organisation,
// approved by the level above the proposer (the county's own proposals by another county
// 组织部 administrator), then 生效. Seen by the proposer and its ancestors and the auditor only —
// never by the target organisation's staff.
import {
  ACC_STATUS_LABELS,
  canSeeAccountability,
  decideAccountability,
  decideApproval,
  type AccStatus,
} from '../../../core/responsibility/responsibility.rules.ts';
import type { ProposeAccountabilityInput } from '../../../core/responsibility/responsibility.schemas.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import { denied, requireActor } from '../../authz.ts';
import type { Actor, AppContext, RequestContext } from '../../context.ts';
import { badRequest, conflict, fromDecision, notFound } from '../../http/errors.ts';
import { hasAnyRole, inScope } from '../../http/policy.ts';
import { findRectificationRow } from '../evaluation/rectification/rectification.service.ts';
import { usersScopedAt } from '../notifications/notifications.repository.ts';
import { notify } from '../notifications/notifications.service.ts';
import { findOrgById } from '../orgs/orgs.repository.ts';
import { entryBase, rule, scopeOrg, today } from './responsibility.common.ts';
import { ACC_READERS, ACC_WRITERS } from './responsibility.policy.ts';
import * as repo from './responsibility.repository.ts';

export const accountabilityTypes = (ctx: AppContext, on: string) =>
  rule<string[]>(ctx, 'responsibility.accountability.types', on);

const approval = (a: Actor, r: repo.AccRow) =>
  decideApproval(
    {
      status: r.status,
      approverPath: r.approver_org_path,
      proposerPath: r.proposer_org_path,
      proposedBy: r.proposed_by,
    },
    { scopePath: a.scopePath, userId: a.userId },
  );

const canRead = (a: Actor, r: repo.AccRow) =>
  hasAnyRole(a, ACC_READERS) && canSeeAccountability(a.scopePath, r.proposer_org_path);

function present(r: repo.AccRow, a: Actor) {
  return {
    id: r.id,
    type: r.type,
    reason: r.reason,
    personId: r.person_id,
    personName: r.person_name,
    post: r.post,
    orgId: r.org_id,
    orgName: r.org_name,
    rectItemId: r.rect_item_id,
    alertId: r.alert_id,
    proposerOrgId: r.proposer_org_id,
    proposerOrgName: r.proposer_org_name,
    approverOrgId: r.approver_org_id,
    status: r.status,
    statusLabel: ACC_STATUS_LABELS[r.status as AccStatus] ?? r.status,
    proposedName: r.proposed_name,
    proposedOn: r.proposed_on,
    decidedName: r.decided_name,
    decidedOn: r.decided_on,
    decisionNote: r.decision_note,
    canDecide: hasAnyRole(a, ACC_WRITERS) && approval(a, r).ok,
  };
}

export async function listAccountability(ctx: AppContext, rc: RequestContext, orgId: number | undefined) {
  const actor = requireActor(rc);
  const org = await scopeOrg(ctx, rc, orgId);
  const rows = await repo.accountabilityUnder(ctx.db, org.path);
  return {
    data: rows.filter((r) => canRead(actor, r)).map((r) => present(r, actor)),
    types: accountabilityTypes(ctx, today(ctx)),
  };
}

async function requireRecord(ctx: AppContext, rc: RequestContext, id: number): Promise<repo.AccRow> {
  const actor = requireActor(rc);
  const row = await repo.findAccountability(ctx.db, id);
  if (!row) throw notFound('问责记录');
  if (!canRead(actor, row)) throw await denied(ctx, rc, 'accountability', id, 'scope');
  return row;
}

export async function getAccountability(ctx: AppContext, rc: RequestContext, id: number) {
  return { data: present(await requireRecord(ctx, rc, id), requireActor(rc)) };
}

export async function proposeAccountability(
  ctx: AppContext,
  rc: RequestContext,
  input: ProposeAccountabilityInput,
) {
  const actor = requireActor(rc);
  const proposer = await findOrgById(ctx.db, actor.scopeOrgId);
  if (!proposer) throw notFound('组织');
  const target = await findOrgById(ctx.db, input.orgId);
  if (!target) throw badRequest('ORG_NOT_FOUND', '被问责人所在组织不存在', 'orgId');
  if (!inScope(actor, target.path)) throw await denied(ctx, rc, 'org', target.id, 'scope');
  const name = await repo.personName(ctx.db, input.personId);
  if (!name) throw badRequest('PERSON_NOT_FOUND', '被问责人不存在', 'personId');
  if (input.rectItemId !== undefined) {
    const item = await findRectificationRow(ctx.db, input.rectItemId);
    if (!item) throw badRequest('RECT_NOT_FOUND', '整改事项不存在', 'rectItemId');
    if (!inScope(actor, item.org_path)) throw await denied(ctx, rc, 'rect_item', item.id, 'scope');
  }
  if (input.alertId !== undefined) {
    const alert = await repo.findAlert(ctx.db, input.alertId);
    if (!alert) throw badRequest('ALERT_NOT_FOUND', '预警不存在', 'alertId');
    if (!inScope(actor, alert.org_path)) throw await denied(ctx, rc, 'alert', alert.id, 'scope');
  }
  const day = today(ctx);
  const d = decideAccountability({
    type: input.type,
    types: accountabilityTypes(ctx, day),
    proposerPath: proposer.path,
    targetOrgPath: target.path,
    holdsPost: await repo.holdsPost(ctx.db, input.personId, target.id, input.post, day),
    rectItemId: input.rectItemId ?? null,
    alertId: input.alertId ?? null,
  });
  if (!d.ok) throw fromDecision(d);
  // The level above the proposer approves; the top organisation approves its own (组织部).
  const approver = proposer.parent_id === null ? proposer : await findOrgById(ctx.db, proposer.parent_id);
  if (!approver) throw notFound('审批单位');
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.insertAccountability(trx, {
      type: input.type,
      reason: input.reason,
      person_id: input.personId,
      person_name: name,
      post: input.post,
      org_id: target.id,
      org_path: target.path,
      org_name: target.name,
      rect_item_id: input.rectItemId ?? null,
      alert_id: input.alertId ?? null,
      proposer_org_id: proposer.id,
      proposer_org_path: proposer.path,
      proposer_org_name: proposer.name,
      approver_org_id: approver.id,
      approver_org_path: approver.path,
      status: 'proposed',
      proposed_by: actor.userId,
      proposed_name: actor.displayName,
      proposed_on: day,
      decided_by: null,
      decided_name: null,
      decided_on: null,
      decision_note: null,
      created_at: now,
      updated_at: now,
    });
    // Scoped to the proposer: the audit trail of the target's subtree must not reveal it either.
    await appendAudit(trx, ctx.ring, {
      ...entryBase(ctx, rc, 'accountability'),
      action: 'accountability.propose',
      objectId: row.id,
      scopePath: proposer.path,
      detail: { type: row.type, person: name, post: row.post, org: target.name },
    });
    // The approving level's administrators (never the target's staff: the record is not theirs to see).
    const approvers = await usersScopedAt(trx, [approver.id], ACC_WRITERS);
    await notify(ctx, trx, {
      kind: 'accountability.proposed',
      title: `问责待审批：${proposer.name}提出`,
      body: `${proposer.name}提出对${target.name}${row.post}${name}予以${row.type}，请审批。`,
      link: `/orgs/${approver.id}/accountability`,
      dedupeKey: `accountability:${row.id}`,
      recipients: approvers.filter((u) => u.id !== actor.userId).map((u) => u.id),
      orgPath: proposer.path,
    });
    return { data: present(row, actor) };
  });
}

export async function decide(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  action: 'approve' | 'reject',
  note: string,
) {
  const actor = requireActor(rc);
  const row = await requireRecord(ctx, rc, id);
  if (!hasAnyRole(actor, ACC_WRITERS)) throw await denied(ctx, rc, 'accountability', id, 'role');
  const d = approval(actor, row);
  if (!d.ok) {
    if (d.code === 'NOT_PENDING') throw conflict(d.code, d.message);
    throw fromDecision(d, 'forbidden');
  }
  if (action === 'reject' && note === '') throw badRequest('NOTE_REQUIRED', '不予批准须填写审批意见', 'note');
  const day = today(ctx);
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const after = await repo.decideAccountabilityRow(trx, id, {
      status: action === 'approve' ? 'effective' : 'rejected',
      decided_by: actor.userId,
      decided_name: actor.displayName,
      decided_on: day,
      decision_note: note,
      updated_at: now,
    });
    await appendAudit(trx, ctx.ring, {
      ...entryBase(ctx, rc, 'accountability'),
      action: action === 'approve' ? 'accountability.approve' : 'accountability.reject',
      objectId: id,
      scopePath: row.proposer_org_path,
      detail: { type: row.type, person: row.person_name, note },
    });
    return { data: present(after, actor) };
  });
}
