// Demo data of 党建责任制 (issue 18), from the demo's real post holders (positions):
// - 责任清单 of this year for the county committee, every township committee and a few branches
//   per township (书记 第一责任人, 副书记/委员 一岗双责 and a 联系点 each), quarterly deadlines;
//   past ones mostly done with evidence, about one in ten overdue;
// - 责任书 from the county to every township (two not signed for) and from each township to
//   the organisations below it (a few not signed for);
// - exactly one 问责: a township proposes 约谈 of a branch secretary over an overdue
//   rectification item; the county approved it.
import type { Insertable } from 'kysely';
import { addDays } from '../../../core/shared/dates.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import type { AppContext } from '../../context.ts';
import { pathUpperBound } from '../../db/dialect.ts';
import type {
  RespItemTable,
  RespLetterTable,
  RespProgressTable,
} from '../../db/tables/responsibility.tables.ts';
import type { ModuleSeedInput } from '../../seed/module-seed.ts';
import { Rng } from '../../seed/prng.ts';
import * as repo from './responsibility.repository.ts';

type Org = { id: number; name: string; path: string };

const COMMITTEE_FIRST = [
  '年内专题研究基层党建工作不少于4次，研究解决突出问题',
  '带头讲专题党课，全年不少于1次',
  '牵头抓好软弱涣散基层党组织整顿转化',
];
const BRANCH_FIRST = [
  '按期召开支部党员大会、支委会和党小组会，按时上好党课',
  '每月组织开展主题党日活动',
  '年内与每名党员谈心谈话不少于1次',
];
const DUAL: Record<string, string[]> = {
  副书记: ['协助书记抓好党建责任落实，牵头开展年度述职评议', '督促落实党员教育管理制度'],
  组织委员: ['督促所属党组织按期换届，严格发展党员程序', '做好流动党员和组织关系转接管理'],
  宣传委员: ['组织理论学习，全年集中学习不少于12次', '抓好党员教育平台学习督促'],
  纪检委员: ['开展廉政警示教育，全年不少于2次', '监督党员履行义务，及时提醒谈话'],
  委员: ['落实分管领域党建工作，抓好一岗双责', '参加所联系党组织的组织生活会'],
};
const CONTACT = '到联系点指导工作每季度不少于1次，帮助解决组织生活不规范等问题';
const EVIDENCE = ['会议记录', '党课讲稿及签到表', '活动照片及签到表', '谈心谈话记录', ''];
const PROGRESS = [
  '已召开专题会议，形成会议纪要',
  '已完成阶段任务，佐证材料已归档',
  '已到联系点实地指导，反馈问题3条',
  '正在推进，已制定工作方案',
  '已组织集中学习，党员参学率95%',
];
const QUARTERS = ['03-31', '06-30', '09-30', '12-31'];

async function committees(ctx: AppContext) {
  const db = ctx.db;
  const root = await db
    .selectFrom('orgs')
    .select(['id', 'name', 'path'])
    .where('parent_id', 'is', null)
    .orderBy('id')
    .executeTakeFirst();
  if (!root) return null;
  // Townships: the organisations the demo's township administrators (admin_tNN) are scoped to.
  const admins = await db
    .selectFrom('users')
    .select(['username', 'scope_org_id', 'id'])
    .where('username', 'like', 'admin_t%')
    .orderBy('username')
    .execute();
  const towns = await db
    .selectFrom('orgs')
    .select(['id', 'name', 'path', 'parent_id'])
    .where('id', 'in', admins.length ? admins.map((a) => a.scope_org_id) : [-1])
    .orderBy('path')
    .execute();
  const countyAdmin = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('username', '=', 'county_admin')
    .executeTakeFirst();
  const adminOf = new Map(admins.map((a) => [a.scope_org_id, a.id]));
  return { root, towns, countyAdmin, adminOf };
}

export async function seedResponsibility(ctx: AppContext, input: ModuleSeedInput): Promise<void> {
  const { today } = input;
  const y = Number(today.slice(0, 4));
  const rng = new Rng(`responsibility:${input.seed}`);
  const found = await committees(ctx);
  if (!found) return;
  const { root, towns, countyAdmin, adminOf } = found;
  const nowIso = ctx.now().toISOString();
  const start = `${y}-01-15`;
  const items: Array<
    Insertable<RespItemTable> & { progress: Array<Omit<Insertable<RespProgressTable>, 'item_id'>> }
  > = [];
  const letters: Insertable<RespLetterTable>[] = [];

  const childrenOf = async (o: Org) => repo.directChildren(ctx.db, o.id);
  const addItems = async (org: Org, isBranch: boolean) => {
    const holders = await repo.postHolders(ctx.db, org.id, today);
    const kids = isBranch ? [] : await childrenOf(org);
    for (const h of holders) {
      const texts =
        h.post === '书记'
          ? isBranch
            ? BRANCH_FIRST
            : COMMITTEE_FIRST
          : (DUAL[h.post] ?? DUAL['委员']!).slice(0, isBranch ? 1 : 2);
      const duty = h.post === '书记' ? '第一责任人' : '一岗双责';
      const planned: Array<{ content: string; duty: string; contact: { id: number; name: string } | null }> =
        texts.map((content) => ({ content, duty, contact: null }));
      if (h.post !== '书记' && kids.length > 0)
        planned.push({ content: CONTACT, duty: '联系点', contact: rng.pick(kids) });
      planned.forEach((p, i) => {
        const deadline = `${y}-${QUARTERS[(i + rng.int(0, 3)) % 4]}`;
        const evidence = rng.pick(EVIDENCE);
        const past = deadline < today;
        const overdue = past && rng.chance(0.1);
        const completedOn = past && !overdue ? addDays(deadline, -rng.int(0, 20)) : null;
        const progress: Array<Omit<Insertable<RespProgressTable>, 'item_id'>> = [];
        const noteOn = addDays(completedOn ?? (past ? deadline : today), -rng.int(20, 60));
        if (noteOn > start && (completedOn || rng.chance(0.6)))
          progress.push({
            org_path: org.path,
            on_date: noteOn,
            note: rng.pick(PROGRESS),
            evidence: '',
            completes: 0,
            actor_user_id: null,
            actor_name: null,
            created_at: nowIso,
          });
        if (completedOn)
          progress.push({
            org_path: org.path,
            on_date: completedOn,
            note: '已按要求完成',
            evidence: evidence ? `${evidence}已上传归档` : '',
            completes: 1,
            actor_user_id: null,
            actor_name: null,
            created_at: nowIso,
          });
        items.push({
          org_id: org.id,
          org_path: org.path,
          year: y,
          person_id: h.personId,
          person_name: h.name,
          post: h.post,
          duty_kind: p.duty,
          contact_org_id: p.contact?.id ?? null,
          contact_org_name: p.contact?.name ?? null,
          content: p.content,
          deadline,
          evidence_requirement: evidence,
          completed_on: completedOn,
          created_by: null,
          created_at: `${start}T01:00:00.000Z`,
          updated_at: nowIso,
          progress,
        });
      });
    }
  };

  const clamp = (d: string) => (d < today ? d : addDays(today, -1));
  await addItems(root, false);
  for (const [ti, town] of towns.entries()) {
    await addItems(town, false);
    const kids = await childrenOf(town);
    for (const b of kids.slice(0, 2)) await addItems(b, true);
    // 责任书: county → township (the last two not signed for), township → the organisations below.
    const countyOn = clamp(`${y}-02-20`);
    const unsigned = ti >= towns.length - 2;
    letters.push(
      letter(
        root,
        town,
        countyOn,
        unsigned ? null : clamp(addDays(countyOn, rng.int(1, 6))),
        adminOf.get(town.id) ?? null,
        `${town.name}组织员`,
      ),
    );
    const townOn = clamp(`${y}-03-10`);
    for (const k of kids) {
      const signed = rng.chance(0.93);
      letters.push(
        letter(
          town,
          k,
          townOn,
          signed ? clamp(addDays(townOn, rng.int(1, 10))) : null,
          null,
          `${k.name}支部委员`,
        ),
      );
    }
  }

  function letter(
    from: Org,
    to: Org,
    on: string,
    ackOn: string | null,
    by: number | null,
    byName: string,
  ): Insertable<RespLetterTable> {
    return {
      year: y,
      title: `${y}年度基层党建工作目标责任书`,
      content: `一、${to.name}书记履行抓基层党建第一责任人职责，班子成员落实一岗双责。\n二、全年按期开展“三会一课”、主题党日和组织生活会。\n三、按期完成换届，规范发展党员工作。\n四、年底向${from.name}述职，接受评议考核。`,
      issuer_org_id: from.id,
      issuer_org_path: from.path,
      issuer_org_name: from.name,
      org_id: to.id,
      org_path: to.path,
      org_name: to.name,
      issued_on: on,
      acknowledged_on: ackOn,
      acknowledged_by: ackOn ? by : null,
      acknowledged_name: ackOn ? byName : null,
      created_by: countyAdmin?.id ?? null,
      created_at: `${on}T02:00:00.000Z`,
    };
  }

  await ctx.db.transaction().execute(async (trx) => {
    for (const it of items) {
      const { progress, ...row } = it;
      const saved = await repo.insertItem(trx, row);
      for (const p of progress) await repo.insertProgress(trx, { ...p, item_id: saved.id });
    }
    for (let i = 0; i < letters.length; i += 200) await repo.insertLetters(trx, letters.slice(i, i + 200));
    const accountability = await seedAccountability(trx, towns, adminOf, countyAdmin ?? null, today, nowIso);
    await appendAudit(trx, ctx.ring, {
      at: nowIso,
      action: 'resp.seed',
      result: 'ok',
      objectType: 'resp.item',
      scopePath: root.path,
      detail: { items: items.length, letters: letters.length, accountability },
    });
  });
  input.onProgress?.(1, 1, 'responsibility');
}

/** One approved 约谈: a township over a branch secretary whose rectification item is overdue. */
async function seedAccountability(
  trx: repo.Q,
  towns: Array<Org & { parent_id: number | null }>,
  adminOf: Map<number, number>,
  countyAdmin: { id: number; display_name: string } | null,
  today: string,
  nowIso: string,
): Promise<number> {
  for (const town of towns) {
    // The level above the township (the county) approved it.
    const approver =
      town.parent_id === null
        ? undefined
        : await trx
            .selectFrom('orgs')
            .select(['id', 'path'])
            .where('id', '=', town.parent_id)
            .executeTakeFirst();
    const rect = await trx
      .selectFrom('rect_items')
      .select(['id', 'org_id', 'org_path', 'title'])
      .where('org_path', '>', town.path)
      .where('org_path', '<', pathUpperBound(town.path))
      .where('status', '!=', 'closed')
      .where('deadline', '<', today)
      .orderBy('id')
      .executeTakeFirst();
    if (!rect) continue;
    const [holder] = (await repo.postHolders(trx, rect.org_id, today)).filter((h) => h.post === '书记');
    const org = await trx
      .selectFrom('orgs')
      .select(['id', 'name', 'path'])
      .where('id', '=', rect.org_id)
      .executeTakeFirst();
    const proposer = adminOf.get(town.id);
    if (!holder || !org || proposer === undefined || !approver) continue;
    const proposedOn = addDays(today, -12);
    await repo.insertAccountability(trx, {
      type: '约谈',
      reason: `整改事项“${rect.title}”逾期未完成，支部书记履行第一责任人职责不到位`,
      person_id: holder.personId,
      person_name: holder.name,
      post: '书记',
      org_id: org.id,
      org_path: org.path,
      org_name: org.name,
      rect_item_id: rect.id,
      alert_id: null,
      proposer_org_id: town.id,
      proposer_org_path: town.path,
      proposer_org_name: town.name,
      approver_org_id: approver.id,
      approver_org_path: approver.path,
      status: 'effective',
      proposed_by: proposer,
      proposed_name: `${town.name}组织员`,
      proposed_on: proposedOn,
      decided_by: countyAdmin?.id ?? null,
      decided_name: countyAdmin?.display_name ?? '县委组织部',
      decided_on: addDays(proposedOn, 3),
      decision_note: '同意约谈，由镇党委书记约谈并督促限期整改',
      created_at: nowIso,
      updated_at: nowIso,
    });
    return 1;
  }
  return 0;
}
