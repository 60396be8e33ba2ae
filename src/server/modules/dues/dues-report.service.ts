// 党费 reports: due, paid and paid on time by child organisation, month by month, and arrears.
import { sql } from 'kysely';
import { lastClosedMonth, monthRange } from '../../../core/dues/ledger.rules.ts';
import { fenToYuan } from '../../../core/dues/rates.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import { pathUpperBound } from '../../db/dialect.ts';
import { badRequest } from '../../http/errors.ts';
import { buildSheetWorkbook } from '../roster/roster.xlsx.ts';
import { consecutiveUnpaid } from './dues-ledger.repository.ts';
import { staffOrg, todayOf } from './dues-common.ts';

export interface ReportRow {
  orgId: number;
  orgCode: string;
  orgName: string;
  members: number;
  /** Net of approved 减免. */
  dueFen: number;
  paidFen: number;
  /** Member-months paid by the end of their month. */
  paidOnTime: number;
}

export interface ArrearsRow {
  memberId: number;
  name: string;
  orgId: number;
  orgName: string;
  consecutiveUnpaid: number;
  flagSelfLapse: boolean;
}

/** Arrears of a subtree up to a month (the last closed month by default), longest first. */
export async function arrearsOf(ctx: AppContext, path: string, asOfMonth: string): Promise<ArrearsRow[]> {
  const runs = await consecutiveUnpaid(ctx.db, path, asOfMonth);
  if (runs.size === 0) return [];
  const lapse = ruleValue<number>(ctx.config.rulebook, 'dues.selfLapseMonths', `${asOfMonth}-01`);
  const rows = await ctx.db
    .selectFrom('dues_ledger as l')
    .innerJoin('persons as p', 'p.id', 'l.person_id')
    .innerJoin('orgs as o', 'o.id', 'l.org_id')
    .select(['l.person_id', 'p.name', 'l.org_id', 'o.name as org_name'])
    .where('l.org_path', '>=', path)
    .where('l.org_path', '<', pathUpperBound(path))
    .where('l.month', '=', asOfMonth)
    .where('l.status', '=', 'due')
    .execute();
  return rows
    .filter((r) => runs.has(r.person_id))
    .map((r) => {
      const n = runs.get(r.person_id)!;
      return {
        memberId: r.person_id,
        name: r.name,
        orgId: r.org_id,
        orgName: r.org_name,
        consecutiveUnpaid: n,
        flagSelfLapse: n >= lapse,
      };
    })
    .sort((a, b) => b.consecutiveUnpaid - a.consecutiveUnpaid || a.memberId - b.memberId);
}

/** The report document (API, CLI and Excel share it). */
export async function buildReport(
  ctx: AppContext,
  org: { id: number; path: string; code: string; name: string },
  year: number,
  month?: number,
) {
  const closed = lastClosedMonth(todayOf(ctx));
  const from = month ? `${year}-${String(month).padStart(2, '0')}` : `${year}-01`;
  const to = month ? from : `${year}-12`;
  const grouped = await ctx.db
    .selectFrom('dues_ledger')
    .select([
      'org_path',
      'month',
      sql<number>`count(distinct person_id)`.as('members'),
      sql<number>`sum(due_fen - reduced_fen)`.as('due'),
      sql<number>`sum(paid_fen)`.as('paid'),
      sql<number>`sum(case when status = 'paid' and paid_on is not null and paid_on <= month || '-31' then 1 else 0 end)`.as(
        'on_time',
      ),
    ])
    .where('org_path', '>=', org.path)
    .where('org_path', '<', pathUpperBound(org.path))
    .where('month', '>=', from)
    .where('month', '<=', to)
    .groupBy(['org_path', 'month'])
    .execute();
  const children = await ctx.db
    .selectFrom('orgs')
    .select(['id', 'code', 'name', 'path'])
    .where('parent_id', '=', org.id)
    .orderBy('sort_order')
    .orderBy('code')
    .execute();
  const buckets =
    children.length > 0 ? children : [{ id: org.id, code: org.code, name: org.name, path: org.path }];
  const rows: ReportRow[] = buckets.map((c) => ({
    orgId: c.id,
    orgCode: c.code,
    orgName: c.name,
    members: 0,
    dueFen: 0,
    paidFen: 0,
    paidOnTime: 0,
  }));
  // Members are counted in the month with the most of them (a year's report is not 12× the roll).
  const membersByBucketMonth = new Map<string, number>();
  const byMonth = new Map(monthRange(from, to).map((m) => [m, { month: m, dueFen: 0, paidFen: 0 }]));
  for (const g of grouped) {
    const i = buckets.findIndex((b) => g.org_path.startsWith(b.path));
    const mm = byMonth.get(g.month);
    if (mm) {
      mm.dueFen += Number(g.due);
      mm.paidFen += Number(g.paid);
    }
    if (i < 0) continue; // rows at the org itself when it has children: counted in the total only
    const r = rows[i]!;
    r.dueFen += Number(g.due);
    r.paidFen += Number(g.paid);
    r.paidOnTime += Number(g.on_time);
    const k = `${i}/${g.month}`;
    membersByBucketMonth.set(k, (membersByBucketMonth.get(k) ?? 0) + Number(g.members));
  }
  for (const [k, n] of membersByBucketMonth) {
    const r = rows[Number(k.split('/')[0])]!;
    r.members = Math.max(r.members, n);
  }
  const asOf = to < closed ? to : closed;
  const arrears = await arrearsOf(ctx, org.path, asOf);
  return {
    orgId: org.id,
    orgCode: org.code,
    orgName: org.name,
    year,
    month: month ?? null,
    arrearsAsOf: asOf,
    total: rows.reduce(
      (t, r) => ({
        members: t.members + r.members,
        dueFen: t.dueFen + r.dueFen,
        paidFen: t.paidFen + r.paidFen,
        paidOnTime: t.paidOnTime + r.paidOnTime,
      }),
      { members: 0, dueFen: 0, paidFen: 0, paidOnTime: 0 },
    ),
    rows,
    months: [...byMonth.values()],
    arrears,
  };
}

export function checkYearMonth(year: number, month: number | undefined) {
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw badRequest('BAD_YEAR', '年份不正确', 'year');
  if (month !== undefined && (!Number.isInteger(month) || month < 1 || month > 12))
    throw badRequest('BAD_MONTH', '月份应为1至12', 'month');
}

export async function report(
  ctx: AppContext,
  rc: RequestContext,
  q: { orgId?: number | undefined; year: number; month?: number | undefined },
) {
  checkYearMonth(q.year, q.month);
  const org = await staffOrg(ctx, rc, q.orgId);
  return { data: await buildReport(ctx, org, q.year, q.month) };
}

export async function arrears(ctx: AppContext, rc: RequestContext, orgId: number | undefined) {
  const org = await staffOrg(ctx, rc, orgId);
  const asOf = lastClosedMonth(todayOf(ctx));
  return { data: { orgId: org.id, orgName: org.name, asOf, rows: await arrearsOf(ctx, org.path, asOf) } };
}

/** The report as an Excel workbook: 收缴情况 by child organisation, 逐月, 欠缴名单. */
export async function reportWorkbook(
  ctx: AppContext,
  rc: RequestContext,
  q: { orgId?: number | undefined; year: number; month?: number | undefined },
) {
  checkYearMonth(q.year, q.month);
  const org = await staffOrg(ctx, rc, q.orgId);
  const r = await buildReport(ctx, org, q.year, q.month);
  const rate = (due: number, paid: number) => (due > 0 ? `${((paid * 100) / due).toFixed(1)}%` : '—');
  const body = await buildSheetWorkbook([
    {
      name: '收缴情况',
      headers: ['组织编码', '组织名称', '党员数', '应缴（元）', '实缴（元）', '收缴率', '按时缴纳（人次）'],
      rows: [...r.rows, { ...r.total, orgCode: '', orgName: '合计' }].map((x) => [
        x.orgCode,
        x.orgName,
        x.members,
        fenToYuan(x.dueFen),
        fenToYuan(x.paidFen),
        rate(x.dueFen, x.paidFen),
        x.paidOnTime,
      ]),
    },
    {
      name: '逐月收缴',
      headers: ['月份', '应缴（元）', '实缴（元）', '收缴率'],
      rows: r.months.map((m) => [
        m.month,
        fenToYuan(m.dueFen),
        fenToYuan(m.paidFen),
        rate(m.dueFen, m.paidFen),
      ]),
    },
    {
      name: '欠缴名单',
      headers: ['姓名', '所在组织', `连续未缴月数（截至${r.arrearsAsOf}）`, '自行脱党情形'],
      rows: r.arrears.map((a) => [a.name, a.orgName, a.consecutiveUnpaid, a.flagSelfLapse ? '是' : '']),
    },
  ]);
  return { fileName: `${org.name}${q.year}年${q.month ? `${q.month}月` : ''}党费收缴情况.xlsx`, body };
}

/**
 * 按时交纳党费 for other modules (考核 indicator, workbench): member-months due in the months
 * (waived ones left out) and how many of them were paid by the end of their month.
 */
export async function duesOnTime(
  db: AppContext['db'],
  path: string,
  fromMonth: string,
  toMonth: string,
): Promise<{ memberMonths: number; paidOnTime: number }> {
  const r = await db
    .selectFrom('dues_ledger')
    .select([
      sql<number>`count(*)`.as('n'),
      sql<number>`sum(case when status = 'paid' and paid_on is not null and paid_on <= month || '-31' then 1 else 0 end)`.as(
        'on_time',
      ),
    ])
    .where('org_path', '>=', path)
    .where('org_path', '<', pathUpperBound(path))
    .where('month', '>=', fromMonth)
    .where('month', '<=', toMonth)
    .where('status', '!=', 'waived')
    .executeTakeFirst();
  return { memberMonths: Number(r?.n ?? 0), paidOnTime: Number(r?.on_time ?? 0) };
}
