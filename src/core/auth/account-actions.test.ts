import { describe, expect, it } from 'vitest';
import { decideAccountAction, generateInitialPassword, type AccountAction } from './account-actions.ts';
import { checkPassword, DENGBAO_POLICY } from './password-policy.ts';

describe('decideAccountAction (三员分立)', () => {
  const security = ['security_admin'];
  it.each<
    [string, AccountAction, { actorRoles: string[]; toSelf: boolean; targetDisabled: boolean }, string | null]
  >([
    [
      'the security admin resets another active account',
      'reset_password',
      { actorRoles: security, toSelf: false, targetDisabled: false },
      null,
    ],
    [
      'the security admin enables a disabled account',
      'enable',
      { actorRoles: security, toSelf: false, targetDisabled: true },
      null,
    ],
    [
      'the system admin may not reset passwords',
      'reset_password',
      { actorRoles: ['system_admin'], toSelf: false, targetDisabled: false },
      'ACCOUNT_ACTION_FORBIDDEN',
    ],
    [
      'the system admin may not enable',
      'enable',
      { actorRoles: ['system_admin'], toSelf: false, targetDisabled: true },
      'ACCOUNT_ACTION_FORBIDDEN',
    ],
    [
      'an org admin may not reset',
      'reset_password',
      { actorRoles: ['org_admin'], toSelf: false, targetDisabled: false },
      'ACCOUNT_ACTION_FORBIDDEN',
    ],
    [
      'not on the own account',
      'reset_password',
      { actorRoles: security, toSelf: true, targetDisabled: false },
      'ACCOUNT_ACTION_SELF',
    ],
    [
      'not enabling the own account',
      'enable',
      { actorRoles: security, toSelf: true, targetDisabled: true },
      'ACCOUNT_ACTION_SELF',
    ],
    [
      'enabling an active account is refused',
      'enable',
      { actorRoles: security, toSelf: false, targetDisabled: false },
      'ACCOUNT_NOT_DISABLED',
    ],
    [
      'resetting a disabled account is refused',
      'reset_password',
      { actorRoles: security, toSelf: false, targetDisabled: true },
      'ACCOUNT_DISABLED',
    ],
  ])('%s', (_, action, facts, code) => {
    const d = decideAccountAction(action, facts);
    expect(d.ok ? null : d.code).toBe(code);
    if (!d.ok) expect(d.message).toMatch(/[\u4e00-\u9fa5]/);
  });
});

describe('generateInitialPassword', () => {
  it.each([
    ['worker_1', 1],
    ['abc', 7],
    ['secadmin', 12345],
  ])('passes the password policy for %s (seed %i)', (username, seed) => {
    // A small deterministic generator stands in for crypto.randomInt.
    let x = seed;
    const randomInt = (n: number) => {
      x = (x * 1103515245 + 12345) % 2147483648;
      return x % n;
    };
    const password = generateInitialPassword(username, DENGBAO_POLICY, randomInt);
    expect(password).toHaveLength(16);
    expect(checkPassword(password, username, DENGBAO_POLICY).ok).toBe(true);
    expect(password).not.toMatch(/[0O1lI]/);
  });
});
