import { describe, expect, it } from 'vitest';
import { NATIONAL_RULEBOOK } from '../rulebook/rulebook.ts';
import {
  decideEndDiscipline,
  decideRecordDiscipline,
  underProbation,
  type DisciplineRecord,
} from './discipline.rules.ts';

const book = NATIONAL_RULEBOOK;
const today = '2026-12-07';
const facts = { name: '张明', categoryOnStart: '正式党员', existing: [] as DisciplineRecord[] };
const rec = (over: Partial<DisciplineRecord> = {}): DisciplineRecord => ({
  kind: '留党察看',
  startOn: '2026-03-01',
  endOn: '2027-03-01',
  endedOn: null,
  endOutcome: null,
  ...over,
});

describe('留党察看: period from the rulebook (1 or 2 years, 党章 第四十条)', () => {
  it.each([
    [{ years: 1 }, '2027-03-01', null],
    [{ years: 2 }, '2028-03-01', null],
    [{ years: 3 }, null, 'DISCIPLINE_PERIOD'],
    [{ endOn: '2027-03-01' }, '2027-03-01', null],
    [{ endOn: '2028-03-01' }, '2028-03-01', null],
    [{ endOn: '2027-02-28' }, null, 'DISCIPLINE_PERIOD'],
    [{ endOn: '2027-09-01' }, null, 'DISCIPLINE_PERIOD'],
    [{ years: 1, endOn: '2028-03-01' }, null, 'DISCIPLINE_PERIOD'],
    [{}, null, 'DISCIPLINE_PERIOD'],
  ])('%j from 2026-03-01 → end %s (%s)', (period, endOn, code) => {
    const d = decideRecordDiscipline({ kind: '留党察看', startOn: '2026-03-01', ...period }, facts, book, today);
    expect(d.ok ? null : d.code).toBe(code);
    if (d.ok) expect(d.value.endOn).toBe(endOn);
  });

  it.each([
    ['正式党员', null],
    ['预备党员', 'DISCIPLINE_NOT_FULL_MEMBER'],
    [null, 'DISCIPLINE_NOT_FULL_MEMBER'],
  ])('a %s on the start date → %s', (category, code) => {
    const d = decideRecordDiscipline({ kind: '留党察看', startOn: '2026-03-01', years: 1 }, { ...facts, categoryOnStart: category }, book, today);
    expect(d.ok ? null : d.code).toBe(code);
  });

  it.each([
    ['2026-12-07', null],
    ['2026-12-08', 'DISCIPLINE_DATE'],
  ])('start %s with today 2026-12-07 → %s', (startOn, code) => {
    const d = decideRecordDiscipline({ kind: '留党察看', startOn, years: 1 }, facts, book, today);
    expect(d.ok ? null : d.code).toBe(code);
  });

  it.each([
    ['2025-03-01', null], // the earlier one ends 2026-03-01 (exclusive): no overlap
    ['2025-03-02', 'DISCIPLINE_OVERLAP'],
  ])('an earlier record from %s for 1 year → %s', (start, code) => {
    const existing = [rec({ startOn: start, endOn: start.replace('2025', '2026') })];
    const d = decideRecordDiscipline({ kind: '留党察看', startOn: '2026-03-01', years: 1 }, { ...facts, existing }, book, today);
    expect(d.ok ? null : d.code).toBe(code);
  });
});

describe('留党察看: under it on a day', () => {
  it.each([
    ['2026-02-28', rec(), false],
    ['2026-03-01', rec(), true],
    ['2027-02-28', rec(), true],
    ['2027-03-01', rec(), false],
    ['2026-06-30', rec({ endedOn: '2026-07-01', endOutcome: '撤销处分' }), true],
    ['2026-07-01', rec({ endedOn: '2026-07-01', endOutcome: '撤销处分' }), false],
    ['2027-02-28', rec({ endedOn: '2027-03-05', endOutcome: '恢复党员权利' }), true],
  ])('on %s → %s', (on, r, under) => expect(underProbation(r, on)).toBe(under));
});

describe('留党察看: ending it', () => {
  it.each([
    ['恢复党员权利', '2027-02-28', '2027-03-10', 'DISCIPLINE_NOT_EXPIRED'],
    ['恢复党员权利', '2027-03-01', '2027-03-10', null],
    ['撤销处分', '2027-02-28', '2027-03-10', null],
    ['撤销处分', '2027-03-01', '2027-03-10', 'DISCIPLINE_EXPIRED'],
    ['撤销处分', '2026-02-28', '2027-03-10', 'DISCIPLINE_DATE'],
    ['撤销处分', '2026-12-08', '2026-12-07', 'DISCIPLINE_DATE'],
  ] as const)('%s on %s (today %s) → %s', (outcome, on, now, code) => {
    const d = decideEndDiscipline(rec(), { on, outcome }, now);
    expect(d.ok ? null : d.code).toBe(code);
  });
  it('an ended record cannot be ended again', () => {
    const d = decideEndDiscipline(rec({ endedOn: '2027-03-01', endOutcome: '恢复党员权利' }), { on: '2027-03-02', outcome: '恢复党员权利' }, '2027-03-10');
    expect(d).toMatchObject({ ok: false, code: 'DISCIPLINE_ENDED' });
  });
});
