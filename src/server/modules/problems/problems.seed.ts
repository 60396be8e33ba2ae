// Demo data of the 问题清单 (issue 18): the 软弱涣散 cases carried onto the rectification engine
// with their history; problems found at last year's 组织生活会 (most closed on time, some still
// open, one overdue); and a few open alerts a township turned into rectification items.
import type { AppContext } from '../../context.ts';
import { addDays, chinaDate } from '../../../core/shared/dates.ts';
import type { ModuleSeedInput } from '../../seed/module-seed.ts';
import { Rng } from '../../seed/prng.ts';
import { alertCatalogue } from '../alerts/alerts.service.ts';
import {
  createRectification,
  findRectificationRow,
  transitionRectification,
  type RectActor,
} from '../evaluation/rectification/rectification.service.ts';
import { engineItemOf, openWeakItem } from '../org-system/org-system-weak-engine.ts';

const SEEDER: RectActor = { userId: null, name: '演示数据' };
const at = (ctx: AppContext, day: string): AppContext => {
  const fixed = new Date(`${day}T02:00:00.000Z`);
  return { ...ctx, now: () => fixed };
};

/** Problems a branch might find about itself at its 组织生活会 (written for the demo). */
const MEETING_PROBLEMS = [
  ['理论学习不够系统，学用结合不紧', '制定季度学习计划，每月集中学习不少于一次，并结合村里实际开展研讨'],
  ['联系服务群众不够经常，入户走访偏少', '支委每人联系10户以上群众，每季度至少走访一遍并记录诉求'],
  ['批评和自我批评不够深入，触及问题不多', '下次组织生活会前逐一谈心谈话，会上点明具体问题'],
  ['部分党员作用发挥不明显，带头意识不强', '设立党员责任区，年底按责任区开展评议'],
  ['党员活动室利用率不高，活动形式单一', '每月固定主题党日在活动室开展，增加志愿服务内容'],
  ['对外出务工党员联系不够经常', '建立外出党员联系群，每季度通报支部工作并收集意见'],
  ['村务公开栏更新不及时', '每月10日前更新财务公开内容，支委轮流负责'],
  ['入党积极分子培养不够，青年人才储备不足', '从返乡青年中物色2名培养对象，明确培养联系人'],
] as const;

export async function seedProblems(ctx: AppContext, input: ModuleSeedInput): Promise<void> {
  const rng = new Rng(`problems:${input.seed}`);
  await weakCasesOntoEngine(ctx);
  await meetingProblems(ctx, input.today, rng.fork('meetings'));
  await alertsToRectification(ctx, input.today, rng.fork('alerts'));
}

/** Each 软弱涣散 case's item, moved through its recorded history on the days it happened. */
async function weakCasesOntoEngine(ctx: AppContext) {
  const cases = await ctx.db.selectFrom('os_weak_cases').selectAll().orderBy('id').execute();
  for (const c of cases) {
    const progress = await ctx.db
      .selectFrom('os_weak_progress')
      .selectAll()
      .where('case_id', '=', c.id)
      .orderBy('on_date')
      .orderBy('id')
      .execute();
    await ctx.db.transaction().execute(async (trx) => {
      if (await engineItemOf(trx, c.id)) return;
      const item = await openWeakItem(trx, at(ctx, c.designated_on), c, SEEDER);
      const move = async (
        day: string,
        action: 'progress' | 'request_closure' | 'approve',
        note: string,
        evidence: string | null,
      ) => {
        const row = (await findRectificationRow(trx, item.id))!;
        await transitionRectification(trx, at(ctx, day), row, action, note, evidence, SEEDER);
      };
      for (const p of progress) await move(p.on_date, 'progress', p.note, null);
      const last = progress.at(-1);
      if (c.state === '待销号' && last)
        await move(last.on_date, 'request_closure', last.note, '整顿工作台账、会议记录');
      if (c.state === '已销号' && c.closed_on) {
        await move(
          c.closed_on,
          'request_closure',
          '整顿任务全部完成，申请验收销号',
          '整顿工作台账、验收材料',
        );
        await move(c.closed_on, 'approve', c.review_note ?? '验收合格，同意销号', null);
      }
    });
  }
}

/** Last year's and this year's 组织生活会: two problems each, dated after the meeting. */
async function meetingProblems(ctx: AppContext, today: string, rng: Rng) {
  const meetings = await ctx.db
    .selectFrom('life_meetings')
    .select(['id', 'org_id', 'org_path', 'held_on', 'type'])
    .where('type', '=', '组织生活会')
    .where('status', '=', 'held')
    .where('held_on', '>=', addDays(today, -400))
    .where('held_on', '<=', addDays(today, -20))
    .orderBy('held_on')
    .orderBy('id')
    .execute();
  const chosen = rng.shuffle(meetings).slice(0, 16);
  for (const [i, m] of chosen.entries()) {
    const found = addDays(m.held_on, 2);
    const problems = rng.shuffle(MEETING_PROBLEMS).slice(0, 2);
    await ctx.db.transaction().execute(async (trx) => {
      for (const [j, [title, measure]] of problems.entries()) {
        const deadline = addDays(found, j === 0 ? 60 : 90);
        const item = await createRectification(
          trx,
          at(ctx, found),
          {
            sourceType: 'life.meeting',
            sourceId: m.id,
            org: { id: m.org_id, path: m.org_path },
            title,
            detail: measure,
            deadline,
          },
          SEEDER,
        );
        // Most are closed before their deadline; the third meeting's first problem is left overdue.
        const overdueOne = i === 2 && j === 0;
        const closeOn = addDays(deadline, -rng.int(5, 25));
        if (overdueOne || closeOn >= today) continue;
        const row = (await findRectificationRow(trx, item.id))!;
        await transitionRectification(
          trx,
          at(ctx, addDays(found, 20)),
          row,
          'progress',
          '已召开支委会研究整改措施，明确责任人',
          null,
          SEEDER,
        );
        const r2 = (await findRectificationRow(trx, item.id))!;
        await transitionRectification(
          trx,
          at(ctx, closeOn),
          r2,
          'request_closure',
          '整改措施已落实',
          '整改台账、活动记录照片',
          SEEDER,
        );
        const r3 = (await findRectificationRow(trx, item.id))!;
        await transitionRectification(
          trx,
          at(ctx, closeOn),
          r3,
          'approve',
          '经乡镇党委核查，整改到位，同意销号',
          null,
          SEEDER,
        );
      }
    });
  }
}

/** A few open alerts of branches that a township chose to rectify with a time limit. */
async function alertsToRectification(ctx: AppContext, today: string, rng: Rng) {
  const catalogue = alertCatalogue();
  const open = await ctx.db
    .selectFrom('alerts')
    .select(['id', 'code', 'org_id', 'org_path', 'subject_label', 'detail'])
    .where('is_open', '=', 1)
    .where('code', 'in', ['LIFE_MISSED', 'LIFE_QUALITY', 'WEAK_SIGNAL', 'TERM_OVERDUE'])
    .orderBy('id')
    .execute();
  const chosen = rng.shuffle(open).slice(0, 8);
  await ctx.db.transaction().execute(async (trx) => {
    for (const a of chosen)
      await createRectification(
        trx,
        ctx,
        {
          sourceType: 'alert',
          sourceId: a.id,
          org: { id: a.org_id, path: a.org_path },
          title: `${catalogue.get(a.code)?.label ?? '预警'}：${a.subject_label}`.slice(0, 200),
          detail: a.detail,
          deadline: addDays(chinaDate(ctx.now()) > today ? chinaDate(ctx.now()) : today, 30),
        },
        SEEDER,
      );
  });
}
