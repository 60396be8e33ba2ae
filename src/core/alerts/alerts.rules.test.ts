import { describe, expect, it } from 'vitest';
import { countDeltas, diffAlerts, type AlertFinding, type StoredAlert } from './alerts.rules.ts';

const finding = (
  code: string,
  subjectId: string,
  orgPath = '/1/2/3/',
  extra: Partial<AlertFinding> = {},
): AlertFinding => ({
  code,
  orgId: Number(orgPath.split('/').filter(Boolean).pop()),
  orgPath,
  subjectType: 'org',
  subjectId,
  subjectLabel: '某党支部',
  since: '2026-01-01',
  detail: '说明',
  ...extra,
});
const stored = (id: number, f: AlertFinding): StoredAlert => ({
  id,
  code: f.code,
  subjectType: f.subjectType,
  subjectId: f.subjectId,
  subjectLabel: f.subjectLabel,
  orgId: f.orgId,
  orgPath: f.orgPath,
  since: f.since ?? '2026-01-01',
  due: f.due ?? null,
  detail: f.detail,
  link: f.link ?? null,
});

describe('diffAlerts: the open set follows what a source finds', () => {
  const a = finding('TERM_OVERDUE', '3');
  const b = finding('SECRETARY_VACANT', '3');
  it.each([
    ['nothing open, nothing found', [], [], [0, 0, 0]],
    ['a new condition opens an alert', [], [a], [1, 0, 0]],
    ['a cleared condition closes its alert', [stored(1, a)], [], [0, 1, 0]],
    ['an unchanged condition stays open untouched', [stored(1, a)], [a], [0, 0, 0]],
    [
      'a changed detail is an update, not a close and reopen',
      [stored(1, a)],
      [{ ...a, detail: '新的说明' }],
      [0, 0, 1],
    ],
    ['same subject, another code: two alerts', [stored(1, a)], [a, b], [1, 0, 0]],
    ['a duplicate finding counts once', [], [a, { ...a }], [1, 0, 0]],
    [
      'a finding without a known start does not update the stored start',
      [stored(1, a)],
      [{ ...a, since: null }],
      [0, 0, 0],
    ],
  ] as const)('%s', (_name, open, found, [opened, closed, updated]) => {
    const d = diffAlerts(open as unknown as StoredAlert[], found as unknown as AlertFinding[]);
    expect([d.open.length, d.close.length, d.update.length]).toEqual([opened, closed, updated]);
  });
});

describe('countDeltas: every ancestor on the path counts an alert', () => {
  it('adds one per ancestor on open and removes one on close', () => {
    const d = countDeltas(
      diffAlerts([stored(9, finding('X', 'gone', '/1/5/'))], [finding('X', 'new', '/1/2/3/')]),
    );
    expect(Object.fromEntries([...d.values()].map((v) => [`${v.ancestorId}|${v.code}`, v.delta]))).toEqual({
      '2|X': 1,
      '3|X': 1,
      '5|X': -1,
    });
  });
  it('moves the count when the organisation of an open alert moves', () => {
    const before = stored(1, finding('X', 's', '/1/2/3/'));
    const d = countDeltas(diffAlerts([before], [finding('X', 's', '/1/4/3/')]));
    expect(Object.fromEntries([...d.values()].map((v) => [`${v.ancestorId}|${v.code}`, v.delta]))).toEqual({
      '2|X': -1,
      '4|X': 1,
    });
  });
});
