// Demo data: one 两优一先 round (issue 8, "one commendation round"), opened by the township
// 党委 above the first demo branch. Its nomination window has closed and its 公示 has just
// ended, so the township admin can approve in the demo; one nomination is already approved.
import { publicityEndsOn } from '../../../core/commitments/commendations.rules.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { addDays } from '../../../core/shared/dates.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import type { AppContext } from '../../context.ts';
import { loadCalendar } from '../development/development.service.ts';
import { findOrgById } from '../orgs/orgs.repository.ts';
import * as repo from './commendations.repository.ts';
import { branchesUnder } from './commitments.repository.ts';

const REASONS = {
  优秀共产党员: '带头兑现公开承诺，结对帮扶困难群众，群众评议满意。',
  优秀党务工作者: '坚持“三会一课”，党务资料规范齐全，组织生活质量高。',
  先进基层党组织: '年度承诺全部兑现，领导点评等次为好，党员群众满意度高。',
} as const;

export interface CommendationSeedFacts {
  today: string;
  /** The first demo branch (a worker account's branch). */
  demoBranchId: number | undefined;
  /** Branch id → a published commitment of this year (evidence). */
  commitmentOf: ReadonlyMap<number, { id: number; title: string }>;
  secretaryOf: ReadonlyMap<number, { personId: number; name: string }>;
  membersOf: ReadonlyMap<number, Array<{ personId: number; name: string }>>;
}

export async function seedCommendationRound(ctx: AppContext, f: CommendationSeedFacts): Promise<void> {
  if (f.demoBranchId === undefined) return;
  const branch = await findOrgById(ctx.db, f.demoBranchId);
  if (!branch) return;
  const ancestorIds = branch.path.split('/').filter(Boolean).map(Number).slice(0, -1).reverse();
  let town: Awaited<ReturnType<typeof findOrgById>>;
  for (const id of ancestorIds) {
    const o = await findOrgById(ctx.db, id);
    if (o && (o.kind === '党委' || o.kind === '党工委')) {
      town = o;
      break;
    }
  }
  if (!town) return;
  const y = Number(f.today.slice(0, 4));
  const calendar = await loadCalendar(ctx.db);
  const days = ruleValue<number>(
    ctx.config.rulebook,
    'commitments.commendation.publicityWorkingDays',
    f.today,
  );
  // 公示 started 9 days ago: five working days have passed by yesterday whatever the weekday.
  const publicityFrom = addDays(f.today, -9);
  const endsOn = publicityEndsOn(publicityFrom, days, calendar);
  const nowIso = `${f.today}T02:00:00.000Z`;
  const branches = (await branchesUnder(ctx.db, town.path)).slice(0, 4);
  await ctx.db.transaction().execute(async (trx) => {
    const round = await repo.insertRound(trx, {
      org_id: town.id,
      org_path: town.path,
      org_name: town.name,
      year: y,
      title: `${town.name}${y}年度“两优一先”评选`,
      nominate_from: addDays(f.today, -30),
      nominate_to: addDays(f.today, -10),
      status: 'publicity',
      publicity_from: publicityFrom,
      publicity_ends_on: endsOn,
      publicity_working_days: days,
      archived_on: null,
      created_by: null,
      created_at: `${addDays(f.today, -31)}T02:00:00.000Z`,
      updated_at: nowIso,
    });
    let n = 0;
    for (const b of branches) {
      const pledge = f.commitmentOf.get(b.id);
      const evidence = pledge
        ? [{ kind: 'commitment', id: pledge.id, label: `年度承诺：${pledge.title}` }]
        : [];
      const member = f.membersOf.get(b.id)?.[0];
      const secretary = f.secretaryOf.get(b.id);
      const picks: Array<{
        category: keyof typeof REASONS;
        personId: number | null;
        orgId: number | null;
        name: string;
      }> = [{ category: '先进基层党组织', personId: null, orgId: b.id, name: b.name }];
      if (member)
        picks.push({ category: '优秀共产党员', personId: member.personId, orgId: null, name: member.name });
      if (secretary && secretary.personId !== member?.personId)
        picks.push({
          category: '优秀党务工作者',
          personId: secretary.personId,
          orgId: null,
          name: secretary.name,
        });
      for (const p of picks) {
        const approved = n++ === 0;
        await repo.insertNomination(trx, {
          round_id: round.id,
          org_id: b.id,
          org_path: b.path,
          org_name: b.name,
          category: p.category,
          nominee_person_id: p.personId,
          nominee_org_id: p.orgId,
          nominee_name: p.name,
          nominee_org_name: b.name,
          reason: REASONS[p.category],
          evidence: JSON.stringify(evidence),
          status: approved ? 'approved' : 'nominated',
          decision_reason: approved ? '公示期满无异议' : null,
          decided_on: approved ? f.today : null,
          decided_by: null,
          created_by: null,
          created_at: `${addDays(f.today, -15)}T02:00:00.000Z`,
          updated_at: nowIso,
        });
      }
    }
    await appendAudit(trx, ctx.ring, {
      at: nowIso,
      action: 'commendation.seed',
      result: 'ok',
      objectType: 'commendation_round',
      objectId: round.id,
      scopePath: town.path,
      detail: { nominations: n },
    });
  });
}
