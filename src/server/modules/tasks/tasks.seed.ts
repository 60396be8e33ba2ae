// Demo data of 工作任务 (issue 18), a year up to the demo's today:
// - the county issues a task or a report request (some with an Excel form) to every township
//   each month; most report on time, some late, a few recent ones are still unreported (overdue);
// - townships issue tasks to their branches every other month; the demo branches (the worker
//   accounts') have tasks open now, to report from the inbox;
// - the first township reports almost always on time, the second often late or not at all, so
//   the 按时报送率 differs clearly; the third went over its monthly 减负 cap last month.
import type { Insertable } from 'kysely';
import { addDays, addMonths } from '../../../core/shared/dates.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import type { AppContext } from '../../context.ts';
import { pathUpperBound } from '../../db/dialect.ts';
import type { TaskTargetTable } from '../../db/tables/tasks.tables.ts';
import { Rng } from '../../seed/prng.ts';
import type { ModuleSeedInput } from '../../seed/module-seed.ts';
import * as repo from './tasks.repository.ts';

type Brief = {
  title: string;
  content: string;
  kind: 'task' | 'report';
  form?: Array<[string, 'text' | 'number' | 'date']>;
};

/** What the county 组织部 asks of the township 党委 over a year (one a month). */
const COUNTY_BRIEFS: Brief[] = [
  {
    title: '报送年度党建工作要点',
    content: '结合本乡镇实际制定年度党建工作要点，经党委会研究后报县委组织部备案。',
    kind: 'task',
  },
  {
    title: '报送党员冬训参训情况统计表',
    content: '按村（社区）统计党员冬训应训、实训人数，填写附表后报送。',
    kind: 'report',
    form: [
      ['村（社区）', 'text'],
      ['应训人数', 'number'],
      ['实训人数', 'number'],
      ['结束日期', 'date'],
    ],
  },
  {
    title: '开展基层党组织书记述职评议准备工作',
    content: '提前谋划述职评议，汇总书记述职报告初稿，明确评议议程。',
    kind: 'task',
  },
  {
    title: '组织“党员先锋岗”设岗定责',
    content: '在重点工作一线设立党员先锋岗，明确岗位职责并公示。',
    kind: 'task',
  },
  {
    title: '报送发展党员计划执行情况',
    content: '汇总上半年发展党员计划执行进度，说明未完成原因。',
    kind: 'report',
    form: [
      ['党支部', 'text'],
      ['计划数', 'number'],
      ['已发展数', 'number'],
    ],
  },
  {
    title: '落实“七一”走访慰问老党员、困难党员',
    content: '制定走访名单，七一前完成走访慰问并留存影像资料。',
    kind: 'task',
  },
  {
    title: '排查软弱涣散村党组织',
    content: '对照县委组织部印发的排查标准逐村研判，形成排查报告。',
    kind: 'task',
  },
  {
    title: '报送村级党群服务中心运行情况',
    content: '统计各村党群服务中心开放时间、代办事项办理情况。',
    kind: 'report',
    form: [
      ['村（社区）', 'text'],
      ['每周开放天数', 'number'],
      ['本季度代办事项', 'number'],
    ],
  },
  {
    title: '开展党费收缴专项检查',
    content: '自查党员党费按月足额交纳情况，对存在问题限期整改。',
    kind: 'task',
  },
  {
    title: '报送主题党日活动开展情况',
    content: '汇总本季度各支部主题党日活动开展次数、主题和参加人数。',
    kind: 'report',
  },
  {
    title: '做好村“两委”后备力量摸排',
    content: '每村摸排后备力量不少于2名，建立动态管理台账。',
    kind: 'task',
  },
  {
    title: '报送年度党建工作总结',
    content: '对照年初工作要点逐项总结完成情况，查找不足，提出明年打算。',
    kind: 'report',
  },
];

/** What a township 党委 asks of its branches. */
const TOWNSHIP_BRIEFS: Brief[] = [
  {
    title: '召开专题组织生活会',
    content: '围绕本年度学习教育主题召开专题组织生活会，会前开展谈心谈话。',
    kind: 'task',
  },
  {
    title: '报送支部党员基本信息核对表',
    content: '逐人核对党员基本信息，发现差错及时更正。',
    kind: 'report',
  },
  {
    title: '开展人居环境整治党员志愿服务',
    content: '组织党员分片包干清理村内沟渠和公共区域，记录参加人数。',
    kind: 'task',
  },
  {
    title: '落实“三会一课”记录规范化',
    content: '对照规范补齐会议记录要素，镇党委将抽查记录本。',
    kind: 'task',
  },
  {
    title: '报送流动党员联系情况',
    content: '说明本支部流动党员去向、联系方式和最近一次联系时间。',
    kind: 'report',
  },
  {
    title: '组织党员参加防汛值守',
    content: '汛期安排党员分组值守，值守表张贴在党群服务中心。',
    kind: 'task',
  },
];

const REPORT_TEXTS = [
  '已按要求完成，相关材料已整理归档。',
  '经支委会研究落实，具体情况见附件。',
  '已组织实施，群众反响良好，详见报送材料。',
  '按时完成各项工作，存在的不足已列入下步计划。',
];
const RETURN_REASONS = [
  '数据与上月报送不一致，请核实',
  '缺少会议记录照片，请补充',
  '报送内容过于简单，请补充具体做法',
];

/** Probability of on time / late for a township; the rest are never reported (recent tasks only). */
function profileOf(i: number): [onTime: number, late: number] {
  if (i === 0) return [0.97, 0.03];
  if (i === 1) return [0.35, 0.4];
  return [0.82, 0.13];
}

export async function seedTasks(ctx: AppContext, input: ModuleSeedInput): Promise<void> {
  const { today } = input;
  const rng = new Rng(`tasks:${input.seed}`);
  const db = ctx.db;
  const root = await db
    .selectFrom('orgs')
    .select(['id', 'path', 'name'])
    .where('parent_id', 'is', null)
    .orderBy('id')
    .executeTakeFirst();
  if (!root) return;
  const orgs = await db
    .selectFrom('orgs')
    .select(['id', 'path', 'name', 'kind', 'parent_id'])
    .where('path', '>', root.path)
    .where('path', '<', pathUpperBound(root.path))
    .where('status', '=', 'active')
    .orderBy('path')
    .execute();
  // The township accounts' organisations first (admin_t01, admin_t02, …), so the profiles below land on them.
  const order = await townshipOrder(ctx);
  const rank = (id: number) => (order.has(id) ? order.get(id)! : order.size + id);
  const towns = orgs
    .filter((o) => o.parent_id === root.id && ['党委', '党工委'].includes(o.kind))
    .sort((a, b) => rank(a.id) - rank(b.id));
  const demo = new Set(await demoBranchIds(ctx));
  const branchesOf = (town: { path: string }) =>
    orgs.filter(
      (o) =>
        o.path.startsWith(town.path) &&
        ['党支部', '联合党支部'].includes(o.kind) &&
        (input.scale === 'county' || demo.has(o.id)),
    );
  const nowIso = `${today}T02:00:00.000Z`;
  const monthStart = (back: number) => addMonths(`${today.slice(0, 7)}-01`, -back);
  let tasks = 0;
  let targets = 0;

  await db.transaction().execute(async (trx) => {
    const issue = async (
      issuer: { id: number; path: string; name: string },
      brief: Brief,
      issuedOn: string,
      deadline: string,
      to: Array<{ id: number; path: string; name: string }>,
      mode: string,
      profile: (orgIndex: number) => [number, number],
      overCap = false,
    ) => {
      const form = brief.form?.map(([name, type]) => ({ name, type, required: true })) ?? null;
      const task = await repo.insertTask(trx, {
        issuer_org_id: issuer.id,
        issuer_path: issuer.path,
        issuer_name: issuer.name,
        title: brief.title,
        content: brief.content,
        kind: brief.kind,
        target_mode: mode,
        issued_on: issuedOn,
        deadline,
        attachments: JSON.stringify(
          brief.kind === 'report' ? [{ name: `${brief.title}（模板说明）.docx` }] : [],
        ),
        form_columns: form ? JSON.stringify(form) : null,
        over_cap: overCap ? 1 : 0,
        created_by: null,
        created_at: `${issuedOn}T01:30:00.000Z`,
      });
      tasks += 1;
      const rows: Insertable<TaskTargetTable>[] = to.map((o, i) => {
        const [pOn, pLate] = profile(i);
        const x = rng.next();
        // Only the last two months' tasks may stay unreported: older ones were all chased up.
        const recent = deadline >= addDays(today, -60);
        let on: string | null = null;
        if (x < pOn) on = addDays(deadline, -rng.int(0, 6));
        else if (x < pOn + pLate || !recent) on = addDays(deadline, rng.int(1, 9));
        if (on !== null && on < issuedOn) on = issuedOn;
        if (on !== null && on > today) on = deadline >= today ? null : today;
        const returned = on !== null && rng.chance(0.04);
        return {
          task_id: task.id,
          org_id: o.id,
          org_path: o.path,
          org_name: o.name,
          state: on ? 'submitted' : 'pending',
          report_text: on ? rng.pick(REPORT_TEXTS) : null,
          report_attachments: on ? '[]' : null,
          report_rows: on && form ? JSON.stringify(formRows(rng, form, o.name)) : null,
          submitted_on: on,
          submitted_at: on ? `${on}T03:00:00.000Z` : null,
          submitted_by: null,
          return_reason: returned ? rng.pick(RETURN_REASONS) : null,
          returned_at: returned ? `${on}T01:00:00.000Z` : null,
          returned_count: returned ? 1 : 0,
          last_urged_at: null,
        };
      });
      await repo.insertTargets(trx, rows);
      targets += rows.length;
    };

    // The county: one a month over the year, to every township.
    for (let back = 11; back >= 0; back--) {
      const issuedOn = addDays(monthStart(back), rng.int(2, 8));
      if (issuedOn > today) continue;
      const brief = COUNTY_BRIEFS[(11 - back) % COUNTY_BRIEFS.length]!;
      await issue(root, brief, issuedOn, addDays(issuedOn, rng.int(10, 20)), towns, 'children', profileOf);
    }
    // Townships: every other month to their branches; this month to every one (open now).
    for (const [ti, town] of towns.entries()) {
      const branches = branchesOf(town);
      if (branches.length === 0) continue;
      const p: [number, number] = ti === 1 ? [0.6, 0.25] : [0.85, 0.1];
      for (let back = 11; back >= 0; back--) {
        if (back > 0 && (back + ti) % 2 === 1) continue;
        if (ti === 2 && back === 1) continue; // its 减负 month, below
        // This month's task is out already (a few days ago), so the branches have one open now.
        const issuedOn =
          back === 0
            ? maxDate(monthStart(0), addDays(today, -rng.int(0, 4)))
            : addDays(monthStart(back), rng.int(5, 15));
        const brief = TOWNSHIP_BRIEFS[(back + ti) % TOWNSHIP_BRIEFS.length]!;
        const deadline = back === 0 ? addDays(today, rng.int(3, 12)) : addDays(issuedOn, rng.int(7, 15));
        await issue(town, brief, issuedOn, deadline, branches, 'branches', () => p);
      }
    }
    // 减负: the third township issued seven tasks last month (cap 6); the seventh was confirmed over the cap.
    const heavy = towns[2];
    if (heavy && branchesOf(heavy).length > 0) {
      const start = monthStart(1);
      for (let n = 0; n < 7; n++) {
        const issuedOn = addDays(start, 2 + n * 3);
        const brief = TOWNSHIP_BRIEFS[n % TOWNSHIP_BRIEFS.length]!;
        await issue(
          heavy,
          { ...brief, kind: 'task' },
          issuedOn,
          addDays(issuedOn, 10),
          branchesOf(heavy),
          'branches',
          () => [0.85, 0.1],
          n === 6,
        );
      }
    }
    await appendAudit(trx, ctx.ring, {
      at: nowIso,
      action: 'task.seed',
      result: 'ok',
      objectType: 'task',
      scopePath: root.path,
      detail: { note: `工作任务${tasks}项`, targets },
    });
  });
  input.onProgress?.(1, 1, 'tasks');
}

const maxDate = (a: string, b: string) => (a > b ? a : b);

function formRows(rng: Rng, form: Array<{ name: string; type: string }>, orgName: string) {
  const n = rng.int(2, 4);
  return Array.from({ length: n }, (_, i) =>
    Object.fromEntries(
      form.map((c) => [
        c.name,
        c.type === 'number'
          ? rng.int(5, 60)
          : c.type === 'date'
            ? null
            : `${orgName.replace(/党委|党支部/, '')}第${i + 1}片区`,
      ]),
    ),
  );
}

async function townshipOrder(ctx: AppContext): Promise<Map<number, number>> {
  const rows = await ctx.db
    .selectFrom('users')
    .select('scope_org_id')
    .where('username', 'like', 'admin_t%')
    .orderBy('username')
    .execute();
  return new Map(rows.map((r, i) => [r.scope_org_id, i]));
}

async function demoBranchIds(ctx: AppContext): Promise<number[]> {
  const rows = await ctx.db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .select('u.scope_org_id')
    .where('r.role', '=', 'worker')
    .execute();
  return [...new Set(rows.map((r) => r.scope_org_id))];
}
