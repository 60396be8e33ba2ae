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

/**
 * Login attempts are counted in the database before the password is checked: the count the
 * database returns is this attempt's place in the current run of consecutive attempts (since the
 * last success, unlock or lock). Attempts past the threshold are never checked: without this, a
 * burst of parallel guesses would all be checked before the first failure was counted.
 */
export function attemptVerdict(attempt: number, policy: LockoutPolicy): 'check' | 'exhausted' {
  return attempt > policy.failures ? 'exhausted' : 'check';
}

/** The lock end when an attempt failed (or was refused as exhausted): null below the threshold. */
export function lockAfterFailure(attempt: number, now: string, policy: LockoutPolicy): string | null {
  if (attempt < policy.failures) return null;
  return new Date(Date.parse(now) + policy.minutes * 60_000).toISOString();
}

export function isPasswordExpired(changedAt: string, now: string, expiryDays: number): boolean {
  return Date.parse(now) - Date.parse(changedAt) >= expiryDays * 86_400_000;
}
