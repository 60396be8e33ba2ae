// Demo data for 党员目标管理 and the 处置 proposals (issue 7), for the demo branches:
// - this year's 目标责任书 for every member: most acknowledged, the demo member's own left to
//   acknowledge on the phone; 上半年 assessed (自评 + 互评 + 组织评价) once the window is open;
// - one 失联登记 eight months old in the first demo branch (→ a 停止党籍 proposal for a human).
import { decideAssessmentOpen, targetGrade, targetScore } from '../../../core/evaluation/targets.rules.ts';
import type {
  TargetThresholds,
  TargetWeights,
  TargetWindows,
} from '../../../core/evaluation/targets.rules.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { addMonths } from '../../../core/shared/dates.ts';
import type { AppContext } from '../../context.ts';
import { Rng } from '../../seed/prng.ts';
import { membersOn } from '../membership/membership.repository.ts';
import * as repo from './targets.repository.ts';

const ITEMS = [
  { title: '坚持学习，每月参加主题党日和“三会一课”', detail: '全年参加不少于10次' },
  { title: '按时足额交纳党费', detail: '' },
  { title: '联系服务群众，为群众办实事', detail: '全年不少于3件' },
  { title: '带头参与村级重点工作', detail: '人居环境整治、志愿服务等' },
];

export async function seedTargets(
  ctx: AppContext,
  rng: Rng,
  branches: ReadonlyArray<{ id: number; path: string; name: string }>,
  today: string,
): Promise<{ targetLetters: number; lostContacts: number }> {
  const year = Number(today.slice(0, 4));
  const book = ctx.config.rulebook;
  const weights = ruleValue<TargetWeights>(book, 'evaluation.targets.weights', today);
  const thresholds = ruleValue<TargetThresholds>(book, 'evaluation.targets.gradeThresholds', today);
  const windows = ruleValue<TargetWindows>(book, 'evaluation.targets.assessmentWindows', today);
  const h1Open = decideAssessmentOpen(year, 'H1', today, windows).ok;
  const demoMembers = new Set(
    (
      await ctx.db
        .selectFrom('users as u')
        .innerJoin('user_roles as r', 'r.user_id', 'u.id')
        .select('u.person_id')
        .where('r.role', '=', 'member')
        .execute()
    ).map((u) => u.person_id),
  );
  const issuedAt = `${year}-01-15T02:00:00.000Z`;
  let letters = 0;
  let lost = 0;
  for (const [bi, b] of branches.entries()) {
    const members = await membersOn(ctx.db, b.id, `${year}-01-15`);
    if (members.length === 0) continue;
    const brng = rng.fork(`branch:${b.id}`);
    await ctx.db.transaction().execute(async (trx) => {
      const ids = await repo.insertLetters(
        trx,
        members.map((m) => ({
          org_id: b.id,
          org_path: b.path,
          person_id: m.personId,
          name: m.name,
          year,
          items: JSON.stringify(brng.chance(0.5) ? ITEMS : ITEMS.slice(0, 3)),
          status: demoMembers.has(m.personId) ? 'issued' : 'acknowledged',
          acknowledged_at: demoMembers.has(m.personId) ? null : `${year}-01-20T02:00:00.000Z`,
          created_by: null,
          created_at: issuedAt,
          updated_at: issuedAt,
        })),
      );
      letters += ids.length;
      if (!h1Open) return;
      for (const [i, m] of members.entries()) {
        if (demoMembers.has(m.personId)) continue;
        const self = brng.chance(0.85) ? brng.int(80, 100) : null;
        const peer = brng.int(70, 98);
        const org = brng.int(65, 98);
        const score = targetScore({ self, peer, org }, weights);
        await repo.upsertAssessment(trx, undefined, {
          letter_id: ids[i]!,
          org_path: b.path,
          half: 'H1',
          self_score: self,
          self_note: self === null ? null : '按计划完成上半年目标，参加主题党日和志愿服务',
          self_at: self === null ? null : `${year}-06-10T02:00:00.000Z`,
          peer_score: peer,
          org_score: org,
          org_note: '支委会评定',
          score_x10: Math.round(score * 10),
          grade: targetGrade(score, thresholds),
          assessed_at: `${year}-06-28T02:00:00.000Z`,
          assessed_by: null,
        });
      }
    });
    if (bi === 0 && members.length > 2) {
      const m = members[members.length - 2]!;
      await ctx.db.transaction().execute((trx) =>
        repo.insertLostContact(trx, {
          org_id: b.id,
          org_path: b.path,
          person_id: m.personId,
          since: addMonths(today, -8),
          searches: '多次电话联系未接通，走访家属称外出务工、去向不明，已请流入地党组织协助查找',
          status: 'lost',
          found_on: null,
          created_by: null,
          created_at: `${addMonths(today, -7)}T02:00:00.000Z`,
        }),
      );
      lost += 1;
    }
  }
  return { targetLetters: letters, lostContacts: lost };
}
