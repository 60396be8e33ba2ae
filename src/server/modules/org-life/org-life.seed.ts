// Demo data of the org-life module (issue 5): three years of meetings for every branch of the
// demo county up to `today`, with realistic gaps (weak branches missing months and quarters),
// late records, low attendance, short or missing minutes, and a few copied minutes.
// The attendance ledger is written for the last 12 months only (older meetings keep their
// counts on the meeting row): ~1M ledger rows for three years would triple the seed time.
// City scale (benchmarks, ~20× the county) keeps the same shape over a shorter history: one
// year of meetings, the ledger for the last month and minutes fingerprints for the last
// quarter, so it seeds in bounded time. Province scale has no org-life demo data.
import { sql } from 'kysely';
import { COMPLIANCE_TYPES, TYPE_SPECS, type MeetingType } from '../../../core/org-life/meeting-types.ts';
import { countAttendance } from '../../../core/org-life/quality.ts';
import {
  jaccard,
  lshBuckets,
  minhash,
  normalise,
  shingles,
  shinglesOfNormalised,
  similarityText,
} from '../../../core/org-life/similarity.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { addDays, addMonths, daysBetween } from '../../../core/shared/dates.ts';
import { requiredTalkPairs, type TalkPairRule } from '../../../core/org-life/talk-coverage.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import type { AppContext } from '../../context.ts';
import type { ModuleSeedInput } from '../../seed/module-seed.ts';
import { Rng } from '../../seed/prng.ts';
import type { Insertable } from 'kysely';
import type {
  LifeAttendanceTable,
  LifeMeetingTable,
  LifeMinutesBandTable,
  LifeMinutesPairTable,
  LifeNotificationTable,
  LifeTalkTable,
} from '../../db/tables/org-life.tables.ts';
import { findingRowsOf, rebuildCompliance, OBLIGED_KINDS } from './org-life.compliance.ts';
import { seedPlans } from './org-life.plans-seed.ts';
import { bulkInsert } from './org-life.repository.ts';
import { minutesFor, nearCopy } from './org-life.seed-text.ts';

const pad = (n: number) => String(n).padStart(2, '0');

interface SeedOrg {
  id: number;
  name: string;
  kind: string;
  path: string;
  established_on: string | null;
  members: number[];
  committee: number[];
  seats: Array<{ personId: number; post: string }>;
  full: number;
}

type Diligence = 'good' | 'patchy' | 'weak';

/** Demo data of the org-life module (issue 5): runs after the base county is written. */
export async function seedOrgLife(ctx: AppContext, input: ModuleSeedInput): Promise<void> {
  if (input.scale === 'province') return;
  const city = input.scale === 'city';
  const historyMonths = city ? 12 : 36;
  const { today } = input;
  const rng = new Rng(`org-life/${input.seed}`);
  const book = ctx.config.rulebook;
  const now = ctx.now().toISOString();
  input.onProgress?.(0, 4, '读取组织和党员');

  const orgRows = await ctx.db
    .selectFrom('orgs')
    .select(['id', 'name', 'kind', 'path', 'established_on'])
    .where('kind', 'in', OBLIGED_KINDS)
    .where('status', '=', 'active')
    .orderBy('path')
    .execute();
  const memberRows = await ctx.db
    .selectFrom('memberships')
    .select(['org_id', 'person_id', 'category'])
    .where('valid_to', 'is', null)
    .orderBy('person_id')
    .execute();
  const positionRows = await ctx.db
    .selectFrom('positions')
    .select(['org_id', 'person_id', 'post'])
    .where('valid_to', 'is', null)
    .orderBy('person_id')
    .execute();
  const orgs = new Map<number, SeedOrg>(
    orgRows.map((o) => [o.id, { ...o, members: [], committee: [], seats: [], full: 0 }]),
  );
  for (const m of memberRows) {
    const o = orgs.get(m.org_id);
    if (!o) continue;
    o.members.push(m.person_id);
    if (m.category === '正式党员') o.full++;
  }
  for (const p of positionRows) {
    const o = orgs.get(p.org_id);
    if (o && !o.committee.includes(p.person_id)) o.committee.push(p.person_id);
    if (o) o.seats.push({ personId: p.person_id, post: p.post });
  }
  const committeeFrom = ruleValue<number>(book, 'org.branch.committeeFromFullMembers', today);
  const minRatio =
    ruleValue<Record<string, number>>(book, 'orgLife.attendance.minRatio', today)['支部党员大会'] ?? 2 / 3;

  const startMonth = addMonths(today.slice(0, 7) + '-01', -(historyMonths - 1));
  const ledgerFrom = addMonths(today, city ? -1 : -12);
  const fingerprintFrom = city ? addMonths(today, -3) : '';
  const maxId = Number(
    (
      await ctx.db
        .selectFrom('life_meetings')
        .select(sql<number>`coalesce(max(id), 0)`.as('m'))
        .executeTakeFirstOrThrow()
    ).m,
  );
  let nextId = maxId + 1;

  const meetings: Insertable<LifeMeetingTable>[] = [];
  const ledger: Insertable<LifeAttendanceTable>[] = [];
  const notifications: Insertable<LifeNotificationTable>[] = [];
  const texts: Array<{ id: number; path: string; heldOn: string; text: string }> = [];
  const byKey = new Map<
    number,
    { orgName: string; type: string; heldOn: string; minutes: string; orgId: number }
  >();

  const add = (o: SeedOrg, type: MeetingType, heldOn: string, diligence: Diligence, r: Rng) => {
    if (o.established_on && o.established_on > heldOn) return;
    const attendees =
      TYPE_SPECS[type].attendees === 'committee' || TYPE_SPECS[type].attendees === 'leaders'
        ? o.committee
        : o.members;
    if (attendees.length === 0) return;
    const id = nextId++;
    const scheduled = heldOn > today;
    const expected = attendees.length;
    const low = type === '支部党员大会' && r.chance(diligence === 'weak' ? 0.3 : 0.05);
    const ratio = low ? 0.35 + r.next() * (minRatio - 0.4) : 0.75 + r.next() * 0.25;
    const statuses: Array<'出席' | '请假' | '缺席' | '待签到'> = attendees.map((_, i) =>
      scheduled ? '待签到' : i < Math.round(expected * ratio) ? '出席' : r.chance(0.6) ? '请假' : '缺席',
    );
    const shuffled = r.shuffle(statuses);
    const c = countAttendance(shuffled);
    let minutes: string | null = null;
    if (!scheduled) {
      const roll = r.next();
      minutes =
        roll < (diligence === 'weak' ? 0.06 : 0.01)
          ? ''
          : roll < (diligence === 'weak' ? 0.15 : 0.03)
            ? '学习了上级文件，讨论了近期工作。'
            : minutesFor(r, type, o.name, heldOn);
    }
    const late = !scheduled && r.chance(diligence === 'good' ? 0.01 : 0.08);
    let recordedOn =
      scheduled || !minutes ? null : late ? addDays(heldOn, r.int(31, 75)) : addDays(heldOn, r.int(0, 6));
    if (recordedOn && recordedOn > today) recordedOn = today;
    const createdAt = addDays(heldOn, -r.int(3, 10)) + 'T01:00:00.000Z';
    meetings.push({
      id,
      org_id: o.id,
      org_path: o.path,
      type,
      title: `${Number(heldOn.slice(5, 7))}月${type}`,
      held_on: heldOn,
      start_time: type === '主题党日' ? '09:00' : '14:30',
      place: o.kind === '党支部' ? '党员活动室' : '会议室',
      status: scheduled ? 'scheduled' : 'held',
      series_id: null,
      agenda: scheduled
        ? '一、集中学习；二、讨论本月工作；三、其他事项'
        : '一、学习；二、研究工作；三、部署任务',
      minutes,
      resolutions: null,
      speaker: type === '党课' ? '支部书记' : null,
      topic: type === '党课' ? '做合格党员' : null,
      minutes_chars: minutes ? [...minutes.replace(/\s+/g, '')].length : 0,
      recorded_on: recordedOn,
      expected_count: scheduled ? expected : c.expected,
      present_count: c.present,
      leave_count: c.leave,
      absent_count: scheduled ? expected : c.absent,
      excluded_count: 0,
      created_by: null,
      created_at: createdAt,
      updated_at: recordedOn ? recordedOn + 'T08:00:00.000Z' : createdAt,
    });
    if (heldOn >= ledgerFrom) {
      attendees.forEach((personId, i) => {
        const s = shuffled[i]!;
        ledger.push({
          meeting_id: id,
          person_id: personId,
          org_path: o.path,
          status: s,
          exclusion: null,
          method: s === '出席' ? (r.chance(0.7) ? 'qr' : 'organiser') : null,
          reason: s === '请假' ? '外出务工' : null,
          signed_at: s === '出席' ? heldOn + 'T01:05:00.000Z' : null,
          recorded_by: null,
        });
      });
    }
    if (scheduled) {
      for (const personId of attendees) {
        notifications.push({
          person_id: personId,
          org_path: o.path,
          meeting_id: id,
          title: `会议通知：${Number(heldOn.slice(5, 7))}月${type}`,
          body: `${o.name}定于${heldOn}召开${type}，请准时参加。`,
          created_at: now,
          read_at: null,
          digested_on: null,
        });
      }
    }
    if (minutes) {
      texts.push({ id, path: o.path, heldOn, text: minutes });
      byKey.set(id, { orgName: o.name, type, heldOn, minutes, orgId: o.id });
    }
  };

  input.onProgress?.(1, 4, '生成会议');
  const branchList = [...orgs.values()];
  const diligenceOf = new Map<number, Diligence>();
  for (const o of branchList) {
    const r = rng.fork(`org:${o.id}`);
    const diligence: Diligence = r.weighted([
      ['good', 70],
      ['patchy', 22],
      ['weak', 8],
    ] as const);
    diligenceOf.set(o.id, diligence);
    const skip = diligence === 'good' ? 0.03 : diligence === 'patchy' ? 0.2 : 0.5;
    const fixedDay = r.int(5, 25);
    const isBranch = TYPE_SPECS['主题党日'].orgKinds.includes(o.kind);
    for (let i = 0; i < historyMonths; i++) {
      const month = addMonths(startMonth, i).slice(0, 7);
      const m = Number(month.slice(5, 7));
      const day = (d: number) => `${month}-${pad(Math.min(d, 28))}`;
      const withinHorizon = (d: string) => d <= addDays(today, 20);
      if (isBranch) {
        const themeDay = day(fixedDay);
        if (withinHorizon(themeDay) && (themeDay > today || !r.chance(skip)))
          add(o, '主题党日', themeDay, diligence, r);
        if (o.full >= committeeFrom) {
          const d = day(fixedDay - 3 > 0 ? fixedDay - 3 : 2);
          if (withinHorizon(d) && d <= today && !r.chance(skip)) add(o, '支部委员会会议', d, diligence, r);
        }
        if (m % 3 === 2) {
          // Patchy and weak branches miss whole quarters of 党员大会 and 党课.
          const d = day(r.int(8, 26));
          if (d <= today && !r.chance(skip * 1.2)) add(o, '支部党员大会', d, diligence, r);
          const l = day(r.int(8, 26));
          if (l <= today && !r.chance(skip * 1.2)) add(o, '党课', l, diligence, r);
        }
        if (m === 12) {
          const d = day(r.int(10, 28));
          if (d <= today && !r.chance(skip)) add(o, '组织生活会', d, diligence, r);
        }
      } else if (m === 12 && COMPLIANCE_TYPES.includes('民主生活会')) {
        const d = day(r.int(15, 28));
        if (d <= today && !r.chance(skip)) add(o, '民主生活会', d, diligence, r);
      }
    }
  }

  // Copied minutes: two branches share identical or near-identical records, and one branch
  // reuses its own record a year later. The pairs go into the audit row for the record.
  const copies: Array<[number, number]> = [];
  const recent = texts.filter(
    (t) => t.heldOn >= ledgerFrom && t.heldOn <= today && normalise(t.text).length > 80,
  );
  const cr = rng.fork('copies');
  const used = new Set<number>();
  const pickRecent = () => {
    for (;;) {
      const t = cr.pick(recent);
      if (!used.has(t.id)) {
        used.add(t.id);
        return t;
      }
    }
  };
  for (let k = 0; k < 4 && recent.length > 20; k++) {
    const src = pickRecent();
    const dst = pickRecent();
    const s = byKey.get(src.id)!;
    const d = byKey.get(dst.id)!;
    if (s.orgId === d.orgId) continue;
    const text = k === 0 ? s.minutes : nearCopy(s.minutes, s.orgName, d.orgName, s.heldOn, d.heldOn);
    dst.text = text;
    const row = meetings.find((m) => m.id === dst.id)!;
    row.minutes = text;
    row.minutes_chars = [...text.replace(/\s+/g, '')].length;
    copies.push([src.id, dst.id]);
  }
  // A branch reusing its own record of a year before (the city keeps no fingerprints that old).
  if (!city) {
    const src = pickRecent();
    const s = byKey.get(src.id)!;
    const earlier = texts.find(
      (t) =>
        t.id !== src.id &&
        byKey.get(t.id)!.orgId === s.orgId &&
        byKey.get(t.id)!.type === s.type &&
        t.heldOn < addMonths(src.heldOn, -6) &&
        !used.has(t.id),
    );
    if (earlier) {
      const text = nearCopy(earlier.text, s.orgName, s.orgName, earlier.heldOn, src.heldOn);
      src.text = text;
      const row = meetings.find((m) => m.id === src.id)!;
      row.minutes = text;
      row.minutes_chars = [...text.replace(/\s+/g, '')].length;
      copies.push([earlier.id, src.id]);
    }
  }

  // 谈心谈话 this year: diligent branches cover most required pairs, weak ones few (the
  // coverage page then shows realistic gaps). Its own random stream: the meetings are unchanged.
  const talks: Insertable<LifeTalkTable>[] = [];
  if (!city) {
    const talkRule = ruleValue<TalkPairRule>(book, 'orgLife.talks.pairs', today.slice(0, 4) + '-01-01');
    const yearStart = today.slice(0, 4) + '-01-01';
    const days = Math.max(1, daysBetween(yearStart, today) + 1);
    const topics = [
      '谈思想状况和工作打算',
      '谈履行党员义务情况',
      '谈家庭困难和组织帮扶',
      '谈支部工作意见建议',
      '谈学习体会和岗位承诺',
    ];
    for (const o of branchList) {
      if (!TYPE_SPECS['谈心谈话'].orgKinds.includes(o.kind)) continue;
      const r = rng.fork(`talks:${o.id}`);
      const share = { good: 0.9, patchy: 0.5, weak: 0.1 }[diligenceOf.get(o.id) ?? 'good'];
      const pairs = requiredTalkPairs(
        talkRule,
        o.seats.map((x) => ({ ...x, name: '' })),
        o.members.map((personId) => ({ personId, name: '' })),
      );
      for (const p of pairs) {
        if (!r.chance(share)) continue;
        const [talker, talkee] = r.chance(0.5) ? [p.a.personId, p.b.personId] : [p.b.personId, p.a.personId];
        const heldOn = addDays(yearStart, r.int(0, days - 1));
        talks.push({
          org_id: o.id,
          org_path: o.path,
          talker_person_id: talker,
          talkee_person_id: talkee,
          held_on: heldOn,
          topic: r.pick(topics),
          follow_up: r.chance(0.2) ? '已向支部反映，跟进落实' : null,
          created_by: null,
          created_at: heldOn + 'T08:00:00.000Z',
        });
      }
    }
  }

  // 党小组会 (issue 16): each 党小组 with members assigned by the roster holds its own monthly
  // meeting. Most groups keep it up; some skip months, so their branch shows 未达标 for 党小组会
  // (and the month under way 进行中). Own random streams: the meetings above are unchanged.
  const groupRows = await ctx.db
    .selectFrom('orgs as g')
    .innerJoin('roster_profiles as rp', 'rp.group_org_id', 'g.id')
    .innerJoin('memberships as m', (j) =>
      j.onRef('m.person_id', '=', 'rp.person_id').onRef('m.org_id', '=', 'g.parent_id'),
    )
    .select(['g.id', 'g.name', 'g.kind', 'g.path', 'g.established_on', 'g.parent_id', 'm.person_id'])
    .where('g.kind', '=', '党小组')
    .where('g.status', '=', 'active')
    .where('m.valid_to', 'is', null)
    .orderBy('g.path')
    .orderBy('m.person_id')
    .execute();
  const groups = new Map<number, SeedOrg>();
  for (const g of groupRows) {
    const o =
      groups.get(g.id) ??
      ({ id: g.id, name: g.name, kind: g.kind, path: g.path, established_on: g.established_on, members: [], committee: [], seats: [], full: 0 } as SeedOrg);
    o.members.push(g.person_id);
    groups.set(g.id, o);
  }
  const parentOf = new Map(groupRows.map((g) => [g.id, Number(g.parent_id)]));
  for (const g of groups.values()) {
    const r = rng.fork(`group:${g.id}`);
    // Diligence is the branch's: in a diligent branch every group keeps it up (达标), elsewhere
    // some groups skip months (未达标) — the demo shows both.
    const diligence: Diligence = rng.fork(`groups-of:${parentOf.get(g.id)}`).weighted([
      ['good', 60],
      ['patchy', 30],
      ['weak', 10],
    ] as const);
    const skip = diligence === 'good' ? 0 : diligence === 'patchy' ? 0.3 : 0.6;
    const fixedDay = r.int(3, 26);
    for (let i = 0; i < historyMonths; i++) {
      const month = addMonths(startMonth, i).slice(0, 7);
      const d = `${month}-${pad(Math.min(fixedDay, 28))}`;
      if (d > addDays(today, 20)) continue;
      if (d > today || !r.chance(skip)) add(g, '党小组会', d, diligence, r);
    }
  }

  input.onProgress?.(2, 4, '计算记录指纹');
  const bands: Insertable<LifeMinutesBandTable>[] = [];
  // Shingle sets are rebuilt only for the few candidates: keeping 30k sets alive costs more in GC.
  const sets = new Map<number, Set<number>>();
  const setOf = (id: number) => {
    let set = sets.get(id);
    if (!set) sets.set(id, (set = shingles(similarityText(info.get(id)!.text, byKey.get(id)!.orgName))));
    return set;
  };
  const buckets = new Map<string, number[]>();
  const info = new Map(texts.map((t) => [t.id, t]));
  for (const t of texts) {
    if (t.heldOn < fingerprintFrom) continue;
    const text = similarityText(t.text, byKey.get(t.id)!.orgName);
    const norm = normalise(text);
    if (norm.length < 20) continue;
    lshBuckets(minhash(shinglesOfNormalised(norm))).forEach((bucket, band) => {
      bands.push({ meeting_id: t.id, band, bucket });
      const key = band + bucket;
      const list = buckets.get(key);
      if (list) list.push(t.id);
      else buckets.set(key, [t.id]);
    });
  }
  const threshold = ruleValue<number>(book, 'orgLife.similarity.threshold', today);
  const pairs: Insertable<LifeMinutesPairTable>[] = [];
  const checked = new Set<string>();
  for (const ids of buckets.values()) {
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const key = ids[i]! < ids[j]! ? `${ids[i]}-${ids[j]}` : `${ids[j]}-${ids[i]}`;
        if (checked.has(key)) continue;
        checked.add(key);
        const sim = jaccard(setOf(ids[i]!), setOf(ids[j]!));
        if (sim < threshold) continue;
        const a = info.get(ids[i]!)!;
        const b = info.get(ids[j]!)!;
        pairs.push({
          meeting_id: a.id,
          other_meeting_id: b.id,
          org_path: a.path,
          held_on: a.heldOn,
          other_org_path: b.path,
          similarity: sim,
        });
        pairs.push({
          meeting_id: b.id,
          other_meeting_id: a.id,
          org_path: b.path,
          held_on: b.heldOn,
          other_org_path: a.path,
          similarity: sim,
        });
      }
    }
  }

  input.onProgress?.(3, 4, '写入会议');
  await ctx.db.transaction().execute(async (trx) => {
    await bulkInsert(trx, ctx.engine, 'life_meetings', meetings);
    await bulkInsert(trx, ctx.engine, 'life_attendance', ledger);
    await bulkInsert(trx, ctx.engine, 'life_minutes_bands', bands);
    await bulkInsert(trx, ctx.engine, 'life_minutes_pairs', pairs);
    // Quality findings, as the record and attendance writes store them.
    await bulkInsert(
      trx,
      ctx.engine,
      'life_findings',
      meetings.flatMap((m) => findingRowsOf(ctx, m as Parameters<typeof findingRowsOf>[1])),
    );
    await bulkInsert(trx, ctx.engine, 'life_notifications', notifications);
    await bulkInsert(trx, ctx.engine, 'life_talks', talks);
    if (ctx.engine === 'postgres') {
      await sql`select setval(pg_get_serial_sequence('life_meetings', 'id'), (select max(id) from life_meetings))`.execute(
        trx,
      );
    }
    const rebuilt = await rebuildCompliance(ctx, trx);
    await appendAudit(trx, ctx.ring, {
      at: now,
      action: 'life.seed',
      result: 'ok',
      actorUsername: 'seed',
      objectType: 'life_meeting',
      detail: {
        meetings: meetings.length,
        similarPairs: pairs.length / 2,
        candidatePairs: checked.size,
        ledger: ledger.length,
        notifications: notifications.length,
        talks: talks.length,
        complianceRows: rebuilt.rows,
        seededCopies: copies,
        ledgerFrom,
      },
    });
  });
  await seedPlans(ctx, input);
  input.onProgress?.(4, 4, '完成');
}
