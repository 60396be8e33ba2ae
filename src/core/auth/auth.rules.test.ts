import { describe, expect, it } from 'vitest';
import { checkPassword } from './password-policy.ts';
import { decideRoleGrant, decideRoles, ROLES, SEPARATED_ROLES, type Role } from './roles.ts';
import { attemptVerdict, isLocked, isPasswordExpired, lockAfterFailure, sessionVerdict } from './session.rules.ts';

const limits = { idleMinutes: 30, absoluteHours: 12 };
const t0 = '2026-11-23T08:00:00.000Z';
const plus = (ms: number) => new Date(Date.parse(t0) + ms).toISOString();

describe('sessions', () => {
  it.each([
    ['29m59s idle is valid', { createdAt: t0, lastSeenAt: t0 }, plus(30 * 60_000 - 1000), 'valid'],
    ['30m idle expires', { createdAt: t0, lastSeenAt: t0 }, plus(30 * 60_000), 'idle_expired'],
    ['active but 12h old expires', { createdAt: t0, lastSeenAt: plus(12 * 3_600_000 - 60_000) }, plus(12 * 3_600_000), 'absolute_expired'],
    ['active and 11h59m old is valid', { createdAt: t0, lastSeenAt: plus(11 * 3_600_000 + 58 * 60_000) }, plus(11 * 3_600_000 + 59 * 60_000), 'valid'],
  ])('%s', (_n, times, now, expected) => {
    expect(sessionVerdict(times, now, limits)).toBe(expected);
  });
});

describe('lockout', () => {
  const policy = { failures: 5, minutes: 30 };
  it.each([
    ['4th failed attempt does not lock', 4, false],
    ['5th failed attempt locks', 5, true],
    ['an attempt past the threshold locks', 6, true],
  ])('%s', (_n, attempt, locks) => {
    expect(lockAfterFailure(attempt, t0, policy) !== null).toBe(locks);
  });
  it.each([
    [1, 'check'],
    [5, 'check'],
    [6, 'exhausted'],
    [12, 'exhausted'],
  ] as const)('attempt %i of a run is %s', (attempt, verdict) => {
    expect(attemptVerdict(attempt, policy)).toBe(verdict);
  });
  it('a lock lasts 30 minutes', () => {
    const lockedUntil = lockAfterFailure(5, t0, policy);
    expect(isLocked(lockedUntil, plus(30 * 60_000 - 1))).toBe(true);
    expect(isLocked(lockedUntil, plus(30 * 60_000))).toBe(false);
  });
  it('password expiry at 90 days', () => {
    expect(isPasswordExpired(t0, plus(89 * 86_400_000), 90)).toBe(false);
    expect(isPasswordExpired(t0, plus(90 * 86_400_000), 90)).toBe(true);
  });
});

describe('password policy (等保)', () => {
  it.each([
    ['7 characters, 3 classes', 'Ab1!xyz', 'PASSWORD_TOO_SHORT'],
    ['8 characters, 3 classes', 'Ab1!xyzq', null],
    ['8 characters, 2 classes', 'abcdefg1', 'PASSWORD_CLASSES'],
    ['contains the username', 'Zhangsan-2026', 'PASSWORD_CONTAINS_USERNAME'],
    ['a common password with digits', 'Password123', 'PASSWORD_COMMON'],
    ['a 64-character passphrase of one class', 'a'.repeat(10) + 'correct horse battery staple and more words to be long enough', null],
  ])('%s', (_n, password, code) => {
    const r = checkPassword(password, 'zhangsan');
    expect(r.ok ? null : r.code).toBe(code);
  });
});

describe('三员分立: one account\'s roles', () => {
  it.each([
    ['one admin role', ['system_admin'], null],
    ['two admin roles', ['system_admin', 'audit_admin'], 'ROLE_SEPARATION'],
    ['all three admin roles', ['system_admin', 'security_admin', 'audit_admin'], 'ROLE_SEPARATION'],
    ['admin and business role', ['security_admin', 'org_admin'], 'ROLE_SEPARATION'],
    ['system admin and org admin', ['system_admin', 'org_admin'], 'ROLE_SEPARATION'],
    ['audit admin and member', ['audit_admin', 'member'], 'ROLE_SEPARATION'],
    ['business roles together', ['org_admin', 'member'], null],
    ['a repeated admin role is one role', ['system_admin', 'system_admin'], null],
    ['no role (a new account)', [], null],
  ] as const)('%s', (_n, roles, code) => {
    const r = decideRoles(roles);
    expect(r.ok ? null : r.code).toBe(code);
  });

  // Every subset of the six roles: valid exactly when it holds no 三员 role, or one 三员 role alone.
  const subsets: Role[][] = [];
  for (let mask = 0; mask < 1 << ROLES.length; mask++) subsets.push(ROLES.filter((_, i) => mask & (1 << i)));
  it.each(subsets.map((s) => [s.join('+') || '(none)', s] as const))('all combinations: %s', (_n, roles) => {
    const admins = roles.filter((r) => SEPARATED_ROLES.includes(r)).length;
    const valid = admins === 0 || (admins === 1 && roles.length === 1);
    const r = decideRoles(roles);
    expect(r.ok).toBe(valid);
    if (!r.ok) expect(r.field).toBe('roles');
  });
});

describe('三员分立: who grants which roles', () => {
  const sec = ['security_admin'];
  it.each([
    ['security admin grants worker to a new account', sec, false, [], ['worker'], null],
    ['security admin grants business roles to a business account', sec, false, ['worker'], ['worker', 'org_admin'], null],
    ['security admin takes a business account\'s roles away', sec, false, ['member'], [], null],
    ['security admin makes a new account the system admin', sec, false, [], ['system_admin'], null],
    ['security admin leaves a 三员 account as it is', sec, false, ['audit_admin'], ['audit_admin'], null],
    ['system admin grants', ['system_admin'], false, [], ['worker'], 'ROLE_GRANT_FORBIDDEN'],
    ['org admin grants', ['org_admin'], false, [], ['worker'], 'ROLE_GRANT_FORBIDDEN'],
    ['audit admin grants', ['audit_admin'], false, [], ['member'], 'ROLE_GRANT_FORBIDDEN'],
    ['security admin grants to self', sec, true, ['security_admin'], ['security_admin', 'org_admin'], 'ROLE_GRANT_SELF'],
    ['security admin changes own role', sec, true, ['security_admin'], ['org_admin'], 'ROLE_GRANT_SELF'],
    ['system admin made org admin (replacing)', sec, false, ['system_admin'], ['org_admin'], 'ROLE_SEPARATION'],
    ['system admin given org admin too', sec, false, ['system_admin'], ['system_admin', 'org_admin'], 'ROLE_SEPARATION'],
    ['audit admin made security admin', sec, false, ['audit_admin'], ['security_admin'], 'ROLE_SEPARATION'],
    ['system admin role taken away', sec, false, ['system_admin'], [], 'ROLE_SEPARATION'],
    ['new account given system admin and org admin', sec, false, [], ['system_admin', 'org_admin'], 'ROLE_SEPARATION'],
    ['business account made system admin', sec, false, ['org_admin'], ['system_admin'], 'ROLE_SEPARATION'],
  ] as const)('%s', (_n, grantorRoles, toSelf, before, after, code) => {
    const r = decideRoleGrant({ grantorRoles, toSelf, before, after });
    expect(r.ok ? null : r.code).toBe(code);
    if (!r.ok) expect(r.field).toBe('roles');
  });
});
