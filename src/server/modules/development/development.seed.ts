// Demo data of the development module (issue 6): candidates at every step across the county's
// branches, dated relative to the demo's today, plus a few realistic faults the 自查自纠 audit
// must find (each entered as history, as a branch would when digitising old paper records).
import { sql } from 'kysely';
import { workingDaysBetween, type WorkCalendar } from '../../../core/development/calendar.ts';
import {
  auditCandidate,
  FULL_MEMBER,
  PROBATIONARY,
  probationEnd,
} from '../../../core/development/development.rules.ts';
import type {
  CandidateRecord,
  MemberSnapshot,
  StepRecord,
} from '../../../core/development/development.types.ts';
import { stepsOn } from '../../../core/development/steps.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { BRANCH_KINDS } from '../../../core/org/org.types.ts';
import { checkCharacter, maskIdNumber } from '../../../core/person/id-number.ts';
import { addDays, addYears } from '../../../core/shared/dates.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import type { AppContext } from '../../context.ts';
import { blindIndex, encryptField } from '../../crypto/field-crypto.ts';
import { pathUpperBound } from '../../db/dialect.ts';
import { personName } from '../../seed/names.ts';
import { Rng } from '../../seed/prng.ts';
import type { ModuleSeedInput } from '../../seed/module-seed.ts';
import { CANDIDATE_ID_CONTEXT, loadCalendar } from './development.service.ts';

/** Day offsets of each step from the application (a typical, lawful pace). */
const PACE: ReadonlyArray<[number, number]> = [
  [1, 0],
  [2, 15],
  [3, 120],
  [4, 125],
  [5, 126],
  [6, 300],
  [6, 480],
  [7, 500],
  [8, 510],
  [9, 520],
  [10, 540],
  [11, 560],
  [12, 580],
  [13, 600],
  [14, 610],
  [15, 620],
  [16, 640],
  [17, 680],
  [19, 685],
  [18, 690],
  [20, 700],
  [21, 770],
  [21, 920],
  [22, 975],
  [23, 990],
  [24, 1010],
  [25, 1030],
];

type Fault =
  | 'activistShort'
  | 'talkLate'
  | 'publicityHoliday'
  | 'introducerProbationer'
  | 'approvalLate'
  | 'talkOverdue';

interface Plan {
  branch: { id: number; path: string };
  appliedOn: string;
  fault?: Fault;
}

interface Member {
  personId: number;
  name: string;
  category: string;
  from: string;
  to: string | null;
}

function publicityBefore(
  decisionOn: string,
  cal: WorkCalendar,
  days: number,
): { start: string; end: string } {
  const end = addDays(decisionOn, -1);
  let start = end;
  while (workingDaysBetween(start, end, cal) < days) start = addDays(start, -1);
  return { start, end };
}

/** The next free 3-digit sequence code for a birth date with the gender's parity. */
function nextSequence(used: Map<string, number>, birth: string, gender: '男' | '女'): string {
  const key = `${birth}/${gender}`;
  const n = used.get(key) ?? 0;
  if (n >= 500) throw new Error(`demo seed: more than 500 candidates born on ${birth}`);
  used.set(key, n + 1);
  return String(n * 2 + (gender === '男' ? 1 : 0)).padStart(3, '0');
}

/** How many branches get candidates: a county's worth per county of the demo area. */
export function branchesToSeed(scale: 'county' | 'city' | 'province', available: number): number {
  const perCounty = 90;
  // scales.ts: a city has nine counties/districts, a province twenty such cities.
  const counties = scale === 'county' ? 1 : scale === 'city' ? 9 : 180;
  return Math.min(available, perCounty * counties);
}

export async function seedDevelopment(ctx: AppContext, input: ModuleSeedInput): Promise<void> {
  const today = input.today;
  const rng = new Rng(`development/${input.seed}`);
  const book = ctx.config.rulebook;
  const cal = await loadCalendar(ctx.db);
  const root = await ctx.db
    .selectFrom('orgs')
    .select(['id', 'path'])
    .where('parent_id', 'is', null)
    .orderBy('id')
    .executeTakeFirst();
  if (!root) return;
  const branches = await ctx.db
    .selectFrom('orgs')
    .select(['id', 'path', 'name'])
    .where('kind', 'in', [...BRANCH_KINDS])
    .where('status', '=', 'active')
    .where('path', '>=', root.path)
    .where('path', '<', pathUpperBound(root.path))
    .orderBy('path')
    .execute();
  if (branches.length === 0) return;
  const wanted = branchesToSeed(input.scale, branches.length);
  const chosen = rng
    .shuffle(branches)
    .slice(0, wanted)
    .sort((a, b) => a.path.localeCompare(b.path));
  const ids = chosen.map((b) => b.id);
  // Every membership of the chosen branches (one query): snapshots and vote counts come from it.
  const ms = [];
  for (let i = 0; i < ids.length; i += 1000) {
    ms.push(
      ...(await ctx.db
        .selectFrom('memberships as m')
        .innerJoin('persons as p', 'p.id', 'm.person_id')
        .select(['m.org_id', 'm.person_id', 'p.name', 'm.category', 'm.valid_from', 'm.valid_to'])
        .where('m.org_id', 'in', ids.slice(i, i + 1000))
        .execute()),
    );
  }
  const byBranch = new Map<number, Member[]>();
  for (const m of ms) {
    const list = byBranch.get(m.org_id) ?? [];
    list.push({
      personId: m.person_id,
      name: m.name,
      category: m.category,
      from: m.valid_from,
      to: m.valid_to,
    });
    byBranch.set(m.org_id, list);
  }
  const on = (list: Member[], day: string, category: string) =>
    list.filter((m) => m.category === category && m.from <= day && (m.to === null || m.to > day));
  const probationers = await ctx.db
    .selectFrom('memberships as m')
    .innerJoin('persons as p', 'p.id', 'm.person_id')
    .select(['m.person_id', 'p.name', 'm.valid_from', 'm.valid_to'])
    .where('m.category', '=', PROBATIONARY)
    .where('m.org_path', '>=', root.path)
    .where('m.org_path', '<', pathUpperBound(root.path))
    .orderBy('m.id')
    .limit(50)
    .execute();

  // Plans: candidates spread over every step, and the faults.
  const plans: Plan[] = [];
  const usable = chosen.filter((b) => on(byBranch.get(b.id) ?? [], today, FULL_MEMBER).length >= 3);
  if (usable.length === 0) return;
  const spans = [
    5, 20, 60, 122, 200, 400, 490, 505, 530, 550, 570, 590, 605, 615, 625, 650, 690, 720, 800, 960, 980, 1000,
    1020, 1100, 1400,
  ];
  let k = 0;
  for (const b of usable) {
    const n = rng.int(1, 2);
    for (let i = 0; i < n; i++)
      plans.push({ branch: b, appliedOn: addDays(today, -(spans[k++ % spans.length]! + rng.int(0, 3))) });
  }
  const faultBranch = (i: number) => usable[(i * 7) % usable.length]!;
  const ndYear =
    Number(today.slice(0, 4)) -
    (today.slice(5) >= '10-13' && addDays(today, -120) >= `${today.slice(0, 4)}-10-13` ? 0 : 1);
  const faults: Array<[Fault, string]> = [
    ['activistShort', addDays(today, -560)],
    ['talkLate', addDays(today, -300)],
    ['publicityHoliday', addDays(`${ndYear}-10-13`, -500)],
    ['introducerProbationer', addDays(today, -600)],
    ['approvalLate', addDays(today, -800)],
    ['talkOverdue', addDays(today, -45)],
  ];
  faults.forEach(([fault, appliedOn], i) => {
    if (fault === 'introducerProbationer' && probationers.length === 0) return;
    plans.push({ branch: faultBranch(i), appliedOn, fault });
  });

  const now = ctx.now().toISOString();
  const candidates: Array<{
    plan: Plan;
    record: CandidateRecord;
    gender: '男' | '女';
    idNumber: string;
    findings: Map<StepRecord, unknown[]>;
  }> = [];
  let seq = 0;
  const usedSequences = new Map<string, number>();
  for (const plan of plans) {
    const r = rng.fork(`cand:${seq}`);
    const gender: '男' | '女' = r.chance(0.45) ? '女' : '男';
    const birth = addDays(addYears(plan.appliedOn, -r.int(19, 38)), -r.int(0, 360));
    const name = personName(r, gender, Number(birth.slice(0, 4)));
    // Sequence digits unique per birth date, odd for men and even for women (GB 11643): no two
    // candidates share an ID number at any scale.
    const seqDigits = nextSequence(usedSequences, birth, gender);
    const first17 = `339900${birth.replaceAll('-', '')}${seqDigits}`;
    const idNumber = first17 + checkCharacter(first17);
    seq++;
    const members = byBranch.get(plan.branch.id) ?? [];
    const steps: StepRecord[] = [];
    const elapsed = Math.round((Date.parse(today) - Date.parse(plan.appliedOn)) / 86_400_000);
    for (const [no, off] of PACE) {
      let offset = off;
      if (plan.fault === 'activistShort' && no >= 7) offset = off - 500 + 120 + 362 - 0; // 积极分子 just under a year
      if (plan.fault === 'talkLate' && no === 2) offset = 45;
      if (plan.fault === 'approvalLate' && no >= 17 && no <= 20) offset = off + 45;
      if (plan.fault === 'talkOverdue' && no >= 2) break;
      if (offset > elapsed - 2) break;
      const doneOn = addDays(plan.appliedOn, offset);
      const def = stepsOn(book, plan.appliedOn).find((s) => s.no === no)!;
      const data: Record<string, unknown> = {};
      let fault = false;
      const full = on(members, doneOn, FULL_MEMBER);
      const snap = (m: Member): MemberSnapshot => ({
        personId: m.personId,
        name: m.name,
        category: FULL_MEMBER,
      });
      switch (no) {
        case 2:
        case 16:
          data.talker = no === 2 ? (full[0]?.name ?? '支部书记') : '组织员';
          if (plan.fault === 'talkLate' && no === 2) fault = true;
          break;
        case 3:
          data.method = r.chance(0.8) ? '党员推荐' : '群团组织推优';
          break;
        case 5:
          data.contacts = full.slice(0, r.int(1, 2)).map(snap);
          break;
        case 6:
        case 21:
          data.summary =
            no === 6 ? '政治立场坚定，积极参加学习，工作表现突出' : '按期参加组织生活，认真履行党员义务';
          break;
        case 7:
        case 13:
        case 23: {
          const p = publicityBefore(
            doneOn,
            cal,
            ruleValue<number>(book, 'development.publicityWorkingDays', doneOn),
          );
          data.publicityStart = p.start;
          data.publicityEnd = p.end;
          if (plan.fault === 'publicityHoliday' && no === 7) {
            data.publicityStart = `${doneOn.slice(0, 4)}-09-29`;
            let end = data.publicityStart as string;
            while (
              workingDaysBetween(data.publicityStart as string, end, cal) < 4 ||
              workingDaysBetween(data.publicityStart as string, addDays(end, 1), cal) === 4
            )
              end = addDays(end, 1);
            data.publicityEnd = end;
            fault = true;
          }
          if (plan.fault === 'activistShort' && no === 7) fault = true;
          if (no === 23) data.outcome = '按期转正';
          if (no !== 23) break;
        }
        // falls through: 23 also carries a vote
        case 15: {
          const present = Math.floor(full.length / 2) + 1 + r.int(0, Math.ceil(full.length / 2) - 1);
          const against = r.chance(0.2) && present - 1 > full.length / 2 ? 1 : 0;
          data.vote = {
            fullMembers: full.length,
            exclusions: [],
            present,
            for: present - against,
            against,
            abstain: 0,
          };
          break;
        }
        case 9: {
          const two = full.slice(0, 2).map(snap);
          if (plan.fault === 'introducerProbationer') {
            const p =
              probationers.find(
                (x) => x.valid_from <= doneOn && (x.valid_to === null || x.valid_to > doneOn),
              ) ?? probationers[0]!;
            two[1] = { personId: p.person_id, name: p.name, category: PROBATIONARY };
            fault = true;
          }
          data.introducers = two;
          break;
        }
        case 10:
          data.conclusion = '本人及直系亲属政治历史清楚，政治审查合格';
          break;
        case 11:
          data.trainingDays = r.chance(0.5) ? 3 : 4;
          data.trainingHours = 24;
          break;
        case 17:
          if (plan.fault === 'approvalLate') fault = true;
          break;
      }
      steps.push({ step: no, doneOn, data, materials: [...def.materials], asHistory: fault });
    }
    if (steps.length === 0) continue;
    const done = new Set(steps.map((s) => s.step));
    const status = done.has(24)
      ? '正式党员'
      : done.has(17)
        ? '预备党员'
        : done.has(7)
          ? '发展对象'
          : done.has(3)
            ? '入党积极分子'
            : '申请人';
    const record: CandidateRecord = {
      id: 0,
      name,
      birthDate: birth,
      appliedOn: plan.appliedOn,
      status,
      steps,
    };
    candidates.push({ plan, record, gender, idNumber, findings: new Map() });
  }

  await ctx.db.transaction().execute(async (trx) => {
    let written = 0;
    for (const c of candidates) {
      const { record, plan } = c;
      let personId: number | null = null;
      const approval = record.steps.find((s) => s.step === 17);
      if (approval) {
        const meeting = record.steps.find((s) => s.step === 15)!;
        const end = probationEnd(record, book)!;
        const full = record.status === '正式党员';
        const idBidx = blindIndex(ctx.ring, 'persons.id_number', c.idNumber);
        const clash = await trx
          .selectFrom('persons')
          .select('id')
          .where('id_number_bidx', '=', idBidx)
          .executeTakeFirst();
        if (clash) continue;
        const p = await trx
          .insertInto('persons')
          .values({
            name: record.name,
            gender: c.gender,
            education: null,
            id_number_enc: encryptField(ctx.ring, 'persons.id_number', c.idNumber),
            id_number_bidx: idBidx,
            id_number_masked: maskIdNumber(c.idNumber),
            phone_enc: null,
            phone_bidx: null,
            phone_masked: null,
            birth_date: record.birthDate,
            category: full ? FULL_MEMBER : PROBATIONARY,
            joined_on: meeting.doneOn,
            full_member_on: full ? end : null,
            created_at: now,
            updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        personId = p.id;
        await trx
          .insertInto('memberships')
          .values({
            person_id: p.id,
            org_id: plan.branch.id,
            org_path: plan.branch.path,
            category: PROBATIONARY,
            valid_from: approval.doneOn,
            valid_to: full ? end : null,
            reason: '接收为预备党员',
            created_at: now,
          })
          .execute();
        if (full)
          await trx
            .insertInto('memberships')
            .values({
              person_id: p.id,
              org_id: plan.branch.id,
              org_path: plan.branch.path,
              category: FULL_MEMBER,
              valid_from: end,
              valid_to: null,
              reason: '预备党员转正',
              created_at: now,
            })
            .execute();
      }
      const row = await trx
        .insertInto('dev_candidates')
        .values({
          name: record.name,
          gender: c.gender,
          id_number_enc: encryptField(ctx.ring, CANDIDATE_ID_CONTEXT, c.idNumber),
          id_number_bidx: blindIndex(ctx.ring, CANDIDATE_ID_CONTEXT, c.idNumber),
          id_number_masked: maskIdNumber(c.idNumber),
          birth_date: record.birthDate,
          org_id: plan.branch.id,
          org_path: plan.branch.path,
          applied_on: record.appliedOn,
          status: record.status,
          person_id: personId,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const audit = auditCandidate({ ...record, id: row.id }, { book, calendar: cal, today });
      await trx
        .insertInto('dev_steps')
        .values(
          record.steps.map((s) => ({
            candidate_id: row.id,
            org_path: plan.branch.path,
            step_no: s.step,
            done_on: s.doneOn,
            data: JSON.stringify(s.data),
            materials: JSON.stringify(s.materials),
            as_history: s.asHistory ? 1 : 0,
            findings: JSON.stringify(s.asHistory ? audit.violations.filter((v) => v.step === s.step) : []),
            recorded_by: null,
            created_at: now,
          })),
        )
        .execute();
      written++;
      if (written % 20 === 0) input.onProgress?.(written, candidates.length, 'development');
    }
    // 发展名额: each township-level committee gets this year's plan; one has used all of it.
    const year = Number(today.slice(0, 4));
    // The 基层党委 of the seeded branches (the nearest 党委/党工委 above each): at every scale.
    const allCommittees = await trx
      .selectFrom('orgs')
      .select(['id', 'path'])
      .where('kind', 'in', ['党委', '党工委'])
      .where('path', '>=', root.path)
      .where('path', '<', pathUpperBound(root.path))
      .execute();
    const committeeByPath = new Map(allCommittees.map((o) => [o.path, o]));
    const nearest = new Map<number, { id: number; path: string }>();
    for (const b of chosen) {
      let best: { id: number; path: string } | undefined;
      for (let i = b.path.indexOf('/', 1); i > 0 && i < b.path.length - 1; i = b.path.indexOf('/', i + 1)) {
        best = committeeByPath.get(b.path.slice(0, i + 1)) ?? best;
      }
      if (best) nearest.set(best.id, best);
    }
    const committees = [...nearest.values()].sort((a, b) => a.path.localeCompare(b.path));
    const used = await trx
      .selectFrom('dev_steps')
      .select(['org_path', sql<number>`count(*)`.as('n')])
      .where('step_no', '=', 17)
      .where('done_on', '>=', `${year}-01-01`)
      .where('done_on', '<=', `${year}-12-31`)
      .groupBy('org_path')
      .execute();
    const usedUnder = (path: string) =>
      used.filter((u) => u.org_path.startsWith(path)).reduce((n, u) => n + Number(u.n), 0);
    // The last committee that has approved anyone this year has used its whole plan.
    const fullyUsed = [...committees].reverse().find((o) => usedUnder(o.path) > 0)?.id;
    if (committees.length > 0) {
      await trx
        .insertInto('dev_quotas')
        .values(
          committees.map((o) => ({
            org_id: o.id,
            org_path: o.path,
            year,
            quota: usedUnder(o.path) + (o.id === fullyUsed ? 0 : rng.int(2, 5)),
            updated_at: now,
          })),
        )
        .execute();
    }
    await appendAudit(trx, ctx.ring, {
      at: now,
      action: 'development.seed',
      result: 'ok',
      objectType: 'dev_candidate',
      scopePath: root.path,
      detail: {
        candidates: written,
        faults: plans.filter((p) => p.fault).map((p) => p.fault),
        quotas: committees.length,
        year,
      },
    });
  });
  input.onProgress?.(candidates.length, candidates.length, 'development');
}
