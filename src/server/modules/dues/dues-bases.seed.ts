// 党费 demo data, part A: 缴费基数 for every member and a year of ledger (issue 19).
// Every ledger month is left 'due': part B's seed pays them (and leaves the arrears pattern of
// payments/seed-plan.ts — one member at 6 unpaid months, one at 5, three at 3–4).
// Categories follow the member's 人员身份 (roster profile) and the branch's sector; about one
// in ten had a pay change during the year; a few members' own declarations await the branch.
import type { Insertable } from 'kysely';
import { addMonths, monthRange } from '../../../core/dues/ledger.rules.ts';
import { MEMBER_CATEGORIES } from '../../../core/roster/roster.constants.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import { systemContext, type AppContext } from '../../context.ts';
import type { DuesBaseTable } from '../../db/tables/dues.tables.ts';
import type { ModuleSeedInput } from '../../seed/module-seed.ts';
import { Rng } from '../../seed/prng.ts';
import { generateLedgerFor } from './dues-ledger.service.ts';

/** Months of ledger the demo holds: the current month and the eleven before it. */
export const SEED_LEDGER_MONTHS = 12;

type Category = 'in_service' | 'retired' | 'farmer' | 'student' | 'unemployed' | 'relief' | 'no_income';

/** A monthly base in fen around a typical figure for the category (yuan, with some cents). */
function baseFor(rng: Rng, category: Category): number | null {
  const yuan = (min: number, max: number) =>
    Math.round(rng.tri(min, max)) * 100 + (rng.chance(0.3) ? rng.int(1, 99) : 0);
  switch (category) {
    case 'in_service':
      // County civil servants, teachers, doctors, enterprise staff: 2,600–16,000 yuan after tax.
      return rng.chance(0.06) ? 300000 : yuan(2600, 16000);
    case 'retired':
      return yuan(2200, 7800);
    case 'no_income':
      return yuan(1200, 6000);
    default:
      return null;
  }
}

function categoryFor(rng: Rng, identity: string | null, sector: string | null): Category {
  switch (identity) {
    case '在岗职工':
    case '现役军人':
      return 'in_service';
    case '农牧渔民':
      // A few rural members live on 低保 (0.2元 a month too, but counted apart).
      return rng.chance(0.03) ? 'relief' : 'farmer';
    case '离退休人员':
      return 'retired';
    case '学生':
      return 'student';
    case '个体工商户':
    case '自由职业人员':
      return rng.chance(0.05) ? 'unemployed' : 'no_income';
    case '其他':
      return rng.weighted<Category>([
        ['unemployed', 3],
        ['relief', 2],
        ['no_income', 2],
      ]);
    default:
      if (sector === '农村')
        return rng.weighted<Category>([
          ['farmer', 7],
          ['retired', 2],
          ['relief', 1],
        ]);
      if (sector === '社区')
        return rng.weighted<Category>([
          ['retired', 5],
          ['in_service', 2],
          ['unemployed', 1],
          ['relief', 1],
          ['no_income', 1],
        ]);
      if (sector === '学校') return rng.chance(0.4) ? 'student' : 'in_service';
      return rng.chance(0.9) ? 'in_service' : 'retired';
  }
}

export async function seedDuesBases(ctx: AppContext, input: ModuleSeedInput): Promise<void> {
  const rng = new Rng(`dues-bases/${input.seed}`);
  const current = input.today.slice(0, 7);
  const first = addMonths(current, -(SEED_LEDGER_MONTHS - 1));
  const members = await ctx.db
    .selectFrom('memberships as m')
    .innerJoin('orgs as o', 'o.id', 'm.org_id')
    .leftJoin('roster_profiles as rp', 'rp.person_id', 'm.person_id')
    .select(['m.person_id', 'm.org_id', 'm.org_path', 'm.valid_from', 'o.sector', 'rp.identity'])
    .where('m.category', 'in', [...MEMBER_CATEGORIES])
    .where((eb) => eb.or([eb('m.valid_to', 'is', null), eb('m.valid_to', '>', `${first}-01`)]))
    .orderBy('m.person_id')
    .orderBy('m.valid_from')
    .execute();
  // One declaration set per person, at the organisation they were in first during the year.
  const seen = new Set<number>();
  const people = members.filter((m) => !seen.has(m.person_id) && seen.add(m.person_id));
  if (people.length === 0) return;
  const now = ctx.now().toISOString();
  const rows: Insertable<DuesBaseTable>[] = [];
  const counts: Record<string, number> = {};
  for (const m of people) {
    const r = rng.fork(m.person_id);
    const category = categoryFor(r, m.identity, m.sector);
    counts[category] = (counts[category] ?? 0) + 1;
    const base = baseFor(r, category);
    const from =
      m.valid_from.slice(0, 7) > first ? m.valid_from.slice(0, 7) : `${Number(first.slice(0, 4)) - 1}-01`;
    const common = {
      person_id: m.person_id,
      org_id: m.org_id,
      org_path: m.org_path,
      category,
      note: null,
      created_by: null,
      created_at: now,
      confirmed_by: null,
    };
    rows.push({
      ...common,
      base_fen: base,
      effective_month: from,
      source: 'import',
      status: 'confirmed',
      confirmed_at: now,
    });
    if (base !== null && r.chance(0.1)) {
      // 调资: a raise (or a cut after a job change) from a month within the year.
      const changeMonth = addMonths(first, r.int(2, SEED_LEDGER_MONTHS - 2));
      const changed = Math.max(100000, Math.round((base * r.tri(0.85, 1.25)) / 100) * 100);
      rows.push({
        ...common,
        base_fen: changed,
        effective_month: changeMonth,
        source: 'branch',
        status: 'confirmed',
        note: changed > base ? '工资调整' : '岗位变动',
        confirmed_at: now,
      });
    } else if (base !== null && r.chance(0.02)) {
      // The member's own declaration for next month, waiting for the branch.
      rows.push({
        ...common,
        base_fen: Math.round((base * 1.08) / 100) * 100,
        effective_month: addMonths(current, 1),
        source: 'member',
        status: 'pending',
        note: '本人申报：月收入调整',
        confirmed_at: null,
      });
    }
  }
  input.onProgress?.(0, SEED_LEDGER_MONTHS + 1, '党费缴纳基数');
  await ctx.db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 300)
      await trx
        .insertInto('dues_bases')
        .values(rows.slice(i, i + 300))
        .execute();
    await appendAudit(trx, ctx.ring, {
      at: now,
      action: 'dues.bases.seed',
      result: 'ok',
      actorUsername: 'seed',
      objectType: 'dues_base',
      detail: { members: people.length, declarations: rows.length, categories: counts },
    });
  });
  const roots = await ctx.db
    .selectFrom('orgs')
    .select(['id', 'path'])
    .where('parent_id', 'is', null)
    .execute();
  const rc = systemContext('job', 'seed:dues', null, 'seed-dues');
  let n = 1;
  for (const month of monthRange(first, current)) {
    input.onProgress?.(n++, SEED_LEDGER_MONTHS + 1, '党费台账');
    for (const root of roots) await generateLedgerFor(ctx, rc, root, month);
  }
}
