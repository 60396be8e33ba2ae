import { describe, expect, it } from 'vitest';
import { decideClose, decideFile, decideWithdraw } from './transfer-request.rules.ts';

describe('a member filing a transfer request', () => {
  it.each([
    [{ hasMembership: true, hasOpenRequest: false, hasOpenTransfer: false }, null],
    [{ hasMembership: false, hasOpenRequest: false, hasOpenTransfer: false }, 'NO_MEMBERSHIP'],
    [{ hasMembership: true, hasOpenRequest: true, hasOpenTransfer: false }, 'REQUEST_OPEN'],
    [{ hasMembership: true, hasOpenRequest: false, hasOpenTransfer: true }, 'TRANSFER_OPEN'],
  ])('%o → %s', (facts, code) => {
    const d = decideFile(facts);
    expect(d.ok ? null : d.code).toBe(code);
  });

  it.each([
    ['open', null],
    ['converted', 'REQUEST_CLOSED'],
    ['declined', 'REQUEST_CLOSED'],
    ['withdrawn', 'REQUEST_CLOSED'],
  ])('closing a %s request → %s', (status, code) => {
    const d = decideClose(status);
    expect(d.ok ? null : d.code).toBe(code);
  });

  it.each([
    ['open', null, null],
    ['converted', 'REQUEST_CLOSED', '不能撤回'],
    ['declined', 'REQUEST_CLOSED', '无需撤回'],
    ['withdrawn', 'REQUEST_CLOSED', '已撤回'],
  ])('the member withdrawing a %s request → %s', (status, code, message) => {
    const d = decideWithdraw(status);
    expect(d.ok ? null : d.code).toBe(code);
    if (!d.ok) expect(d.message).toContain(message);
  });
});
