// 上缴 (issue 19 part C): an organisation records what it sent to its parent for a period, and the
// bank's figure for its dues account; the summary sets collected, remitted and bank side by side
// per period for an organisation and its children, differences flagged. Remittances are
// append-only (a mistake is put right by the next row); a bank figure is one per organisation and
// period and its change is audited with before and after.
import { checkPeriod, isMonth, addMonthsTo, type PeriodCheck } from '../../../../core/dues/relief.rules.ts';
import { ruleValue } from '../../../../core/rulebook/rulebook.ts';
import { isIsoDate } from '../../../../core/shared/dates.ts';
import { appendAudit } from '../../../audit/audit.repository.ts';
import { requireActor } from '../../../authz.ts';
import type { AppContext, RequestContext } from '../../../context.ts';
import { pathUpperBound } from '../../../db/dialect.ts';
import { badRequest } from '../../../http/errors.ts';
import { refreshAlertsIn } from '../../alerts/alerts.service.ts';
import { findOrgById } from '../../orgs/orgs.repository.ts';
import { auditBase, currentMonth, REMIT_SOURCE, scopeOrg, today } from './relief.common.ts';
import { figuresOf, periodFigures } from './remit-figures.ts';

/** Largest single amount accepted (1 亿元): anything above is a typing error. */
const MAX_FEN = 10_000_000_000;

export interface RemittanceInput {
  fromOrgId: number;
  period: string;
  amountFen: number;
  remittedOn: string;
  bankRef?: string | null | undefined;
}

function checkPeriodInput(period: string, month: string) {
  if (!isMonth(period)) throw badRequest('DUES_PERIOD', '所属期间格式应为YYYY-MM', 'period');
  if (period > month) throw badRequest('DUES_PERIOD', '所属期间不能晚于本月', 'period');
}

export async function createRemittance(ctx: AppContext, rc: RequestContext, input: RemittanceInput) {
  const actor = requireActor(rc);
  const from = await scopeOrg(ctx, rc, input.fromOrgId);
  if (from.parent_id === null)
    throw badRequest('DUES_REMIT_ROOT', '本组织在平台内没有上级党组织，无法登记上缴', 'fromOrgId');
  const to = await findOrgById(ctx.db, from.parent_id);
  if (!to) throw badRequest('DUES_REMIT_ROOT', '上级党组织不存在', 'fromOrgId');
  const day = today(ctx);
  checkPeriodInput(input.period, day.slice(0, 7));
  if (!Number.isInteger(input.amountFen) || input.amountFen <= 0 || input.amountFen > MAX_FEN)
    throw badRequest('DUES_AMOUNT', '上缴金额应为大于0的金额（以分计）且不超过1亿元', 'amountFen');
  if (!isIsoDate(input.remittedOn)) throw badRequest('DUES_DATE', '上缴日期格式应为YYYY-MM-DD', 'remittedOn');
  if (input.remittedOn > day) throw badRequest('DUES_DATE', '上缴日期不能晚于今天', 'remittedOn');
  if (input.remittedOn < `${input.period}-01`)
    throw badRequest('DUES_DATE', '上缴日期不能早于所属期间', 'remittedOn');
  const bankRef = input.bankRef?.trim() || null;
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('dues_remittances')
      .values({
        from_org_id: from.id,
        from_org_path: from.path,
        to_org_id: to.id,
        to_org_path: to.path,
        period: input.period,
        amount_fen: input.amountFen,
        remitted_on: input.remittedOn,
        bank_ref: bankRef,
        created_by: actor.userId,
        created_at: ctx.now().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, ctx.ring, {
      ...auditBase(ctx, rc, 'dues_remittance'),
      action: 'dues.remittance.create',
      objectId: row.id,
      scopePath: from.path,
      detail: {
        after: { from: from.name, to: to.name, period: input.period, amountFen: input.amountFen, bankRef },
      },
    });
    // The sender's gap and the receiver's (what it received changed) are both under the receiver.
    await refreshAlertsIn(ctx, trx, [REMIT_SOURCE], to.path);
    return {
      data: {
        id: Number(row.id),
        fromOrgId: from.id,
        fromOrgName: from.name,
        toOrgId: to.id,
        toOrgName: to.name,
        period: input.period,
        amountFen: input.amountFen,
        remittedOn: input.remittedOn,
        bankRef,
      },
    };
  });
}

/** Remittances sent from the organisation or anywhere below it (so also those it received). */
export async function listRemittances(
  ctx: AppContext,
  rc: RequestContext,
  q: { orgId?: number | undefined; year?: number | undefined },
) {
  const org = await scopeOrg(ctx, rc, q.orgId);
  let query = ctx.db
    .selectFrom('dues_remittances as r')
    .innerJoin('orgs as f', 'f.id', 'r.from_org_id')
    .innerJoin('orgs as t', 't.id', 'r.to_org_id')
    .select([
      'r.id',
      'r.from_org_id',
      'f.name as from_name',
      'r.to_org_id',
      't.name as to_name',
      'r.period',
      'r.amount_fen',
      'r.remitted_on',
      'r.bank_ref',
      'r.created_at',
    ])
    .where('r.from_org_path', '>=', org.path)
    .where('r.from_org_path', '<', pathUpperBound(org.path));
  if (q.year !== undefined)
    query = query.where('r.period', '>=', `${q.year}-01`).where('r.period', '<=', `${q.year}-12`);
  const rows = await query.orderBy('r.period', 'desc').orderBy('r.id', 'desc').execute();
  return {
    data: rows.map((r) => ({
      id: Number(r.id),
      fromOrgId: Number(r.from_org_id),
      fromOrgName: r.from_name,
      toOrgId: Number(r.to_org_id),
      toOrgName: r.to_name,
      period: r.period,
      amountFen: Number(r.amount_fen),
      remittedOn: r.remitted_on,
      bankRef: r.bank_ref,
      createdAt: r.created_at,
    })),
  };
}

export async function setBankFigure(
  ctx: AppContext,
  rc: RequestContext,
  input: { orgId: number; period: string; bankFen: number; note?: string | null | undefined },
) {
  const actor = requireActor(rc);
  const org = await scopeOrg(ctx, rc, input.orgId);
  checkPeriodInput(input.period, currentMonth(ctx));
  if (!Number.isInteger(input.bankFen) || input.bankFen < 0 || input.bankFen > MAX_FEN)
    throw badRequest('DUES_AMOUNT', '银行入账金额应为不小于0的金额（以分计）且不超过1亿元', 'bankFen');
  const note = input.note?.trim() || null;
  return ctx.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('dues_bank_figures')
      .select(['id', 'bank_fen', 'note'])
      .where('org_id', '=', org.id)
      .where('period', '=', input.period)
      .executeTakeFirst();
    let id: number;
    if (before) {
      id = Number(before.id);
      await trx
        .updateTable('dues_bank_figures')
        .set({ bank_fen: input.bankFen, note })
        .where('id', '=', id)
        .execute();
    } else {
      const row = await trx
        .insertInto('dues_bank_figures')
        .values({
          org_id: org.id,
          org_path: org.path,
          period: input.period,
          bank_fen: input.bankFen,
          note,
          created_by: actor.userId,
          created_at: ctx.now().toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      id = Number(row.id);
    }
    await appendAudit(trx, ctx.ring, {
      ...auditBase(ctx, rc, 'dues_bank_figure'),
      action: 'dues.bank_figure.set',
      objectId: id,
      scopePath: org.path,
      detail: {
        before: before ? { bankFen: Number(before.bank_fen), note: before.note } : null,
        after: { org: org.name, period: input.period, bankFen: input.bankFen, note },
      },
    });
    return { data: { id, orgId: org.id, period: input.period, bankFen: input.bankFen, note } };
  });
}

export interface SummaryPeriod extends PeriodCheck {
  period: string;
  /** Paid by the organisation's own members in the month. */
  directFen: number;
  /** Remitted to it by its children for the period. */
  receivedFen: number;
  collectedFen: number;
  remittedFen: number;
  bankFen: number | null;
}

/**
 * The organisation and each of its direct children, every month of the year up to this month:
 * collected (own members' payments + children's remittances), remitted up, the bank's figure and
 * the two differences. The root of the platform's tree remits to nobody, so it has no remit gap.
 */
export async function remittanceSummary(
  ctx: AppContext,
  rc: RequestContext,
  q: { orgId?: number | undefined; year: number },
) {
  const org = await scopeOrg(ctx, rc, q.orgId);
  const day = today(ctx);
  const grace = ruleValue<number>(ctx.config.rulebook, 'dues.remit.graceDays', day);
  const children = await ctx.db
    .selectFrom('orgs')
    .select(['id', 'name', 'code', 'kind', 'parent_id'])
    .where('parent_id', '=', org.id)
    .where('kind', '!=', '党小组')
    .orderBy('sort_order')
    .orderBy('code')
    .execute();
  const orgs = [
    { id: org.id, name: org.name, code: org.code, kind: org.kind, parent_id: org.parent_id },
    ...children,
  ];
  const last = `${q.year}-12` < day.slice(0, 7) ? `${q.year}-12` : day.slice(0, 7);
  const periods: string[] = [];
  for (let p = `${q.year}-01`; p <= last; p = addMonthsTo(p, 1)) periods.push(p);
  const figures = await periodFigures(
    ctx.db,
    orgs.map((o) => Number(o.id)),
    `${q.year}-01`,
    `${q.year}-12`,
  );
  const rows = orgs.map((o) => {
    const cells: SummaryPeriod[] = periods.map((period) => {
      const f = figuresOf(figures, Number(o.id), period);
      const money = {
        collectedFen: f.directFen + f.receivedFen,
        remittedFen: f.remittedFen,
        bankFen: f.bankFen,
      };
      return {
        period,
        directFen: f.directFen,
        receivedFen: f.receivedFen,
        ...money,
        ...checkPeriod(money, period, day, grace, o.parent_id !== null),
      };
    });
    const sum = (k: 'collectedFen' | 'remittedFen' | 'remitGapFen') => cells.reduce((s, c) => s + c[k], 0);
    return {
      orgId: Number(o.id),
      orgName: o.name,
      orgCode: o.code,
      isSelf: Number(o.id) === org.id,
      remitsTo: o.parent_id !== null,
      periods: cells,
      totals: {
        collectedFen: sum('collectedFen'),
        remittedFen: sum('remittedFen'),
        remitGapFen: sum('remitGapFen'),
        overduePeriods: cells.filter((c) => c.remitOverdue).map((c) => c.period),
        bankGapPeriods: cells.filter((c) => c.bankGapFen !== null && c.bankGapFen !== 0).map((c) => c.period),
      },
    };
  });
  return { data: { orgId: org.id, orgName: org.name, year: q.year, graceDays: grace, periods, rows } };
}
