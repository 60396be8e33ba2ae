// Demo data of the org-system module (issue 3), written after the base county: units and the
// members working in them, terms (some 临近换届, some 逾期未换届, some with an approved delay),
// post approvals, a 换届 under way, 软弱涣散 cases and last year's branch grading. Includes the
// bad cases the 体检 must find: uncovered units with ≥3 full members, a 联合党支部 over 5 units,
// branches with ≥7 full members whose committee has lapsed.
import { sql, type Insertable, type Transaction } from 'kysely';
import { termYears, type TermYearsRule, hasTerms, termEnd } from '../../../core/org-system/terms.rules.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { addDays, addMonths, addYears } from '../../../core/shared/dates.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import type { ModuleSeedInput } from '../../seed/module-seed.ts';
import { insertOrg } from '../orgs/orgs.repository.ts';
import { Rng } from '../../seed/prng.ts';

const BRANCH_KINDS = ['党支部', '联合党支部', '临时党支部'];
const CHUNK = 500;

async function insertAll<T extends keyof DB & string>(
  trx: Transaction<DB>,
  table: T,
  rows: Insertable<DB[T]>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await trx
      .insertInto(table)
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      .values(rows.slice(i, i + CHUNK) as any)
      .execute();
  }
}

const ENTERPRISE_WORDS = ['智能装备', '新材料', '物流', '电子商务', '食品', '纺织'];

/** Demo data of the org-system module (issue 3): runs after the base county is written. */
export async function seedOrgSystem(ctx: AppContext, input: ModuleSeedInput): Promise<void> {
  const { today } = input;
  const rng = new Rng(`org-system:${input.seed}`);
  const now = ctx.now().toISOString();
  const book = ctx.config.rulebook;
  const years = ruleValue<TermYearsRule>(book, 'org.term.years', today);
  const progress = input.onProgress ?? (() => {});

  const orgs = await ctx.db
    .selectFrom('orgs')
    .select(['id', 'code', 'name', 'kind', 'sector', 'parent_id', 'path', 'unit_names', 'established_on'])
    .where('status', '=', 'active')
    .orderBy('path')
    .execute();
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const members = await ctx.db
    .selectFrom('memberships')
    .select(['person_id', 'org_id', 'category'])
    .where('valid_from', '<=', today)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', today)]))
    .orderBy('person_id')
    .execute();
  const membersOf = new Map<number, { person_id: number; category: string }[]>();
  for (const m of members) (membersOf.get(m.org_id) ?? membersOf.set(m.org_id, []).get(m.org_id)!).push(m);
  const secretaries = await ctx.db
    .selectFrom('positions')
    .select(['id', 'org_id', 'person_id', 'post', 'valid_from'])
    .where('valid_to', 'is', null)
    .orderBy('id')
    .execute();
  const postsOf = new Map<number, typeof secretaries>();
  for (const p of secretaries) (postsOf.get(p.org_id) ?? postsOf.set(p.org_id, []).get(p.org_id)!).push(p);
  const raterOf = (o: (typeof orgs)[number]) => {
    const ids = o.path.split('/').filter(Boolean).map(Number).reverse().slice(1);
    for (const id of ids) {
      const x = byId.get(id);
      if (x && (x.kind === '党委' || x.kind === '党工委')) return x;
    }
    return undefined;
  };
  const branches = orgs.filter((o) => BRANCH_KINDS.includes(o.kind));
  const townships = orgs.filter((o) => o.kind === '党委' && o.sector === '农村' && o.parent_id !== null);
  progress(0, 6, 'units');

  await ctx.db.transaction().execute(async (trx) => {
    // ---------- units: each branch covers the units named on it; members carry their unit.
    const unitRows: Insertable<DB['os_units']>[] = [];
    const unitBranch = new Map<string, number>();
    for (const b of branches) {
      const parent = b.parent_id ? byId.get(b.parent_id) : undefined;
      if (!parent) continue;
      for (const name of JSON.parse(b.unit_names) as string[]) {
        if (unitBranch.has(name)) continue;
        unitBranch.set(name, b.id);
        unitRows.push({
          name,
          sector: b.sector,
          org_id: parent.id,
          org_path: parent.path,
          branch_org_id: b.id,
          created_at: now,
        });
      }
    }
    // Bad cases: enterprises that grew party members but no branch (应建未建); the first has exactly 2 (no finding).
    const uncovered: { name: string; town: (typeof orgs)[number]; full: number }[] = [];
    const towns = rng.shuffle(townships).slice(0, input.scale === 'county' ? 4 : 8);
    towns.forEach((town, i) => {
      const name = `${town.name.replace(/党委$/, '')}${rng.pick(ENTERPRISE_WORDS)}有限公司`;
      uncovered.push({ name, town, full: i === 0 ? 2 : 3 + (i % 3) });
      unitRows.push({
        name,
        sector: '非公企业',
        org_id: town.id,
        org_path: town.path,
        branch_org_id: null,
        created_at: now,
      });
    });
    // A 联合党支部 stretched over too many units (>5).
    const joint = branches.find((b) => b.kind === '联合党支部' && b.sector === '非公企业');
    if (joint) {
      const parent = byId.get(joint.parent_id!)!;
      for (let i = 0; i < 3; i++) {
        unitRows.push({
          name: `${joint.name.replace(/联合党支部$/, '')}${['商贸', '电商', '建材'][i]}个体经营户${i + 1}`,
          sector: '非公企业',
          org_id: parent.id,
          org_path: parent.path,
          branch_org_id: joint.id,
          created_at: now,
        });
      }
    }
    for (let i = 0; i < unitRows.length; i += CHUNK)
      await trx
        .insertInto('os_units')
        .values(unitRows.slice(i, i + CHUNK))
        .execute();
    const units = await trx.selectFrom('os_units').select(['id', 'name', 'branch_org_id']).execute();
    const unitsOfBranch = new Map<number, number[]>();
    const unitByName = new Map(units.map((u) => [u.name, u.id]));
    for (const u of units)
      if (u.branch_org_id)
        (
          unitsOfBranch.get(u.branch_org_id) ?? unitsOfBranch.set(u.branch_org_id, []).get(u.branch_org_id)!
        ).push(u.id);

    const personUnits: Insertable<DB['os_person_units']>[] = [];
    const moved = new Set<number>();
    for (const u of uncovered) {
      // Full members of the township's village branches who now work in the enterprise.
      const pool = branches
        .filter((b) => b.path.startsWith(u.town.path))
        .flatMap((b) => (membersOf.get(b.id) ?? []).filter((m) => m.category === '正式党员'));
      const secIds = new Set(secretaries.map((s) => s.person_id));
      for (const m of rng
        .shuffle(pool)
        .filter((m) => !secIds.has(m.person_id))
        .slice(0, u.full)) {
        moved.add(m.person_id);
        personUnits.push({
          person_id: m.person_id,
          unit_id: unitByName.get(u.name)!,
          valid_from: addMonths(today, -rng.int(6, 30)),
          valid_to: null,
          created_at: now,
        });
      }
    }
    for (const b of branches) {
      const list = unitsOfBranch.get(b.id);
      if (!list?.length) continue;
      (membersOf.get(b.id) ?? []).forEach((m, i) => {
        if (moved.has(m.person_id)) return;
        personUnits.push({
          person_id: m.person_id,
          unit_id: list[i % list.length]!,
          valid_from: b.established_on ?? '2000-01-01',
          valid_to: null,
          created_at: now,
        });
      });
    }
    await insertAll(trx, 'os_person_units', personUnits);

    // Bad case: a small enterprise branch set up with members transferred out of the smallest
    // enterprise 党委 — the branch has fewer than 3 full members, the 党委 drops below 100.
    const sources = orgs.filter((o) => o.kind === '党委' && o.sector === '国有企业');
    const source = sources.length
      ? branches
          .filter((b) => b.path.startsWith(sources[0]!.path))
          .sort((a, b) => (membersOf.get(b.id)?.length ?? 0) - (membersOf.get(a.id)?.length ?? 0))[0]
      : undefined;
    const host = townships[0];
    if (source && host) {
      const secIds = new Set(secretaries.map((x) => x.person_id));
      const pool = (membersOf.get(source.id) ?? []).filter(
        (m) => !secIds.has(m.person_id) && !moved.has(m.person_id),
      );
      const chosen = [
        ...pool.filter((m) => m.category === '正式党员').slice(0, 2),
        ...pool.filter((m) => m.category === '预备党员').slice(0, 1),
      ];
      const fullMembers = pool.filter((m) => m.category === '正式党员');
      while (chosen.length < 3 && fullMembers.length > 2) chosen.push(fullMembers.pop()!);
      const on = addMonths(today, -8);
      // The first free code after the host's 900s: at city scale the plan's own codes reach -901.
      const taken = new Set(
        (await trx.selectFrom('orgs').select('code').where('code', 'like', `${host.code}-9%`).execute()).map(
          (o) => o.code,
        ),
      );
      let serial = 901;
      while (taken.has(`${host.code}-${serial}`)) serial += 1;
      const branch = await insertOrg(
        trx,
        {
          code: `${host.code}-${serial}`,
          name: `${host.name.replace(/党委$/, '')}恒远新材料有限公司党支部`,
          short_name: null,
          kind: '党支部',
          sector: '非公企业',
          parent_id: host.id,
          unit_names: JSON.stringify([`${host.name.replace(/党委$/, '')}恒远新材料有限公司`]),
          established_on: on,
          status: 'active',
          created_at: now,
          updated_at: now,
        },
        host.path,
      );
      const ids = chosen.map((m) => m.person_id);
      await trx
        .updateTable('memberships')
        .set({ valid_to: on })
        .where('org_id', '=', source.id)
        .where('person_id', 'in', ids)
        .where('valid_to', 'is', null)
        .execute();
      await trx
        .insertInto('memberships')
        .values(
          chosen.map((m) => ({
            person_id: m.person_id,
            org_id: branch.id,
            org_path: branch.path,
            category: m.category,
            valid_from: on,
            valid_to: null,
            reason: '组织关系转接',
            created_at: now,
          })),
        )
        .execute();
      const full = chosen.find((m) => m.category === '正式党员');
      if (full)
        await trx
          .insertInto('positions')
          .values({
            person_id: full.person_id,
            org_id: branch.id,
            post: '书记',
            valid_from: on,
            valid_to: null,
            basis: '党员大会选举',
            created_at: now,
          })
          .execute();
      const unit = await trx
        .insertInto('os_units')
        .values({
          name: JSON.parse(branch.unit_names)[0] as string,
          sector: '非公企业',
          org_id: host.id,
          org_path: host.path,
          branch_org_id: branch.id,
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .updateTable('os_person_units')
        .set({ valid_to: on })
        .where('person_id', 'in', ids)
        .where('valid_to', 'is', null)
        .execute();
      await trx
        .insertInto('os_person_units')
        .values(
          ids.map((id) => ({
            person_id: id,
            unit_id: unit.id,
            valid_from: on,
            valid_to: null,
            created_at: now,
          })),
        )
        .execute();
    }

    // Bad case: a committee grown beyond 5 (two extra 委员 co-opted).
    const wide = branches.find(
      (b) =>
        (postsOf.get(b.id)?.length ?? 0) >= 4 &&
        (membersOf.get(b.id) ?? []).filter((m) => m.category === '正式党员').length >= 20 &&
        b.id !== source?.id,
    );
    if (wide) {
      const holders = new Set((postsOf.get(wide.id) ?? []).map((p) => p.person_id));
      const extra = (membersOf.get(wide.id) ?? [])
        .filter((m) => m.category === '正式党员' && !holders.has(m.person_id))
        .slice(0, 6 - holders.size);
      if (extra.length) {
        await trx
          .insertInto('positions')
          .values(
            extra.map((m) => ({
              person_id: m.person_id,
              org_id: wide.id,
              post: '委员',
              valid_from: addMonths(today, -14),
              valid_to: null,
              basis: '支委会增补',
              created_at: now,
            })),
          )
          .execute();
      }
    }
    progress(1, 6, 'terms');

    // ---------- terms: a previous (ended) term and the current one; statuses spread out.
    const termRows: Insertable<DB['os_terms']>[] = [];
    const termOrgs = orgs.filter((o) => hasTerms(o.kind));
    const forced = new Set(
      townships
        .map((t) => branches.find((b) => b.parent_id === t.id)?.id)
        .filter((x): x is number => x !== undefined),
    );
    const skipped: number[] = [];
    for (const o of termOrgs) {
      const r = rng.fork(o.id);
      if (!forced.has(o.id) && r.chance(0.02)) {
        skipped.push(o.id);
        continue;
      }
      const y = termYears(o.kind, o.sector, years);
      const roll = forced.has(o.id) ? 0 : r.next();
      let electedOn: string;
      let adjust = 0;
      if (roll < 0.08)
        electedOn = addYears(addDays(today, -r.int(15, 420)), -y); // 逾期未换届
      else if (roll < 0.2)
        electedOn = addYears(addDays(today, r.int(1, 175)), -y); // 临近换届
      else electedOn = addDays(today, -r.int(20, y * 365 - 200)); // 正常
      if (roll >= 0.08 && roll < 0.1) adjust = 6; // an approved delay moves the end half a year
      const number = r.int(2, 12);
      const previous = addYears(electedOn, -y);
      termRows.push({
        org_id: o.id,
        org_path: o.path,
        number: number - 1,
        elected_on: previous,
        years: y,
        adjust_months: 0,
        term_end: termEnd(previous, y),
        ended_on: electedOn,
        renewal_id: null,
        basis: '历史届次补录',
        adjust_ref: null,
        adjust_reason: null,
        adjust_approved_on: null,
        created_at: now,
        updated_at: now,
      });
      termRows.push({
        org_id: o.id,
        org_path: o.path,
        number,
        elected_on: electedOn,
        years: y,
        adjust_months: adjust,
        term_end: termEnd(electedOn, y, adjust),
        ended_on: null,
        renewal_id: null,
        basis: '换届选举',
        adjust_ref: adjust
          ? `${byId.get(o.parent_id ?? 0)?.name ?? '上级党委'}〔${today.slice(0, 4)}〕批复`
          : null,
        adjust_reason: adjust ? '与村（社区）“两委”换届同步' : null,
        adjust_approved_on: adjust ? addMonths(today, -2) : null,
        created_at: now,
        updated_at: now,
      });
    }
    await insertAll(trx, 'os_terms', termRows);
    progress(2, 6, 'approvals');

    // ---------- post approvals for teams elected in the last year; a few still waiting.
    const recent = termRows.filter((t) => t.ended_on === null && t.elected_on >= addYears(today, -1));
    const terms = await trx
      .selectFrom('os_terms')
      .select(['id', 'org_id'])
      .where('ended_on', 'is', null)
      .execute();
    const termOf = new Map(terms.map((t) => [t.org_id, t.id]));
    const approvals: Insertable<DB['os_post_approvals']>[] = [];
    for (const t of recent) {
      const org = byId.get(t.org_id)!;
      for (const p of postsOf.get(t.org_id) ?? []) {
        const approved = p.post === '书记' || p.post === '副书记';
        const waiting = rng.chance(0.1);
        approvals.push({
          org_id: org.id,
          org_path: org.path,
          person_id: p.person_id,
          post: p.post,
          position_id: p.id,
          term_id: termOf.get(org.id) ?? null,
          state: waiting ? (approved ? '待批复' : '待备案') : approved ? '已批复' : '已备案',
          decided_on: waiting ? null : addDays(t.elected_on as string, 20),
          ref: waiting ? null : `${org.code}-任职-${t.elected_on}`,
          decided_by: null,
          created_at: now,
        });
      }
    }
    await insertAll(trx, 'os_post_approvals', approvals);

    // A 换届 under way on one branch that is close to its term end: 请示 sent, waiting for 批复.
    const due = termRows.find(
      (t) =>
        t.ended_on === null &&
        !forced.has(t.org_id) &&
        t.term_end > today &&
        t.term_end < addMonths(today, 6) &&
        BRANCH_KINDS.includes(byId.get(t.org_id)!.kind),
    );
    if (due) {
      const org = byId.get(due.org_id)!;
      await trx
        .insertInto('os_renewals')
        .values({
          org_id: org.id,
          org_path: org.path,
          term_id: termOf.get(org.id) ?? null,
          stage: '已请示',
          seats: 3,
          requested_on: addDays(today, -10),
          planned_on: addDays(today, 30),
          request_note: '本届任期即将届满，拟召开党员大会进行换届选举',
          approved_on: null,
          approval_ref: null,
          election_id: null,
          reported_on: null,
          report_note: null,
          new_term_id: null,
          created_by: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    progress(3, 6, 'committees');

    // ---------- bad case: branches with ≥7 full members whose committee lapsed (only the 书记 left).
    const big = branches.filter(
      (b) =>
        (membersOf.get(b.id) ?? []).filter((m) => m.category === '正式党员').length >= 7 &&
        (postsOf.get(b.id) ?? []).some((p) => p.post === '书记'),
    );
    const lapsed = rng.shuffle(big).slice(0, input.scale === 'county' ? 3 : 10);
    for (const b of lapsed) {
      const ids = (postsOf.get(b.id) ?? []).filter((p) => p.post !== '书记').map((p) => p.id);
      const until = addMonths(today, -rng.int(2, 10));
      if (ids.length)
        await trx
          .updateTable('positions')
          .set({ valid_to: sql<string>`case when valid_from < ${until} then ${until} else valid_from end` })
          .where('id', 'in', ids)
          .execute();
    }
    progress(4, 6, 'weak');

    // ---------- 软弱涣散: cases this year (in progress) and last year (closed after review).
    const year = Number(today.slice(0, 4));
    const vacant = branches.filter((b) => !(postsOf.get(b.id) ?? []).some((p) => p.post === '书记'));
    const rural = rng.shuffle(branches.filter((b) => b.sector === '农村'));
    const weak = [
      ...vacant.slice(0, 2),
      ...rural.filter((b) => !vacant.includes(b)).slice(0, input.scale === 'county' ? 4 : 12),
    ];
    const weakIds = new Set<number>();
    for (const [i, b] of weak.entries()) {
      weakIds.add(b.id);
      const closed = i >= weak.length - 2;
      const designated = closed ? `${year - 1}-03-15` : `${year}-0${1 + (i % 6)}-10`;
      const criteria =
        i < 2 && vacant.includes(b)
          ? ['SECRETARY_VACANT', 'TEAM_INCOMPLETE']
          : [
              rng.pick(['LIFE_ON_PAPER', 'WEAK_ECONOMY', 'PETITIONS', 'MEMBERS_UNMANAGED']),
              'AFFAIRS_UNDISCLOSED',
            ];
      const c = await trx
        .insertInto('os_weak_cases')
        .values({
          org_id: b.id,
          org_path: b.path,
          year: Number(designated.slice(0, 4)),
          designated_on: designated,
          criteria: JSON.stringify(criteria),
          source: '人工认定',
          measures: '县乡两级领导联系包干；选派第一书记驻村；整顿组织生活；建立问题清单限期整改',
          first_secretary: b.sector === '农村' ? `县直单位选派干部${i + 1}号` : null,
          village_cadres: b.sector === '农村' ? '乡镇驻村工作组2人' : null,
          state: closed ? '已销号' : i % 2 ? '待销号' : '整顿中',
          closed_on: closed ? `${year - 1}-12-20` : null,
          review_note: closed ? '经乡镇党委验收，问题清单全部整改到位，同意销号' : null,
          closed_by: null,
          created_by: null,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const steps = closed ? 3 : 1 + (i % 2);
      for (let s = 0; s < steps; s++) {
        await trx
          .insertInto('os_weak_progress')
          .values({
            case_id: c.id,
            on_date: addMonths(designated, 2 * (s + 1)),
            note: [
              '召开专题组织生活会，查摆问题',
              '调整充实支部班子，完善议事规则',
              '问题清单整改完毕，申请验收',
            ][s]!,
            created_by: null,
            created_at: now,
          })
          .execute();
      }
    }
    progress(5, 6, 'grading');

    // ---------- last year's grading (一类/二类/三类), weak branches 三类.
    const gradings: Insertable<DB['os_gradings']>[] = [];
    for (const b of branches) {
      const rater = raterOf(b);
      if (!rater) continue;
      const roll = rng.next();
      const grade = weakIds.has(b.id) ? '三类' : roll < 0.35 ? '一类' : roll < 0.93 ? '二类' : '三类';
      gradings.push({
        org_id: b.id,
        org_path: b.path,
        rater_org_id: rater.id,
        year: year - 1,
        scheme: 'three-class',
        grade,
        evidence:
          grade === '一类'
            ? '班子健全，组织生活规范，作用发挥明显'
            : grade === '二类'
              ? '基本达到要求，个别方面需提高'
              : '存在突出问题，列入整顿转化',
        approved_on: `${year}-01-${String(10 + (b.id % 15)).padStart(2, '0')}`,
        approver_user_id: null,
        created_at: now,
      });
    }
    await insertAll(trx, 'os_gradings', gradings);

    await appendAudit(trx, ctx.ring, {
      at: now,
      action: 'orgsys.seed',
      result: 'ok',
      objectType: 'seed',
      detail: {
        units: unitRows.length,
        personUnits: personUnits.length,
        terms: termRows.length,
        approvals: approvals.length,
        weakCases: weak.length,
        gradings: gradings.length,
        lapsedCommittees: lapsed.map((b) => b.code),
        uncoveredUnits: uncovered.map((u) => u.name),
        unrecordedTerms: skipped.length,
      },
    });
  });
  progress(6, 6, 'done');
}
