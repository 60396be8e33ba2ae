import { describe, expect, it } from 'vitest';
import { NATIONAL_RULEBOOK, ruleValue } from '../rulebook/rulebook.ts';
import { decideElection, decidePosts, hasEnoughContest, hasQuorum, isElectedVotes, type ElectionRules } from './election.rules.ts';
import { decideGrade, quotaLimit } from './grading.rules.ts';
import type { GradingScheme, WeakCriterion } from './org-system.types.ts';
import { checkOrg, checkUnit, type OrgFacts, type StructureRules } from './structure.rules.ts';
import { decideAdjustment, decideNoOverlap, termEnd, termStatus, termYears, type TermYearsRule } from './terms.rules.ts';
import { decideClose, lifeOnPaper, weakSignals, type LifeOnPaperRule } from './weak.rules.ts';

const book = NATIONAL_RULEBOOK;
const ON = '2026-11-23';
const v = <T>(id: string) => ruleValue<T>(book, id, ON);

const structure: StructureRules = {
  branchMinFull: v('org.branch.minFullMembers'),
  jointMaxUnits: v('org.jointBranch.maxUnits'),
  branchMaxMembers: v('org.branch.maxMembers'),
  committeeFromFull: v('org.branch.committeeFromFullMembers'),
  committeeSize: v('org.branch.committeeSize'),
  generalBranchRange: v('org.generalBranch.memberRange'),
  committeeOrgMin: v('org.committee.minMembers'),
  vacancyWarningMonths: v('org.secretary.vacancyWarningMonths'),
};
const election: ElectionRules = {
  quorumRatio: v('org.election.quorumRatio'),
  minContestRatio: v('org.election.minContestRatio'),
  electedMajority: v('orgSystem.election.electedMajority'),
  contestFromSeats: v('orgSystem.election.contestFromSeats'),
  maxSeats: structure.committeeSize.hardMax,
};

describe('term length by kind and sector (org.term.years)', () => {
  const rule = v<TermYearsRule>('org.term.years');
  it.each([
    ['党委', '机关', 5], ['党总支', '机关', 3], ['党支部', '国有企业', 3], ['联合党支部', '非公企业', 3],
    ['党支部', '农村', 5], ['党总支', '社区', 5], ['党委', '农村', 5],
  ])('%s in %s: %i years', (kind, sector, years) => expect(termYears(kind, sector, rule)).toBe(years));
});

describe('term end and status (reminder 6 months, 届满 on the end day)', () => {
  const months = v<number>('org.term.reminderMonths');
  it('end = election + years ± approved months', () => {
    expect(termEnd('2023-11-23', 3)).toBe('2026-11-23');
    expect(termEnd('2023-11-23', 3, 6)).toBe('2027-05-23');
    expect(termEnd('2023-11-23', 3, -12)).toBe('2025-11-23');
  });
  it.each([
    ['2026-05-22', '正常'], ['2026-05-23', '临近换届'], ['2026-11-23', '临近换届'], ['2026-11-24', '逾期未换届'],
  ])('on %s a term ending 2026-11-23 is %s', (today, status) => expect(termStatus('2026-11-23', today, months)).toBe(status));
  it.each([
    [12, true], [-12, true], [13, false], [-13, false], [0, false],
  ])('an adjustment of %i months is allowed: %s', (m, allowed) => expect(decideAdjustment(m, v('org.term.maxAdjustYears')).ok).toBe(allowed));
  it('refuses overlapping terms', () => {
    const existing = [{ electedOn: '2017-01-10', endedOn: '2020-01-10' }, { electedOn: '2020-01-10', endedOn: null }];
    expect(decideNoOverlap(existing, { electedOn: '2014-01-01', endedOn: '2017-01-10' }).ok).toBe(true);
    expect(decideNoOverlap(existing, { electedOn: '2014-01-01', endedOn: '2017-01-11' })).toMatchObject({ ok: false, code: 'TERM_OVERLAP', field: 'electedOn' });
    expect(decideNoOverlap(existing, { electedOn: '2023-01-01', endedOn: null }).ok).toBe(false);
    expect(decideNoOverlap(existing, { electedOn: '2019-01-01', endedOn: '2018-01-01' }).ok).toBe(false);
  });
});

describe('election thresholds', () => {
  it.each([
    [10, 8, false], [10, 9, true], [15, 12, false], [15, 13, true], [5, 4, false], [5, 5, true],
  ])('quorum: 应到 %i, 实到 %i → %s (超过五分之四)', (expected, present, okay) => expect(hasQuorum(expected, present, election.quorumRatio)).toBe(okay));
  it.each([
    [5, 5, false], [5, 6, true], [3, 3, false], [3, 4, true], [7, 8, false], [7, 9, true],
  ])('差额: %i seats, %i candidates → %s (20%以上)', (seats, candidates, okay) => expect(hasEnoughContest(seats, candidates, election.minContestRatio)).toBe(okay));
  it.each([
    [10, 5, false], [10, 6, true], [9, 4, false], [9, 5, true],
  ])('elected: 实到 %i, votes %i → %s (超过半数)', (present, votes, okay) => expect(isElectedVotes(votes, present, election.electedMajority)).toBe(okay));

  const cands = (votes: number[]) => votes.map((n, i) => ({ personId: i + 1, votes: n }));
  it('elects those above half of those present, most votes first', () => {
    const d = decideElection({ expected: 10, present: 9, seats: 3, eligibleVoters: 10, candidates: cands([9, 8, 4, 7]) }, election);
    expect(d).toEqual({ ok: true, value: { elected: [1, 2, 4], unfilled: 0 } });
  });
  it('leaves a seat unfilled when too few pass', () => {
    const d = decideElection({ expected: 10, present: 9, seats: 3, eligibleVoters: 10, candidates: cands([9, 8, 4, 3]) }, election);
    expect(d).toEqual({ ok: true, value: { elected: [1, 2], unfilled: 1 } });
  });
  it.each([
    ['no quorum', { expected: 10, present: 8 }, 'ELECTION_NO_QUORUM', 'present'],
    ['present > expected', { expected: 10, present: 11 }, 'ELECTION_PRESENT', 'present'],
    ['expected > voters', { expected: 12, present: 11 }, 'ELECTION_EXPECTED', 'expected'],
    ['equal candidates for a committee', { candidates: cands([9, 8, 7]) }, 'ELECTION_NO_CONTEST', 'candidates'],
    ['votes above present', { candidates: cands([10, 8, 7, 6]) }, 'ELECTION_VOTES', 'candidates'],
    ['a tie at the last seat', { candidates: cands([9, 8, 7, 7]) }, 'ELECTION_TIE', 'candidates'],
  ])('refuses %s', (_n, patch, code, field) => {
    const d = decideElection({ expected: 10, present: 9, seats: 3, eligibleVoters: 10, candidates: cands([9, 8, 7, 2]), ...patch }, election);
    expect(d).toMatchObject({ ok: false, code, field });
  });
  // Issue 16: members under 留党察看 have no 选举权 or 被选举权 (党章 第四十条).
  it.each([
    // 应到, members under 留党察看 (ids), candidates' ids → code
    [10, [], [1, 2, 3, 4], null],
    [10, [11], [1, 2, 3, 4], 'ELECTION_EXPECTED'], // 10 full members, 1 without 选举权: 应到 at most 9
    [9, [11], [1, 2, 3, 4], null],
    [9, [4], [1, 2, 3, 4], 'ELECTION_CANDIDATE_SUSPENDED'],
  ])('应到 %i with %j under 留党察看, candidates %j → %s', (expected, suspended, ids, code) => {
    const d = decideElection(
      {
        expected,
        present: 9,
        seats: 3,
        eligibleVoters: 10,
        suspended: new Map(suspended.map((id) => [id, `党员${id}`])),
        candidates: ids.map((personId, i) => ({ personId, votes: [9, 8, 7, 2][i]! })),
      },
      election,
    );
    expect(d.ok ? null : d.code).toBe(code);
    if (code === 'ELECTION_CANDIDATE_SUSPENDED') expect(!d.ok && d.message).toContain('党员4受留党察看处分');
  });
  it('allows an uncontested election of a lone secretary', () => {
    expect(decideElection({ expected: 5, present: 5, seats: 1, eligibleVoters: 5, candidates: cands([5]) }, election).ok).toBe(true);
  });
  it('posts: one 书记, elected, full member', () => {
    const full = new Set([1, 2, 3]);
    expect(decidePosts([{ personId: 1, post: '书记' }, { personId: 2, post: '组织委员' }], [1, 2], full).ok).toBe(true);
    expect(decidePosts([{ personId: 4, post: '书记' }], [4], full)).toMatchObject({ code: 'SECRETARY_NOT_FULL_MEMBER', field: 'posts' });
    expect(decidePosts([{ personId: 1, post: '组织委员' }], [1], full)).toMatchObject({ code: 'POST_SECRETARY' });
    expect(decidePosts([{ personId: 5, post: '书记' }], [1], full)).toMatchObject({ code: 'POST_NOT_ELECTED' });
  });
});

describe('structural checks, both sides of each threshold', () => {
  const base: OrgFacts = {
    orgId: 1, code: 'X', name: '某党支部', kind: '党支部', sector: '机关', isGrassroots: true, members: 5, fullMembers: 5,
    subtreeMembers: 5, teamSize: 1, hasSecretary: true, vacantSince: null, coveredUnits: 1,
  };
  const checks = (patch: Partial<OrgFacts>, today = ON) => checkOrg({ ...base, ...patch }, structure, today).map((x) => x.check);
  it.each([
    [{ fullMembers: 2, members: 3 }, '正式党员不足3人', true], [{ fullMembers: 3 }, '正式党员不足3人', false],
    [{ kind: '联合党支部', coveredUnits: 6 }, '联合党支部覆盖单位超限', true], [{ kind: '联合党支部', coveredUnits: 5 }, '联合党支部覆盖单位超限', false],
    [{ fullMembers: 7, members: 7, teamSize: 2 }, '应设支委会未设', true], [{ fullMembers: 6, members: 7, teamSize: 2 }, '应设支委会未设', false],
    [{ fullMembers: 7, members: 7, teamSize: 3 }, '应设支委会未设', false],
    [{ members: 51, fullMembers: 51, teamSize: 5 }, '党支部党员超过上限', true], [{ members: 50, fullMembers: 50, teamSize: 5 }, '党支部党员超过上限', false],
    [{ kind: '党总支', subtreeMembers: 49 }, '党总支规模不符', true], [{ kind: '党总支', subtreeMembers: 50 }, '党总支规模不符', false],
    [{ kind: '党总支', subtreeMembers: 100 }, '党总支规模不符', false], [{ kind: '党总支', subtreeMembers: 101 }, '党总支规模不符', true],
    [{ kind: '党委', subtreeMembers: 99 }, '基层党委规模不足', true], [{ kind: '党委', subtreeMembers: 100 }, '基层党委规模不足', false],
    [{ kind: '党委', subtreeMembers: 99, isGrassroots: false }, '基层党委规模不足', false],
    [{ teamSize: 5, fullMembers: 20, members: 20 }, '支委会人数不符', false], [{ teamSize: 6, fullMembers: 20, members: 20 }, '支委会人数不符', true],
    [{ teamSize: 8, fullMembers: 20, members: 20 }, '支委会人数不符', true],
    [{ hasSecretary: false, vacantSince: '2026-10-01' }, '书记空缺', true], [{ hasSecretary: true }, '书记空缺', false],
  ])('%o → %s: %s', (patch, check, present) => expect(checks(patch as Partial<OrgFacts>).includes(check as never)).toBe(present));
  it.each([
    [false, '书记空缺自2000-01-01起'],
    [true, '书记空缺（无书记任职记录，自2000-01-01成立起算）'],
  ])('vacancy wording when no secretary was ever on record = %s', (never, wording) => {
    const found = checkOrg({ ...base, hasSecretary: false, vacantSince: '2000-01-01', noSecretaryOnRecord: never }, structure, ON).find((x) => x.check === '书记空缺');
    expect(found?.detail.startsWith(wording)).toBe(true);
  });
  it.each([
    ['2026-08-23', '提示'], ['2026-08-22', '警告'],
  ])('a secretary vacant since %s is a %s (超过3个月)', (since, severity) => {
    const found = checkOrg({ ...base, hasSecretary: false, vacantSince: since }, structure, ON).find((x) => x.check === '书记空缺');
    expect(found?.severity).toBe(severity);
  });
  it.each([[2, false], [3, true]])('a unit with %i full members and no branch is 应建未建: %s', (n, found) => {
    expect(checkUnit({ unitId: 1, unitName: '某公司', orgId: 1, orgCode: 'X', orgName: 'X', fullMembers: n }, structure) !== null).toBe(found);
  });
});

describe('grading quotas', () => {
  const schemes = v<Record<string, GradingScheme>>('orgSystem.grading.schemes');
  const stars = schemes['stars']!;
  it.each([[10, 0.2, 2], [9, 0.2, 1], [5, 0.2, 1], [4, 0.2, 0], [10, 0.3, 3]])('base %i, quota %d → %i', (base, q, limit) => expect(quotaLimit(q, base)).toBe(limit));
  it.each([[1, true], [2, false]])('with %i 五星 already among 10 branches, one more is allowed: %s', (already, allowed) => {
    expect(decideGrade({ scheme: stars, grade: '五星', ratedBase: 10, alreadyWithGrade: already }).ok).toBe(allowed);
  });
  it('refuses a grade outside the scheme; grades without quota are free', () => {
    expect(decideGrade({ scheme: schemes['three-class']!, grade: '五星', ratedBase: 10, alreadyWithGrade: 0 })).toMatchObject({ code: 'GRADE_UNKNOWN', field: 'grade' });
    expect(decideGrade({ scheme: stars, grade: '三星', ratedBase: 1, alreadyWithGrade: 9 }).ok).toBe(true);
  });
});

describe('软弱涣散 signals and closure', () => {
  const criteria = v<WeakCriterion[]>('orgSystem.weak.criteria');
  const months = v<number>('org.secretary.vacancyWarningMonths');
  const years = v<number>('orgSystem.weak.noCandidateYears');
  const codes = (x: Parameters<typeof weakSignals>[0]) => weakSignals(x, ON, months, years, criteria).map((s) => s.code);
  it.each([
    ['2026-08-23', []], ['2026-08-22', ['SECRETARY_VACANT']],
  ])('vacant since %s → %o', (since, expected) => expect(codes({ hasSecretary: false, vacantSince: since, lastAdmission: '2026-01-01', establishedOn: null })).toEqual(expected));
  it.each([
    ['2024-11-24', []], ['2024-11-23', ['NO_DEVELOPMENT']],
  ])('last admission %s → %o', (last, expected) => expect(codes({ hasSecretary: true, vacantSince: null, lastAdmission: last, establishedOn: null })).toEqual(expected));
  const paper = v<LifeOnPaperRule>('orgSystem.weak.lifeOnPaper');
  const lifeCodes = (life: { held: number; formal: number }, establishedOn: string | null = null) =>
    weakSignals({ hasSecretary: true, vacantSince: null, lastAdmission: '2026-01-01', establishedOn, life }, ON, months, years, criteria, paper).map((s) => s.code);
  it.each([
    // held, formal, established → signal?
    [12, 0, null, []],
    [4, 1, null, []],
    [3, 0, null, ['LIFE_ON_PAPER']],
    [0, 0, null, ['LIFE_ON_PAPER']],
    [10, 5, null, ['LIFE_ON_PAPER']],
    [10, 4, null, []],
    [2, 0, '2026-06-01', []],
  ] as const)('life: %i held, %i formal, established %s → %o', (held, formal, est, expected) =>
    expect(lifeCodes({ held, formal }, est)).toEqual(expected));
  it('gives the LIFE_ON_PAPER detail in figures', () => {
    expect(lifeOnPaper({ held: 10, formal: 6 }, null, ON, paper)).toBe('近12个月召开的10次组织生活中有6次记录缺失、过简、雷同或补记（达到50%）');
    expect(lifeOnPaper({ held: 2, formal: 0 }, null, ON, paper)).toBe('近12个月仅召开组织生活2次（少于4次）');
  });
  it('closure needs progress and the parent', () => {
    expect(decideClose('整顿中', 0, true)).toMatchObject({ code: 'WEAK_NO_PROGRESS' });
    expect(decideClose('待销号', 2, false)).toMatchObject({ code: 'WEAK_SELF_CLOSE' });
    expect(decideClose('待销号', 2, true).ok).toBe(true);
    expect(decideClose('已销号', 2, true).ok).toBe(false);
  });
});
