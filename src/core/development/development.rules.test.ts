import { describe, expect, it } from 'vitest';
import { applyOverride, NATIONAL_RULEBOOK } from '../rulebook/rulebook.ts';
import { buildCalendar, isWorkingDay, workingDaysBetween } from './calendar.ts';
import {
  auditCandidate,
  checkActivistPeriod,
  checkAge,
  checkApproval,
  checkContacts,
  checkExtension,
  checkIntroducers,
  checkPublicity,
  checkTalk,
  checkTraining,
  checkVote,
  decideRecordStep,
  probationEnd,
} from './development.rules.ts';
import type { CandidateRecord, MemberSnapshot, StepRecord } from './development.types.ts';
import { describePeriod } from './periods.ts';
import { stepsOn } from './steps.ts';

const book = NATIONAL_RULEBOOK;
// 2026 National Day: 10-01..10-07 off; Sunday 09-20 and Saturday 10-10 are make-up workdays.
const cal = buildCalendar([
  ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({
    date: `2026-10-${d}`,
    kind: 'holiday' as const,
  })),
  { date: '2026-09-20', kind: 'workday' },
  { date: '2026-10-10', kind: 'workday' },
]);

describe('working days', () => {
  it.each([
    ['2026-10-01', false],
    ['2026-10-07', false],
    ['2026-10-08', true],
    ['2026-10-10', true],
    ['2026-09-20', true],
    ['2026-10-11', false],
    ['2026-09-30', true],
  ])('%s working day: %s', (d, expected) => expect(isWorkingDay(d, cal)).toBe(expected));

  it.each([
    ['2026-09-29', '2026-10-09', 4, false], // 9-29, 9-30, 10-8, 10-9: the holiday week does not count
    ['2026-09-28', '2026-10-09', 5, true],
    ['2026-09-30', '2026-10-10', 4, false], // the make-up Saturday counts
    ['2026-09-30', '2026-10-12', 5, true],
    ['2026-11-16', '2026-11-19', 4, false],
    ['2026-11-16', '2026-11-20', 5, true],
  ])('公示 %s..%s = %i working days, passes: %s', (from, to, days, passes) => {
    expect(workingDaysBetween(from, to, cal)).toBe(days);
    expect(checkPublicity(from, to, to, cal, book).ok).toBe(passes);
  });

  it('publicity must end by the decision date', () => {
    expect(checkPublicity('2026-11-16', '2026-11-20', '2026-11-19', cal, book)).toMatchObject({
      ok: false,
      code: 'PUBLICITY_SHORT',
    });
  });
});

describe('periods', () => {
  it.each([
    ['2025-03-01', '2026-02-28', '11个月27天', false], // 364 days
    ['2025-03-01', '2026-03-01', '1年', true], // 365 days
    ['2023-03-01', '2024-02-29', '11个月28天', false], // 365 days across a leap day: still not a year
    ['2023-03-01', '2024-03-01', '1年', true], // 366 days
    ['2024-02-29', '2025-02-27', '11个月29天', false], // leap-day start
    ['2024-02-29', '2025-02-28', '1年', true], // clamps to 28 February
  ])('积极分子 %s → 发展对象 %s (%s): %s', (from, to, text, passes) => {
    expect(describePeriod(from, to)).toBe(text);
    const d = checkActivistPeriod(from, to, book);
    expect(d.ok).toBe(passes);
    if (!d.ok) expect(d.message).toContain(`积极分子培养期${text}，不满1年`);
  });

  it.each([
    ['2026-01-31', '2026-02-28', true],
    ['2026-01-31', '2026-03-01', false],
    ['2026-03-15', '2026-04-15', true],
    ['2026-03-15', '2026-04-16', false],
  ])('talk: applied %s, talked %s, within a month: %s', (applied, talk, passes) =>
    expect(checkTalk(applied, talk, book).ok).toBe(passes),
  );

  it.each([
    ['2008-05-10', '2026-05-09', false],
    ['2008-05-10', '2026-05-10', true],
    ['2008-02-29', '2026-02-28', false],
    ['2008-02-29', '2026-03-01', true],
  ])('born %s, applied %s, 18: %s', (birth, applied, passes) =>
    expect(checkAge(birth, applied, book).ok).toBe(passes),
  );

  it.each([
    ['2026-01-10', '2026-04-10', '', true],
    ['2026-01-10', '2026-04-11', '', false],
    ['2026-01-10', '2026-04-11', '组织员外出学习', true],
    ['2026-01-10', '2026-07-10', '组织员外出学习', true],
    ['2026-01-10', '2026-07-11', '组织员外出学习', false],
  ])('approval: meeting %s, approved %s, reason "%s": %s', (m, a, reason, passes) =>
    expect(checkApproval(m, a, reason, book).ok).toBe(passes),
  );

  it.each([
    [5, 0, false],
    [6, 0, true],
    [12, 0, true],
    [13, 0, false],
    [6, 1, false],
  ])('extension %i months after %i extensions: %s', (months, earlier, passes) =>
    expect(checkExtension(months, earlier, '2026-06-01', book).ok).toBe(passes),
  );

  it.each([
    [2, 23, false],
    [3, 0, true],
    [0, 23, false],
    [0, 24, true],
  ])('training %i days %i hours: %s', (days, hours, passes) =>
    expect(checkTraining(days, hours, '2026-06-01', book).ok).toBe(passes),
  );
});

const m = (
  personId: number,
  category: string | null,
  extra: Partial<MemberSnapshot> = {},
): MemberSnapshot => ({ personId, name: `党员${personId}`, category, ...extra });

describe('people and votes', () => {
  it.each([
    [[m(1, '正式党员'), m(2, '正式党员')], true],
    [[m(1, '正式党员')], false],
    [[m(1, '正式党员'), m(2, '预备党员')], false],
    [[m(1, '正式党员'), m(2, '正式党员', { onProbationDiscipline: true })], false],
    [[m(1, '正式党员'), m(1, '正式党员')], false],
  ])('introducers %#', (list, passes) => expect(checkIntroducers(list, '2026-06-01', book).ok).toBe(passes));

  it.each([
    [[], false],
    [[m(1, '正式党员')], true],
    [[m(1, '正式党员'), m(2, '正式党员')], true],
    [[m(1, '正式党员'), m(2, '正式党员'), m(3, '正式党员')], false],
    [[m(1, null)], false],
  ])('contacts %#', (list, passes) => expect(checkContacts(list, '2026-06-01', book).ok).toBe(passes));

  it.each([
    // full members, exclusions, present, for → code
    [10, 0, 5, 5, 'VOTE_NO_QUORUM'],
    [10, 0, 6, 5, 'VOTE_NOT_PASSED'],
    [10, 0, 6, 6, null],
    [10, 2, 5, 5, null],
    [10, 2, 4, 4, 'VOTE_NO_QUORUM'],
    [11, 0, 6, 6, null],
    [11, 0, 5, 5, 'VOTE_NO_QUORUM'],
  ])('%i full members, %i excluded, %i present, %i for → %s', (full, excl, present, yes, code) => {
    const d = checkVote(
      {
        fullMembers: full,
        exclusions: Array.from({ length: excl }, (_, i) => ({ name: `外出${i}`, case: 'awayUntransferred' })),
        present,
        for: yes,
        against: present - yes,
        abstain: 0,
      },
      '2026-06-01',
      book,
    );
    expect(d.ok ? null : d.code).toBe(code);
  });

  // Issue 16: only the approved cases leave 应到会. 10 full members, 2 left out, 5 present, 5 for:
  // with approved cases 应到会 is 8 and 5 > 4 passes; ordinary leave keeps 应到会 at 10 → no quorum.
  it.each([
    ['illness', undefined, null],
    ['abroad', undefined, null],
    ['sentence', undefined, null],
    ['bedridden', undefined, null],
    ['awayUntransferred', undefined, null],
    // 送学上门 excuses attendance at organisational life, not the vote's 应到会
    ['elderlySick', undefined, 'VOTE_EXCLUSION_INVALID'],
    [undefined, '因事请假', 'VOTE_EXCLUSION_INVALID'],
    [undefined, '外出务工', 'VOTE_EXCLUSION_INVALID'],
    [undefined, '', 'VOTE_EXCLUSION_INVALID'],
    [undefined, undefined, 'VOTE_EXCLUSION_INVALID'],
  ])('exclusion case %s / old reason %j → %s', (c, reason, code) => {
    const d = checkVote(
      {
        fullMembers: 10,
        exclusions: [0, 1].map((i) => ({
          name: `党员${i}`,
          ...(c ? { case: c } : {}),
          ...(reason !== undefined ? { reason } : {}),
        })),
        present: 5,
        for: 5,
        against: 0,
        abstain: 0,
      },
      '2026-06-01',
      book,
    );
    expect(d.ok ? null : d.code).toBe(code);
    if (!d.ok) {
      expect(d.field).toBe('vote');
      expect(d.message).toContain('不计入应到会人数的情形');
      expect(d.message).not.toContain('请假人');
    }
  });

  it('the no-quorum message says 不计入应到会人数, never 请假', () => {
    const d = checkVote(
      { fullMembers: 10, exclusions: [{ name: '某', case: 'abroad' }], present: 4, for: 4, against: 0, abstain: 0 },
      '2026-06-01',
      book,
    );
    expect(d).toMatchObject({ ok: false, code: 'VOTE_NO_QUORUM' });
    expect(!d.ok && d.message).toContain('经批准不计入应到会人数1人');
    expect(!d.ok && d.message).not.toContain('请假');
  });

  it.each([
    // full members, of them under 留党察看, present, for → code (党章 第四十条: no 表决权)
    [10, 0, 5, 5, 'VOTE_NO_QUORUM'],
    [10, 2, 5, 5, null],
    [10, 2, 4, 4, 'VOTE_NO_QUORUM'],
    [10, 2, 9, 9, 'VOTE_INVALID'],
  ])('%i full members, %i under 留党察看, %i present, %i for → %s', (full, suspended, present, yes, code) => {
    const d = checkVote(
      { fullMembers: full, suspended, exclusions: [], present, for: yes, against: 0, abstain: 0 },
      '2026-06-01',
      book,
    );
    expect(d.ok ? null : d.code).toBe(code);
  });
});

const s = (step: number, doneOn: string, data: Record<string, unknown> = {}): StepRecord => ({
  step,
  doneOn,
  data,
  materials: stepsOn(book, '2024-01-01').find((x) => x.no === step)!.materials,
  asHistory: false,
});

describe('whole record', () => {
  const base: CandidateRecord = {
    id: 1,
    name: '周申',
    birthDate: '2000-01-01',
    appliedOn: '2024-03-01',
    status: '入党积极分子',
    steps: [s(1, '2024-03-01'), s(2, '2024-03-20'), s(3, '2024-06-01')],
  };
  const ctx = { book, calendar: cal, today: '2024-08-01' };

  it('refuses a step before its predecessor, or accepts it as history and lists it', () => {
    const rec = s(9, '2024-07-01', { introducers: [m(1, '正式党员'), m(2, '正式党员')] });
    expect(decideRecordStep(base, rec, ctx)).toMatchObject({ ok: false, code: 'STEP_ORDER' });
    const hist = decideRecordStep(base, { ...rec, asHistory: true }, ctx);
    expect(hist.ok && hist.value.map((f) => f.code)).toEqual(['STEP_ORDER']);
  });

  it('refuses an introducer who is a 预备党员 with the rule named', () => {
    const c: CandidateRecord = {
      ...base,
      status: '发展对象',
      steps: [
        ...base.steps,
        s(5, '2024-06-02', { contacts: [m(1, '正式党员')] }),
        s(6, '2024-12-01', { summary: '好' }),
        s(7, '2025-06-10', { publicityStart: '2025-06-02', publicityEnd: '2025-06-06' }),
      ],
    };
    const d = decideRecordStep(c, s(9, '2025-06-20', { introducers: [m(1, '正式党员'), m(2, '预备党员')] }), {
      ...ctx,
      today: '2025-07-01',
    });
    expect(d).toMatchObject({ ok: false, code: 'INTRODUCER_INVALID', field: 'introducers' });
    expect(!d.ok && d.message).toContain('入党介绍人');
  });

  it('audits an overdue talk and lists a talk due as upcoming', () => {
    const fresh: CandidateRecord = {
      id: 2,
      name: '吴新',
      birthDate: '2000-01-01',
      appliedOn: '2024-07-15',
      status: '申请人',
      steps: [s(1, '2024-07-15')],
    };
    expect(auditCandidate(fresh, ctx).upcoming).toEqual([
      { step: 2, due: '2024-08-15', what: '派人谈话期限' },
    ]);
    expect(auditCandidate(fresh, { ...ctx, today: '2024-08-16' }).violations.map((v) => v.code)).toEqual([
      'TALK_OVERDUE',
    ]);
  });

  it('probation ends one year after the 支部大会, extended once', () => {
    const c = {
      steps: [s(15, '2024-02-29'), s(23, '2025-03-01', { outcome: '延长预备期', extendMonths: 6 })],
    };
    expect(probationEnd({ steps: c.steps.slice(0, 1) }, book)).toBe('2025-02-28');
    expect(probationEnd(c, book)).toBe('2025-08-28');
  });
});

describe('rulebook versions', () => {
  it('a 2026 revision of the steps applies to records dated from its effective date', () => {
    const steps2014 = stepsOn(book, '2026-01-01');
    const revised = steps2014.map((st) => (st.no === 11 ? { ...st, name: '开展集中培训（修订）' } : st));
    const book2026 = applyOverride(book, {
      name: '2026修订',
      entries: [
        {
          id: 'development.steps',
          value: revised,
          unit: 'steps',
          title: '发展党员工作细则（2026修订）',
          source: '修订版（示例）',
          certainty: 'M',
          effectiveFrom: '2026-07-01',
        },
        {
          id: 'development.training',
          value: { minDays: 5, minHours: 40 },
          unit: 'days/hours',
          title: '集中培训不少于5天或40学时（示例）',
          source: '修订版（示例）',
          certainty: 'M',
          effectiveFrom: '2026-07-01',
        },
      ],
    });
    expect(stepsOn(book2026, '2026-06-30')[10]!.name).toBe('开展集中培训');
    expect(stepsOn(book2026, '2026-07-01')[10]!.name).toBe('开展集中培训（修订）');
    expect(checkTraining(3, 0, '2026-06-30', book2026).ok).toBe(true);
    expect(checkTraining(3, 0, '2026-07-01', book2026).ok).toBe(false);
    expect(stepsOn(book, '2026-07-01')).toHaveLength(25);
  });
});

describe('fast date arithmetic agrees with shared/dates.ts', () => {
  it('addMonths on every day of 2023–2025 (and leap days) for -30…30 months', async () => {
    const shared = await import('../shared/dates.ts');
    const fast = await import('./periods.ts');
    for (let d = '2023-01-01'; d <= '2025-12-31'; d = shared.addDays(d, 1)) {
      for (const m of [-30, -13, -12, -1, 0, 1, 2, 6, 11, 12, 13, 24, 30])
        expect(fast.addMonths(d, m), `${d}+${m}`).toBe(shared.addMonths(d, m));
    }
    expect(fast.addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(fast.addMonths('2000-02-29', 48)).toBe('2004-02-29');
    expect(fast.addMonths('1900-01-31', 1)).toBe('1900-02-28');
  });
});
