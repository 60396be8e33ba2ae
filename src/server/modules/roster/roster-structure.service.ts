// Roster services: structure analysis.
import {
  ageBands,
  bandDates,
  isAgeing,
  PARTY_AGE_BANDS,
  share,
} from '../../../core/roster/structure.rules.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { addYears } from '../../../core/shared/dates.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import { auditBase, requireOrg, today } from './roster-common.service.ts';
import * as repo from './roster.repository.ts';
import { buildSheetWorkbook } from './roster.xlsx.ts';

export async function structure(ctx: AppContext, rc: RequestContext, orgId: number) {
  const org = await requireOrg(ctx, rc, orgId);
  return { data: await structureOf(ctx, org) };
}

export async function structureOf(ctx: AppContext, org: repo.OrgFacts) {
  const on = today(ctx);
  const youngAge = ruleValue<number>(ctx.config.rulebook, 'roster.structure.youngAge', on);
  const oldAge = ruleValue<number>(ctx.config.rulebook, 'roster.structure.oldAge', on);
  const ageingShare = ruleValue<number>(ctx.config.rulebook, 'roster.structure.ageingShare', on);
  const aBands = ageBands(youngAge, oldAge);
  const [gender, ethnicity, education, category, identity, joinYear, ages, partyAges, perOrg] =
    await Promise.all([
      repo.countBy(ctx.db, org.path, on, 'gender'),
      repo.countBy(ctx.db, org.path, on, 'ethnicity'),
      repo.countBy(ctx.db, org.path, on, 'education'),
      repo.countBy(ctx.db, org.path, on, 'category'),
      repo.countBy(ctx.db, org.path, on, 'identity'),
      repo.countBy(ctx.db, org.path, on, 'joinYear'),
      repo.countByDateBands(
        ctx.db,
        org.path,
        on,
        'p.birth_date',
        aBands.map((b) => ({ key: b.key, ...bandDates(b, on) })),
      ),
      repo.countByDateBands(
        ctx.db,
        org.path,
        on,
        'p.joined_on',
        PARTY_AGE_BANDS.map((b) => ({ key: b.key, ...bandDates(b, on) })),
      ),
      repo.ageingByOrg(ctx.db, org.path, on, addYears(on, -oldAge), addYears(on, -(youngAge + 1))),
    ]);
  const total = gender.reduce((s, g) => s + g.n, 0);
  const dist = (rows: Array<{ key: string | null; n: number }>, unknown = '未填写') =>
    rows
      .map((r) => ({ key: r.key ?? unknown, count: r.n, share: share(r.n, total) }))
      .sort((a, b) => b.count - a.count);
  const old = ages.get(aBands.at(-1)!.key) ?? 0;
  const young = ages.get(aBands[0]!.key) ?? 0;
  const thisYear = Number(on.slice(0, 4));
  return {
    org: { id: org.id, name: org.name, code: org.code },
    on,
    total,
    thresholds: { youngAge, oldAge, ageingShare },
    shares: {
      old: share(old, total),
      young: share(young, total),
      women: share(gender.find((g) => g.key === '女')?.n ?? 0, total),
    },
    ageBands: aBands.map((b) => ({ key: b.key, label: b.label, count: ages.get(b.key) ?? 0 })),
    partyAgeBands: PARTY_AGE_BANDS.map((b) => ({
      key: b.key,
      label: b.label,
      count: partyAges.get(b.key) ?? 0,
    })),
    gender: dist(gender),
    ethnicity: dist(ethnicity),
    education: dist(education),
    category: dist(category),
    identity: dist(identity),
    newMembersPerYear: Array.from({ length: 10 }, (_, i) => thisYear - 9 + i).map((y) => ({
      year: y,
      count: joinYear.find((j) => j.key === String(y))?.n ?? 0,
    })),
    branches: perOrg
      .map((b) => ({
        id: b.id,
        name: b.name,
        code: b.code,
        total: b.total,
        old: b.old,
        young: b.young,
        oldShare: share(b.old, b.total),
        youngShare: share(b.young, b.total),
        ageing: isAgeing(b, ageingShare),
      }))
      .sort((a, b) => b.oldShare - a.oldShare),
  };
}

export async function structureWorkbook(ctx: AppContext, rc: RequestContext, orgId: number) {
  const { data: s } = await structure(ctx, rc, orgId);
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const dimSheet = (name: string, rows: Array<{ key: string; count: number; share: number }>) => ({
    name,
    headers: ['项目', '人数', '占比'],
    rows: rows.map((r) => [r.key, r.count, pct(r.share)]),
  });
  const file = await buildSheetWorkbook([
    {
      name: '总览',
      headers: [
        '组织',
        '统计日期',
        '党员总数',
        `${s.thresholds.oldAge}岁及以上占比`,
        `${s.thresholds.youngAge}岁及以下占比`,
        '女党员占比',
      ],
      rows: [[s.org.name, s.on, s.total, pct(s.shares.old), pct(s.shares.young), pct(s.shares.women)]],
    },
    {
      name: '年龄',
      headers: ['年龄段', '人数', '占比'],
      rows: s.ageBands.map((b) => [b.label, b.count, pct(share(b.count, s.total))]),
    },
    {
      name: '党龄',
      headers: ['党龄段', '人数', '占比'],
      rows: s.partyAgeBands.map((b) => [b.label, b.count, pct(share(b.count, s.total))]),
    },
    dimSheet('性别', s.gender),
    dimSheet('民族', s.ethnicity),
    dimSheet('学历', s.education),
    dimSheet('人员身份', s.identity),
    {
      name: '历年发展',
      headers: ['年份', '入党人数'],
      rows: s.newMembersPerYear.map((y) => [y.year, y.count]),
    },
    {
      name: '支部年龄结构',
      headers: [
        '党组织',
        '编码',
        '党员数',
        `${s.thresholds.oldAge}岁及以上`,
        '占比',
        `${s.thresholds.youngAge}岁及以下`,
        '占比',
        '老龄化提示',
      ],
      rows: s.branches.map((b) => [
        b.name,
        b.code,
        b.total,
        b.old,
        pct(b.oldShare),
        b.young,
        pct(b.youngShare),
        b.ageing ? '老龄化' : '',
      ]),
    },
  ]);
  await ctx.db.transaction().execute((trx) =>
    appendAudit(trx, ctx.ring, {
      ...auditBase(ctx, rc),
      action: 'roster.structure.export',
      objectType: 'org',
      objectId: s.org.id,
      detail: { total: s.total },
    }),
  );
  return { file, name: `党员队伍结构-${s.org.code}-${s.on}.xlsx` };
}
