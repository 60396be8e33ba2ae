import { describe, expect, it } from 'vitest';
import { decideTransition, isOverdue, validateDeadline } from './rectification.rules.ts';

describe('rectification state machine', () => {
  it.each([
    ['progress while open', 'open', 'progress', 'x', 'open'],
    ['progress when closed', 'closed', 'progress', 'x', 'RECTIFICATION_CLOSED'],
    ['request closure with evidence', 'open', 'request_closure', '台账照片', 'closure_requested'],
    ['request closure without evidence', 'open', 'request_closure', ' ', 'EVIDENCE_REQUIRED'],
    ['request closure twice', 'closure_requested', 'request_closure', 'x', 'RECTIFICATION_NOT_OPEN'],
    ['approve a request', 'closure_requested', 'approve', null, 'closed'],
    ['reject a request (reopened)', 'closure_requested', 'reject', null, 'open'],
    ['approve without a request', 'open', 'approve', null, 'RECTIFICATION_NOT_REQUESTED'],
  ] as const)('%s', (_n, status, action, evidence, expected) => {
    const d = decideTransition(status, action, evidence);
    expect(d.ok ? d.value : d.code).toBe(expected);
  });
  it.each([
    ['deadline yesterday, open', 'open', '2026-11-22', true],
    ['deadline today', 'open', '2026-11-23', false],
    ['deadline yesterday, closed', 'closed', '2026-11-22', false],
  ] as const)('overdue: %s', (_n, status, deadline, overdue) =>
    expect(isOverdue({ status, deadline }, '2026-11-23')).toBe(overdue),
  );
  it.each([
    ['2026-11-22', false],
    ['2026-11-23', true],
  ])('deadline %s valid: %s', (d, v) => expect(validateDeadline(d, '2026-11-23').ok).toBe(v));
});
