// Demo data of the roster module (issue 4): runs after the base county is written. Fills the
// member profiles (人员身份, 工作单位, 籍贯, 学位, encrypted 家庭住址), and the cases a party
// worker must find: floating members (some away long enough that a transfer is due),
// 困难党员, 在职党员 registered with community branches, and transfers between townships in
// progress (one waiting for the 党委, one waiting for the receiver, one returned).
import type { Insertable } from 'kysely';
import { addMonths, ageOn } from '../../../core/shared/dates.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import type { AppContext } from '../../context.ts';
import { encryptField } from '../../crypto/field-crypto.ts';
import type { RosterProfileTable, RosterTransferTable } from '../../db/tables/roster.tables.ts';
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
      group_org_id: null,
      group_since: null,
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
      },
    });
  });
}
