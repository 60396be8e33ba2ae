// Session and lockout timing as pure functions of `now` (ISO timestamps, UTC).

export interface SessionTimes {
  createdAt: string;
  lastSeenAt: string;
}

export interface SessionLimits {
  idleMinutes: number;
  absoluteHours: number;
}

export type SessionVerdict = 'valid' | 'idle_expired' | 'absolute_expired';

export function sessionVerdict(times: SessionTimes, now: string, limits: SessionLimits): SessionVerdict {
  const t = Date.parse(now);
  if (t - Date.parse(times.createdAt) >= limits.absoluteHours * 3_600_000) return 'absolute_expired';
  if (t - Date.parse(times.lastSeenAt) >= limits.idleMinutes * 60_000) return 'idle_expired';
  return 'valid';
}

/** Session expiry to store: the earlier of idle and absolute limits. */
export function sessionExpiresAt(times: SessionTimes, limits: SessionLimits): string {
  const idle = Date.parse(times.lastSeenAt) + limits.idleMinutes * 60_000;
  const absolute = Date.parse(times.createdAt) + limits.absoluteHours * 3_600_000;
  return new Date(Math.min(idle, absolute)).toISOString();
}

export interface LockoutPolicy {
  failures: number;
  minutes: number;
}

export function isLocked(lockedUntil: string | null, now: string): boolean {
  return lockedUntil !== null && Date.parse(lockedUntil) > Date.parse(now);
}

/** After a failed attempt: the new failure count, and the lock end when the threshold is reached. */
export function afterFailedLogin(
  failures: number,
  now: string,
  policy: LockoutPolicy,
): { failures: number; lockedUntil: string | null } {
  const next = failures + 1;
  if (next >= policy.failures) return { failures: 0, lockedUntil: new Date(Date.parse(now) + policy.minutes * 60_000).toISOString() };
  return { failures: next, lockedUntil: null };
}

export function isPasswordExpired(changedAt: string, now: string, expiryDays: number): boolean {
  return Date.parse(now) - Date.parse(changedAt) >= expiryDays * 86_400_000;
}
