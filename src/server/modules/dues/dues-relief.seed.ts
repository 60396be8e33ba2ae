// 党费 demo data, part C: 减免 and 上缴 (issue 19). Runs after the ledger (A) and the payments (B):
// four 减免 requests in the first township's branches (one approved waiver for a 困难党员 written
// onto the ledger, one waiting for the 党委, one for the branch, one refused), then a year of
// 上缴 up the tree from what was actually paid — every organisation remits what it collected,
// except one branch that kept back 20.00 元 in one month (the DUES_REMIT_GAP the demo shows) —
// and the bank's figures for the committees. Written straight into the tables, one audit row.
import { addMonthsTo, monthRange, remitDueOn } from '../../../core/dues/relief.rules.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import type { AppContext } from '../../context.ts';
import { pathUpperBound } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import type { ModuleSeedInput } from '../../seed/module-seed.ts';
import type { Insertable, Transaction } from 'kysely';
import { applyReductionToLedger } from './relief/reductions.service.ts';

/** What the one short remittance kept back (fen). */
const SHORT_FEN = 2000;
const CHUNK = 400;

interface Candidate {
  personId: number;
  orgId: number;
  orgPath: string;
  category: string;
  dueFen: number;
  currentDue: boolean;
}

async function candidates(db: Transaction<DB>, month: string, underPath: string): Promise<Candidate[]> {
  const withAccount = new Set(
    (await db.selectFrom('users').select('person_id').where('person_id', 'is not', null).execute()).map((u) =>
      Number(u.person_id),
    ),
  );
  // Members whose only unpaid month (if any) is the current one: never the arrears cases.
  const rows = await db
    .selectFrom('dues_ledger')
    .select(['person_id', 'org_id', 'org_path', 'category', 'due_fen', 'month', 'status'])
    .where('org_path', '>=', underPath)
    .where('org_path', '<', pathUpperBound(underPath))
    .where('month', '>=', addMonthsTo(month, -2))
    .orderBy('person_id')
    .orderBy('month')
    .execute();
  const by = new Map<number, typeof rows>();
  for (const r of rows) by.set(Number(r.person_id), [...(by.get(Number(r.person_id)) ?? []), r]);
  const out: Candidate[] = [];
  for (const [personId, rs] of by) {
    if (withAccount.has(personId)) continue;
    const last = rs.at(-1)!;
    if (last.month !== month) continue;
    if (rs.some((r) => r.month < month && r.status !== 'paid')) continue;
    out.push({
      personId,
      orgId: Number(last.org_id),
      orgPath: last.org_path,
      category: last.category,
      dueFen: Number(last.due_fen),
      currentDue: last.status === 'due',
    });
  }
  return out;
}

async function userAt(db: Transaction<DB>, username: string) {
  return db
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.scope_org_id')
    .select(['u.id', 'o.id as org_id', 'o.path'])
    .where('u.username', '=', username)
    .executeTakeFirst();
}

async function seedReductions(ctx: AppContext, trx: Transaction<DB>, today: string): Promise<number> {
  const month = today.slice(0, 7);
  const town = await userAt(trx, 'admin_t01');
  const worker = await userAt(trx, 'worker_1');
  if (!town) return 0;
  const inTown = await candidates(trx, month, town.path);
  if (inTown.length < 3) return 0;
  // The waiver goes to a member on a fixed small amount (低保, 无业, 农民) if the township has one due now.
  const hardship = ['relief', 'unemployed', 'no_income', 'farmer'];
  const due = inTown.filter((c) => c.currentDue).sort((a, b) => a.dueFen - b.dueFen);
  const waiver = due.find((c) => hardship.includes(c.category)) ?? due[0] ?? inTown[0]!;
  const rest = inTown.filter((c) => c.personId !== waiver.personId);
  const reduce = rest.find((c) => c.category === 'in_service') ?? rest[0]!;
  const refused = rest.find((c) => c.personId !== reduce.personId)!;
  let atBranch: Candidate | undefined;
  if (worker)
    atBranch = (await candidates(trx, month, worker.path)).find(
      (c) => ![waiver, reduce, refused].some((x) => x.personId === c.personId),
    );
  const at = (daysAgo: number, hour: number) =>
    `${new Date(Date.parse(`${today}T00:00:00Z`) - daysAgo * 86_400_000).toISOString().slice(0, 10)}T0${hour}:30:00.000Z`;
  const waiverFrom = waiver.currentDue ? month : addMonthsTo(month, 1);
  const rows: Array<Insertable<DB['dues_reductions']>> = [
    {
      person_id: waiver.personId,
      org_id: waiver.orgId,
      org_path: waiver.orgPath,
      from_month: waiverFrom,
      to_month: addMonthsTo(waiverFrom, 5),
      kind: 'waive',
      monthly_fen: null,
      reason: '本人患尿毒症需长期透析，配偶无固定收入，已纳入农村低保，申请免交党费半年',
      status: 'approved',
      branch_by: worker?.id ?? null,
      branch_at: at(12, 2),
      upper_by: town.id,
      upper_at: at(9, 3),
      note: '经支委会研究同意，镇党委审核批准，期满后重新核定',
      created_by: worker?.id ?? null,
      created_at: at(14, 1),
    },
    {
      person_id: reduce.personId,
      org_id: reduce.orgId,
      org_path: reduce.orgPath,
      from_month: addMonthsTo(month, 1),
      to_month: addMonthsTo(month, 3),
      kind: 'reduce',
      monthly_fen: Math.max(20, Math.round(reduce.dueFen / 200) * 100),
      reason: '所在砖厂停产整顿，近三个月仅领取基本生活费，申请按一半少交',
      status: 'pending_upper',
      branch_by: null,
      branch_at: at(2, 2),
      upper_by: null,
      upper_at: null,
      note: '支部委员会同意，报镇党委审批',
      created_by: null,
      created_at: at(4, 1),
    },
    {
      person_id: refused.personId,
      org_id: refused.orgId,
      org_path: refused.orgPath,
      from_month: addMonthsTo(month, 1),
      to_month: addMonthsTo(month, 6),
      kind: 'reduce',
      monthly_fen: 100,
      reason: '孩子上大学开销大，申请少交',
      status: 'rejected',
      branch_by: null,
      branch_at: null,
      upper_by: null,
      upper_at: null,
      note: '本人工资收入未减少，不符合因生活困难少交党费的条件',
      created_by: null,
      created_at: at(20, 2),
    },
  ];
  if (atBranch)
    rows.push({
      person_id: atBranch.personId,
      org_id: atBranch.orgId,
      org_path: atBranch.orgPath,
      from_month: addMonthsTo(month, 1),
      to_month: addMonthsTo(month, 3),
      kind: 'waive',
      monthly_fen: null,
      reason: '汛期房屋被冲毁，全家暂住亲戚家，申请免交三个月党费',
      status: 'pending_branch',
      branch_by: null,
      branch_at: null,
      upper_by: null,
      upper_at: null,
      note: null,
      created_by: worker?.id ?? null,
      created_at: at(1, 3),
    });
  await trx.insertInto('dues_reductions').values(rows).execute();
  await applyReductionToLedger(
    trx,
    {
      person_id: waiver.personId,
      from_month: waiverFrom,
      to_month: addMonthsTo(waiverFrom, 5),
      kind: 'waive',
      monthly_fen: null,
    },
    ctx.now().toISOString(),
  );
  return rows.length;
}

/** A year of 上缴, bottom-up so a committee remits what its children sent plus its own members' dues. */
async function seedRemittances(ctx: AppContext, trx: Transaction<DB>, today: string) {
  const grace = ruleValue<number>(ctx.config.rulebook, 'dues.remit.graceDays', today);
  const month = today.slice(0, 7);
  const periods = monthRange(addMonthsTo(month, -12), addMonthsTo(month, -1)).filter(
    (p) => remitDueOn(p, grace) < today,
  );
  if (periods.length === 0) return { remittances: 0, bank: 0 };
  const orgs = await trx.selectFrom('orgs').select(['id', 'path', 'parent_id', 'depth']).execute();
  const byId = new Map(orgs.map((o) => [Number(o.id), o]));
  const paid = new Map<string, number>();
  const rows = await trx
    .selectFrom('dues_payments')
    .select(['org_id', 'paid_on', 'amount_fen'])
    .where('paid_on', '>=', `${periods[0]}-01`)
    .where('paid_on', '<=', `${periods.at(-1)}-31`)
    .execute();
  for (const r of rows) {
    const k = `${r.org_id}|${r.paid_on.slice(0, 7)}`;
    paid.set(k, (paid.get(k) ?? 0) + Number(r.amount_fen));
  }
  const parentsOfPayers = new Set(
    orgs
      .map((o) => o.parent_id)
      .filter((p) => p !== null)
      .map(Number),
  );
  const received = new Map<string, number>();
  const remits: Array<Insertable<DB['dues_remittances']>> = [];
  const bank: Array<Insertable<DB['dues_bank_figures']>> = [];
  // The one branch that kept money back: the first branch (by id) with money three periods ago.
  const gapPeriod = periods.at(-3) ?? periods[0]!;
  let gapOrg: number | null = null;
  const now = ctx.now().toISOString();
  for (const o of [...orgs].sort((a, b) => b.depth - a.depth || Number(a.id) - Number(b.id))) {
    const id = Number(o.id);
    for (const p of periods) {
      const collected = (paid.get(`${id}|${p}`) ?? 0) + (received.get(`${id}|${p}`) ?? 0);
      if (collected <= 0) continue;
      const committee = parentsOfPayers.has(id);
      if (committee)
        bank.push({
          org_id: id,
          org_path: o.path,
          period: p,
          bank_fen: collected,
          note: null,
          created_by: null,
          created_at: now,
        });
      if (o.parent_id === null) continue;
      const parent = byId.get(Number(o.parent_id))!;
      let amount = collected;
      if (gapOrg === null && !committee && p === gapPeriod && collected > SHORT_FEN) {
        gapOrg = id;
        amount = collected - SHORT_FEN;
      }
      const day = committee ? 10 + (id % 4) : 3 + (id % 6);
      const on = `${addMonthsTo(p, 1)}-${String(day).padStart(2, '0')}`;
      remits.push({
        from_org_id: id,
        from_org_path: o.path,
        to_org_id: Number(parent.id),
        to_org_path: parent.path,
        period: p,
        amount_fen: amount,
        remitted_on: on,
        bank_ref: `YH${on.replaceAll('-', '')}${String(id).padStart(6, '0')}`,
        created_by: null,
        created_at: `${on}T02:00:00.000Z`,
      });
      const k = `${parent.id}|${p}`;
      received.set(k, (received.get(k) ?? 0) + amount);
    }
  }
  for (let i = 0; i < remits.length; i += CHUNK)
    await trx
      .insertInto('dues_remittances')
      .values(remits.slice(i, i + CHUNK))
      .execute();
  for (let i = 0; i < bank.length; i += CHUNK)
    await trx
      .insertInto('dues_bank_figures')
      .values(bank.slice(i, i + CHUNK))
      .execute();
  return { remittances: remits.length, bank: bank.length, gapOrg, gapPeriod };
}

export async function seedDuesRelief(ctx: AppContext, input: ModuleSeedInput): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const reductions = await seedReductions(ctx, trx, input.today);
    const remit = await seedRemittances(ctx, trx, input.today);
    await appendAudit(trx, ctx.ring, {
      at: ctx.now().toISOString(),
      action: 'dues.relief.seed',
      result: 'ok',
      objectType: 'dues_remittance',
      detail: { reductions, ...remit },
    });
  });
}
