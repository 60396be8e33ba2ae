import { describe, expect, it } from 'vitest';
import { reviewCalendar, type CalendarCommitment } from './review-calendar.ts';

const c = (over: Partial<CalendarCommitment>): CalendarCommitment => ({
  id: 1,
  orgId: 10,
  orgPath: '/1/2/10/',
  orgName: '东村党支部',
  committerKind: 'org',
  committerName: '东村党支部',
  title: '承诺',
  publishedOn: '2026-01-10',
  lastReviewOn: null,
  ...over,
});
const secretaries = new Map([[10, { personId: 5, name: '李华' }]]);
const links = [{ personId: 7, name: '张明', orgPath: '/1/2/10/' }];

describe('review calendar: reviewer and month of each due review (6-month cadence)', () => {
  it.each([
    ['last reviewed 2026-05-23: due today', '2026-05-23', 'due', '2026-11'],
    ['last reviewed 2026-05-24: due tomorrow', '2026-05-24', 'ok', '2026-11'],
    ['last reviewed 2026-05-22: overdue', '2026-05-22', 'overdue', '2026-11'],
    ['last reviewed 2026-06-01: due next month', '2026-06-01', 'ok', '2026-12'],
  ])('%s', (_n, last, state, month) => {
    const [row] = reviewCalendar([c({ lastReviewOn: last })], secretaries, links, 6, '2026-11-23');
    expect(row!.reviewer).toMatchObject({ name: '张明', role: '联系点' });
    expect(row!.entries[0]).toMatchObject({ state, month });
  });

  it('a member commitment goes to the branch 书记; an unlinked organisation to the committee leaders', () => {
    const rows = reviewCalendar(
      [
        c({ id: 1, committerKind: 'member', committerName: '王强' }),
        c({ id: 2, orgId: 11, orgPath: '/1/2/11/', orgName: '西村党支部' }),
      ],
      secretaries,
      links,
      6,
      '2026-11-23',
    );
    expect(rows.find((r) => r.reviewer?.name === '李华')!.entries.map((e) => e.id)).toEqual([1]);
    const none = rows.find((r) => r.reviewer === null)!;
    expect(none.fallback).toContain('未设联系点');
    expect(none.entries.map((e) => e.id)).toEqual([2]);
  });

  it('counts overdue and due per reviewer, overdue rows first', () => {
    const rows = reviewCalendar(
      [
        c({ id: 1, lastReviewOn: '2026-04-01' }),
        c({ id: 2, lastReviewOn: '2026-05-23' }),
        c({ id: 3, committerKind: 'member', lastReviewOn: '2026-10-01' }),
      ],
      secretaries,
      links,
      6,
      '2026-11-23',
    );
    expect(rows.map((r) => [r.reviewer?.name, r.overdue, r.due])).toEqual([
      ['张明', 1, 1],
      ['李华', 0, 0],
    ]);
  });
});
