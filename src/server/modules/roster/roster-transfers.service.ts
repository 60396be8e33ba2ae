// Roster services: transfers of organisational relationship.
import type { Transaction } from 'kysely';
import { pathIds } from '../../../core/org/org.rules.ts';
import { isBranchKind } from '../../../core/org/org.types.ts';
import type { TransferStatus } from '../../../core/roster/roster.constants.ts';
import type { TransferActionInput, TransferCreateInput } from '../../../core/roster/roster.schemas.ts';
import {
  approvalPath,
  decideInitiate,
  decideStep,
  mayAct,
  mayView,
  type TransferFacts,
} from '../../../core/roster/transfer.rules.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import { refreshAlertsIn } from '../alerts/alerts.service.ts';
import { denied } from '../../authz.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, badRequest, fromDecision, notFound } from '../../http/errors.ts';
import { inScope } from '../../http/policy.ts';
import { auditBase, requireOrg, today } from './roster-common.service.ts';
import { mayUnmask } from './roster.policy.ts';
import { presentTransfer } from './roster.presenter.ts';
import * as repo from './roster.repository.ts';

/**
 * The alerts (预警) a transfer's step opens or closes, in its transaction: waiting at the
 * approving 党委 or at the receiving organisation, and a retained graduate (毕业生) leaving.
 */
async function refreshTransferAlerts(
  ctx: AppContext,
  trx: Transaction<DB>,
  t: { from_org_path: string; to_org_path: string; approver_path: string | null },
): Promise<void> {
  await refreshAlertsIn(ctx, trx, ['roster.transfers'], t.to_org_path);
  if (t.approver_path) await refreshAlertsIn(ctx, trx, ['roster.transfers'], t.approver_path);
  await refreshAlertsIn(ctx, trx, ['roster.graduates'], t.from_org_path);
}

function facts(t: NonNullable<repo.TransferRow>): TransferFacts {
  return {
    status: t.status as TransferStatus,
    fromOrgPath: t.from_org_path,
    toOrgPath: t.to_org_path,
    approverPath: t.approver_path,
    reachedReceiver: t.reached_receiver === 1,
  };
}

export async function listTransfers(
  ctx: AppContext,
  rc: RequestContext,
  orgId: number,
  status: 'open' | 'closed' | 'all',
) {
  const org = await requireOrg(ctx, rc, orgId);
  const rows = await repo.listTransfers(ctx.db, org.path, status);
  const actor = rc.actor!;
  return {
    data: rows.map((t) => {
      const f = facts(t);
      return {
        ...presentTransfer(t),
        direction: f.fromOrgPath.startsWith(org.path)
          ? ('out' as const)
          : f.toOrgPath.startsWith(org.path)
            ? ('in' as const)
            : ('approval' as const),
        actions: (['approve', 'reject', 'accept', 'return', 'cancel'] as const).filter(
          (a) =>
            decideStep(f, a).ok &&
            mayAct(f, a, actor.scopePath) &&
            (a !== 'approve' && a !== 'reject' ? true : mayUnmask(actor)),
        ),
      };
    }),
  };
}

export async function getTransfer(ctx: AppContext, rc: RequestContext, id: number) {
  const t = await repo.findTransfer(ctx.db, id);
  if (!t) throw notFound('转接');
  if (!mayView(facts(t), rc.actor!.scopePath)) throw await denied(ctx, rc, 'roster_transfer', id, 'scope');
  return { data: presentTransfer(t) };
}

/** `link` runs in the same transaction with the new transfer's id (a member's request turned into it). */
export async function createTransfer(
  ctx: AppContext,
  rc: RequestContext,
  input: TransferCreateInput,
  link?: (trx: Transaction<DB>, transferId: number) => Promise<void>,
) {
  const actor = rc.actor!;
  const on = today(ctx);
  const member = await repo.memberById(ctx.db, input.personId, on);
  if (!member) throw notFound('党员');
  if (!member.org_id || !member.org_path)
    throw badRequest('NO_MEMBERSHIP', '该党员当前没有所在党组织，不能发起转接', 'personId');
  if (!inScope(actor, member.org_path)) throw await denied(ctx, rc, 'person', input.personId, 'scope');
  const target = (await repo.findOrgsByCodes(ctx.db, [input.toOrgCode])).get(input.toOrgCode);
  if (!target)
    throw badRequest('TRANSFER_TARGET_NOT_FOUND', `转入组织编码“${input.toOrgCode}”不存在`, 'toOrgCode');
  const d = decideInitiate({
    fromOrgId: Number(member.org_id),
    toOrgId: target.id,
    toOrgActive: target.status === 'active',
    toIsBranch: isBranchKind(target.kind),
    hasOpenTransfer: await repo.hasOpenTransfer(ctx.db, input.personId),
  });
  if (!d.ok) throw fromDecision(d, d.code === 'TRANSFER_OPEN' ? 'conflict' : 'bad_request');
  const ancestors = await repo.findOrgsByPaths(
    ctx.db,
    pathIds(member.org_path).map((_, i, all) => '/' + all.slice(0, i + 1).join('/') + '/'),
  );
  const approver = approvalPath(ancestors, target.path);
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertTransfer(trx, {
      person_id: input.personId,
      from_org_id: Number(member.org_id),
      from_org_path: member.org_path!,
      to_org_id: target.id,
      to_org_path: target.path,
      approver_path: approver,
      reached_receiver: approver ? 0 : 1,
      status: approver ? 'pending_approval' : 'pending_acceptance',
      reason: input.reason,
      return_reason: null,
      initiated_by: actor.username,
      initiated_at: now,
      approved_by: null,
      approved_at: null,
      decided_by: null,
      decided_at: null,
      effective_on: null,
      updated_at: now,
    });
    await appendAudit(trx, ctx.ring, {
      ...auditBase(ctx, rc),
      action: 'roster.transfer.create',
      objectType: 'roster_transfer',
      objectId: id,
      scopePath: member.org_path,
      detail: {
        personId: input.personId,
        from: Number(member.org_id),
        to: target.id,
        needsApproval: approver !== null,
      },
    });
    if (link) await link(trx, id);
    await refreshTransferAlerts(ctx, trx, {
      from_org_path: member.org_path!,
      to_org_path: target.path,
      approver_path: approver,
    });
    const row = (await repo.findTransfer(trx, id))!;
    return { data: presentTransfer(row) };
  });
}

export async function actOnTransfer(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  input: TransferActionInput,
) {
  const actor = rc.actor!;
  const t = await repo.findTransfer(ctx.db, id);
  if (!t) throw notFound('转接');
  const f = facts(t);
  if (!mayView(f, actor.scopePath) || !mayAct(f, input.action, actor.scopePath))
    throw await denied(ctx, rc, 'roster_transfer', id, `scope:${input.action}`);
  if ((input.action === 'approve' || input.action === 'reject') && !mayUnmask(actor))
    throw await denied(ctx, rc, 'roster_transfer', id, 'role:approve');
  const d = decideStep(f, input.action);
  if (!d.ok) throw fromDecision(d, 'conflict');
  if ((input.action === 'return' || input.action === 'reject') && !input.reason)
    throw badRequest('REASON_REQUIRED', '退回须说明理由', 'reason');
  const on = input.effectiveOn ?? today(ctx);
  if (input.action === 'accept' && on > today(ctx))
    throw badRequest('EFFECTIVE_IN_FUTURE', '接收日期不能晚于今天', 'effectiveOn');
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const fresh = await repo.findTransfer(trx, id);
    if (fresh?.status !== t.status)
      throw new AppError('conflict', 'TRANSFER_CHANGED', '该转接已被他人处理，请刷新后重试');
    const set: Parameters<typeof repo.updateTransfer>[2] = { status: d.value, updated_at: now };
    if (input.action === 'approve')
      Object.assign(set, { approved_by: actor.username, approved_at: now, reached_receiver: 1 });
    if (input.action === 'reject' || input.action === 'return')
      Object.assign(set, {
        decided_by: actor.username,
        decided_at: now,
        return_reason: input.reason ?? null,
      });
    if (input.action === 'cancel') Object.assign(set, { decided_by: actor.username, decided_at: now });
    if (input.action === 'accept') {
      Object.assign(set, { decided_by: actor.username, decided_at: now, effective_on: on });
      await repo.moveMembership(
        trx,
        Number(t.person_id),
        { id: Number(t.to_org_id), path: t.to_org_path },
        on,
        `组织关系转入（转接单${id}）`,
        now,
      );
    }
    await repo.updateTransfer(trx, id, set);
    await appendAudit(trx, ctx.ring, {
      ...auditBase(ctx, rc),
      action: `roster.transfer.${input.action}`,
      objectType: 'roster_transfer',
      objectId: id,
      scopePath: input.action === 'accept' ? t.to_org_path : t.from_org_path,
      detail: {
        before: { status: t.status },
        after: { status: d.value },
        reason: input.reason ?? null,
        effectiveOn: input.action === 'accept' ? on : null,
      },
    });
    await refreshTransferAlerts(ctx, trx, t);
    return { data: presentTransfer((await repo.findTransfer(trx, id))!) };
  });
}
