// Org-life compliance: incremental maintenance and rebuild.
import { typeUnit } from '../../../core/org-life/compliance.ts';
import { type ComplianceType } from '../../../core/org-life/meeting-types.ts';
import { monthsOf, parsePeriod, unitKey, type Period } from '../../../core/org-life/periods.ts';
import { countsTowardCompliance } from '../../../core/org-life/quality.ts';
import { pathIds } from '../../../core/org/org.rules.ts';
import { addDays } from '../../../core/shared/dates.ts';
import type { AppContext } from '../../context.ts';
import { complianceFindings, complianceRows, type Q } from './org-life-compliance-reports.ts';
import * as repo from './org-life.repository.ts';

/** The native period key of a meeting for the compliance tables. */
export function nativePeriod(ctx: AppContext, type: string, heldOn: string): string {
  const { unit } = typeUnit(ctx.config.rulebook, type as ComplianceType, heldOn);
  return unitKey(unit, heldOn);
}

export async function onMeetingHeld(
  ctx: AppContext,
  trx: Q,
  m: { org_id: number; org_path: string; type: string; held_on: string },
  delta: 1 | -1,
): Promise<void> {
  await repo.bumpCompliance(
    trx,
    { id: m.org_id, path: m.org_path },
    m.type,
    nativePeriod(ctx, m.type, m.held_on),
    delta,
  );
}

type CountingView = {
  status: string;
  type: string;
  held_on: string;
  expected_count: number;
  present_count: number;
};

const countsOf_ = (ctx: AppContext, m: CountingView) =>
  countsTowardCompliance(ctx.config.rulebook, {
    status: m.status,
    type: m.type,
    heldOn: m.held_on,
    counts: { expected: m.expected_count, present: m.present_count },
  });

/**
 * Keeps the rollup in step when a meeting's status or attendance changes: a meeting counts
 * when it is held and met its legal quorum (支部党员大会, 支部委员会会议), so recording it, or an
 * attendance change that crosses the quorum, moves the held count (and the per-ancestor counters)
 * by one, inside the same transaction.
 */
export async function syncCounting(
  ctx: AppContext,
  trx: Q,
  before: CountingView,
  after: CountingView & { org_id: number; org_path: string },
): Promise<void> {
  const was = countsOf_(ctx, before);
  const is = countsOf_(ctx, after);
  if (was !== is) await onMeetingHeld(ctx, trx, after, is ? 1 : -1);
}

/** Recomputes life_compliance and the per-ancestor counters from the meetings. */
export async function rebuildCompliance(
  ctx: AppContext,
  trx: Q,
): Promise<{ rows: number; counters: number }> {
  const source = await repo.heldByOrgTypeMonth(trx);
  const rows = new Map<
    string,
    { org_id: number; org_path: string; type: string; period: string; held: number }
  >();
  for (const s of source) {
    // A meeting that missed its legal quorum stays on record but does not count.
    if (!countsOf_(ctx, { status: 'held', ...s })) continue;
    const period = nativePeriod(ctx, s.type, s.held_on);
    const key = `${s.org_id}|${s.type}|${period}`;
    const r = rows.get(key);
    if (r) r.held += Number(s.n);
    else
      rows.set(key, { org_id: Number(s.org_id), org_path: s.path, type: s.type, period, held: Number(s.n) });
  }
  const counters = new Map<
    string,
    { ancestor_id: number; type: string; period: string; orgs_held: number }
  >();
  for (const r of rows.values()) {
    if (r.held <= 0) continue;
    for (const a of pathIds(r.org_path)) {
      const key = `${a}|${r.type}|${r.period}`;
      const c = counters.get(key);
      if (c) c.orgs_held++;
      else counters.set(key, { ancestor_id: a, type: r.type, period: r.period, orgs_held: 1 });
    }
  }
  await repo.replaceComplianceTables(trx, ctx.engine, [...rows.values()], [...counters.values()]);
  return { rows: rows.size, counters: counters.size };
}

/** Children summary from the per-ancestor counters: O(children), whatever the subtree size. */
export async function childrenSummary(
  ctx: AppContext,
  children: readonly { id: number; code: string; name: string; path: string }[],
  type: ComplianceType,
  year: number,
  today: string,
) {
  const book = ctx.config.rulebook;
  const yearPeriod = parsePeriod(String(year))!;
  const months = monthsOf(year).filter((m) => m + '-01' <= today);
  const { unit } = typeUnit(book, type, yearPeriod.from);
  const keys = [...new Set(months.map((m) => unitKey(unit, m + '-01')))];
  const counters = await repo.countersOf(
    ctx.db,
    children.map((c) => c.id),
    keys,
  );
  const held = new Map(
    counters.filter((c) => c.type === type).map((c) => [`${c.ancestor_id}|${c.period}`, Number(c.orgs_held)]),
  );
  return children.map((c) => ({
    orgId: c.id,
    orgCode: c.code,
    orgName: c.name,
    periods: keys.map((k) => ({ period: k, orgsHeld: held.get(`${c.id}|${k}`) ?? 0 })),
  }));
}

export const lastDayOf = (p: Period) => addDays(p.to, -1);

/**
 * The compliance report with the operator's full authority (CLI): the contract shape
 * {org, period, rows[{orgCode,type,required,held,status}], findings[{orgCode,code,detail}]}.
 * Returns null when the organisation code is unknown.
 */
export async function complianceReport(ctx: AppContext, orgCode: string, period: Period, today: string) {
  const org = await ctx.db
    .selectFrom('orgs')
    .select(['id', 'code', 'name', 'path'])
    .where('code', '=', orgCode)
    .executeTakeFirst();
  if (!org) return null;
  const [rows, findings] = await Promise.all([
    complianceRows(ctx, org, period, today),
    complianceFindings(ctx, org, period),
  ]);
  return {
    org: org.code,
    period: period.key,
    rows: rows.map((r) => ({
      orgCode: r.orgCode,
      type: r.type,
      required: r.required,
      held: r.held,
      status: r.status,
    })),
    findings: findings.map((f) => ({ orgCode: f.orgCode, code: f.code, detail: f.detail })),
  };
}
