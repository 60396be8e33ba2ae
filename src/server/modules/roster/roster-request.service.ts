// A member's own request to transfer their 组织关系 (issue 4, item 8). The member files it on
// /roster/me (for themselves only: the person comes from the signed-in account, never the body);
// the sending branch sees it on its transfers page and turns it into a normal transfer (in the
// system, or a letter out of it) in the same transaction, or declines it with a reason.
import { isBranchKind } from '../../../core/org/org.types.ts';
import { decideClose, decideFile, decideWithdraw } from '../../../core/roster/transfer-request.rules.ts';
import type {
  MyTransferRequestInput,
  TransferRequestListQuery,
} from '../../../core/roster/roster.schemas.ts';
import { chinaDate } from '../../../core/shared/dates.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import { refreshAlertsIn } from '../alerts/alerts.service.ts';
import type { Actor, AppContext, RequestContext } from '../../context.ts';
import { denied, requireActor } from '../../authz.ts';
import { AppError, badRequest, fromDecision, notFound } from '../../http/errors.ts';
import { inScope } from '../../http/policy.ts';
import { notifyTransferDecided } from '../notifications/notifications.hooks.ts';
import * as external from './roster-external.service.ts';
import { presentRequest } from './roster.presenter.ts';
import * as xrepo from './roster-external.repository.ts';
import * as rrepo from './roster-request.repository.ts';
import * as service from './roster.service.ts';
import * as repo from './roster.repository.ts';

const today = (ctx: AppContext) => chinaDate(ctx.now());

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

async function personOf(ctx: AppContext, actor: Actor): Promise<number> {
  const personId = await repo.personOfUser(ctx.db, actor.userId);
  if (!personId) throw notFound('本人党员档案（账号未关联党员）');
  return personId;
}

/** The signed-in member files a request for themselves. */
export async function fileMyRequest(ctx: AppContext, rc: RequestContext, input: MyTransferRequestInput) {
  const actor = requireActor(rc);
  const personId = await personOf(ctx, actor);
  const on = today(ctx);
  const m = await repo.memberById(ctx.db, personId, on);
  if (!m) throw notFound('本人党员档案');
  const d = decideFile({
    hasMembership: !!m.org_id && !!m.org_path,
    hasOpenRequest: await rrepo.hasOpenRequest(ctx.db, personId),
    hasOpenTransfer:
      (await repo.hasOpenTransfer(ctx.db, personId)) || (await xrepo.hasOpenExternal(ctx.db, personId)),
  });
  if (!d.ok) throw fromDecision(d, d.code === 'NO_MEMBERSHIP' ? 'bad_request' : 'conflict');
  let toOrgId: number | null = null;
  if (input.destination === 'in_system') {
    const target = (await repo.findOrgsByCodes(ctx.db, [input.toOrgCode])).get(input.toOrgCode);
    if (!target)
      throw badRequest('TRANSFER_TARGET_NOT_FOUND', `转入党组织编码“${input.toOrgCode}”不存在`, 'toOrgCode');
    if (target.id === Number(m.org_id))
      throw badRequest('TRANSFER_SAME_ORG', '转入党组织不能与当前所在党组织相同', 'toOrgCode');
    if (target.status !== 'active')
      throw badRequest('TRANSFER_TARGET_DISSOLVED', '转入党组织已撤销', 'toOrgCode');
    if (!isBranchKind(target.kind))
      throw badRequest(
        'TRANSFER_TARGET_NOT_BRANCH',
        '党员组织关系应转入党支部，请填写党支部的编码',
        'toOrgCode',
      );
    toOrgId = target.id;
  }
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const id = await rrepo.insertRequest(trx, {
      person_id: personId,
      org_id: Number(m.org_id),
      org_path: m.org_path!,
      destination_kind: input.destination,
      to_org_id: toOrgId,
      outside_org_name: input.destination === 'outside' ? input.otherOrgName : null,
      reason: input.reason,
      status: 'open',
      decline_reason: null,
      transfer_id: null,
      external_id: null,
      requested_by: actor.username,
      created_at: now,
      decided_by: null,
      decided_at: null,
      updated_at: now,
    });
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc),
      action: 'roster.request.file',
      objectType: 'roster_transfer_request',
      objectId: id,
      scopePath: m.org_path,
      detail: { personId, destination: input.destination, toOrgId },
    });
    await refreshAlertsIn(ctx, trx, ['roster.transfers'], m.org_path!);
    return { data: presentRequest((await rrepo.findRequest(trx, id))!) };
  });
}

/**
 * 撤回: the member takes back their own request while it is still open. Anyone else's request is
 * refused (and logged) whatever its state, so the caller learns nothing about it.
 */
export async function withdrawMyRequest(ctx: AppContext, rc: RequestContext, id: number) {
  const actor = requireActor(rc);
  const row = await rrepo.findRequest(ctx.db, id);
  if (!row) throw notFound('转接申请');
  const personId = await repo.personOfUser(ctx.db, actor.userId);
  if (!personId || Number(row.person_id) !== Number(personId))
    throw await denied(ctx, rc, 'roster_transfer_request', id, 'not-own-request');
  const d = decideWithdraw(row.status);
  if (!d.ok) throw fromDecision(d, 'conflict');
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    if (
      !(await rrepo.closeRequest(trx, id, {
        status: 'withdrawn',
        decided_by: actor.username,
        decided_at: now,
        updated_at: now,
      }))
    )
      throw new AppError('conflict', 'REQUEST_CLOSED', '该申请已由党支部办理，不能撤回', { id: '已办理' });
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc),
      action: 'roster.request.withdraw',
      objectType: 'roster_transfer_request',
      objectId: id,
      scopePath: row.org_path,
      detail: { personId: Number(personId), before: { status: 'open' }, after: { status: 'withdrawn' } },
    });
    await refreshAlertsIn(ctx, trx, ['roster.transfers'], row.org_path);
    return { data: presentRequest((await rrepo.findRequest(trx, id))!) };
  });
}

async function requireRequest(ctx: AppContext, rc: RequestContext, id: number) {
  const row = await rrepo.findRequest(ctx.db, id);
  if (!row) throw notFound('转接申请');
  if (!inScope(rc.actor!, row.org_path)) throw await denied(ctx, rc, 'roster_transfer_request', id, 'scope');
  return row;
}

export async function listRequests(ctx: AppContext, rc: RequestContext, q: TransferRequestListQuery) {
  const org = await repo.findOrgById(ctx.db, q.orgId);
  if (!org) throw notFound('组织');
  if (!inScope(rc.actor!, org.path)) throw await denied(ctx, rc, 'org', q.orgId, 'scope');
  return { data: (await rrepo.listRequests(ctx.db, org.path, q.status)).map(presentRequest) };
}

/**
 * The sending side turns the request into a normal transfer through the existing flows (their
 * checks and audit rows), closing the request in the same transaction.
 */
export async function convertRequest(ctx: AppContext, rc: RequestContext, id: number) {
  const row = await requireRequest(ctx, rc, id);
  const d = decideClose(row.status);
  if (!d.ok) throw fromDecision(d, 'conflict');
  const actor = rc.actor!;
  const now = ctx.now().toISOString();
  const close =
    (kind: 'transfer_id' | 'external_id') =>
    async (trx: Parameters<typeof rrepo.closeRequest>[0], newId: number) => {
      if (
        !(await rrepo.closeRequest(trx, id, {
          status: 'converted',
          [kind]: newId,
          decided_by: actor.username,
          decided_at: now,
          updated_at: now,
        }))
      )
        throw new AppError('conflict', 'REQUEST_CLOSED', '该申请已办理（已转为转接或已不予办理）', {
          id: '已办理',
        });
      await appendAudit(trx, ctx.ring, {
        ...audit(ctx, rc),
        action: 'roster.request.convert',
        objectType: 'roster_transfer_request',
        objectId: id,
        scopePath: row.org_path,
        detail: { before: { status: 'open' }, after: { status: 'converted', [kind]: newId } },
      });
      await refreshAlertsIn(ctx, trx, ['roster.transfers'], row.org_path);
      await notifyTransferDecided(ctx, trx, row, 'converted');
    };
  const personId = Number(row.person_id);
  if (row.destination_kind === 'in_system') {
    if (!row.to_org_code)
      throw badRequest('TRANSFER_TARGET_NOT_FOUND', '申请的转入党组织不存在', 'toOrgCode');
    const res = await service.createTransfer(
      ctx,
      rc,
      { personId, toOrgCode: row.to_org_code, reason: row.reason },
      close('transfer_id'),
    );
    return { data: { request: presentRequest((await rrepo.findRequest(ctx.db, id))!), transfer: res.data } };
  }
  const res = await external.createExternal(
    ctx,
    rc,
    { direction: 'out', personId, otherOrgName: row.outside_org_name ?? '', reason: row.reason },
    close('external_id'),
  );
  return { data: { request: presentRequest((await rrepo.findRequest(ctx.db, id))!), external: res.data } };
}

export async function declineRequest(ctx: AppContext, rc: RequestContext, id: number, reason: string) {
  const row = await requireRequest(ctx, rc, id);
  const d = decideClose(row.status);
  if (!d.ok) throw fromDecision(d, 'conflict');
  const actor = rc.actor!;
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    if (
      !(await rrepo.closeRequest(trx, id, {
        status: 'declined',
        decline_reason: reason,
        decided_by: actor.username,
        decided_at: now,
        updated_at: now,
      }))
    )
      throw new AppError('conflict', 'REQUEST_CLOSED', '该申请已办理（已转为转接或已不予办理）', {
        id: '已办理',
      });
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc),
      action: 'roster.request.decline',
      objectType: 'roster_transfer_request',
      objectId: id,
      scopePath: row.org_path,
      detail: { before: { status: 'open' }, after: { status: 'declined' }, reason },
    });
    await refreshAlertsIn(ctx, trx, ['roster.transfers'], row.org_path);
    await notifyTransferDecided(ctx, trx, row, 'declined', reason);
    return { data: presentRequest((await rrepo.findRequest(trx, id))!) };
  });
}
