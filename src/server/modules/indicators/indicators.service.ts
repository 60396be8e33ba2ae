// Computes every indicator for the whole tree as of a date, rolls each organisation's own part up
// to its ancestors and stores one row per organisation × indicator × month; the workbench, the
// children's ranking and the 12-month trends read those rows (one indexed read, any subtree).
import {
  asOfFor,
  last12Months,
  rollUp,
  valueOf,
  type Part,
} from '../../../core/indicators/indicators.rules.ts';
import { chinaDate } from '../../../core/shared/dates.ts';
import type { AppContext } from '../../context.ts';
import { gatherFacts } from '../org-system/org-system.reports.ts';
import { INDICATORS, type IndicatorDef, type SharedFacts } from './indicators.defs.ts';

const ROOT = { id: 0, path: '/' };

/** Stores the figures of `month` (as of its last day, or today for the month under way). */
export async function refreshIndicators(
  ctx: AppContext,
  opts: { month?: string; only?: readonly string[] } = {},
): Promise<{ month: string; rows: number }> {
  const today = chinaDate(ctx.now());
  const month = opts.month ?? today.slice(0, 7);
  const asOf = asOfFor(month, today);
  const past = month !== today.slice(0, 7);
  const nodes = (
    await ctx.db.selectFrom('orgs').select(['id', 'parent_id']).where('status', '=', 'active').execute()
  ).map((o) => ({ id: Number(o.id), parentId: o.parent_id === null ? null : Number(o.parent_id) }));
  const at = ctx.now().toISOString();
  let orgFacts: ReturnType<typeof gatherFacts> | undefined;
  const shared: SharedFacts = { orgFacts: () => (orgFacts ??= gatherFacts(ctx.db, ROOT, asOf)) };
  let written = 0;
  for (const def of INDICATORS) {
    if (opts.only && !opts.only.includes(def.key)) continue;
    if (past && !def.history) continue;
    const m = await def.measure(ctx, ROOT, asOf, shared);
    const totals = rollUp(nodes, m.own, m.denOverride);
    const rows = [...totals].map(([orgId, p]) => ({
      org_id: orgId,
      key: def.key,
      period: month,
      num: p.num,
      den: p.den,
      computed_at: at,
    }));
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('indicator_values')
        .where('key', '=', def.key)
        .where('period', '=', month)
        .execute();
      for (let i = 0; i < rows.length; i += 500)
        await trx
          .insertInto('indicator_values')
          .values(rows.slice(i, i + 500))
          .execute();
    });
    written += rows.length;
  }
  return { month, rows: written };
}

/** The 12 months ending with this one (the demo seed and a new installation fill the trends). */
export async function refreshIndicatorHistory(ctx: AppContext): Promise<number> {
  let n = 0;
  for (const month of last12Months(chinaDate(ctx.now()).slice(0, 7)))
    n += (await refreshIndicators(ctx, { month })).rows;
  return n;
}

export interface Kpi {
  key: string;
  label: string;
  value: number | null;
  unit: string;
  definition: string;
  num: number;
  den: number | null;
}

const kpiOf = (def: IndicatorDef, p: Part | undefined): Kpi => ({
  key: def.key,
  label: def.label,
  value: valueOf(p, def.unit),
  unit: def.unit,
  definition: def.definition,
  num: p?.num ?? 0,
  den: p?.den ?? null,
});

async function valuesOf(ctx: AppContext, orgIds: readonly number[], months: readonly string[]) {
  if (orgIds.length === 0) return [];
  return ctx.db
    .selectFrom('indicator_values')
    .select(['org_id', 'key', 'period', 'num', 'den'])
    .where('org_id', 'in', orgIds)
    .where('period', 'in', months)
    .execute();
}

/** This month's KPIs of one subtree (computed now if no job has run this month yet). */
export async function kpisOf(ctx: AppContext, orgId: number): Promise<Kpi[]> {
  const month = chinaDate(ctx.now()).slice(0, 7);
  let rows = await valuesOf(ctx, [orgId], [month]);
  if (rows.length === 0) {
    await refreshIndicators(ctx);
    rows = await valuesOf(ctx, [orgId], [month]);
  }
  const by = new Map(
    rows.map((r) => [r.key, { num: Number(r.num), den: r.den === null ? null : Number(r.den) }]),
  );
  return INDICATORS.map((d) => kpiOf(d, by.get(d.key)));
}

/** Each child organisation's figure of every indicator this month (for the ranking). */
export async function childFigures(ctx: AppContext, children: readonly { id: number; name: string }[]) {
  const month = chinaDate(ctx.now()).slice(0, 7);
  const rows = await valuesOf(
    ctx,
    children.map((c) => c.id),
    [month],
  );
  const by = new Map(
    rows.map((r) => [
      `${r.org_id}|${r.key}`,
      { num: Number(r.num), den: r.den === null ? null : Number(r.den) },
    ]),
  );
  return INDICATORS.map((d) => ({
    key: d.key,
    label: d.label,
    unit: d.unit,
    rows: children
      .map((c) => ({ orgId: c.id, orgName: c.name, value: valueOf(by.get(`${c.id}|${d.key}`), d.unit) }))
      .sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity)),
  }));
}

/** Month-by-month figures of one subtree over the last 12 months. */
export async function trendsOf(ctx: AppContext, orgId: number) {
  const months = last12Months(chinaDate(ctx.now()).slice(0, 7));
  const rows = await valuesOf(ctx, [orgId], months);
  const by = new Map(
    rows.map((r) => [
      `${r.key}|${r.period}`,
      { num: Number(r.num), den: r.den === null ? null : Number(r.den) },
    ]),
  );
  return {
    months,
    series: INDICATORS.filter((d) => d.history).map((d) => ({
      key: d.key,
      label: d.label,
      unit: d.unit,
      values: months.map((m) => valueOf(by.get(`${d.key}|${m}`), d.unit)),
    })),
  };
}
