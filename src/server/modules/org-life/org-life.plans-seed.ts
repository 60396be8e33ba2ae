// Demo annual plans (年度计划, issue 5 item 2) for the demo's year: most branches have one
// (submitted, half of those acknowledged by the 党委, some still drafts with a gap), a few have
// none, and in one township two branches hand in the same plan with only the names swapped.
import { sql, type Insertable } from 'kysely';
import { applies } from '../../../core/org-life/compliance.ts';
import { MEETING_TYPES, type MeetingType } from '../../../core/org-life/meeting-types.ts';
import { planGaps, type PlanItem } from '../../../core/org-life/plans.ts';
import { BRANCH_KINDS } from '../../../core/org/org.types.ts';
import { addDays, addMonths } from '../../../core/shared/dates.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import type { AppContext } from '../../context.ts';
import type { LifePlanItemTable, LifePlanTable } from '../../db/tables/org-life.tables.ts';
import type { ModuleSeedInput } from '../../seed/module-seed.ts';
import { Rng } from '../../seed/prng.ts';
import { bulkInsert } from './org-life.repository.ts';

const pad = (n: number) => String(n).padStart(2, '0');

const MONTH_TOPICS: Record<number, readonly string[]> = {
  1: ['学习全会精神', '新年工作部署', '走访慰问困难党员', '冬季安全大排查'],
  2: ['春节返乡人员座谈', '学习党章总纲', '移风易俗倡议', '春耕备耕动员'],
  3: ['学雷锋志愿服务', '植树造林', '三八妇女节关爱活动', '学习两会精神'],
  4: ['清明祭扫革命烈士墓', '森林防火宣传', '学习党史专题', '人居环境整治'],
  5: ['五一劳动模范事迹学习', '青年党员座谈', '农技培训', '防汛准备'],
  6: ['七一前夕重温入党誓词', '发展党员工作推进', '禁毒宣传', '夏季防溺水宣传'],
  7: ['庆祝建党纪念日', '表彰优秀共产党员', '汛期值守', '学习党的光辉历程'],
  8: ['八一走访退役军人', '暑期学生安全教育', '乡村振兴项目推进', '防暑降温慰问'],
  9: ['学习民法典', '秋收助农', '教师节慰问', '集体经济收支公开'],
  10: ['国庆主题教育', '重阳节敬老', '秋冬防火', '村规民约修订'],
  11: ['学习条例专题', '冬季征兵宣传', '矛盾纠纷排查', '党员冬训动员'],
  12: ['年终工作总结', '民主评议党员', '宪法宣传日', '来年工作谋划'],
};
const LOCAL = [
  '结合村集体经济发展',
  '组织党员入户走访',
  '邀请驻村第一书记参加',
  '联系网格员分片落实',
  '围绕特色产业开展',
  '结合农家书屋阅读',
  '组织流动党员线上参加',
  '结合困难群众帮扶',
  '开展志愿服务',
  '联系老党员讲传统',
  '结合村务监督',
  '组织党员承诺践诺',
];
const LESSONS = [
  '党的创新理论',
  '党章党规',
  '党史故事',
  '廉洁自律',
  '基层治理',
  '乡村振兴政策',
  '为民服务',
  '榜样事迹',
];

function periodsOf(year: number, type: MeetingType): string[] {
  if (type === '主题党日' || type === '支部委员会会议')
    return Array.from({ length: 12 }, (_, i) => `${year}-${pad(i + 1)}`);
  if (type === '组织生活会') return [`${year}-12`];
  return [1, 2, 3, 4].map((q) => `${year}-Q${q}`);
}

function themeOf(r: Rng, orgName: string, type: MeetingType, period: string): string {
  const month = period.includes('Q') ? Number(period.slice(-1)) * 3 - 1 : Number(period.slice(5, 7));
  const local = r.pick(LOCAL);
  if (type === '党课') return `${r.pick(LESSONS)}专题党课，${local}`;
  if (type === '支部党员大会')
    return `${r.pick(['通报支部工作', '研究发展党员', '收缴党费情况通报', '讨论村级重大事项'])}，${local}`;
  if (type === '组织生活会') return `${orgName}年度组织生活会，开展批评与自我批评`;
  if (type === '支部委员会会议') return `研究${r.pick(MONTH_TOPICS[month]!)}的安排`;
  return `${r.pick(MONTH_TOPICS[month]!)}，${local}`;
}

export async function seedPlans(ctx: AppContext, input: ModuleSeedInput): Promise<void> {
  const year = Number(input.today.slice(0, 4));
  const rng = new Rng(`org-life-plans/${input.seed}`);
  const book = ctx.config.rulebook;
  const branches = await ctx.db
    .selectFrom('orgs')
    .select(['id', 'name', 'kind', 'path', 'parent_id', 'established_on', 'dissolved_on'])
    .where('kind', 'in', BRANCH_KINDS)
    .where('status', '=', 'active')
    .orderBy('path')
    .execute();
  const counts = new Map(
    (
      await ctx.db
        .selectFrom('memberships')
        .select([
          'org_id',
          sql<number>`count(*)`.as('n'),
          sql<number>`sum(case when category = '正式党员' then 1 else 0 end)`.as('full'),
        ])
        .where('valid_to', 'is', null)
        .groupBy('org_id')
        .execute()
    ).map((r) => [Number(r.org_id), { members: Number(r.n), full: Number(r.full) }]),
  );
  const maxId = Number(
    (
      await ctx.db
        .selectFrom('life_plans')
        .select(sql<number>`coalesce(max(id), 0)`.as('m'))
        .executeTakeFirstOrThrow()
    ).m,
  );
  let nextId = maxId + 1;
  const now = ctx.now().toISOString();
  const plans: Insertable<LifePlanTable>[] = [];
  const items: Insertable<LifePlanItemTable>[] = [];
  const planned = new Map<number, { planId: number; name: string; list: PlanItem[] }>();
  const byTown = new Map<number, number[]>();

  for (const o of branches) {
    const r = rng.fork(`plan:${o.id}`);
    const c = counts.get(o.id) ?? { members: 0, full: 0 };
    if (c.members === 0 || r.chance(0.08)) continue; // a few branches have no plan
    const facts = {
      orgId: o.id,
      kind: o.kind,
      establishedOn: o.established_on,
      dissolvedOn: o.dissolved_on,
      fullMembers: c.full,
      members: c.members,
      groupsWithMembers: 0, // 党小组会 is the groups' own, never a branch plan item (org-life.plans.ts)
    };
    const types = MEETING_TYPES.filter((t) => t !== '党小组会' && applies(book, facts, t, `${year}-01-01`));
    let list: PlanItem[] = types.flatMap((type) =>
      periodsOf(year, type).map((period) => ({ period, type, theme: themeOf(r, o.name, type, period) })),
    );
    const status = r.weighted([
      ['submitted', 45],
      ['acknowledged', 40],
      ['draft', 15],
    ] as const);
    // A draft is often still short of a month of 主题党日.
    if (status === 'draft' && r.chance(0.6)) {
      const drop = `${year}-${pad(r.int(1, 12))}`;
      list = list.filter((i) => !(i.type === '主题党日' && i.period === drop));
    }
    if (status !== 'draft' && planGaps(book, year, types, list).length) continue;
    const id = nextId++;
    plans.push({
      id,
      org_id: o.id,
      org_path: o.path,
      year,
      status,
      submitted_at: status === 'draft' ? null : `${year}-01-${pad(r.int(5, 28))}T02:00:00.000Z`,
      acknowledged_at: status === 'acknowledged' ? `${year}-02-${pad(r.int(1, 25))}T02:00:00.000Z` : null,
      acknowledged_by: null,
      created_by: null,
      created_at: `${year}-01-04T02:00:00.000Z`,
      updated_at: now,
    } as Insertable<LifePlanTable>);
    planned.set(o.id, { planId: id, name: o.name, list });
    if (o.parent_id) byTown.set(o.parent_id, [...(byTown.get(o.parent_id) ?? []), o.id]);
  }

  // 你抄我的，我抄你的: in one township, a second branch hands in the first's plan with the names swapped.
  const towns = [...byTown.entries()].filter(([, ids]) => ids.length >= 2).sort((a, b) => a[0] - b[0]);
  let copied: string[] = [];
  if (towns.length) {
    const [, ids] = rng.pick(towns);
    const a = planned.get(ids[0]!)!;
    const b = planned.get(ids[1]!)!;
    b.list = a.list.map((i) => ({ ...i, theme: i.theme.split(a.name).join(b.name) }));
    copied = [a.name, b.name];
  }
  for (const { planId, list } of planned.values())
    list.forEach((i, seq) =>
      items.push({
        plan_id: planId,
        seq,
        period: i.period,
        type: i.type,
        theme: i.theme,
      } as Insertable<LifePlanItemTable>),
    );

  await ctx.db.transaction().execute(async (trx) => {
    await bulkInsert(trx, ctx.engine, 'life_plans', plans);
    await bulkInsert(trx, ctx.engine, 'life_plan_items', items);
    if (ctx.engine === 'postgres' && plans.length) {
      await sql`select setval(pg_get_serial_sequence('life_plans', 'id'), (select max(id) from life_plans))`.execute(
        trx,
      );
      await sql`select setval(pg_get_serial_sequence('life_plan_items', 'id'), (select coalesce(max(id), 1) from life_plan_items))`.execute(
        trx,
      );
    }
    await appendAudit(trx, ctx.ring, {
      at: now,
      action: 'life.plans.seed',
      result: 'ok',
      actorUsername: 'seed',
      objectType: 'life_plan',
      detail: { year, branches: branches.length, plans: plans.length, items: items.length, copied },
    });
  });
  await seedSeries(ctx, input, branches);
}

/**
 * 上级下发: each organisation above three or more branches issued this month's 主题党日 to them;
 * the branches' meetings of the month are linked to it (held ones count as done).
 */
async function seedSeries(
  ctx: AppContext,
  input: ModuleSeedInput,
  branches: ReadonlyArray<{ id: number; parent_id: number | null }>,
): Promise<void> {
  const month = input.today.slice(0, 7);
  const from = `${month}-01`;
  const to = addMonths(from, 1);
  const byParent = new Map<number, number[]>();
  for (const b of branches)
    if (b.parent_id) byParent.set(b.parent_id, [...(byParent.get(b.parent_id) ?? []), b.id]);
  const parents = [...byParent.entries()].filter(([, ids]) => ids.length >= 3);
  if (parents.length === 0) return;
  const issuers = await ctx.db
    .selectFrom('orgs')
    .select(['id', 'name', 'path'])
    .where(
      'id',
      'in',
      parents.map(([id]) => id),
    )
    .execute();
  const now = ctx.now().toISOString();
  const theme = `${Number(month.slice(5, 7))}月主题党日：${MONTH_TOPICS[Number(month.slice(5, 7))]![0]}`;
  let linked = 0;
  await ctx.db.transaction().execute(async (trx) => {
    for (const issuer of issuers) {
      const series = await trx
        .insertInto('life_series')
        .values({
          issuer_org_id: issuer.id,
          org_path: issuer.path,
          type: '主题党日',
          theme,
          materials: `请各党支部围绕“${theme}”组织学习，按时录入会议记录并上传签到表。`,
          held_on: `${month}-15`,
          deadline: addDays(to, -1),
          created_by: null,
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const r = await trx
        .updateTable('life_meetings')
        .set({ series_id: series.id })
        .where('org_id', 'in', byParent.get(issuer.id)!)
        .where('type', '=', '主题党日')
        .where('held_on', '>=', from)
        .where('held_on', '<', to)
        .where('series_id', 'is', null)
        .executeTakeFirst();
      linked += Number(r.numUpdatedRows);
    }
    await appendAudit(trx, ctx.ring, {
      at: now,
      action: 'life.series.seed',
      result: 'ok',
      actorUsername: 'seed',
      objectType: 'life_series',
      detail: { series: issuers.length, meetings: linked, month },
    });
  });
}
