import { describe, expect, it } from 'vitest';
import { buildCalendar } from '../development/calendar.ts';
import { NATIONAL_RULES } from '../rulebook/national.ts';
import { buildRulebook, ruleValue } from '../rulebook/rulebook.ts';
import {
  decideArchive,
  decideEvidence,
  decideNominate,
  decideNominationDecision,
  decideOpenRound,
  decideStartPublicity,
  publicityEndsOn,
  type NominationFacts,
  type RoundState,
} from './commendations.rules.ts';

const DAYS = ruleValue<number>(
  buildRulebook('national', NATIONAL_RULES),
  'commitments.commendation.publicityWorkingDays',
  '2026-11-23',
);
const round = (over: Partial<RoundState> = {}): RoundState => ({
  status: 'open',
  orgPath: '/1/2/',
  nominateFrom: '2026-11-01',
  nominateTo: '2026-11-30',
  publicityEndsOn: null,
  ...over,
});
const facts = (over: Partial<NominationFacts> = {}): NominationFacts => ({
  round: round(),
  today: '2026-11-23',
  nominatorPath: '/1/2/3/',
  category: '优秀共产党员',
  nomineePath: '/1/2/3/',
  nomineeOrgKind: null,
  duplicate: false,
  ...over,
});

describe('opening a round', () => {
  it.each([
    ['a 党委 with a window ending today', '党委', '2026-11-01', '2026-11-23', null],
    ['a 党工委', '党工委', '2026-11-23', '2026-12-10', null],
    ['a branch', '党支部', '2026-11-23', '2026-12-10', 'ROUND_OPENER_KIND'],
    ['a window ending yesterday', '党委', '2026-11-01', '2026-11-22', 'WINDOW_PAST'],
    ['a window ending before it starts', '党委', '2026-12-10', '2026-12-01', 'WINDOW_INVALID'],
  ])('%s', (_n, orgKind, nominateFrom, nominateTo, code) => {
    const d = decideOpenRound({ orgKind, nominateFrom, nominateTo, today: '2026-11-23' });
    expect(d.ok ? null : d.code).toBe(code);
  });
});

describe('nomination window (both end days included)', () => {
  it.each([
    ['the day before it opens', '2026-10-31', 'NOMINATION_WINDOW_CLOSED'],
    ['its first day', '2026-11-01', null],
    ['its last day', '2026-11-30', null],
    ['the day after it closes', '2026-12-01', 'NOMINATION_WINDOW_CLOSED'],
  ])('%s', (_n, today, code) => {
    const d = decideNominate(facts({ today }));
    expect(d.ok ? null : d.code).toBe(code);
  });

  it('refuses once the round is in 公示, whatever the date', () => {
    const d = decideNominate(facts({ round: round({ status: 'publicity' }) }));
    expect(d.ok ? null : d.code).toBe('NOMINATION_CLOSED');
  });
});

describe('nomination scope', () => {
  it.each([
    ['a member of the nominating branch', {}, null],
    ['a member of a group under the branch', { nomineePath: '/1/2/3/9/' }, null],
    ['a member of a sibling branch', { nomineePath: '/1/2/4/' }, 'NOMINEE_OUT_OF_SCOPE'],
    ['a person who is no member today', { nomineePath: null }, 'NOMINEE_OUT_OF_SCOPE'],
    [
      'a nominator outside the round',
      { nominatorPath: '/1/5/6/', nomineePath: '/1/5/6/' },
      'NOMINATOR_OUT_OF_SCOPE',
    ],
    [
      'the round’s own 党委 nominating',
      { nominatorPath: '/1/2/', nomineePath: '/1/2/3/' },
      'NOMINATOR_OUT_OF_SCOPE',
    ],
    ['a branch as 先进基层党组织', { category: '先进基层党组织' as const, nomineeOrgKind: '党支部' }, null],
    [
      'a 党小组 as 先进基层党组织',
      { category: '先进基层党组织' as const, nomineePath: '/1/2/3/9/', nomineeOrgKind: '党小组' },
      'NOMINEE_NOT_GRASSROOTS',
    ],
    ['the same nominee twice', { duplicate: true }, 'NOMINEE_DUPLICATE'],
  ])('%s', (_n, over: Partial<NominationFacts>, code) => {
    const d = decideNominate(facts(over));
    expect(d.ok ? null : d.code).toBe(code);
  });
});

describe('evidence', () => {
  const e = (orgPath: string | null, usable = true) => ({ kind: 'meeting' as const, id: 7, orgPath, usable });
  it.each([
    ['a held meeting of the branch', [e('/1/2/3/')], null],
    ['no evidence at all', [], null],
    ['an unknown id', [e(null)], 'EVIDENCE_UNKNOWN'],
    ['a meeting of another branch', [e('/1/2/4/')], 'EVIDENCE_OUT_OF_SCOPE'],
    ['a meeting not yet held', [e('/1/2/3/', false)], 'EVIDENCE_NOT_FINAL'],
  ])('%s', (_n, items, code) => {
    const d = decideEvidence(items, '/1/2/3/');
    expect(d.ok ? null : d.code).toBe(code);
  });
});

describe('公示 in working days (commitments.commendation.publicityWorkingDays)', () => {
  const none = buildCalendar([]);
  it('comes from the rulebook: 5 working days', () => expect(DAYS).toBe(5));
  it.each([
    ['Monday: ends Friday', '2026-11-23', '2026-11-27'],
    ['Thursday: spans the weekend', '2026-11-26', '2026-12-02'],
    ['Saturday: counts from Monday', '2026-11-28', '2026-12-04'],
  ])('%s', (_n, start, end) => expect(publicityEndsOn(start, DAYS, none)).toBe(end));
  it('skips a holiday and counts a make-up workday', () => {
    const cal = buildCalendar([
      { date: '2026-11-24', kind: 'holiday' },
      { date: '2026-11-28', kind: 'workday' },
    ]);
    expect(publicityEndsOn('2026-11-23', DAYS, cal)).toBe('2026-11-28');
  });
});

describe('starting the 公示', () => {
  it.each([
    ['on the window’s last day', '2026-11-30', 1, 'NOMINATION_WINDOW_OPEN'],
    ['the day after the window', '2026-12-01', 1, null],
    ['with nothing nominated', '2026-12-01', 0, 'NOTHING_TO_PUBLISH'],
  ])('%s', (_n, today, pending, code) => {
    const d = decideStartPublicity(round(), today, pending);
    expect(d.ok ? null : d.code).toBe(code);
  });
});

describe('approval after the 公示 ends; rejection any time before the archive', () => {
  const inPublicity = round({ status: 'publicity', publicityEndsOn: '2026-12-07' });
  it.each([
    [
      'approve on the 公示’s last day',
      'approve',
      inPublicity,
      'nominated',
      '2026-12-07',
      'PUBLICITY_NOT_ENDED',
    ],
    ['approve the day after', 'approve', inPublicity, 'nominated', '2026-12-08', null],
    ['approve before any 公示', 'approve', round(), 'nominated', '2026-12-08', 'NOT_PUBLICISED'],
    ['reject during the 公示', 'reject', inPublicity, 'nominated', '2026-12-03', null],
    ['decide twice', 'reject', inPublicity, 'approved', '2026-12-08', 'ALREADY_DECIDED'],
    [
      'decide in an archived round',
      'approve',
      round({ status: 'archived' }),
      'nominated',
      '2026-12-08',
      'ROUND_ARCHIVED',
    ],
  ] as const)('%s', (_n, action, r, status, today, code) => {
    const d = decideNominationDecision(action, r, { status }, today);
    expect(d.ok ? null : d.code).toBe(code);
  });
});

describe('archiving', () => {
  const inPublicity = round({ status: 'publicity', publicityEndsOn: '2026-12-07' });
  it.each([
    ['all decided after the 公示', inPublicity, '2026-12-08', 0, null],
    ['on the 公示’s last day', inPublicity, '2026-12-07', 0, 'PUBLICITY_NOT_ENDED'],
    ['with one undecided', inPublicity, '2026-12-08', 1, 'UNDECIDED_NOMINATIONS'],
    ['before any 公示', round(), '2026-12-08', 0, 'ROUND_NOT_PUBLICISED'],
  ])('%s', (_n, r, today, undecided, code) => {
    const d = decideArchive(r, today, undecided);
    expect(d.ok ? null : d.code).toBe(code);
  });
});
