// Demo data of the commitments module (issue 8), written after the base county:
// - last year's 年度承诺 of most branches: published, reviewed mid-year, graded (评诺) and closed;
// - this year's 年度承诺 of most branches: opinions collected and handled, published, 践诺 progress,
//   leader reviews by a member of the 党委 above — about a quarter without a review for over
//   6 months (overdue, the bad case the overdue list must find);
// - some 长远承诺 and 即时承诺; a few drafts and a few left in the opinion period long after it
//   ended (never published: the second bad case);
// - member commitments in the demo branches (the worker accounts' branches), reviewed by the
//   branch secretary, some overdue.
import type { Insertable } from 'kysely';
import { addDays } from '../../../core/shared/dates.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import type { CmCommitmentTable } from '../../db/tables/commitments.tables.ts';
import { Rng } from '../../seed/prng.ts';
import type { ModuleSeedInput } from '../../seed/module-seed.ts';
import { seedCommendationRound } from './commendations.seed.ts';
import * as repo from './commitments.repository.ts';
import { insertLiaisonsBatch } from './liaisons.repository.ts';

const ORG_PLEDGES = [
  ['硬化村组道路', '年内完成村组道路硬化，工程账目按月公开。'],
  ['发展壮大村集体经济', '盘活闲置资产，村集体经营性收入比上年增长。'],
  ['规范“三会一课”', '按期召开支部党员大会、支委会、党小组会，按时上好党课。'],
  ['为群众办实事', '建立党员联系户制度，每季度走访困难群众。'],
  ['整治人居环境', '开展垃圾分类和沟渠清理，建立长效保洁机制。'],
  ['提升便民服务', '党群服务中心坚持全天开放，代办事项限时办结。'],
] as const;
const LONG_PLEDGES = [['三年乡村振兴规划', '三年内建成特色产业基地，带动群众增收。']] as const;
const URGENT_PLEDGES = [
  ['防汛抢险', '汛期党员分片包干，二十四小时值守。'],
  ['群众反映的饮水问题', '一个月内完成管网维修，恢复正常供水。'],
] as const;
const MEMBER_PLEDGES = [
  ['带头参加志愿服务', '每月参加一次志愿服务活动。'],
  ['联系帮扶困难户', '结对联系两户困难群众，帮助解决实际困难。'],
  ['带头学习', '按时参加学习，全年撰写学习体会两篇。'],
  ['带头移风易俗', '红白喜事从简，宣传文明新风。'],
] as const;
const OPINIONS = [
  '建议把路灯一并安装',
  '希望公开资金使用情况',
  '建议多听老党员意见',
  '希望优先解决老年人出行',
];
const PROGRESS = [
  '已完成前期调研和方案制定',
  '工程已过半，账目已公开',
  '组织党员志愿服务一次',
  '走访群众并登记诉求',
];
const REVIEW_TEXTS = [
  '推进有力，群众认可度较高',
  '进度偏慢，需加强督促',
  '措施具体，注意资料留存',
  '要进一步公开透明',
];
const GRADES: Array<readonly [string, number]> = [
  ['好', 5],
  ['较好', 4],
  ['一般', 2],
  ['差', 1],
];

type Row = Insertable<CmCommitmentTable>;

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

/** Demo data of the commitments module (issue 8): runs after the base county is written. */
export async function seedCommitments(ctx: AppContext, input: ModuleSeedInput): Promise<void> {
  const { today } = input;
  const y = Number(today.slice(0, 4));
  const rng = new Rng(`commitments:${input.seed}`);
  const root = await repo.rootOrg(ctx.db);
  if (!root) return;
  const allBranches = await repo.branchesUnder(ctx.db, root.path);
  // At city/province scale keep the module light: the demo branches and a sample of others.
  const demo = new Set(await repo.demoBranchIds(ctx.db));
  const branches =
    input.scale === 'county' ? allBranches : allBranches.filter((b, i) => demo.has(b.id) || i % 20 === 0);
  const leaders = await repo.leadersOn(ctx.db, today);
  const leadersOf = new Map<number, Array<{ personId: number; name: string }>>();
  const secretaryOf = new Map<number, { personId: number; name: string }>();
  for (const l of leaders) {
    if (['党委', '党工委', '党总支'].includes(l.kind)) {
      const list = leadersOf.get(l.orgId) ?? [];
      list.push({ personId: l.personId, name: l.name });
      leadersOf.set(l.orgId, list);
    }
    if (l.post === '书记' && !secretaryOf.has(l.orgId))
      secretaryOf.set(l.orgId, { personId: l.personId, name: l.name });
  }
  /** A leader of the nearest committee above; the branch becomes that leader's 联系点. */
  const liaisons: Array<{
    committeeId: number;
    committeePath: string;
    personId: number;
    name: string;
    org: { id: number; path: string };
  }> = [];
  const upperLeader = (b: { id: number; path: string }, r: Rng) => {
    const all = b.path.split('/').filter(Boolean).map(Number);
    for (let i = all.length - 2; i >= 0; i--) {
      const list = leadersOf.get(all[i]!);
      if (list && list.length > 0) {
        const leader = r.pick(list);
        const committeePath = `/${all.slice(0, i + 1).join('/')}/`;
        liaisons.push({ committeeId: all[i]!, committeePath, ...leader, org: b });
        return leader;
      }
    }
    return null;
  };
  const members = await repo.membersOfOrgs(ctx.db, [...demo], today);
  const nowIso = `${today}T02:00:00.000Z`;
  const clamp = (d: string) => minDate(d, today);

  type Plan = {
    row: Row;
    reviews: Array<{ personId: number; name: string; on: string; grade: string }>;
    opinions: number;
    progress: number;
  };
  const plans: Plan[] = [];
  const base = (
    b: { id: number; path: string; name: string },
    kind: 'org' | 'member',
    person: { personId: number; name: string } | null,
  ): Omit<Row, 'type' | 'year' | 'title' | 'content' | 'status'> => ({
    org_id: b.id,
    org_path: b.path,
    committer_kind: kind,
    person_id: person?.personId ?? null,
    committer_name: person?.name ?? b.name,
    org_name: b.name,
    due_on: null,
    is_public: 1,
    opinion_ends_on: null,
    published_on: null,
    self_assessment: null,
    leader_grade: null,
    satisfaction: null,
    graded_on: null,
    last_review_on: null,
    created_by: null,
    created_at: nowIso,
    updated_at: nowIso,
  });

  /** A published commitment of this year, reviewed recently or (bad case) not for over 6 months. */
  const current = (
    r: Rng,
    row: Omit<Row, 'status'>,
    reviewer: { personId: number; name: string } | null,
    overdue: boolean,
    opinions: number,
  ): Plan => {
    const published = clamp(overdue ? addDays(today, -r.int(200, 260)) : addDays(today, -r.int(60, 250)));
    const reviews: Plan['reviews'] = [];
    if (reviewer && !overdue) {
      const on = clamp(addDays(today, -r.int(5, 150)));
      if (on >= published) reviews.push({ ...reviewer, on, grade: r.weighted(GRADES) });
    }
    return {
      row: {
        ...row,
        status: 'in_progress',
        opinion_ends_on: addDays(published, -3),
        published_on: published,
        last_review_on: reviews[0]?.on ?? null,
      },
      reviews,
      opinions,
      progress: r.int(1, 3),
    };
  };

  for (const b of branches) {
    const r = rng.fork(`branch:${b.id}`);
    if (!r.chance(0.85) && !demo.has(b.id)) continue;
    const reviewer = upperLeader(b, r);
    const [title, content] = r.pick(ORG_PLEDGES);
    // last year: closed after 评诺
    const lastPub = `${y - 1}-02-${String(r.int(10, 28)).padStart(2, '0')}`;
    const lastReview = `${y - 1}-07-${String(r.int(1, 28)).padStart(2, '0')}`;
    const lastGrade = r.weighted(GRADES);
    plans.push({
      row: {
        ...base(b, 'org', null),
        type: '年度承诺',
        year: y - 1,
        title: `${y - 1}年${title}`,
        content,
        due_on: `${y - 1}-12-31`,
        status: 'closed',
        opinion_ends_on: addDays(lastPub, -5),
        published_on: lastPub,
        self_assessment: '承诺事项已按期完成，群众满意。',
        leader_grade: lastGrade,
        satisfaction: r.int(80, 99),
        graded_on: `${y - 1}-12-${String(r.int(20, 30))}`,
        last_review_on: lastReview,
      },
      reviews: reviewer ? [{ ...reviewer, on: lastReview, grade: lastGrade }] : [],
      opinions: r.int(0, 2),
      progress: 2,
    });
    // this year
    const roll = r.next();
    const [t2, c2] = r.pick(ORG_PLEDGES);
    const row = {
      ...base(b, 'org', null),
      type: '年度承诺',
      year: y,
      title: `${y}年${t2}`,
      content: c2,
      due_on: `${y}-12-31`,
    };
    if (roll < 0.05) plans.push({ row: { ...row, status: 'draft' }, reviews: [], opinions: 0, progress: 0 });
    else if (roll < 0.1) {
      // bad case: the opinion period ended long ago and the commitment was never published
      plans.push({
        row: { ...row, status: 'opinion', opinion_ends_on: clamp(addDays(today, -r.int(40, 90))) },
        reviews: [],
        opinions: r.int(1, 3),
        progress: 0,
      });
    } else plans.push(current(r, row, reviewer, r.chance(0.25), r.int(0, 3)));
    if (r.chance(0.1)) {
      const [lt, lc] = r.pick(LONG_PLEDGES);
      plans.push(
        current(
          r,
          {
            ...base(b, 'org', null),
            type: '长远承诺',
            year: y,
            title: lt,
            content: lc,
            due_on: `${y + 2}-12-31`,
          },
          reviewer,
          r.chance(0.2),
          1,
        ),
      );
    }
    if (r.chance(0.08)) {
      const [ut, uc] = r.pick(URGENT_PLEDGES);
      plans.push(
        current(
          r,
          {
            ...base(b, 'org', null),
            type: '即时承诺',
            year: y,
            title: ut,
            content: uc,
            due_on: clamp(addDays(today, 30)),
          },
          reviewer,
          false,
          0,
        ),
      );
    }
  }

  // The first demo branch always has the two bad cases, so the walkthrough can find them:
  // an annual commitment whose opinion period ended without publication, and an ad-hoc one
  // published over six months ago that no leader has reviewed (overdue).
  const firstDemo = allBranches.find((b) => demo.has(b.id));
  if (firstDemo) {
    plans.push({
      row: {
        ...base(firstDemo, 'org', null),
        type: '年度承诺',
        year: y,
        title: '开展党员结对帮扶困难户',
        content: '每名党员结对一户困难群众，每季度至少走访一次。',
        due_on: `${y}-12-31`,
        status: 'opinion',
        opinion_ends_on: addDays(today, -3),
      },
      reviews: [],
      opinions: 1,
      progress: 0,
    });
    const published = addDays(today, -200);
    plans.push({
      row: {
        ...base(firstDemo, 'org', null),
        type: '即时承诺',
        year: Number(published.slice(0, 4)),
        title: '解决群众反映的路灯问题',
        content: '一个月内修复村内损坏路灯并建立巡查制度。',
        due_on: addDays(published, 30),
        status: 'in_progress',
        opinion_ends_on: addDays(published, -3),
        published_on: published,
      },
      reviews: [],
      opinions: 1,
      progress: 1,
    });
  }

  // Member commitments in the demo branches, reviewed by the branch secretary.
  const branchById = new Map(allBranches.map((b) => [b.id, b]));
  for (const m of members) {
    const b = branchById.get(m.orgId);
    if (!b) continue;
    const r = rng.fork(`member:${m.personId}`);
    if (!r.chance(0.4)) continue;
    const sec = secretaryOf.get(b.id) ?? null;
    const [mt, mc] = r.pick(MEMBER_PLEDGES);
    plans.push(
      current(
        r,
        { ...base(b, 'member', m), type: '年度承诺', year: y, title: mt, content: mc, due_on: `${y}-12-31` },
        sec && sec.personId !== m.personId ? sec : null,
        r.chance(0.2),
        0,
      ),
    );
  }

  const wrng = rng.fork('write');
  const commitmentOf = new Map<number, { id: number; title: string }>();
  await ctx.db.transaction().execute(async (trx) => {
    const ids = await repo.insertCommitmentsBatch(
      trx,
      plans.map((p) => p.row),
    );
    const opinions: Insertable<DB['cm_opinions']>[] = [];
    const progress: Insertable<DB['cm_progress']>[] = [];
    const reviews: Insertable<DB['cm_reviews']>[] = [];
    plans.forEach((p, i) => {
      const id = ids[i]!;
      const path = p.row.org_path;
      if (
        p.row.committer_kind === 'org' &&
        p.row.year === y &&
        ['published', 'in_progress'].includes(p.row.status)
      )
        commitmentOf.set(p.row.org_id, { id, title: p.row.title });
      const ends = p.row.opinion_ends_on ?? today;
      for (let k = 0; k < p.opinions; k++) {
        const handled = p.row.status !== 'opinion' || k === 0;
        opinions.push({
          commitment_id: id,
          org_path: path,
          content: wrng.pick(OPINIONS),
          contact: null,
          submitted_at: `${addDays(ends, -1 - k)}T03:00:00.000Z`,
          handling: handled ? '已采纳并纳入承诺内容' : null,
          handled_by: null,
          handled_at: handled ? `${ends}T08:00:00.000Z` : null,
        });
      }
      for (let k = 0; k < p.progress; k++) {
        const on = clamp(addDays(p.row.published_on ?? today, 20 + k * 40));
        progress.push({
          commitment_id: id,
          org_path: path,
          note: wrng.pick(PROGRESS),
          evidence: JSON.stringify(['现场照片.jpg']),
          on_date: on,
          actor_user_id: null,
          actor_name: '演示数据',
          created_at: `${on}T08:00:00.000Z`,
        });
      }
      for (const rv of p.reviews) {
        reviews.push({
          commitment_id: id,
          org_path: path,
          reviewer_person_id: rv.personId,
          reviewer_name: rv.name,
          text: wrng.pick(REVIEW_TEXTS),
          grade: rv.grade,
          reviewed_on: rv.on,
          rectification_ids: '[]',
          created_by: null,
          created_at: `${rv.on}T08:00:00.000Z`,
        });
      }
    });
    await repo.insertOpinionsBatch(trx, opinions);
    await repo.insertProgressBatch(trx, progress);
    await repo.insertReviewsBatch(trx, reviews);
    await insertLiaisonsBatch(
      trx,
      liaisons.map((l) => ({
        committee_org_id: l.committeeId,
        committee_path: l.committeePath,
        person_id: l.personId,
        person_name: l.name,
        org_id: l.org.id,
        org_path: l.org.path,
        valid_from: `${y - 1}-01-01`,
        valid_to: null,
        created_by: null,
        created_at: nowIso,
      })),
    );
    await appendAudit(trx, ctx.ring, {
      at: nowIso,
      action: 'commitment.seed',
      result: 'ok',
      objectType: 'commitment',
      scopePath: root.path,
      detail: {
        commitments: ids.length,
        opinions: opinions.length,
        progress: progress.length,
        reviews: reviews.length,
        liaisons: liaisons.length,
      },
    });
  });
  const membersOf = new Map<number, Array<{ personId: number; name: string }>>();
  for (const m of members) membersOf.set(m.orgId, [...(membersOf.get(m.orgId) ?? []), m]);
  await seedCommendationRound(ctx, {
    today,
    demoBranchId: [...demo].sort((a, b) => a - b)[0],
    commitmentOf,
    secretaryOf,
    membersOf,
  });
  input.onProgress?.(1, 1, '公开承诺');
}
