import { describe, expect, it } from 'vitest';
import { INSPECTION_CHECKLIST } from '../rulebook/inspection.rules-data.ts';
import {
  decideChecklist,
  decideFindings,
  decidePlanTargets,
  decideVisitDate,
  defaultDeadline,
  findingOpenTooLong,
  readStates,
  targetStatus,
  type ChecklistEntryInput,
} from './inspection.rules.ts';

const town = { id: 2, path: '/1/2/', name: '甲镇党委' };
const branch = { id: 5, path: '/1/2/5/', name: '东村党支部' };
const branch2 = { id: 6, path: '/1/2/6/', name: '西村党支部' };
const other = { id: 9, path: '/1/3/9/', name: '乙镇南村党支部' };
const period = { from: '2026-03-01', to: '2026-06-30' };

describe('decidePlanTargets: strictly below the issuer, once each, inside the period', () => {
  it.each([
    ['a branch below', [{ org: branch, plannedOn: '2026-04-01' }], null],
    [
      'two branches',
      [
        { org: branch, plannedOn: '2026-03-01' },
        { org: branch2, plannedOn: '2026-06-30' },
      ],
      null,
    ],
    ['the issuer itself', [{ org: town, plannedOn: '2026-04-01' }], 'TARGET_OUT_OF_SCOPE'],
    ['another township', [{ org: other, plannedOn: '2026-04-01' }], 'TARGET_OUT_OF_SCOPE'],
    [
      'a sibling path prefix',
      [{ org: { id: 20, path: '/1/20/', name: '丙镇' }, plannedOn: '2026-04-01' }],
      'TARGET_OUT_OF_SCOPE',
    ],
    [
      'twice the same',
      [
        { org: branch, plannedOn: '2026-04-01' },
        { org: branch, plannedOn: '2026-05-01' },
      ],
      'TARGET_DUPLICATE',
    ],
    ['before the period', [{ org: branch, plannedOn: '2026-02-28' }], 'PLANNED_OUTSIDE_PERIOD'],
    ['after the period', [{ org: branch, plannedOn: '2026-07-01' }], 'PLANNED_OUTSIDE_PERIOD'],
    ['none', [], 'TARGETS_REQUIRED'],
  ] as const)('%s', (_label, targets, code) => {
    const d = decidePlanTargets(town, period, targets);
    expect(d.ok ? null : d.code).toBe(code);
  });

  it('refuses a period that ends before it starts, and names the field in Chinese', () => {
    const d = decidePlanTargets(town, { from: '2026-06-01', to: '2026-05-01' }, [
      { org: branch, plannedOn: '2026-06-01' },
    ]);
    expect(d).toMatchObject({ ok: false, code: 'PERIOD_INVALID', field: 'periodTo' });
  });

  it('the out-of-scope message is the one the issue asks for', () => {
    const d = decidePlanTargets(town, period, [{ org: other, plannedOn: '2026-04-01' }]);
    expect(d).toMatchObject({ ok: false, message: '督查对象超出本组织管理范围', field: 'targets[0].orgId' });
  });
});

const all = (result: ChecklistEntryInput['result'] = '符合'): ChecklistEntryInput[] =>
  INSPECTION_CHECKLIST.map((c) => ({ code: c.code, result }));

describe('decideChecklist: every rulebook item once, 不符合 with a note', () => {
  it.each([
    ['all met', all(), null],
    ['all not met with notes', all('不符合').map((e) => ({ ...e, note: '记录缺失' })), null],
    ['one missing', all().slice(1), 'CHECKLIST_INCOMPLETE'],
    ['unknown item', [...all(), { code: 'nope', result: '符合' as const }], 'CHECKLIST_UNKNOWN_ITEM'],
    ['duplicate', [...all(), { code: 'three_one', result: '符合' as const }], 'CHECKLIST_DUPLICATE'],
    [
      '不符合 without a note',
      all().map((e, i) => (i === 2 ? { ...e, result: '不符合' as const, note: ' ' } : e)),
      'CHECKLIST_NOTE_REQUIRED',
    ],
  ])('%s', (_label, entries, code) => {
    const d = decideChecklist(INSPECTION_CHECKLIST, entries);
    expect(d.ok ? null : d.code).toBe(code);
  });

  it('returns the items in rulebook order with their labels', () => {
    const d = decideChecklist(INSPECTION_CHECKLIST, [...all()].reverse());
    expect(d.ok && d.value.map((e) => e.label)).toEqual(INSPECTION_CHECKLIST.map((c) => c.label));
  });
});

describe('decideFindings and decideVisitDate', () => {
  it.each([
    [[{ text: '台账缺页', severity: '一般' as const, itemCode: 'dues_ledger' }], null],
    [[{ text: '台账缺页', severity: '一般' as const, itemCode: 'nope' }], 'FINDING_ITEM_UNKNOWN'],
    [[], null],
  ])('findings %#', (findings, code) => {
    const d = decideFindings(INSPECTION_CHECKLIST, findings);
    expect(d.ok ? null : d.code).toBe(code);
  });

  it.each([
    ['2026-04-01', '2026-03-01', '2026-04-10', null],
    ['2026-04-11', '2026-03-01', '2026-04-10', 'VISIT_IN_FUTURE'],
    ['2026-02-20', '2026-03-01', '2026-04-10', 'VISIT_BEFORE_PERIOD'],
  ])('visit on %s (period from %s, today %s)', (on, from, today, code) => {
    const d = decideVisitDate(on, from, today);
    expect(d.ok ? null : d.code).toBe(code);
  });
});

describe('defaultDeadline: days by severity from the rulebook, counted from today', () => {
  const days = { 一般: 30, 较重: 20, 严重: 10 };
  it.each([
    ['一般', '2026-11-23', '2026-12-23'],
    ['较重', '2026-11-23', '2026-12-13'],
    ['严重', '2026-11-23', '2026-12-03'],
    ['严重', '2026-12-25', '2027-01-04'],
  ] as const)('%s on %s → %s', (severity, today, want) => {
    expect(defaultDeadline(severity, days, today)).toBe(want);
  });
});

describe('targetStatus and findingOpenTooLong', () => {
  it.each([
    ['2026-05-01', null, '2026-05-01', 'planned'],
    ['2026-05-01', null, '2026-05-02', 'overdue'],
    ['2026-05-01', '2026-05-03', '2026-06-01', 'visited'],
  ])('planned %s, visited %s, today %s → %s', (planned, visited, today, want) => {
    expect(targetStatus(planned, visited, today)).toBe(want);
  });

  it.each([
    ['严重', '2026-11-01', null, '2026-11-08', false],
    ['严重', '2026-11-01', null, '2026-11-09', true],
    ['严重', '2026-11-01', 12, '2026-11-30', false],
    ['较重', '2026-11-01', null, '2026-11-30', false],
  ] as const)('%s recorded %s, rect %s, today %s → %s', (severity, recordedOn, rectItemId, today, want) => {
    expect(findingOpenTooLong({ severity, recordedOn, rectItemId }, 7, today)).toBe(want);
  });
});

describe('readStates: read once any staff member of the organisation opened it', () => {
  const recipients = [
    { orgId: 1, orgName: '甲镇党委' },
    { orgId: 2, orgName: '乙镇党委' },
  ];
  it('marks read, first reader and long unread', () => {
    const rows = readStates(
      recipients,
      [
        { orgId: 1, userName: '王芳', readAt: '2026-11-21T03:00:00Z' },
        { orgId: 1, userName: '李强', readAt: '2026-11-20T03:00:00Z' },
      ],
      '2026-11-20',
      7,
      '2026-11-27',
    );
    expect(rows).toEqual([
      {
        orgId: 1,
        orgName: '甲镇党委',
        read: true,
        firstReadAt: '2026-11-20T03:00:00Z',
        readers: ['李强', '王芳'],
        longUnread: false,
      },
      { orgId: 2, orgName: '乙镇党委', read: false, firstReadAt: null, readers: [], longUnread: true },
    ]);
  });
  it('is not long unread before the days pass', () => {
    expect(readStates(recipients, [], '2026-11-20', 7, '2026-11-26').every((r) => !r.longUnread)).toBe(true);
  });
});
