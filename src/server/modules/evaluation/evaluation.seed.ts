// Demo data of the evaluation module (issue 7), written after the base county:
// - last year's county 述职评议 of the township secretaries, completed and published, with one
//   secretary graded 一般 (约谈 + rectification items: one closed after review, one overdue);
// - last year's linked township campaign (三级联述联评联考) for that township's village secretaries;
// - this year's county campaign, open, with some reports submitted;
// - last year's 民主评议党员 for the demo branches (the worker accounts' branches), published,
//   with one 不合格 member under 限期改正.
import type { Transaction } from 'kysely';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { MEMBER_SCHEME, SECRETARY_SCHEME } from '../../../core/voting/voting.rules.ts';
import { addDays } from '../../../core/shared/dates.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import type { AppContext } from '../../context.ts';
import { pathUpperBound } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import { Rng } from '../../seed/prng.ts';
import type { ModuleSeedInput } from '../../seed/module-seed.ts';
import { membersOn } from '../membership/membership.repository.ts';
import { preparePublication, writePublication } from './campaign.service.ts';
import * as repo from './evaluation.repository.ts';
import {
  transitionRectification,
  findRectificationRow,
  type RectActor,
} from './rectification/rectification.service.ts';
import { castBallot, closeBox, openBox } from './voting/voting.service.ts';
import { seedTargets } from './targets.seed.ts';

const SEEDER: RectActor = { userId: null, name: '演示数据' };

const WORK_DONE = [
  '落实“三会一课”制度，按期召开支部委员会和党员大会',
  '推进村级集体经济项目，增加集体收入',
  '规范发展党员程序，严格政治审查',
  '开展党员冬训和主题党日活动',
  '整顿软弱涣散村党组织',
  '推进网格化管理，党员联系服务群众',
];
const PROBLEMS = [
  '部分支部组织生活会质量不高，批评和自我批评辣味不足',
  '发展党员工作后继乏人，青年党员比例偏低',
  '党建工作与中心工作结合不够紧密',
  '个别村级党组织书记履职能力不强',
  '党员教育管理方式单一，流动党员管理不到位',
  '基层党建工作台账不规范',
];

function reportText(rng: Rng, name: string, orgName: string): string {
  const done = rng.shuffle(WORK_DONE).slice(0, 3);
  return `<p>${orgName}书记${name}述职：</p><ol>${done.map((d) => `<li>${d}</li>`).join('')}</ol><p>下一步将针对存在的问题逐项整改。</p>`;
}

/** The root's child on the path of the first demo worker's branch (city scale). */
async function demoCounty(ctx: AppContext, top: { id: number; path: string }) {
  const w = await ctx.db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .innerJoin('orgs as o', 'o.id', 'u.scope_org_id')
    .select('o.path')
    .where('r.role', '=', 'worker')
    .orderBy('u.id')
    .executeTakeFirst();
  const childId = w?.path.slice(top.path.length).split('/')[0];
  if (!childId) return undefined;
  return ctx.db
    .selectFrom('orgs')
    .select(['id', 'path', 'name'])
    .where('id', '=', Number(childId))
    .where('parent_id', '=', top.id)
    .executeTakeFirst();
}

function at(ctx: AppContext, iso: string): AppContext {
  const fixed = new Date(iso);
  return { ...ctx, now: () => fixed };
}

/** One campaign from creation to publication (or left open), inside one transaction. */
async function runCampaign(
  trx: Transaction<DB>,
  ctx: AppContext,
  rng: Rng,
  spec: {
    org: { id: number; path: string };
    year: number;
    title: string;
    meetingOn: string;
    parentId: number | null;
    weak: number | null;
    publish: boolean;
    voters: number;
  },
): Promise<number | null> {
  const subjects = (await repo.childSecretaries(trx, spec.org.id, spec.meetingOn)).filter(
    (s) => s.person_id !== null,
  );
  const unique = subjects.filter((s, i) => subjects.findIndex((x) => x.org_id === s.org_id) === i);
  if (unique.length === 0) return null;
  const { id } = await repo.insertCampaign(trx, {
    org_id: spec.org.id,
    org_path: spec.org.path,
    parent_campaign_id: spec.parentId,
    year: spec.year,
    title: spec.title,
    meeting_on: spec.meetingOn,
    weights: JSON.stringify(ruleValue(ctx.config.rulebook, 'evaluation.secretary.weights', spec.meetingOn)),
    created_by: null,
    created_at: ctx.now().toISOString(),
  });
  await repo.insertSubjects(
    trx,
    unique.map((s, i) => ({
      campaign_id: id,
      org_id: s.org_id,
      org_path: s.path,
      org_code: s.code,
      org_name: s.org_name,
      person_id: s.person_id!,
      name: s.name!,
      report_order: i + 1,
    })),
  );
  const rows = await repo.subjectsOf(trx, [id]);
  const weakIndex = spec.weak === null ? -1 : spec.weak % rows.length;
  for (const [i, s] of rows.entries()) {
    if (!spec.publish && i % 2 === 1) continue; // this year's: half the reports are still to come
    const problems = rng.shuffle(PROBLEMS).slice(0, i === weakIndex ? 2 : rng.int(1, 2));
    await repo.updateSubject(trx, s.id, {
      report_text: reportText(rng, s.name, s.org_name),
      problems: JSON.stringify(problems),
      submitted_at: ctx.now().toISOString(),
    });
  }
  if (!spec.publish) return id;
  const { box, tokens } = await openBox(
    trx,
    {
      orgPath: spec.org.path,
      sourceType: 'evaluation.campaign',
      sourceId: id,
      title: `${spec.title} 民主测评`,
      scheme: SECRETARY_SCHEME,
      subjects: rows.map((s) => ({ key: String(s.id), label: `${s.name}（${s.org_name}）` })),
      anonymous: true,
      expectedVoters: spec.voters,
      tokens: spec.voters,
    },
    ctx.now(),
  );
  await repo.updateCampaign(trx, id, {
    status: 'voting',
    box_id: box.id,
    updated_at: ctx.now().toISOString(),
  });
  const turnout = tokens.slice(0, spec.voters - rng.int(1, Math.max(1, Math.floor(spec.voters / 12))));
  for (const token of turnout) {
    const marks: Record<string, string> = {};
    for (const [i, s] of rows.entries()) {
      const x = rng.next();
      marks[String(s.id)] =
        i === weakIndex
          ? x < 0.05
            ? '好'
            : x < 0.2
              ? '较好'
              : x < 0.75
                ? '一般'
                : '差'
          : x < 0.62
            ? '好'
            : x < 0.93
              ? '较好'
              : '一般';
    }
    await castBallot(trx, token, marks);
  }
  await closeBox(trx, box.id, ctx.now());
  for (const [i, s] of rows.entries()) {
    const grade = i === weakIndex ? '一般' : rng.chance(0.7) ? '好' : '较好';
    await repo.updateSubject(trx, s.id, {
      comment_text: `${s.name}同志述职${grade === '一般' ? '对问题认识不够深刻，抓党建责任落实不到位，要限期整改' : '重点突出，措施有力，希望继续保持'}。`,
      comment_grade: grade,
    });
  }
  return id;
}

export async function seedEvaluation(ctx: AppContext, input: ModuleSeedInput): Promise<void> {
  if (input.scale === 'province') return; // province scale is for benchmarks only
  const rng = new Rng(`evaluation:${input.seed}`);
  const year = Number(input.today.slice(0, 4));
  const last = year - 1;
  const top = await ctx.db
    .selectFrom('orgs')
    .select(['id', 'path', 'name'])
    .where('parent_id', 'is', null)
    .orderBy('id')
    .executeTakeFirst();
  if (!top) return;
  // At city scale the county story is told in the demo county: the one holding the demo
  // accounts' branches (the root's child on the path of the first worker's branch).
  const root = input.scale === 'city' ? ((await demoCounty(ctx, top)) ?? top) : top;
  const meetingOn = `${last}-12-18`;
  const past = at(ctx, `${meetingOn}T02:00:00.000Z`);

  // Last year's county campaign, then the weak township's own (linked) campaign.
  const countyId = await past.db.transaction().execute((trx) =>
    runCampaign(trx, past, rng.fork('county'), {
      org: root,
      year: last,
      title: `${last}年度乡镇（街道）党（工）委书记抓基层党建工作述职评议考核`,
      meetingOn,
      parentId: null,
      weak: 3,
      publish: true,
      voters: 48,
    }),
  );
  if (countyId === null) return;
  const county = (await repo.findCampaign(ctx.db, countyId))!;
  const prepared = await preparePublication(past, county);
  await past.db
    .transaction()
    .execute((trx) => writePublication(trx, past, county, prepared, root.path, SEEDER));
  const weak = (await repo.subjectsOf(ctx.db, [countyId])).find(
    (s) => s.grade === '一般' || s.grade === '差',
  );

  const townships = (await repo.subjectsOf(ctx.db, [countyId])).slice(0, 2);
  for (const [i, town] of townships.entries()) {
    const tPast = at(ctx, `${last}-12-10T02:00:00.000Z`);
    const townId = await tPast.db.transaction().execute((trx) =>
      runCampaign(trx, tPast, rng.fork(`town:${i}`), {
        org: { id: town.org_id, path: town.org_path },
        year: last,
        title: `${last}年度${town.org_name}村（社区）党组织书记述职评议`,
        meetingOn: `${last}-12-10`,
        parentId: countyId,
        weak: i === 0 ? 1 : null,
        publish: true,
        voters: 30,
      }),
    );
    if (townId === null) continue;
    const c = (await repo.findCampaign(ctx.db, townId))!;
    const p = await preparePublication(tPast, c);
    await tPast.db.transaction().execute((trx) => writePublication(trx, tPast, c, p, town.org_path, SEEDER));
  }

  // The 一般 township: one item closed after review in spring, the other still open and overdue.
  if (weak) {
    const items = await ctx.db
      .selectFrom('rect_items')
      .select('id')
      .where('source_type', '=', 'evaluation.subject')
      .where('source_id', '=', weak.id)
      .orderBy('id')
      .execute();
    const spring = at(ctx, `${year}-03-10T02:00:00.000Z`);
    const first = items[0] ? await findRectificationRow(ctx.db, items[0].id) : undefined;
    if (first) {
      await spring.db.transaction().execute(async (trx) => {
        await transitionRectification(
          trx,
          spring,
          first,
          'progress',
          '召开专题会议研究整改措施，建立问题台账',
          null,
          SEEDER,
        );
        const a = (await findRectificationRow(trx, first.id))!;
        await transitionRectification(
          trx,
          spring,
          a,
          'request_closure',
          '整改措施已全部落实',
          '专题会议记录、整改台账',
          SEEDER,
        );
        const b = (await findRectificationRow(trx, first.id))!;
        await transitionRectification(
          trx,
          at(ctx, `${year}-03-20T02:00:00.000Z`),
          b,
          'approve',
          '经核查整改到位，同意销号',
          null,
          SEEDER,
        );
      });
    }
    const second = items[1] ? await findRectificationRow(ctx.db, items[1].id) : undefined;
    if (second)
      await spring.db
        .transaction()
        .execute((trx) =>
          transitionRectification(trx, spring, second, 'progress', '已制定培养计划，正在落实', null, SEEDER),
        );
  }

  // This year's county campaign, open.
  const now = at(ctx, `${input.today}T02:00:00.000Z`);
  await now.db.transaction().execute((trx) =>
    runCampaign(trx, now, rng.fork('this-year'), {
      org: root,
      year,
      title: `${year}年度乡镇（街道）党（工）委书记抓基层党建工作述职评议考核`,
      meetingOn: addDays(input.today, 20),
      parentId: null,
      weak: null,
      publish: false,
      voters: 48,
    }),
  );

  // Last year's 民主评议党员 of the demo branches.
  const branches = await ctx.db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .innerJoin('orgs as o', 'o.id', 'u.scope_org_id')
    .select(['o.id', 'o.path', 'o.name'])
    .where('r.role', '=', 'worker')
    .where('o.path', '>=', root.path)
    .where('o.path', '<', pathUpperBound(root.path))
    .orderBy('o.id')
    .execute();
  const reviewDay = `${last}-12-25`;
  const rAt = at(ctx, `${reviewDay}T02:00:00.000Z`);
  let reviews = 0;
  for (const [bi, b] of branches.entries()) {
    const members = await membersOn(ctx.db, b.id, reviewDay);
    if (members.length === 0) continue;
    const brng = rng.fork(`review:${b.id}`);
    await rAt.db.transaction().execute(async (trx) => {
      const { id } = await repo.insertReview(trx, {
        org_id: b.id,
        org_path: b.path,
        year: last,
        report_to_upper: 1,
        created_at: rAt.now().toISOString(),
      });
      await repo.insertEntries(
        trx,
        members.map((m) => ({ review_id: id, org_path: b.path, person_id: m.personId, name: m.name })),
      );
      const entries = await repo.entriesOf(trx, id);
      const { box, tokens } = await openBox(
        trx,
        {
          orgPath: b.path,
          sourceType: 'evaluation.review',
          sourceId: id,
          title: `${b.name}${last}年度民主评议党员 民主测评`,
          scheme: MEMBER_SCHEME,
          subjects: entries.map((e) => ({ key: String(e.person_id), label: e.name })),
          anonymous: true,
          expectedVoters: entries.length,
          tokens: entries.length,
        },
        rAt.now(),
      );
      const unqualified = bi === 0 ? entries[entries.length - 1]!.person_id : null;
      for (const token of tokens.slice(0, Math.max(1, Math.ceil(entries.length * 0.9)))) {
        const marks: Record<string, string> = {};
        for (const e of entries) {
          const x = brng.next();
          marks[String(e.person_id)] =
            e.person_id === unqualified
              ? x < 0.6
                ? '不合格'
                : '基本合格'
              : x < 0.3
                ? '优秀'
                : x < 0.97
                  ? '合格'
                  : '基本合格';
        }
        await castBallot(trx, token, marks);
      }
      await closeBox(trx, box.id, rAt.now());
      const cap = Math.floor(entries.length / 3);
      const excellent = new Set(
        brng
          .shuffle(entries.filter((e) => e.person_id !== unqualified))
          .slice(0, Math.min(cap, Math.max(1, Math.floor(entries.length / 5))))
          .map((e) => e.id),
      );
      for (const e of entries) {
        const grade = e.person_id === unqualified ? '不合格' : excellent.has(e.id) ? '优秀' : '合格';
        await repo.updateEntry(trx, e.id, {
          self_text: `${last}年本人认真学习党的理论，按时参加组织生活、交纳党费，${grade === '不合格' ? '但因外出务工长期未参加支部活动' : '积极参与志愿服务'}。`,
          self_at: rAt.now().toISOString(),
          grade,
          reason: grade === '不合格' ? '无正当理由连续多次不参加组织生活，经教育仍无明显改进' : '',
        });
        if (grade === '不合格') {
          await repo.insertDisposition(trx, {
            entry_id: e.id,
            org_id: b.id,
            org_path: b.path,
            person_id: e.person_id,
            kind: '限期改正',
            decided_on: `${year}-01-10`,
            correct_until: `${year}-07-10`,
            no_readmission_until: null,
            branch_vote: null,
            status: 'in_effect',
            note: '支部委员会研究决定限期改正6个月',
            created_at: rAt.now().toISOString(),
          });
        }
      }
      await repo.updateReview(trx, id, {
        stage: 'published',
        study_note: '集中学习党章和党内法规，开展专题研讨',
        box_id: box.id,
        decided_by: '党员大会',
        published_at: rAt.now().toISOString(),
        updated_at: rAt.now().toISOString(),
      });
    });
    reviews += 1;
  }

  const targets = await seedTargets(ctx, rng.fork('targets'), branches, input.today);

  await ctx.db.transaction().execute((trx) =>
    appendAudit(trx, ctx.ring, {
      at: ctx.now().toISOString(),
      action: 'evaluation.seed',
      result: 'ok',
      objectType: 'eval_campaign',
      detail: { countyCampaign: countyId, reviews, ...targets },
    }),
  );
}
