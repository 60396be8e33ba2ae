// Org-life compliance: reading and reporting compliance of a subtree.
import type { Kysely, Transaction } from 'kysely';
import {
  applies,
  compliancePlan,
  evaluateCompliance,
  evaluatePlanned,
  groupHeld,
  STATUS_FAIL,
  STATUS_OPEN,
  typeUnit,
  unitClosed,
  type CompliancePlan,
  type ComplianceStatus,
  type OrgFacts,
} from '../../../core/org-life/compliance.ts';
import {
  COMPLIANCE_TYPES,
  TALK_TYPE,
  TYPE_SPECS,
  type ComplianceType,
  type MeetingType,
} from '../../../core/org-life/meeting-types.ts';
import { monthsOf, parsePeriod, unitKey, unitsWithin, type Period } from '../../../core/org-life/periods.ts';
import { meetingFindings, quorumRuleOf } from '../../../core/org-life/quality.ts';
import { jaccard, shingles, similarityText } from '../../../core/org-life/similarity.ts';
import { talkPairCoverage, type TalkPairRule } from '../../../core/org-life/talk-coverage.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { addDays } from '../../../core/shared/dates.ts';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { lastDayOf, nativePeriod } from './org-life-compliance-maintenance.ts';
import * as repo from './org-life.repository.ts';

export type Q = Kysely<DB> | Transaction<DB>;

export const OBLIGED_KINDS = [...new Set(COMPLIANCE_TYPES.flatMap((t) => TYPE_SPECS[t].orgKinds))];

export interface ComplianceRow {
  orgId: number;
  orgCode: string;
  orgName: string;
  type: ComplianceType;
  required: number;
  held: number;
  status: string;
  /** Why the period is 未达标 (e.g. 会议未达法定人数) or still 进行中; null otherwise. */
  reason: string | null;
}

export interface ComplianceFinding {
  orgCode: string;
  orgName: string;
  code: string;
  detail: string;
  meetingId?: number;
  otherMeetingId?: number;
  otherOrgCode?: string;
  similarity?: number;
}

/** Every native period key any type may use inside `p` (months, quarters, the year). */
function unitKeysWithin(p: Period): string[] {
  return [...unitsWithin(p, 'month'), ...unitsWithin(p, 'quarter'), ...unitsWithin(p, 'year')].map(
    (u) => u.key,
  );
}

type ObligedOrg = Awaited<ReturnType<typeof repo.obligedOrgsUnder>>[number];

/**
 * The organisations under `path` and their facts: member counts on `today`, and (when
 * `groupWindow` is given) the 党小组 of each branch that have members at some time in the window
 * [from, to) — the period's dates up to today.
 */
async function factsUnder(
  ctx: AppContext,
  path: string,
  today: string,
  kinds: readonly string[] = OBLIGED_KINDS,
  groupWindow: { from: string; to: string } | null = null,
): Promise<{ orgs: ObligedOrg[]; facts: Map<number, OrgFacts>; groups: Map<number, number[]> }> {
  const [orgs, counts, groups] = await Promise.all([
    repo.obligedOrgsUnder(ctx.db, path, kinds),
    repo.memberCountsUnder(ctx.db, path, today),
    groupWindow && groupWindow.from < groupWindow.to
      ? repo.groupsWithMembersUnder(ctx.db, path, groupWindow.from, groupWindow.to)
      : Promise.resolve(new Map<number, number[]>()),
  ]);
  const facts = new Map<number, OrgFacts>();
  for (const o of orgs) {
    const c = counts.get(o.id) ?? { members: 0, full: 0 };
    facts.set(o.id, {
      orgId: o.id,
      kind: o.kind,
      establishedOn: o.established_on,
      dissolvedOn: o.dissolved_on,
      fullMembers: c.full,
      members: c.members,
      groupsWithMembers: groups.get(o.id)?.length ?? 0,
    });
  }
  return { orgs, facts, groups };
}

type HeldMap = Map<number, Map<string, Map<string, number>>>;

/**
 * 党小组会 of a branch per native period: its groups' meetings (held by the groups, never by
 * the branch), each group counted up to the frequency (core groupHeld).
 */
function groupMeetingsByUnit(
  held: HeldMap,
  groupIds: readonly number[],
  unitKeys: readonly string[],
  min: number,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const k of unitKeys)
    out.set(
      k,
      groupHeld(
        groupIds.map((g) => held.get(g)?.get('党小组会')?.get(k) ?? 0),
        min,
      ),
    );
  return out;
}

/** The window of a period in which group membership makes 党小组会 due: its dates up to today. */
function groupWindowOf(p: Period, today: string): { from: string; to: string } {
  const end = addDays(today, 1);
  return { from: p.from, to: p.to < end ? p.to : end };
}

/**
 * Why a row is 未达标 or 进行中: for each short native period that is over, a meeting held
 * without its legal quorum (会议未达法定人数), or no meeting; for one under way, that it is not over.
 */
function reasonOf(
  plan: CompliancePlan,
  status: string,
  shortUnits: readonly string[],
  today: string,
  groups: number,
  missed: ReadonlyMap<string, string[]> | undefined,
): string | null {
  if (status !== STATUS_FAIL && status !== STATUS_OPEN) return null;
  const units = plan.units.filter((u) => shortUnits.includes(u.key));
  const closed = units.filter((u) => unitClosed(u, today));
  if (status === STATUS_OPEN)
    return `${units.map((u) => u.key).join('、')}尚未结束，本期${plan.type}尚未召开${groups > 1 ? '齐' : ''}`;
  const parts = closed.map((u) => {
    const m = missed?.get(u.key);
    if (m && m.length > 0) return `${u.key}会议未达法定人数（${m.join('；')}）`;
    if (plan.type === '党小组会') return `${u.key}有党小组未召开党小组会（应召开${groups}个党小组）`;
    return `${u.key}未召开${plan.type}`;
  });
  const shown = parts.slice(0, 3).join('；');
  return parts.length > 3 ? `${shown}等${parts.length}个期间` : shown;
}

/**
 * Per organisation × type: required, held, status for the period. Reads the rollup
 * (life_compliance: held per organisation × type × native period, kept in each meeting's
 * transaction) with the organisations and their member counts; "required" is judged here
 * because it depends on today and on the roster (other modules' writes), not on meetings.
 */
export async function complianceRows(
  ctx: AppContext,
  root: { path: string },
  period: Period,
  today: string,
  filter: { type?: ComplianceType; status?: ComplianceStatus } = {},
): Promise<ComplianceRow[]> {
  const book = ctx.config.rulebook;
  const types = filter.type ? [filter.type] : COMPLIANCE_TYPES;
  const kinds = OBLIGED_KINDS.filter((k) => types.some((t) => TYPE_SPECS[t].orgKinds.includes(k)));
  const withGroups = types.includes('党小组会');
  const withQuorum = types.some((t) => quorumRuleOf(t) !== null);
  const [{ orgs, facts, groups }, held, talks, missedRows] = await Promise.all([
    factsUnder(
      ctx,
      root.path,
      lastDayOf(period) < today ? lastDayOf(period) : today,
      kinds,
      withGroups ? groupWindowOf(period, today) : null,
    ),
    filter.type === TALK_TYPE
      ? Promise.resolve(new Map<number, Map<string, Map<string, number>>>())
      : repo.heldByOrgUnder(ctx.db, ctx.engine, root.path, unitKeysWithin(period), filter.type),
    period.kind === 'year' && (!filter.type || filter.type === TALK_TYPE)
      ? repo.talkCoverageUnder(ctx.db, root.path, period.from, period.to)
      : Promise.resolve(new Map<number, number>()),
    withQuorum
      ? repo.quorumMissedUnder(ctx.db, root.path, period.from, period.to)
      : Promise.resolve([] as Awaited<ReturnType<typeof repo.quorumMissedUnder>>),
  ]);
  // Meetings that missed their quorum: org|type → native period → details (they do not count).
  const missed = new Map<string, Map<string, string[]>>();
  for (const m of missedRows) {
    const key = `${m.org_id}|${m.type}`;
    const byUnit = missed.get(key) ?? new Map<string, string[]>();
    const unit = nativePeriod(ctx, m.type, m.held_on);
    byUnit.set(unit, [...(byUnit.get(unit) ?? []), m.detail]);
    missed.set(key, byUnit);
  }
  const plans = types.map((type) => compliancePlan(book, type, period));
  const none = new Map<string, number>();
  const rows: ComplianceRow[] = [];
  for (const o of orgs) {
    const f = facts.get(o.id)!;
    const heldByType = held.get(o.id);
    for (const plan of plans) {
      const type = plan.type;
      if (!TYPE_SPECS[type].orgKinds.includes(o.kind)) continue;
      const byUnit =
        type === TALK_TYPE
          ? new Map([[period.key, talks.get(o.id) ?? 0]])
          : type === '党小组会'
            ? groupMeetingsByUnit(
                held,
                groups.get(o.id) ?? [],
                plan.units.map((u) => u.key),
                plan.min,
              )
            : (heldByType?.get(type) ?? none);
      const r = evaluatePlanned(book, plan, f, byUnit, today);
      if (filter.status && r.status !== filter.status) continue;
      rows.push({
        orgId: o.id,
        orgCode: o.code,
        orgName: o.name,
        type,
        required: r.required,
        held: r.held,
        status: r.status,
        reason: reasonOf(
          plan,
          r.status,
          r.shortUnits,
          today,
          f.groupsWithMembers,
          missed.get(`${o.id}|${type}`),
        ),
      });
    }
  }
  return rows;
}

/**
 * Quality findings for meetings held under `root` in the period (stored when each record or
 * attendance was saved) and near-duplicate minutes (stored when each record was saved).
 */
export async function complianceFindings(
  ctx: AppContext,
  root: { path: string },
  period: Period,
): Promise<ComplianceFinding[]> {
  const [stored, similar] = await Promise.all([
    repo.findingsUnder(ctx.db, root.path, period.from, period.to),
    similarFindings(ctx, root.path, period),
  ]);
  const out: ComplianceFinding[] = stored.map((f) => ({
    orgCode: f.org_code,
    orgName: f.org_name,
    code: f.code,
    detail: f.detail,
    meetingId: f.meeting_id,
  }));
  out.push(...similar);
  return out;
}

/** The same findings judged from scratch from the meetings (for tests and checks). */
export async function complianceFindingsFromMeetings(
  ctx: AppContext,
  root: { path: string },
  period: Period,
): Promise<ComplianceFinding[]> {
  const book = ctx.config.rulebook;
  const meetings = await repo.heldMeetingsUnder(ctx.db, root.path, period.from, period.to);
  const out: ComplianceFinding[] = [];
  for (const m of meetings) {
    for (const f of meetingFindings(book, {
      type: m.type as MeetingType,
      heldOn: m.held_on,
      counts: countsOf(m),
      minutesChars: m.minutes_chars,
      recordedOn: m.recorded_on,
    })) {
      out.push({ orgCode: m.code, orgName: m.name, code: f.code, detail: f.detail, meetingId: m.id });
    }
  }
  out.push(...(await similarFindings(ctx, root.path, period)));
  return out;
}

type CountedMeeting = {
  expected_count: number;
  present_count: number;
  leave_count: number;
  absent_count: number;
  excluded_count: number;
};

const countsOf = (m: CountedMeeting) => ({
  expected: m.expected_count,
  present: m.present_count,
  leave: m.leave_count,
  absent: m.absent_count,
  excluded: m.excluded_count,
});

type JudgedMeeting = CountedMeeting & {
  id: number;
  org_id: number;
  org_path: string;
  type: string;
  held_on: string;
  status: string;
  minutes_chars: number;
  recorded_on: string | null;
};

/** The stored finding rows of one meeting: its quality findings when held, none otherwise. */
export function findingRowsOf(ctx: AppContext, m: JudgedMeeting): repo.FindingInsert[] {
  if (m.status !== 'held') return [];
  return meetingFindings(ctx.config.rulebook, {
    type: m.type as MeetingType,
    heldOn: m.held_on,
    counts: countsOf(m),
    minutesChars: m.minutes_chars,
    recordedOn: m.recorded_on,
  }).map((f, seq) => ({
    meeting_id: m.id,
    seq,
    org_id: m.org_id,
    org_path: m.org_path,
    held_on: m.held_on,
    code: f.code,
    detail: f.detail,
  }));
}

/** Re-judges one meeting inside the transaction that changed its record, counts or status. */
export async function syncFindings(ctx: AppContext, trx: Q, m: JudgedMeeting): Promise<void> {
  await repo.replaceFindings(trx, m.id, findingRowsOf(ctx, m));
}

/** Recomputes every stored finding from the meetings (after a rulebook change, or to check). */
export async function rebuildFindings(ctx: AppContext, trx: Q): Promise<number> {
  await repo.deleteAllFindings(trx);
  let after = 0;
  let n = 0;
  for (;;) {
    const batch = await repo.heldMeetingsAfter(trx, after, 5000);
    if (batch.length === 0) break;
    after = batch[batch.length - 1]!.id;
    const rows = batch.flatMap((m) => findingRowsOf(ctx, m));
    await repo.insertFindings(trx, ctx.engine, rows);
    n += rows.length;
  }
  return n;
}

export async function similarFindings(
  ctx: AppContext,
  path: string,
  period: Period,
): Promise<ComplianceFinding[]> {
  const pairs = await repo.similarUnder(ctx.db, path, period.from, period.to);
  const out: ComplianceFinding[] = [];
  const done = new Set<string>();
  for (const p of pairs) {
    const [a, b] = [p.meeting_id, p.other_meeting_id];
    const key = a < b ? `${a}-${b}` : `${b}-${a}`;
    if (done.has(key)) continue;
    done.add(key);
    out.push({
      orgCode: p.code,
      orgName: p.name,
      code: 'MINUTES_SIMILAR',
      detail: `${p.name}${p.held_on}${p.type}的记录与${p.other_name}${p.other_held_on}${p.other_type}的记录相似度${Math.round(p.similarity * 100)}%`,
      meetingId: a,
      otherMeetingId: b,
      otherOrgCode: p.other_code,
      similarity: Math.round(p.similarity * 1000) / 1000,
    });
  }
  return out;
}

/** Confirms the LSH candidates of one meeting by exact Jaccard and stores the pairs (record time). */
export async function refreshSimilarPairs(
  ctx: AppContext,
  trx: Q,
  m: { id: number; org_path: string; held_on: string },
  text: string,
): Promise<void> {
  const threshold = ruleValue<number>(ctx.config.rulebook, 'orgLife.similarity.threshold', m.held_on);
  const candidates = await repo.candidatesOf(trx, m.id);
  const mine = shingles(text);
  const pairs: Array<{
    meeting_id: number;
    other_meeting_id: number;
    org_path: string;
    held_on: string;
    other_org_path: string;
    similarity: number;
  }> = [];
  if (candidates.length > 0 && mine.size > 0) {
    const others = await repo.meetingTextsWithPath(trx, candidates);
    for (const o of others) {
      const sim = jaccard(mine, shingles(similarityText(o.minutes ?? '', o.name)));
      if (sim < threshold) continue;
      pairs.push({
        meeting_id: m.id,
        other_meeting_id: o.id,
        org_path: m.org_path,
        held_on: m.held_on,
        other_org_path: o.org_path,
        similarity: sim,
      });
      pairs.push({
        meeting_id: o.id,
        other_meeting_id: m.id,
        org_path: o.org_path,
        held_on: o.held_on,
        other_org_path: m.org_path,
        similarity: sim,
      });
    }
  }
  await repo.replacePairs(trx, m.id, pairs);
}

/** Heatmap: each obliged organisation under `root` × the 12 months of `year` for one type. */
export async function heatmap(
  ctx: AppContext,
  root: { path: string },
  year: number,
  type: ComplianceType,
  today: string,
) {
  const book = ctx.config.rulebook;
  const yearPeriod = parsePeriod(String(year))!;
  const [{ orgs, facts, groups }, held] = await Promise.all([
    factsUnder(
      ctx,
      root.path,
      today,
      OBLIGED_KINDS,
      type === '党小组会' ? groupWindowOf(yearPeriod, today) : null,
    ),
    repo.heldByOrgUnder(ctx.db, ctx.engine, root.path, unitKeysWithin(yearPeriod), type),
  ]);
  const months = monthsOf(year);
  const rows = orgs
    .filter((o) => TYPE_SPECS[type].orgKinds.includes(o.kind))
    .map((o) => {
      const f = facts.get(o.id)!;
      const cells = months.map((month) => {
        const monthStart = month + '-01';
        const { unit, min } = typeUnit(book, type, monthStart);
        const uKey = unitKey(unit, monthStart);
        const unitPeriod = parsePeriod(uKey)!;
        const h =
          type === TALK_TYPE
            ? 0
            : type === '党小组会'
              ? (groupMeetingsByUnit(held, groups.get(o.id) ?? [], [uKey], min).get(uKey) ?? 0)
              : (held.get(o.id)?.get(type)?.get(uKey) ?? 0);
        const r =
          type === TALK_TYPE
            ? { status: '不适用' }
            : evaluateCompliance(book, f, type, unitPeriod, new Map([[uKey, h]]), today);
        // A month not yet begun shows as 不适用 even when its quarter is under way.
        const status = monthStart > today ? '不适用' : r.status;
        return { month, unit: uKey, held: h, status };
      });
      return {
        orgId: o.id,
        orgCode: o.code,
        orgName: o.name,
        applies: applies(book, f, type, yearPeriod.from),
        cells,
      };
    });
  return { year, type, months, rows };
}

/**
 * 谈心谈话 pairwise coverage of every branch under `root` for a year: required pairs (the
 * rulebook's pair rule over the committee and the members on `on`), covered pairs, missing
 * count. Three range scans for the whole subtree; the pairs are judged by the pure rule.
 */
export async function talkPairsUnder(ctx: AppContext, root: { path: string }, year: number, today: string) {
  const p = parsePeriod(String(year))!;
  const on = lastDayOf(p) < today ? lastDayOf(p) : today;
  const rule = ruleValue<TalkPairRule>(ctx.config.rulebook, 'orgLife.talks.pairs', p.from);
  const kinds = TYPE_SPECS[TALK_TYPE].orgKinds;
  const [orgs, facts] = await Promise.all([
    repo.obligedOrgsUnder(ctx.db, root.path, kinds),
    repo.talkFactsUnder(ctx.db, root.path, on, p.from, p.to),
  ]);
  const group = <T extends { org_id: number }>(rows: readonly T[]) => {
    const m = new Map<number, T[]>();
    for (const r of rows) {
      const list = m.get(r.org_id);
      if (list) list.push(r);
      else m.set(r.org_id, [r]);
    }
    return m;
  };
  const [seats, members, talks] = [group(facts.seats), group(facts.members), group(facts.talks)];
  return orgs
    .filter((o) => o.status === 'active' || (o.dissolved_on !== null && o.dissolved_on > p.from))
    .map((o) => {
      const c = talkPairCoverage(
        rule,
        (seats.get(o.id) ?? []).map((x) => ({ personId: x.person_id, name: '', post: x.post })),
        (members.get(o.id) ?? []).map((x) => ({ personId: x.person_id, name: '' })),
        (talks.get(o.id) ?? []).map((x) => ({ talker: x.talker_person_id, talkee: x.talkee_person_id })),
      );
      return {
        orgId: o.id,
        orgCode: o.code,
        orgName: o.name,
        required: c.required,
        covered: c.covered,
        missing: c.missing.length,
      };
    });
}
