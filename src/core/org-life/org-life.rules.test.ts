import { describe, expect, it } from 'vitest';
import { NATIONAL_RULEBOOK, applyOverride, ruleEntry } from '../rulebook/rulebook.ts';
import { evaluateCompliance, groupHeld, type OrgFacts } from './compliance.ts';
import type { ComplianceType } from './meeting-types.ts';
import { parsePeriod, periodOf, quarterKey, unitsWithin } from './periods.ts';
import { countAttendance, countsTowardCompliance, decideRecordEdit, decideSignIn, meetingFindings, minutesChars, quorumMet, tokenExpired } from './quality.ts';
import { findSimilar, jaccard, shingles } from './similarity.ts';

const book = NATIONAL_RULEBOOK;
const branch: OrgFacts = { orgId: 1, kind: '党支部', establishedOn: '2000-01-01', dissolvedOn: null, fullMembers: 10, members: 12, groupsWithMembers: 0 };
const today = '2026-11-23';

describe('periods', () => {
  it.each([
    ['2026', '2026-01-01', '2027-01-01'],
    ['2026-Q1', '2026-01-01', '2026-04-01'],
    ['2026-Q4', '2026-10-01', '2027-01-01'],
    ['2026-02', '2026-02-01', '2026-03-01'],
    ['2026-12', '2026-12-01', '2027-01-01'],
  ])('%s spans [%s, %s)', (key, from, to) => {
    expect(parsePeriod(key)).toMatchObject({ from, to });
  });
  it.each([['2026-13'], ['2026-Q5'], ['26'], ['2026-1']])('%s is not a period', (key) => expect(parsePeriod(key)).toBeNull());
  it('a year has 12 months and 4 quarters; a month has no quarter unit', () => {
    expect(unitsWithin(periodOf(2026), 'month')).toHaveLength(12);
    expect(unitsWithin(periodOf(2026), 'quarter').map((p) => p.key)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(unitsWithin(periodOf(2026, undefined, 5), 'quarter')).toEqual([]);
    expect(quarterKey('2026-03-31')).toBe('2026-Q1');
    expect(quarterKey('2026-04-01')).toBe('2026-Q2');
  });
});

describe('compliance boundaries (frequencies from the rulebook)', () => {
  const run = (type: ComplianceType, key: string, held: Record<string, number>, facts: Partial<OrgFacts> = {}) =>
    evaluateCompliance(book, { ...branch, ...facts }, type, parsePeriod(key)!, new Map(Object.entries(held)), today);

  it.each([
    ['支部党员大会', '2026-Q2', { '2026-Q2': 1 }, '达标'],
    ['支部党员大会', '2026-Q2', { '2026-Q2': 0 }, '未达标'],
    ['支部党员大会', '2026-Q2', {}, '未达标'],
    ['支部委员会会议', '2026-05', { '2026-05': 1 }, '达标'],
    ['支部委员会会议', '2026-05', { '2026-05': 0 }, '未达标'],
    ['主题党日', '2026-05', { '2026-05': 1 }, '达标'],
    ['主题党日', '2026-05', {}, '未达标'],
    ['党课', '2026-Q3', { '2026-Q3': 1 }, '达标'],
    ['党课', '2026-Q3', {}, '未达标'],
    ['组织生活会', '2025', { '2025': 1 }, '达标'],
    ['组织生活会', '2025', { '2025': 0 }, '未达标'],
  ] as const)('%s in %s with %j → %s', (type, key, held, status) => {
    expect(run(type, key, held).status).toBe(status);
  });

  it('a year of 主题党日 needs every month: 11 months held is 未达标, 12 is 达标', () => {
    const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`2025-${String(i + 1).padStart(2, '0')}`, 1]));
    expect(run('主题党日', '2025', eleven)).toMatchObject({ required: 12, held: 11, status: '未达标', shortUnits: ['2025-12'] });
    expect(run('主题党日', '2025', { ...eleven, '2025-12': 1 })).toMatchObject({ required: 12, held: 12, status: '达标' });
  });

  it('two meetings in one month do not make up for a missing month', () => {
    expect(run('主题党日', '2025-Q1', { '2025-01': 2, '2025-02': 1 }).status).toBe('未达标');
  });

  it.each([
    [6, '不适用'],
    [7, '未达标'],
  ])('支部委员会会议 with %i full members → %s (committee from 7)', (fullMembers, status) => {
    expect(run('支部委员会会议', '2026-05', {}, { fullMembers }).status).toBe(status);
  });

  it('months not yet begun are not required; the current month is', () => {
    expect(run('主题党日', '2026', {})).toMatchObject({ required: 11 });
    expect(run('主题党日', '2027-01', {}).status).toBe('不适用');
  });

  it('a branch established after a quarter, or dissolved before it, owes nothing for it', () => {
    expect(run('支部党员大会', '2026-Q1', {}, { establishedOn: '2026-04-01' }).status).toBe('不适用');
    expect(run('支部党员大会', '2026-Q1', {}, { establishedOn: '2026-03-31' }).status).toBe('未达标');
    expect(run('支部党员大会', '2026-Q2', {}, { dissolvedOn: '2026-04-01' }).status).toBe('不适用');
  });

  it('党小组会 applies only to branches with groups that have members; 民主生活会 only to leadership teams', () => {
    expect(run('党小组会', '2026-05', {}).status).toBe('不适用');
    expect(run('党小组会', '2026-05', {}, { groupsWithMembers: 1 }).status).toBe('未达标');
    expect(run('民主生活会', '2025', {}).status).toBe('不适用');
    expect(run('民主生活会', '2025', { '2025': 1 }, { kind: '党委' }).status).toBe('达标');
  });

  it.each([
    [11, '未达标'],
    [12, '达标'],
  ])('谈心谈话: %i of 12 members covered → %s', (covered, status) => {
    expect(run('谈心谈话', '2025', { '2025': covered })).toMatchObject({ required: 12, status });
  });

  // Issue 16: only a closed native period can be 未达标; one still under way is 进行中.
  it.each([
    // type, period, today, held → status
    ['主题党日', '2026-12', '2026-12-07', {}, '进行中'],
    ['主题党日', '2026-12', '2026-12-31', {}, '进行中'],
    ['主题党日', '2026-12', '2027-01-01', {}, '未达标'],
    ['主题党日', '2026-12', '2026-12-07', { '2026-12': 1 }, '达标'],
    ['主题党日', '2026-11', '2026-12-01', {}, '未达标'],
    ['主题党日', '2026-11', '2026-11-30', {}, '进行中'],
    ['支部党员大会', '2026-Q4', '2026-12-31', {}, '进行中'],
    ['支部党员大会', '2026-Q4', '2027-01-01', {}, '未达标'],
    ['组织生活会', '2026', '2026-12-07', {}, '进行中'],
    ['组织生活会', '2026', '2027-01-01', {}, '未达标'],
    // a year with a closed month short has already failed, even while the year is under way
    ['主题党日', '2026', '2026-12-07', {}, '未达标'],
    ['谈心谈话', '2026', '2026-12-07', { '2026': 11 }, '进行中'],
    ['谈心谈话', '2026', '2027-01-01', { '2026': 11 }, '未达标'],
  ] as const)('%s %s on %s with %j → %s', (type, key, on, held, status) => {
    const r = evaluateCompliance(book, branch, type, parsePeriod(key)!, new Map(Object.entries(held)), on);
    expect(r.status).toBe(status);
  });

  it('a year of 主题党日 with every closed month held and December not yet: 进行中', () => {
    const elevenMonths = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`2026-${String(i + 1).padStart(2, '0')}`, 1]));
    const r = evaluateCompliance(book, branch, '主题党日', parsePeriod('2026')!, new Map(Object.entries(elevenMonths)), '2026-12-07');
    expect(r).toMatchObject({ required: 12, held: 11, status: '进行中', shortUnits: ['2026-12'] });
  });

  // Issue 16: 党小组会 is owed by every 党小组 with members; one busy group does not cover a silent one.
  it.each([
    // groups with members, meetings held per group in 2026-05 → status
    [0, [], '不适用'],
    [1, [0], '未达标'],
    [1, [1], '达标'],
    [2, [1, 0], '未达标'],
    [2, [2, 0], '未达标'],
    [2, [1, 1], '达标'],
    [2, [3, 1], '达标'],
  ])('党小组会 with %i groups, held %j → %s', (groups, perGroup, status) => {
    const held = groupHeld(perGroup, 1);
    const r = run('党小组会', '2026-05', { '2026-05': held }, { groupsWithMembers: groups });
    expect(r.status).toBe(status);
    if (groups > 0) expect(r.required).toBe(groups);
  });

  it('a province may require two 党员大会 a quarter', () => {
    const local = applyOverride(book, { name: 'x', entries: [{ ...ruleEntry(book, 'life.branchGeneralMeeting'), value: { perQuarter: 2 } }] });
    const r = evaluateCompliance(local, branch, '支部党员大会', parsePeriod('2026-Q2')!, new Map([['2026-Q2', 1]]), today);
    expect(r).toMatchObject({ required: 2, status: '未达标' });
  });
});

const counts_ = (present: number, expected: number) => ({ expected, present, leave: 0, absent: expected - present, excluded: 0 });
describe('attendance and quality findings', () => {
  const counts = counts_;
  it('应到 excludes 不计入; unsigned entries count as absent', () => {
    expect(countAttendance(['出席', '出席', '请假', '缺席', '待签到', '不计入'])).toEqual({ expected: 5, present: 2, leave: 1, absent: 2, excluded: 1 });
  });
  it.each([
    [20, 30, false],
    [19, 30, true],
    [2, 3, false],
    [1, 3, true],
  ])('党员大会 %i of %i present → attendance low: %s (threshold 2/3)', (present, expected, low) => {
    const f = meetingFindings(book, { type: '支部党员大会', heldOn: '2026-05-10', counts: counts(present, expected), minutesChars: 500, recordedOn: '2026-05-10' });
    expect(f.some((x) => x.code === 'ATTENDANCE_LOW')).toBe(low);
  });
  it.each([
    [3, 6, false],
    [4, 6, true],
    [3, 5, true],
  ])('quorum: %i present of %i → met %s (strictly more than half)', (present, expected, met) => {
    expect(quorumMet(present, expected, 0.5)).toBe(met);
  });
  it.each([
    [0, 'MINUTES_MISSING'],
    [99, 'MINUTES_SHORT'],
    [100, null],
  ])('minutes of %i characters → %s (minimum 100)', (chars, code) => {
    const f = meetingFindings(book, { type: '主题党日', heldOn: '2026-05-10', counts: counts(10, 10), minutesChars: chars, recordedOn: '2026-05-10' });
    expect(f.find((x) => x.code.startsWith('MINUTES'))?.code ?? null).toBe(code);
  });
  it.each([
    ['2026-06-09', false],
    ['2026-06-10', true],
  ])('recorded on %s for a meeting on 2026-05-10 → late %s (over 30 days)', (recordedOn, late) => {
    const f = meetingFindings(book, { type: '主题党日', heldOn: '2026-05-10', counts: counts(10, 10), minutesChars: 200, recordedOn });
    expect(f.some((x) => x.code === 'RECORD_LATE')).toBe(late);
  });
  it('minutes length ignores whitespace', () => expect(minutesChars(' 一二 三\n')).toBe(3));

  // Issue 16: a meeting that misses its legal quorum stays on record but does not count.
  it.each([
    ['支部委员会会议', 0, 5, false],
    ['支部委员会会议', 2, 5, false],
    ['支部委员会会议', 3, 5, true],
    ['支部委员会会议', 2, 4, false],
    ['支部委员会会议', 3, 4, true],
    ['支部党员大会', 5, 10, false],
    ['支部党员大会', 6, 10, true],
    // everyone excluded: nobody owed attendance, no quorum to miss
    ['支部党员大会', 0, 0, true],
    // no legal quorum for these types: a thin meeting still counts (its attendance finding says so)
    ['主题党日', 0, 10, true],
    ['党小组会', 1, 6, true],
  ] as const)('held %s with %i of %i present → counts %s', (type, present, expected, counts) => {
    const m = { status: 'held', type, heldOn: '2026-02-10', counts: { expected, present } };
    expect(countsTowardCompliance(book, m)).toBe(counts);
    const f = meetingFindings(book, { type, heldOn: '2026-02-10', counts: { ...counts_(present, expected) }, minutesChars: 500, recordedOn: '2026-02-10' });
    expect(f.some((x) => x.code === 'QUORUM_NOT_MET')).toBe(!counts);
  });
  it('a scheduled or cancelled meeting never counts', () => {
    for (const status of ['scheduled', 'cancelled'])
      expect(countsTowardCompliance(book, { status, type: '主题党日', heldOn: '2026-02-10', counts: { expected: 5, present: 5 } })).toBe(false);
  });
});

describe('record lock and sign-in decisions', () => {
  it.each([
    ['2026-06-09', undefined, true],
    ['2026-06-10', undefined, false],
    ['2026-06-10', '补充遗漏的决议', true],
    ['2026-05-09', undefined, false],
  ])('editing a 2026-05-10 record on %s with reason %s → allowed %s', (on, reason, allowed) => {
    expect(decideRecordEdit(book, { heldOn: '2026-05-10', status: 'held' }, on, reason).ok).toBe(allowed);
  });
  it('a locked edit without reason names the reason field', () => {
    const d = decideRecordEdit(book, { heldOn: '2026-05-10', status: 'held' }, '2026-07-01', ' ');
    expect(d).toMatchObject({ ok: false, code: 'RECORD_LOCKED', field: 'reason' });
  });
  it.each([
    [{ status: '待签到' as const }, 'scheduled', '2026-05-10', true, null],
    [{ status: '出席' as const }, 'scheduled', '2026-05-10', false, 'ALREADY_SIGNED_IN'],
    [null, 'scheduled', '2026-05-10', false, 'NOT_EXPECTED'],
    [{ status: '待签到' as const }, 'cancelled', '2026-05-10', false, 'MEETING_CANCELLED'],
    [{ status: '待签到' as const }, 'scheduled', '2026-05-11', false, 'SIGN_IN_WRONG_DAY'],
  ])('sign-in with ledger entry %j', (entry, meetingStatus, heldOn, ok, code) => {
    const d = decideSignIn({ entry, meetingStatus, heldOn }, '2026-05-10');
    expect(d.ok).toBe(ok);
    if (!d.ok) expect(d.code).toBe(code);
  });
  it.each([
    [1000, 999, false],
    [1000, 1000, true],
  ])('token expiring at %i, now %i → expired %s', (exp, now, expired) => expect(tokenExpired(exp, now)).toBe(expired));
});

describe('similarity', () => {
  const base = '会议传达学习了上级关于加强基层组织建设的部署要求，支部书记结合本村实际讲了三点意见：一是抓好秋季防火巡查，二是落实困难群众走访慰问，三是推进村集体经济合作社年终分红方案。与会党员逐一发言，提出修缮村道、增设路灯等建议六条，会议决定由组织委员牵头整理后报镇党委。';
  it('identical texts score 1, edited copies stay high, unrelated texts low', () => {
    expect(jaccard(shingles(base), shingles(base))).toBe(1);
    const edited = base.replace('本村', '本社区').replace('六条', '五条');
    expect(jaccard(shingles(base), shingles(edited))).toBeGreaterThan(0.8);
    const other = '本次党课由老党员讲述参加水利建设的亲身经历，介绍当年修建水库时党员带头挑土、连夜抢险的情况，并组织大家讨论如何在新时代发扬艰苦奋斗作风，青年党员表示要在电商帮销中多出力。';
    expect(jaccard(shingles(base), shingles(other))).toBeLessThan(0.2);
  });
  it('LSH finds the copy pair and nothing else', () => {
    const docs = [
      { id: 1, text: base },
      { id: 2, text: base.replace('六条', '七条') },
      { id: 3, text: '组织生活会上，班子成员逐一对照检查，查摆出联系群众不够经常、学习不够系统等问题，相互批评意见共十二条，明确了整改时限和责任人。' },
      { id: 4, text: '支委会研究了发展对象政治审查工作，听取了培养联系人的汇报，同意将两名积极分子列为发展对象，报镇党委备案。' },
    ];
    const pairs = findSimilar(docs, 0.8);
    expect(pairs.map((p) => [p.a, p.b])).toEqual([[1, 2]]);
    expect(pairs[0]!.similarity).toBeGreaterThan(0.9);
  });
  it('empty minutes are never similar', () => {
    expect(findSimilar([{ id: 1, text: '' }, { id: 2, text: '' }], 0.8)).toEqual([]);
  });
});
