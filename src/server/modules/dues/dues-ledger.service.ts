// 党费台账: generating a month for a subtree (idempotent) and reading it.
import {
  baseInEffect,
  isDueMonth,
  ledgerStatus,
  outstandingFen,
  firstDayOf,
  type BaseDeclaration,
} from '../../../core/dues/ledger.rules.ts';
import { isDuesCategory, monthlyDueFen, type DuesCategory } from '../../../core/dues/rates.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import { badRequest } from '../../http/errors.ts';
import { refreshAlertsIn } from '../alerts/alerts.service.ts';
import {
  ARREARS_SOURCE,
  auditBase,
  baseTiming,
  ratesFor,
  requireMonth,
  staffOrg,
  todayOf,
} from './dues-common.ts';
import * as repo from './dues-ledger.repository.ts';

export interface GenerateResult {
  month: string;
  created: number;
  updated: number;
  unchanged: number;
  /** Members due that month without a confirmed 党费基数: no row until the branch declares one. */
  withoutBase: { personId: number; name: string }[];
}

/**
 * The month's rows for every member under the org. A member belongs that month to where
 * they were on its first day (a transfer leaves them due at the sender until the receiver
 * accepts, which is when the membership moves), or where they were admitted during it.
 * Rows already carrying a payment are left as they are; unpaid rows follow a changed base.
 */
export async function generateLedgerFor(
  ctx: AppContext,
  rc: RequestContext,
  org: { id: number; path: string },
  month: string,
): Promise<GenerateResult> {
  const memberships = await repo.membershipsInMonth(ctx.db, org.path, month);
  const first = firstDayOf(month);
  const chosen = new Map<number, repo.MonthMembership>();
  for (const m of memberships) {
    const cur = chosen.get(m.person_id);
    // The membership holding the first day wins; else the earliest one starting in the month.
    const holdsFirst = (x: repo.MonthMembership) => x.valid_from <= first;
    if (!cur || (holdsFirst(m) && !holdsFirst(cur)) || (!holdsFirst(cur) && m.valid_from < cur.valid_from))
      chosen.set(m.person_id, m);
  }
  const members = [...chosen.values()].filter(
    (m) => m.org_path.startsWith(org.path) && isDueMonth(month, m.joined_on),
  );
  const ids = members.map((m) => m.person_id);
  const [bases, reductions, existing] = await Promise.all([
    repo.confirmedBasesOf(ctx.db, ids, month),
    repo.approvedReductionsIn(ctx.db, ids, month),
    repo.ledgerRowsOf(ctx.db, ids, month),
  ]);
  const basesBy = new Map<number, (BaseDeclaration & { id: number })[]>();
  for (const b of bases) {
    if (!isDuesCategory(b.category)) continue;
    const list = basesBy.get(b.person_id) ?? [];
    list.push({ id: b.id, category: b.category, baseFen: b.base_fen, effectiveMonth: b.effective_month });
    basesBy.set(b.person_id, list);
  }
  const reductionBy = new Map(reductions.map((r) => [r.person_id, r]));
  const existingBy = new Map(existing.map((r) => [r.person_id, r]));
  const rates = ratesFor(ctx, month);
  const timing = baseTiming(ctx, month);
  const now = ctx.now().toISOString();
  const result: GenerateResult = { month, created: 0, updated: 0, unchanged: 0, withoutBase: [] };
  const inserts: repo.NewLedgerRow[] = [];
  const updates: { id: number; set: Partial<repo.NewLedgerRow> }[] = [];
  for (const m of members) {
    const base = baseInEffect(basesBy.get(m.person_id) ?? [], month, timing);
    if (!base) {
      result.withoutBase.push({ personId: m.person_id, name: m.name });
      continue;
    }
    const dueFen = monthlyDueFen(rates, base.category as DuesCategory, base.baseFen);
    const red = reductionBy.get(m.person_id);
    const waived = red?.kind === 'waive';
    const reducedFen = waived ? dueFen : red ? Math.max(0, dueFen - (red.monthly_fen ?? dueFen)) : 0;
    const row = existingBy.get(m.person_id);
    if (!row) {
      inserts.push({
        person_id: m.person_id,
        org_id: m.org_id,
        org_path: m.org_path,
        month,
        category: base.category,
        base_fen: base.baseFen,
        due_fen: dueFen,
        reduced_fen: reducedFen,
        paid_fen: 0,
        paid_on: null,
        status: ledgerStatus({ dueFen, reducedFen, paidFen: 0, waived }),
        updated_at: now,
      });
      continue;
    }
    const untouched = row.paid_fen === 0 && row.status === 'due';
    const same =
      row.org_id === m.org_id &&
      row.category === base.category &&
      row.base_fen === base.baseFen &&
      row.due_fen === dueFen &&
      row.reduced_fen === reducedFen;
    if (!untouched || same) {
      result.unchanged++;
      continue;
    }
    updates.push({
      id: row.id,
      set: {
        org_id: m.org_id,
        org_path: m.org_path,
        category: base.category,
        base_fen: base.baseFen,
        due_fen: dueFen,
        reduced_fen: reducedFen,
        status: ledgerStatus({ dueFen, reducedFen, paidFen: 0, waived }),
        updated_at: now,
      },
    });
  }
  result.created = inserts.length;
  result.updated = updates.length;
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertLedgerRows(trx, inserts);
    for (const u of updates) await repo.updateLedgerRow(trx, u.id, u.set);
    await appendAudit(trx, ctx.ring, {
      ...auditBase(ctx, rc, 'org'),
      action: 'dues.ledger.generate',
      objectId: org.id,
      scopePath: org.path,
      detail: {
        month,
        created: result.created,
        updated: result.updated,
        withoutBase: result.withoutBase.length,
      },
    });
    if (inserts.length + updates.length > 0) await refreshAlertsIn(ctx, trx, [ARREARS_SOURCE], org.path);
  });
  return result;
}

export async function generateLedger(
  ctx: AppContext,
  rc: RequestContext,
  input: { orgId: number; month: string },
) {
  const month = requireMonth(input.month);
  if (month > todayOf(ctx).slice(0, 7))
    throw badRequest('MONTH_IN_FUTURE', '不能生成今后月份的党费台账', 'month');
  const org = await staffOrg(ctx, rc, input.orgId);
  return { data: await generateLedgerFor(ctx, rc, org, month) };
}

export async function getLedger(
  ctx: AppContext,
  rc: RequestContext,
  orgId: number | undefined,
  month: string,
) {
  requireMonth(month);
  const org = await staffOrg(ctx, rc, orgId);
  const rows = await repo.ledgerOfMonth(ctx.db, org.path, month);
  return {
    data: {
      orgId: org.id,
      orgName: org.name,
      month,
      rows: rows.map((r) => ({
        id: r.id,
        personId: r.person_id,
        name: r.name,
        orgId: r.org_id,
        orgName: r.org_name,
        month: r.month,
        category: r.category,
        baseFen: r.base_fen,
        dueFen: r.due_fen,
        reducedFen: r.reduced_fen,
        paidFen: r.paid_fen,
        outstandingFen:
          r.status === 'waived'
            ? 0
            : outstandingFen({ dueFen: r.due_fen, reducedFen: r.reduced_fen, paidFen: r.paid_fen }),
        paidOn: r.paid_on,
        status: r.status,
      })),
    },
  };
}
