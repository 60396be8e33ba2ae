import { describe, expect, it } from 'vitest';
import { NATIONAL_RULES } from '../rulebook/national.ts';
import { buildRulebook, ruleValue } from '../rulebook/rulebook.ts';
import {
  decideClose,
  decideGrade,
  decideOpenOpinion,
  decideProgress,
  decidePublish,
  decideLiaison,
  decideOpenSatisfaction,
  satisfactionRate,
  decideReviewer,
  decideSubmitOpinion,
  reviewDueOn,
  reviewNeeded,
  reviewState,
  type CommitmentState,
} from './commitments.rules.ts';

const MAX = ruleValue<number>(
  buildRulebook('national', NATIONAL_RULES),
  'commitments.review.maxMonths',
  '2026-11-23',
);
const st = (
  status: CommitmentState['status'],
  opinionEndsOn: string | null = null,
  leaderGrade: string | null = null,
): CommitmentState => ({
  status,
  opinionEndsOn,
  leaderGrade,
});

describe('review cadence (commitments.review.maxMonths)', () => {
  it('comes from the rulebook: 6 months', () => expect(MAX).toBe(6));
  it.each([
    ['2026-05-23', '2026-11-23', 'due'],
    ['2026-05-24', '2026-11-23', 'ok'], // 5 months 30 days
    ['2026-05-22', '2026-11-23', 'overdue'],
    ['2026-05-23', '2026-11-22', 'ok'],
    ['2026-05-23', '2026-11-24', 'overdue'],
    ['2026-08-31', '2027-02-28', 'due'], // end of month clamps
    ['2026-08-31', '2027-02-27', 'ok'],
  ])('last review %s, today %s → %s', (last, today, expected) => {
    expect(reviewState(last, MAX, today)).toBe(expected);
    expect(reviewNeeded(last, MAX, today)).toBe(expected !== 'ok');
  });
  it('a review 6 months ago is due today', () => expect(reviewDueOn('2026-05-23', MAX)).toBe('2026-11-23'));
});

describe('status machine', () => {
  it.each([
    ['draft', '2026-11-30', '2026-11-23', true],
    ['draft', '2026-11-23', '2026-11-23', true],
    ['draft', '2026-11-22', '2026-11-23', false],
    ['opinion', '2026-11-30', '2026-11-23', false],
  ] as const)('open opinion from %s ending %s on %s → %s', (s, ends, today, okay) => {
    expect(decideOpenOpinion(st(s), ends, today).ok).toBe(okay);
  });

  it.each([
    ['2026-11-23', '2026-11-23', true],
    ['2026-11-23', '2026-11-24', false],
  ])('opinion ending %s accepted on %s → %s', (ends, today, okay) => {
    expect(decideSubmitOpinion(st('opinion', ends), today).ok).toBe(okay);
  });

  it.each([
    [st('opinion', '2026-11-23'), '2026-11-23', 'OPINION_PERIOD_OPEN'],
    [st('opinion', '2026-11-23'), '2026-11-24', null],
    [st('draft'), '2026-11-24', 'OPINION_REQUIRED'],
    [st('published', '2026-11-01'), '2026-11-24', 'ALREADY_PUBLISHED'],
  ])('publish %o on %s → %s', (c, today, code) => {
    const d = decidePublish(c, today);
    if (code === null) expect(d).toEqual({ ok: true, value: 'published' });
    else expect(d.ok ? null : d.code).toBe(code);
  });

  it.each([
    ['published', true],
    ['in_progress', true],
    ['opinion', false],
    ['graded', false],
  ] as const)('progress on %s → %s', (s, okay) => expect(decideProgress(st(s)).ok).toBe(okay));

  it.each([
    [st('in_progress'), null],
    [st('published'), null],
    [st('graded', null, '好'), 'ALREADY_GRADED'],
    [st('in_progress', null, '好'), 'ALREADY_GRADED'],
    [st('draft'), 'NOT_PUBLISHED'],
  ])('grade %o → %s', (c, code) => {
    const d = decideGrade(c);
    expect(d.ok ? null : d.code).toBe(code);
  });

  it('closes only after grading', () => {
    expect(decideClose(st('graded', null, '好')).ok).toBe(true);
    expect(decideClose(st('in_progress')).ok).toBe(false);
  });
});

describe('reviewer mapping', () => {
  const branch = { id: 10, path: '/1/2/10/', parentId: 2 };
  it.each([
    [
      'a 党委 member above, not linked (联系点), refused',
      'org',
      [{ orgId: 2, orgKind: '党委', orgPath: '/1/2/', post: '委员' }],
      false,
    ],
    [
      'the 党委 secretary above reviews without a link',
      'org',
      [{ orgId: 2, orgKind: '党委', orgPath: '/1/2/', post: '书记' }],
      true,
    ],
    [
      'a county 党委 member also above',
      'org',
      [{ orgId: 1, orgKind: '党委', orgPath: '/1/', post: '副书记' }],
      true,
    ],
    [
      'another township 党委 refused',
      'org',
      [{ orgId: 3, orgKind: '党委', orgPath: '/1/3/', post: '书记' }],
      false,
    ],
    [
      'the branch secretary cannot review the branch itself',
      'org',
      [{ orgId: 10, orgKind: '党支部', orgPath: '/1/2/10/', post: '书记' }],
      false,
    ],
    [
      'branch secretary reviews a member',
      'member',
      [{ orgId: 10, orgKind: '党支部', orgPath: '/1/2/10/', post: '书记' }],
      true,
    ],
    [
      'a branch committee member (not 书记) refused for a member',
      'member',
      [{ orgId: 10, orgKind: '党支部', orgPath: '/1/2/10/', post: '委员' }],
      false,
    ],
    [
      'a 党委 member refused for a member',
      'member',
      [{ orgId: 2, orgKind: '党委', orgPath: '/1/2/', post: '书记' }],
      false,
    ],
    ['no position refused', 'org', [], false],
  ] as const)('%s', (_n, kind, positions, okay) => {
    expect(decideReviewer({ committerKind: kind, reviewerPositions: positions, org: branch }).ok).toBe(okay);
  });

  const member = [{ orgId: 2, orgKind: '党委', orgPath: '/1/2/', post: '委员' }];
  it.each([
    ['linked to the branch itself', member, ['/1/2/10/'], true],
    ['linked to a 党总支 above the branch', member, ['/1/2/'], true],
    ['linked to a sibling branch', member, ['/1/2/11/'], false],
    ['linked, but no longer on the leadership team', [], ['/1/2/10/'], false],
  ] as const)('联系点: a 委员 %s', (_n, positions, links, okay) => {
    const d = decideReviewer({
      committerKind: 'org',
      reviewerPositions: positions,
      org: branch,
      liaisonOrgPaths: links,
    });
    expect(d.ok).toBe(okay);
  });
});

describe('联系点 links', () => {
  const base = {
    committee: { kind: '党委', path: '/1/2/' },
    postsInCommittee: ['委员'],
    org: { path: '/1/2/10/' },
    overlapping: false,
  };
  it.each([
    ['a 委员 linked to a branch below', {}, null],
    ['a branch as committee', { committee: { kind: '党支部', path: '/1/2/' } }, 'LIAISON_COMMITTEE_KIND'],
    ['a person off the leadership team', { postsInCommittee: [] }, 'LIAISON_NOT_LEADER'],
    ['the committee itself as the linked org', { org: { path: '/1/2/' } }, 'LIAISON_ORG_OUT_OF_SCOPE'],
    ['an org of another township', { org: { path: '/1/3/10/' } }, 'LIAISON_ORG_OUT_OF_SCOPE'],
    ['the same link twice', { overlapping: true }, 'LIAISON_DUPLICATE'],
  ])('%s', (_n, over, code) => {
    const d = decideLiaison({ ...base, ...over });
    expect(d.ok ? null : d.code).toBe(code);
  });
});

describe('评诺 满意度 (voting engine tally)', () => {
  it.each([
    ['nobody voted', {}, 0, null],
    ['all 满意', { 满意: 3 }, 3, 100],
    ['2 of 3 满意 or 基本满意', { 满意: 1, 基本满意: 1, 不满意: 1 }, 3, 66.7],
    ['1 of 3', { 不满意: 2, 基本满意: 1 }, 3, 33.3],
    ['half-up at .05', { 满意: 1, 不满意: 1999 }, 2000, 0.1],
  ])('%s', (_n, counts: Record<string, number>, marked, rate) => {
    expect(satisfactionRate(counts, marked)).toBe(rate);
  });
  it.each([
    ['a published commitment', 'published', false, null],
    ['one in progress', 'in_progress', false, null],
    ['a second box', 'in_progress', true, 'SATISFACTION_OPENED'],
    ['a draft', 'draft', false, 'NOT_PUBLISHED'],
    ['a graded one', 'graded', false, 'NOT_PUBLISHED'],
  ] as const)('opening the 测评 on %s', (_n, status, hasBox, code) => {
    const d = decideOpenSatisfaction(st(status), hasBox);
    expect(d.ok ? null : d.code).toBe(code);
  });
});
