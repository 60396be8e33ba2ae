// 减免 (hardship reduction or waiver of 党费, issue 19 part C): the branch enters and approves a
// request, the level above approves it; approval writes reduced_fen (or waived) onto the ledger
// months it covers, in the same transaction, audited. Ledger months generated later read the
// approved requests themselves (dues-ledger.service.ts, same arithmetic as reducedFenFor).
import type { Transaction } from 'kysely';
import {
  approvalStep,
  checkReduction,
  ledgerStatusAfter,
  mayTakeStep,
  monthRange,
  reducedFenFor,
  type ReductionKind,
  type ReductionStatus,
} from '../../../../core/dues/relief.rules.ts';
import { ruleValue } from '../../../../core/rulebook/rulebook.ts';
import { appendAudit } from '../../../audit/audit.repository.ts';
import { denied, requireActor } from '../../../authz.ts';
import type { AppContext, RequestContext } from '../../../context.ts';
import type { DB } from '../../../db/schema.ts';
import { badRequest, conflict, fromDecision, notFound } from '../../../http/errors.ts';
import { inScope } from '../../../http/policy.ts';
import { pathUpperBound } from '../../../db/dialect.ts';
import { refreshAlertsIn } from '../../alerts/alerts.service.ts';
import { notify, notifyPersons } from '../../notifications/notifications.service.ts';
import { ARREARS_SOURCE } from '../dues-common.ts';
import { usersScopedAt } from '../../notifications/notifications.repository.ts';
import { auditBase, scopeOrg, today } from './relief.common.ts';

type Q = Transaction<DB> | AppContext['db'];

export const REDUCTION_STATUS_LABEL: Record<ReductionStatus, string> = {
  pending_branch: '待党支部审批',
  pending_upper: '待上级党委审批',
  approved: '已批准',
  rejected: '已退回',
};

export interface CreateReductionInput {
  personId: number;
  fromMonth: string;
  toMonth: string;
  kind: ReductionKind;
  monthlyFen?: number | null | undefined;
  reason: string;
}

async function loadRows(db: Q, where: { orgPath?: string; id?: number; status?: string }) {
  let q = db
    .selectFrom('dues_reductions as r')
    .innerJoin('persons as p', 'p.id', 'r.person_id')
    .innerJoin('orgs as o', 'o.id', 'r.org_id')
    .select([
      'r.id',
      'r.person_id',
      'p.name as person_name',
      'r.org_id',
      'o.name as org_name',
      'r.org_path',
      'r.from_month',
      'r.to_month',
      'r.kind',
      'r.monthly_fen',
      'r.reason',
      'r.status',
      'r.branch_by',
      'r.branch_at',
      'r.upper_by',
      'r.upper_at',
      'r.note',
      'r.created_at',
    ]);
  if (where.orgPath !== undefined)
    q = q.where('r.org_path', '>=', where.orgPath).where('r.org_path', '<', pathUpperBound(where.orgPath));
  if (where.id !== undefined) q = q.where('r.id', '=', where.id);
  if (where.status !== undefined) q = q.where('r.status', '=', where.status);
  return q.orderBy('r.created_at', 'desc').orderBy('r.id', 'desc').execute();
}

type Row = Awaited<ReturnType<typeof loadRows>>[number];

function view(r: Row) {
  return {
    id: Number(r.id),
    personId: Number(r.person_id),
    personName: r.person_name,
    orgId: Number(r.org_id),
    orgName: r.org_name,
    fromMonth: r.from_month,
    toMonth: r.to_month,
    kind: r.kind,
    kindLabel: r.kind === 'waive' ? '免交' : '少交',
    monthlyFen: r.monthly_fen === null ? null : Number(r.monthly_fen),
    reason: r.reason,
    status: r.status,
    statusLabel: REDUCTION_STATUS_LABEL[r.status as ReductionStatus] ?? r.status,
    branchAt: r.branch_at,
    upperAt: r.upper_at,
    note: r.note,
    createdAt: r.created_at,
  };
}

export async function listReductions(
  ctx: AppContext,
  rc: RequestContext,
  q: { orgId?: number | undefined; status?: ReductionStatus | undefined },
) {
  const org = await scopeOrg(ctx, rc, q.orgId);
  const rows = await loadRows(ctx.db, { orgPath: org.path, ...(q.status ? { status: q.status } : {}) });
  return { data: rows.map(view) };
}

/** The member's organisation today (their open membership). */
async function currentOrgOf(db: Q, personId: number, on: string) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('orgs as o', 'o.id', 'm.org_id')
    .select(['o.id', 'o.path', 'o.name', 'o.parent_id'])
    .where('m.person_id', '=', personId)
    .where('m.valid_from', '<=', on)
    .where((eb) => eb.or([eb('m.valid_to', 'is', null), eb('m.valid_to', '>', on)]))
    .orderBy('m.valid_from', 'desc')
    .executeTakeFirst();
}

export async function createReduction(ctx: AppContext, rc: RequestContext, input: CreateReductionInput) {
  const actor = requireActor(rc);
  const person = await ctx.db
    .selectFrom('persons')
    .select(['id', 'name'])
    .where('id', '=', input.personId)
    .executeTakeFirst();
  if (!person) throw notFound('党员');
  const org = await currentOrgOf(ctx.db, person.id, today(ctx));
  if (!org) throw badRequest('DUES_NO_MEMBERSHIP', '该党员当前没有所在党组织，无法申请减免', 'personId');
  if (!inScope(actor, org.path)) throw await denied(ctx, rc, 'person', person.id, 'scope');
  const maxMonths = ruleValue<number>(ctx.config.rulebook, 'dues.reduction.maxMonths', today(ctx));
  const monthlyFen = input.monthlyFen ?? null;
  const checked = checkReduction({ ...input, monthlyFen }, maxMonths);
  if (!checked.ok) throw fromDecision(checked);
  return ctx.db.transaction().execute(async (trx) => {
    const overlap = await trx
      .selectFrom('dues_reductions')
      .select(['from_month', 'to_month'])
      .where('person_id', '=', person.id)
      .where('status', '!=', 'rejected')
      .where('from_month', '<=', input.toMonth)
      .where('to_month', '>=', input.fromMonth)
      .executeTakeFirst();
    if (overlap)
      throw conflict(
        'DUES_REDUCTION_OVERLAP',
        `与已有减免申请（${overlap.from_month}至${overlap.to_month}）时间重叠`,
        'fromMonth',
      );
    const paid = await trx
      .selectFrom('dues_ledger')
      .select('month')
      .where('person_id', '=', person.id)
      .where('month', 'in', checked.value)
      .where('paid_fen', '>', 0)
      .orderBy('month')
      .executeTakeFirst();
    if (paid) throw conflict('DUES_REDUCTION_PAID', `${paid.month}党费已缴纳，不能再申请减免`, 'fromMonth');
    const now = ctx.now().toISOString();
    const row = await trx
      .insertInto('dues_reductions')
      .values({
        person_id: person.id,
        org_id: org.id,
        org_path: org.path,
        from_month: input.fromMonth,
        to_month: input.toMonth,
        kind: input.kind,
        monthly_fen: monthlyFen,
        reason: input.reason.trim(),
        status: 'pending_branch',
        branch_by: null,
        branch_at: null,
        upper_by: null,
        upper_at: null,
        note: null,
        created_by: actor.userId,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, ctx.ring, {
      ...auditBase(ctx, rc, 'dues_reduction'),
      action: 'dues.reduction.create',
      objectId: row.id,
      scopePath: org.path,
      detail: {
        after: {
          person: person.name,
          from: input.fromMonth,
          to: input.toMonth,
          kind: input.kind,
          monthlyFen,
        },
      },
    });
    const [created] = await loadRows(trx, { id: Number(row.id) });
    return { data: view(created!) };
  });
}

async function loadForDecision(ctx: AppContext, rc: RequestContext, id: number) {
  const actor = requireActor(rc);
  const [r] = await loadRows(ctx.db, { id });
  if (!r) throw notFound('减免申请');
  if (!inScope(actor, r.org_path)) throw await denied(ctx, rc, 'dues_reduction', id, 'scope');
  const step = approvalStep(r.status as ReductionStatus);
  if (!step.ok) throw fromDecision(step, 'conflict');
  const may = mayTakeStep(step.value, actor, r.org_path);
  if (!may.ok) throw fromDecision(may, 'forbidden');
  return { r, step: step.value, actor };
}

/**
 * Writes an approved request onto the ledger months that exist; returns the months changed.
 * Months already paid keep their payment (a reduction never turns money into a refund here).
 */
export async function applyReductionToLedger(
  trx: Transaction<DB>,
  r: { person_id: number; from_month: string; to_month: string; kind: string; monthly_fen: number | null },
  now: string,
): Promise<string[]> {
  const rows = await trx
    .selectFrom('dues_ledger')
    .select(['id', 'month', 'due_fen', 'paid_fen'])
    .where('person_id', '=', r.person_id)
    .where('month', 'in', monthRange(r.from_month, r.to_month))
    .execute();
  const changed: string[] = [];
  for (const l of rows) {
    const reduced = reducedFenFor(Number(l.due_fen), {
      kind: r.kind as ReductionKind,
      monthlyFen: r.monthly_fen === null ? null : Number(r.monthly_fen),
    });
    await trx
      .updateTable('dues_ledger')
      .set({
        reduced_fen: reduced,
        status: ledgerStatusAfter(Number(l.due_fen), reduced, Number(l.paid_fen)),
        updated_at: now,
      })
      .where('id', '=', l.id)
      .execute();
    changed.push(l.month);
  }
  return changed;
}

export async function approveReduction(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  input: { note?: string | undefined },
) {
  const { r, step, actor } = await loadForDecision(ctx, rc, id);
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.now().toISOString();
    const note = input.note?.trim() || r.note;
    let months: string[] = [];
    if (step === 'branch') {
      await trx
        .updateTable('dues_reductions')
        .set({ status: 'pending_upper', branch_by: actor.userId, branch_at: now, note })
        .where('id', '=', id)
        .where('status', '=', 'pending_branch')
        .execute();
      const branch = await trx
        .selectFrom('orgs')
        .select('parent_id')
        .where('id', '=', r.org_id)
        .executeTakeFirst();
      const upper = branch?.parent_id ? await usersScopedAt(trx, [branch.parent_id], ['org_admin']) : [];
      await notify(ctx, trx, {
        recipients: upper.map((u) => Number(u.id)),
        orgPath: r.org_path,
        kind: 'dues.reduction',
        title: `${r.org_name}报来党费减免申请`,
        body: `${r.person_name}申请${r.from_month}至${r.to_month}党费${r.kind === 'waive' ? '免交' : '少交'}，党支部已同意，请审批`,
        link: `/orgs/${branch?.parent_id ?? r.org_id}/dues/overview`,
        dedupeKey: `dues.reduction.${id}.upper`,
      });
    } else {
      await trx
        .updateTable('dues_reductions')
        .set({ status: 'approved', upper_by: actor.userId, upper_at: now, note })
        .where('id', '=', id)
        .where('status', '=', 'pending_upper')
        .execute();
      months = await applyReductionToLedger(trx, r, now);
      // Waived months are no longer unpaid: the branch's arrears alert follows.
      await refreshAlertsIn(ctx, trx, [ARREARS_SOURCE], r.org_path);
      await notifyPersons(
        ctx,
        trx,
        [Number(r.person_id)],
        {
          kind: 'dues.reduction',
          title: '党费减免申请已批准',
          body: `您${r.from_month}至${r.to_month}的党费${r.kind === 'waive' ? '免交' : '少交'}申请已经上级党委批准`,
          link: '/dues/me',
          dedupeKey: `dues.reduction.${id}.approved`,
        },
        r.org_path,
      );
    }
    await appendAudit(trx, ctx.ring, {
      ...auditBase(ctx, rc, 'dues_reduction'),
      action: step === 'branch' ? 'dues.reduction.approve_branch' : 'dues.reduction.approve_upper',
      objectId: id,
      scopePath: r.org_path,
      detail: {
        before: { status: r.status },
        after: { status: step === 'branch' ? 'pending_upper' : 'approved', ledgerMonths: months },
      },
    });
    const [after] = await loadRows(trx, { id });
    return { data: view(after!) };
  });
}

export async function rejectReduction(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  input: { reason: string },
) {
  const { r } = await loadForDecision(ctx, rc, id);
  const reason = input.reason.trim();
  if (!reason) throw badRequest('DUES_REASON', '请填写退回原因', 'reason');
  return ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('dues_reductions')
      .set({ status: 'rejected', note: reason })
      .where('id', '=', id)
      .where('status', '=', r.status)
      .execute();
    await notifyPersons(
      ctx,
      trx,
      [Number(r.person_id)],
      {
        kind: 'dues.reduction',
        title: '党费减免申请未获批准',
        body: `您${r.from_month}至${r.to_month}的党费减免申请被退回：${reason}`,
        link: '/dues/me',
        dedupeKey: `dues.reduction.${id}.rejected`,
      },
      r.org_path,
    );
    await appendAudit(trx, ctx.ring, {
      ...auditBase(ctx, rc, 'dues_reduction'),
      action: 'dues.reduction.reject',
      objectId: id,
      scopePath: r.org_path,
      detail: { before: { status: r.status }, after: { status: 'rejected', reason } },
    });
    const [after] = await loadRows(trx, { id });
    return { data: view(after!) };
  });
}
