// Demo data of the roster module (issue 4): runs after the base county is written. Fills the
// member profiles (人员身份, 工作单位, 籍贯, 学位, encrypted 家庭住址), and the cases a party
// worker must find: floating members (some away long enough that a transfer is due),
// 困难党员, 在职党员 registered with community branches, and transfers between townships in
// progress (one waiting for the 党委, one waiting for the receiver, one returned).
import type { Insertable } from 'kysely';
import { letterNumber } from '../../../core/roster/external-transfer.rules.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { addDays, addMonths, addYears, ageOn, daysBetween } from '../../../core/shared/dates.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import type { AppContext } from '../../context.ts';
import { encryptField } from '../../crypto/field-crypto.ts';
import type {
  RosterFloatingContactTable,
  RosterFloatingTable,
  RosterProfileTable,
  RosterTransferTable,
} from '../../db/tables/roster.tables.ts';
import type { ModuleSeedInput } from '../../seed/module-seed.ts';
import { Rng } from '../../seed/prng.ts';
import { ADDRESS_CONTEXT } from './roster.import.ts';

const CITIES = [
  '杭州市西湖区',
  '宁波市鄞州区',
  '上海市浦东新区',
  '苏州市工业园区',
  '深圳市南山区',
  '广州市天河区',
  '义乌市',
  '温州市鹿城区',
];
const PROVINCES = ['浙江丽水', '浙江温州', '浙江金华', '福建宁德', '江西上饶', '安徽黄山'];
const ROADS = ['解放路', '人民路', '中山路', '建设路', '新华街', '文化路', '丽阳街', '花园路'];

export async function seedRoster(ctx: AppContext, input: ModuleSeedInput): Promise<void> {
  const { today } = input;
  const rng = new Rng(`roster/${input.seed}`);
  const now = ctx.now().toISOString();
  const members = await ctx.db
    .selectFrom('memberships as m')
    .innerJoin('persons as p', 'p.id', 'm.person_id')
    .innerJoin('orgs as o', 'o.id', 'm.org_id')
    .select([
      'p.id',
      'p.name',
      'p.birth_date',
      'p.education',
      'm.org_id',
      'm.org_path',
      'o.sector',
      'o.name as org_name',
      'o.unit_names',
    ])
    .where('m.valid_from', '<=', today)
    .where((eb) => eb.or([eb('m.valid_to', 'is', null), eb('m.valid_to', '>', today)]))
    .orderBy('p.id')
    .execute();
  if (members.length === 0) return;
  const communities = await ctx.db
    .selectFrom('orgs')
    .select(['id', 'path'])
    .where('sector', '=', '社区')
    .where('kind', 'in', ['党支部', '联合党支部'])
    .where('status', '=', 'active')
    .orderBy('id')
    .execute();
  // 党小组 (issue 16): members of a branch that has groups are each assigned to one of them.
  const groupsOf = new Map<number, number[]>();
  for (const g of await ctx.db
    .selectFrom('orgs')
    .select(['id', 'parent_id'])
    .where('kind', '=', '党小组')
    .where('status', '=', 'active')
    .orderBy('id')
    .execute()) {
    if (g.parent_id === null) continue;
    groupsOf.set(Number(g.parent_id), [...(groupsOf.get(Number(g.parent_id)) ?? []), Number(g.id)]);
  }
  // Addresses are encrypted one by one: at city/province scale only a sample gets one.
  const addressShare = input.scale === 'county' ? 1 : 0.05;
  const profiles: Insertable<RosterProfileTable>[] = [];
  let floating = 0;
  let hardship = 0;
  let reported = 0;
  // One profile per person, whatever the scale: a person can hold more than one current
  // membership in the generated data (city scale), and the profile belongs to the person.
  const seen = new Set<number>();
  members.forEach((m, i) => {
    if (seen.has(Number(m.id))) return;
    seen.add(Number(m.id));
    const r = rng.fork(Number(m.id));
    const age = m.birth_date ? ageOn(m.birth_date, today) : 50;
    const sector = m.sector;
    const identity =
      age >= 60 && r.next() < 0.85
        ? '离退休人员'
        : sector === '农村'
          ? r.next() < 0.8
            ? '农牧渔民'
            : '个体工商户'
          : sector === '学校' && age < 24
            ? '学生'
            : sector === '社区'
              ? r.next() < 0.5
                ? '在岗职工'
                : '自由职业人员'
              : '在岗职工';
    const units = (JSON.parse(m.unit_names) as string[]).filter(Boolean);
    const workUnit =
      identity === '在岗职工' ? (units[0] ?? m.org_name.replace(/党(总)?支部|党委$/g, '')) : null;
    const degree =
      m.education === '研究生'
        ? r.next() < 0.2
          ? '博士'
          : '硕士'
        : m.education === '大学本科'
          ? '学士'
          : null;
    // Floating: working-age village members away from home.
    const isFloating = sector === '农村' && age >= 20 && age < 55 && r.next() < 0.04;
    const floatingSince = isFloating ? addMonths(today, -r.int(1, 30)) : null;
    const isHardship = (age >= 70 && r.next() < 0.06) || (sector === '农村' && r.next() < 0.01);
    const inService =
      identity === '在岗职工' && (sector === '机关' || sector === '事业单位' || sector === '国有企业');
    const community =
      inService && communities.length > 0 && r.next() < 0.6
        ? communities[r.int(0, communities.length - 1)]!
        : null;
    if (isFloating) floating++;
    if (isHardship) hardship++;
    if (community) reported++;
    profiles.push({
      person_id: Number(m.id),
      native_place: PROVINCES[r.int(0, PROVINCES.length - 1)]!,
      degree,
      work_unit: workUnit,
      post: workUnit ? ['科员', '教师', '医生', '技术员', '管理人员', '职员'][r.int(0, 5)]! : null,
      identity,
      address_enc:
        r.next() < addressShare || i < 50
          ? encryptField(ctx.ring, ADDRESS_CONTEXT, `${ROADS[r.int(0, ROADS.length - 1)]}${r.int(1, 300)}号`)
          : null,
      party_status: '正常',
      party_status_reason: null,
      party_status_on: null,
      floating: isFloating ? 1 : 0,
      floating_destination: isFloating ? CITIES[r.int(0, CITIES.length - 1)]! : null,
      floating_since: floatingSince,
      hardship: isHardship ? 1 : 0,
      community_report: community ? 1 : 0,
      community_org_id: community?.id ?? null,
      // A separate stream, so the other profile fields stay as they were before groups were assigned.
      ...(() => {
        const groups = groupsOf.get(Number(m.org_id));
        if (!groups || groups.length === 0) return { group_org_id: null, group_since: null };
        const g = rng.fork(`group:${Number(m.id)}`);
        return { group_org_id: groups[g.int(0, groups.length - 1)]!, group_since: null };
      })(),
      // Every row names every column: SQLite fills a column missing from one row of a
      // multi-row insert with NULL, not its default.
      graduated_on: null,
      graduate_retained: 0,
      updated_at: now,
    });
  });

  // Transfers between townships: members of a branch in one township to a branch in another.
  const branchesByTown = new Map<string, { id: number; path: string }[]>();
  const branches = await ctx.db
    .selectFrom('orgs')
    .select(['id', 'path', 'kind'])
    .where('kind', '=', '党支部')
    .where('status', '=', 'active')
    .orderBy('path')
    .execute();
  for (const b of branches) {
    const town = b.path.split('/').slice(0, 3).join('/') + '/';
    const list = branchesByTown.get(town) ?? [];
    list.push({ id: b.id, path: b.path });
    branchesByTown.set(town, list);
  }
  const towns = [...branchesByTown.keys()].filter((k) => k.split('/').length === 4);
  const transfers: Insertable<RosterTransferTable>[] = [];
  if (towns.length >= 2) {
    const [x, y] = [towns[0]!, towns[1]!];
    const from = members.filter((m) => m.org_path.startsWith(x)).slice(0, 3);
    const to = branchesByTown.get(y)![0]!;
    const states: Array<{ status: string; reached: number; approved: boolean; returnReason: string | null }> =
      [
        { status: 'pending_approval', reached: 0, approved: false, returnReason: null },
        { status: 'pending_acceptance', reached: 1, approved: true, returnReason: null },
        {
          status: 'returned',
          reached: 1,
          approved: true,
          returnReason: '介绍信信息与档案不符，请核实后重新办理',
        },
      ];
    from.forEach((m, k) => {
      const s = states[k]!;
      const at = new Date(Date.parse(now) - (10 - k) * 86_400_000).toISOString();
      transfers.push({
        person_id: Number(m.id),
        from_org_id: Number(m.org_id),
        from_org_path: m.org_path,
        to_org_id: to.id,
        to_org_path: to.path,
        approver_path: x,
        reached_receiver: s.reached,
        status: s.status,
        reason: ['工作调动', '居住地变更', '随迁家属'][k]!,
        return_reason: s.returnReason,
        initiated_by: '演示数据',
        initiated_at: at,
        approved_by: s.approved ? '演示数据' : null,
        approved_at: s.approved ? at : null,
        decided_by: s.returnReason ? '演示数据' : null,
        decided_at: s.returnReason ? at : null,
        effective_on: null,
        updated_at: at,
      });
    });
  }

  const { registrations, contacts } = floatingCases(members, profiles, today, now, rng.fork('floating'));
  const graduates = graduateCases(members, profiles, registrations, today, {
    maxYears: ruleValue<number>(ctx.config.rulebook, 'roster.graduate.maxYears', today),
    warnDays: ruleValue<number>(ctx.config.rulebook, 'roster.graduate.warnDays', today),
  });

  await ctx.db.transaction().execute(async (trx) => {
    for (let i = 0; i < profiles.length; i += 500) {
      // Idempotent per person: a profile written earlier (e.g. by another module's fixture) stays.
      await trx
        .insertInto('roster_profiles')
        .values(profiles.slice(i, i + 500))
        .onConflict((oc) => oc.column('person_id').doNothing())
        .execute();
      input.onProgress?.(Math.min(i + 500, profiles.length), profiles.length, 'roster profiles');
    }
    if (transfers.length > 0) await trx.insertInto('roster_transfers').values(transfers).execute();
    // Transfers out of the system: one letter whose 回执 never came back (overdue: the bad case),
    // one completed (slip returned, membership ended); one member received from outside.
    // Never a post holder or an account holder: their records stay whole for the other modules.
    const holders = await trx
      .selectFrom('positions')
      .select('person_id')
      .where('valid_to', 'is', null)
      .execute();
    const accounts = await trx
      .selectFrom('users')
      .select('person_id')
      .where('person_id', 'is not', null)
      .execute();
    const used = new Set<number | null | undefined>([
      ...transfers.map((x) => x.person_id),
      ...registrations.map((r) => r.person_id),
      ...graduates,
      ...holders.map((h) => Number(h.person_id)),
      ...accounts.map((u) => Number(u.person_id)),
    ]);
    const leaving = members.filter((m) => !used.has(Number(m.id))).slice(-2);
    for (const [k, m] of leaving.entries()) {
      const issued = addMonths(today, k === 0 ? -3 : -2);
      const returned = k === 1 ? addMonths(today, -1) : null;
      const { id } = await trx
        .insertInto('roster_external_transfers')
        .values({
          direction: 'out',
          person_id: Number(m.id),
          person_name: m.name,
          org_id: m.org_id,
          org_path: m.org_path,
          other_org_name: k === 0 ? '上海市浦东新区某街道党工委' : '广东省深圳市某企业党委',
          letter_number: null,
          reason: k === 0 ? '工作调动' : '随迁家属',
          issued_on: issued,
          valid_until: addDays(issued, 30),
          slip_returned_on: returned,
          status: returned ? 'completed' : 'letter_issued',
          created_by: '演示数据',
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .updateTable('roster_external_transfers')
        .set({ letter_number: letterNumber(issued, Number(id)) })
        .where('id', '=', Number(id))
        .execute();
      if (returned) {
        await trx
          .updateTable('memberships')
          .set({ valid_to: returned })
          .where('person_id', '=', Number(m.id))
          .where('valid_to', 'is', null)
          .execute();
      }
    }
    const receiver = members[0];
    if (receiver) {
      await trx
        .insertInto('roster_external_transfers')
        .values({
          direction: 'in',
          person_id: null,
          person_name: '周立新',
          org_id: receiver.org_id,
          org_path: receiver.org_path,
          other_org_name: '江西省上饶市某乡党委',
          letter_number: '赣饶组转字第0317号',
          reason: null,
          issued_on: addMonths(today, -1),
          valid_until: null,
          slip_returned_on: null,
          status: 'completed',
          created_by: '演示数据',
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    // Members' own transfer requests: one open to another branch of the system, one open to a
    // unit outside it, one declined with the branch's reason (the member sees it on /roster/me).
    const gone = new Set(leaving.map((m) => Number(m.id)));
    const askers = members.filter((m) => !used.has(Number(m.id)) && !gone.has(Number(m.id))).slice(0, 3);
    const target = askers[0] ? members.find((m) => m.org_id !== askers[0]!.org_id) : undefined;
    for (const [k, m] of askers.entries()) {
      if (k === 0 && !target) continue;
      const filed = addDays(today, -(k + 2));
      await trx
        .insertInto('roster_transfer_requests')
        .values({
          person_id: Number(m.id),
          org_id: m.org_id,
          org_path: m.org_path,
          destination_kind: k === 0 ? 'in_system' : 'outside',
          to_org_id: k === 0 ? target!.org_id : null,
          outside_org_name:
            k === 0 ? null : k === 1 ? '浙江省杭州市某科技公司党支部' : '江苏省苏州市某街道党工委',
          reason: ['家庭搬迁，就近参加组织生活', '到杭州工作，已与接收单位联系', '随配偶迁居苏州'][k]!,
          status: k === 2 ? 'declined' : 'open',
          decline_reason: k === 2 ? '请先提供接收党组织的名称与联系方式，再重新申请' : null,
          transfer_id: null,
          external_id: null,
          requested_by: '演示数据',
          created_at: `${filed}T01:00:00.000Z`,
          decided_by: k === 2 ? '演示数据' : null,
          decided_at: k === 2 ? now : null,
          updated_at: now,
        })
        .execute();
    }
    // 在职党员到社区报到: the reported in-service members (capped) with the year's volunteer hours;
    // the second one has served only last year (no service this year: the case to follow up); the
    // third one ended two months ago (报到结束: moved house), so its member record no longer reports.
    const communityPath = new Map(communities.map((c) => [Number(c.id), c.path]));
    const homeOf = new Map(members.map((m) => [Number(m.id), m]));
    const reporting = profiles.filter((x) => x.community_report === 1 && x.community_org_id).slice(0, 40);
    const srng = rng.fork('community');
    const year = today.slice(0, 4);
    const ACTIVITIES = [
      '垃圾分类宣传',
      '关爱独居老人',
      '社区环境整治',
      '文明交通劝导',
      '义务理发',
      '政策宣讲',
    ];
    let services = 0;
    for (const [k, x] of reporting.entries()) {
      const m = homeOf.get(Number(x.person_id));
      const cpath = communityPath.get(Number(x.community_org_id));
      if (!m || !cpath) continue;
      const registeredOn = addMonths(today, -srng.int(12, 24));
      const endedOn = k === 2 ? addMonths(today, -2) : null;
      const { id } = await trx
        .insertInto('roster_community_registrations')
        .values({
          person_id: Number(m.id),
          home_org_id: m.org_id,
          home_org_path: m.org_path,
          community_org_id: Number(x.community_org_id),
          community_org_path: cpath,
          registered_on: registeredOn,
          ended_on: endedOn,
          end_reason: endedOn ? '搬家，迁居其他社区' : null,
          ended_by: endedOn ? '演示数据' : null,
          ended_at: endedOn ? now : null,
          created_by: '演示数据',
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (endedOn) {
        await trx
          .updateTable('roster_profiles')
          .set({ community_report: 0, community_org_id: null })
          .where('person_id', '=', Number(m.id))
          .execute();
        reported--;
      }
      const rows = [];
      const n = k === 1 ? 1 : srng.int(2, 6);
      for (let i = 0; i < n; i++) {
        // k = 1: last year only
        const servedOn = k === 1 ? addMonths(today, -13) : addDays(today, -srng.int(0, 300));
        if (servedOn < registeredOn || (k !== 1 && !servedOn.startsWith(year))) continue;
        if (endedOn && servedOn > endedOn) continue;
        rows.push({
          registration_id: Number(id),
          served_on: servedOn,
          activity: ACTIVITIES[srng.int(0, ACTIVITIES.length - 1)]!,
          half_hours: srng.int(1, 8),
          recorded_by: '演示数据',
          created_at: now,
        });
      }
      if (rows.length > 0) await trx.insertInto('roster_volunteer_services').values(rows).execute();
      services += rows.length;
    }
    for (const [k, reg] of registrations.entries()) {
      const { id } = await trx
        .insertInto('roster_floating')
        .values(reg)
        .returning('id')
        .executeTakeFirstOrThrow();
      const own = contacts
        .filter((c) => c.registration === k)
        .map(({ registration: _r, ...c }) => ({ ...c, floating_id: Number(id) }));
      if (own.length > 0) await trx.insertInto('roster_floating_contacts').values(own).execute();
    }
    await appendAudit(trx, ctx.ring, {
      at: now,
      action: 'roster.seed',
      result: 'ok',
      actorUsername: 'seed',
      objectType: 'roster',
      detail: {
        profiles: profiles.length,
        floating,
        hardship,
        communityReported: reported,
        transfers: transfers.length,
        floatingRegistrations: registrations.length,
        retainedGraduates: graduates.length,
        transferRequests: askers.length,
        communityRegistrations: reporting.length,
        volunteerServices: services,
      },
    });
  });
}

const ABROAD = ['英国伦敦', '美国波士顿', '德国慕尼黑', '日本东京', '新加坡', '澳大利亚悉尼'];
const METHODS = ['电话', '微信', '视频'] as const;

/**
 * 流动党员 registrations for the floating profiles (domestic out-flow), a few members abroad for
 * study (one of them with an overdue contact: the bad case a worker must find), and in-flow
 * members from outside registered with community branches. Capped so that city scale stays cheap.
 */
function floatingCases(
  members: ReadonlyArray<{
    id: number;
    name: string;
    birth_date: string | null;
    education: string | null;
    org_id: number;
    org_path: string;
    sector: string;
  }>,
  profiles: ReadonlyArray<Insertable<RosterProfileTable>>,
  today: string,
  now: string,
  rng: Rng,
) {
  const byId = new Map(members.map((m) => [Number(m.id), m]));
  const registrations: Insertable<RosterFloatingTable>[] = [];
  const contacts: Array<
    Omit<Insertable<RosterFloatingContactTable>, 'floating_id'> & { registration: number }
  > = [];
  const base = { origin: null, ended_on: null, created_by: '演示数据', created_at: now, updated_at: now };
  for (const p of profiles.filter((x) => x.floating === 1).slice(0, 300)) {
    const m = byId.get(p.person_id)!;
    registrations.push({
      ...base,
      person_id: p.person_id,
      person_name: m.name,
      org_id: m.org_id,
      org_path: m.org_path,
      direction: 'out',
      kind: 'domestic',
      destination: p.floating_destination!,
      since: p.floating_since!,
    });
    if (rng.next() < 0.5) {
      contacts.push({
        registration: registrations.length - 1,
        contacted_on: addMonths(today, -rng.int(0, 5)),
        method: METHODS[rng.int(0, 2)]!,
        note: '了解务工情况，提醒按时交纳党费',
        joined_local_life: rng.next() < 0.4 ? 1 : 0,
        recorded_by: '演示数据',
        created_at: now,
      });
    }
  }
  const floatingIds = new Set(registrations.map((r) => r.person_id));
  const young = members.filter(
    (m) =>
      !floatingIds.has(Number(m.id)) &&
      m.birth_date &&
      ageOn(m.birth_date, today) < 30 &&
      (m.education === '研究生' || m.education === '大学本科'),
  );
  young.slice(0, 6).forEach((m, k) => {
    // k = 0: abroad 11 months, last contacted 8 months ago → contact overdue (bad case)
    const since = addMonths(today, -(k === 0 ? 11 : 3 + k));
    registrations.push({
      ...base,
      person_id: Number(m.id),
      person_name: m.name,
      org_id: m.org_id,
      org_path: m.org_path,
      direction: 'out',
      kind: 'abroad_study',
      destination: ABROAD[k % ABROAD.length]!,
      since,
    });
    const last = k === 0 ? addMonths(today, -8) : addMonths(today, -rng.int(0, 2));
    contacts.push({
      registration: registrations.length - 1,
      contacted_on: last > since ? last : since,
      method: '视频',
      note: '学业进展顺利，参加当地党员学习小组',
      joined_local_life: k === 0 ? 0 : 1,
      recorded_by: '演示数据',
      created_at: now,
    });
  });
  const community = members.find((m) => m.sector === '社区');
  if (community) {
    ['江西上饶某村党支部', '安徽黄山某社区党支部'].forEach((origin, k) => {
      registrations.push({
        ...base,
        person_id: null,
        person_name: ['刘建军', '方晓燕'][k]!,
        org_id: community.org_id,
        org_path: community.org_path,
        direction: 'in',
        kind: 'domestic',
        destination: '本社区',
        origin,
        since: addMonths(today, -(4 + k)),
      });
    });
  }
  return { registrations, contacts };
}

/**
 * 毕业生党员组织关系暂留: the youngest members of school branches (学生 first; any branch when the
 * county has too few) become graduates without a work unit whose relationship stays at the
 * branch. Dated from the seed's today by days left to the deadline (roster.graduate.maxYears):
 * two 已超期 (the bad case the list must find), one 即将到期 (within warnDays), two 正常.
 * Mutates their profiles; returns their person ids.
 */
function graduateCases(
  members: ReadonlyArray<{ id: number; birth_date: string | null; sector: string }>,
  profiles: Array<Insertable<RosterProfileTable>>,
  registrations: ReadonlyArray<Insertable<RosterFloatingTable>>,
  today: string,
  rules: { maxYears: number; warnDays: number },
): number[] {
  const busy = new Set(registrations.map((r) => r.person_id));
  const profileOf = new Map(profiles.map((p) => [p.person_id, p]));
  const young = members.filter(
    (m) =>
      m.birth_date !== null &&
      ageOn(m.birth_date, today) >= 22 &&
      ageOn(m.birth_date, today) < 30 &&
      !busy.has(Number(m.id)) &&
      profileOf.get(Number(m.id))?.floating === 0,
  );
  const order = (list: typeof young) =>
    [...list].sort(
      (a, b) =>
        Number(profileOf.get(Number(b.id))?.identity === '学生') -
          Number(profileOf.get(Number(a.id))?.identity === '学生') ||
        b.birth_date!.localeCompare(a.birth_date!) ||
        Number(a.id) - Number(b.id),
    );
  const school = young.filter((m) => m.sector === '学校');
  const picked: typeof young = [];
  for (const m of school.length >= 5 ? order(school) : [...order(school), ...order(young)]) {
    if (picked.length === 5) break;
    if (!picked.some((x) => x.id === m.id)) picked.push(m);
  }
  // The span of the limit in days, so every case graduates before today whatever the rulebook says.
  const span = daysBetween(addYears(today, -rules.maxYears), today);
  const daysLeft = [
    -45,
    -160,
    Math.floor(rules.warnDays / 3),
    Math.floor(span * 0.4),
    Math.floor(span * 0.75),
  ];
  return picked.map((m, k) => {
    const p = profileOf.get(Number(m.id))!;
    p.graduated_on = addYears(addDays(today, daysLeft[k]!), -rules.maxYears);
    p.graduate_retained = 1;
    p.identity = '其他';
    p.work_unit = null;
    p.post = null;
    return Number(m.id);
  });
}
