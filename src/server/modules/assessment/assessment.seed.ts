// Demo data of 考核 (issue 18), run last: a few manual scores with evidence, then the year's
// stored scores of the demo county's children and of each of those children's own children.
import type { AssessIndicatorDef } from '../../../core/assessment/assessment.types.ts';
import { chinaDate } from '../../../core/shared/dates.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import { systemContext, type AppContext } from '../../context.ts';
import type { ModuleSeedInput } from '../../seed/module-seed.ts';
import { findOrgById } from '../orgs/orgs.repository.ts';
import { measureSubtree } from './assessment.measure.ts';
import * as repo from './assessment.repository.ts';
import { libraryOf } from './assessment.scoring.ts';
import { storeRanking } from './assessment.service.ts';

/** 特色工作 evidence, written for the demo: what an assessing committee would note. */
const FEATURE_NOTES = [
  '打造“党建+网格”基层治理模式，全镇网格党小组全覆盖，经验在全县推广',
  '建成红色教育基地1处，全年开展主题党日现场教学12场',
  '推行“支部+合作社”模式，带动3个村集体经济收入突破20万元',
  '组建党员志愿服务队6支，全年开展助老助困服务80余次',
  '开展“书记领办项目”，完成村级道路硬化和人居环境整治项目5个',
  '创新“流动党员微课堂”，外出党员线上参学率达九成以上',
];

/** 群众满意度 evidence: the survey behind the points. */
const SATISFACTION_NOTES = [
  '年度群众满意度测评发放问卷300份，满意率92%',
  '入户走访群众150户，满意率88%，反映问题已全部答复',
  '满意度测评满意率85%，对村务公开及时性意见较多',
  '第三方电话回访200人，满意率95%',
];

const seedRc = () => systemContext('job', 'seed.assessment', null, 'seed-assessment');

/** The demo county: the parent of the first township account's organisation. */
async function demoCounty(ctx: AppContext) {
  const user = await ctx.db
    .selectFrom('users')
    .select('scope_org_id')
    .where('username', '=', 'admin_t01')
    .executeTakeFirst();
  const town = user ? await findOrgById(ctx.db, Number(user.scope_org_id)) : undefined;
  return town?.parent_id ? findOrgById(ctx.db, town.parent_id) : undefined;
}

async function enterManual(
  ctx: AppContext,
  assessor: { id: number },
  org: { id: number; path: string; code: string },
  year: number,
  def: AssessIndicatorDef,
  share: number,
  evidence: string,
) {
  const score = Math.round(def.weight * share * 10) / 10;
  await ctx.db.transaction().execute(async (trx) => {
    const r = await repo.upsertManual(trx, {
      assessor_org_id: assessor.id,
      org_id: org.id,
      org_path: org.path,
      year,
      key: def.key,
      score,
      evidence,
      entered_by: null,
      entered_at: ctx.now().toISOString(),
    });
    await appendAudit(trx, ctx.ring, {
      at: ctx.now().toISOString(),
      action: 'assessment.manual.score',
      result: 'ok',
      actorUsername: 'seed',
      objectType: 'org',
      objectId: org.id,
      scopePath: org.path,
      detail: { after: { year, key: def.key, score, evidence }, entryId: r.id },
    });
  });
}

export async function seedAssessment(ctx: AppContext, input: ModuleSeedInput): Promise<void> {
  // Scores are as of the demo's "today".
  const at: AppContext =
    chinaDate(ctx.now()) === input.today
      ? ctx
      : { ...ctx, now: () => new Date(`${input.today}T04:00:00.000Z`) };
  const county = await demoCounty(at);
  if (!county) return;
  const year = Number(input.today.slice(0, 4));
  const towns = await repo.childrenOf(at.db, county.id);
  const lib = libraryOf(at, 'township', year);
  const feature = lib.find((d) => d.key === 'featureWork')!;
  const satisfaction = lib.find((d) => d.key === 'satisfaction')!;
  // A few townships scored by the county: the rest wait for the county's review.
  for (const [i, town] of towns.slice(0, 8).entries()) {
    if (i < FEATURE_NOTES.length)
      await enterManual(at, county, town, year, feature, [1, 0.8, 0.9, 0.6, 1, 0.7][i]!, FEATURE_NOTES[i]!);
    await enterManual(
      at,
      county,
      town,
      year,
      satisfaction,
      [0.9, 0.8, 0.7, 1, 0.8, 0.9, 0.6, 1][i]!,
      SATISFACTION_NOTES[i % SATISFACTION_NOTES.length]!,
    );
  }
  // One measurement of the county's subtree serves both levels.
  const keys = new Set(lib.filter((d) => d.kind === 'computed').map((d) => d.key));
  const measured = await measureSubtree(at, county, year, input.today, keys);
  const rc = seedRc();
  await storeRanking(at, rc, county, year, measured);
  for (const town of towns) {
    const row = await findOrgById(at.db, town.id);
    if (row && (await repo.childrenOf(at.db, town.id)).length > 0)
      await storeRanking(at, rc, row, year, measured);
  }
}
