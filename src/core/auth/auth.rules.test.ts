import { describe, expect, it } from 'vitest';
import { checkPassword } from './password-policy.ts';
import { decideRoles } from './roles.ts';
import { afterFailedLogin, isLocked, isPasswordExpired, sessionVerdict } from './session.rules.ts';

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
    ['4th failure does not lock', 3, false],
    ['5th failure locks', 4, true],
  ])('%s', (_n, before, locks) => {
    const r = afterFailedLogin(before, t0, policy);
    expect(r.lockedUntil !== null).toBe(locks);
  });
  it('a lock lasts 30 minutes', () => {
    const { lockedUntil } = afterFailedLogin(4, t0, policy);
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

describe('三员分立', () => {
  it.each([
    ['one admin role', ['system_admin'], null],
    ['two admin roles', ['system_admin', 'audit_admin'], 'ROLE_SEPARATION'],
    ['admin and business role', ['security_admin', 'org_admin'], 'ROLE_SEPARATION'],
    ['business roles together', ['org_admin', 'member'], null],
    ['no role', [], 'ROLE_REQUIRED'],
  ] as const)('%s', (_n, roles, code) => {
    const r = decideRoles(roles);
    expect(r.ok ? null : r.code).toBe(code);
  });
});
