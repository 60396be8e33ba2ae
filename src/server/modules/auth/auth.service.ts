import { randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
import { checkPassword } from '../../../core/auth/password-policy.ts';
import {
  attemptVerdict,
  isLocked,
  lockAfterFailure,
  isPasswordExpired,
  sessionExpiresAt,
  sessionVerdict,
} from '../../../core/auth/session.rules.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import type { Actor, AppContext, RequestMeta } from '../../context.ts';
import { sm3Hex } from '../../crypto/sm.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, fromDecision } from '../../http/errors.ts';
import { isDemoMode } from '../settings/settings.repository.ts';
import { sessionCacheFor, type SessionCache } from './actor-cache.ts';
import * as repo from './auth.repository.ts';
import { dummyHash, hashPassword, verifyPassword } from './password-hash.ts';

export const SESSION_COOKIE = 'dj_sid';

/** Stored session id: the SM3 of the cookie token, so the table never holds usable cookies. */
export function sessionIdOf(token: string): string {
  return sm3Hex(token);
}

/**
 * The key a username's failed logins are counted under when it names no usable account:
 * case, width and surrounding spaces do not make a new name (so 'Admin', 'ＡＤＭＩＮ' and
 * ' admin' share one run and one lock).
 */
export function loginKey(username: string): string {
  return username.normalize('NFKC').trim().toLowerCase();
}

export interface LoginResult {
  token: string;
  actor: Actor;
}

const invalidCredentials = () => new AppError('unauthenticated', 'INVALID_CREDENTIALS', '用户名或口令错误');

function lockedError(until: string | null) {
  if (!until) return new AppError('locked', 'ACCOUNT_LOCKED', '账号因连续登录失败已锁定，请稍后重试，或联系安全管理员解锁');
  const local = new Date(Date.parse(until) + 8 * 3_600_000).toISOString().slice(11, 16);
  return new AppError(
    'locked',
    'ACCOUNT_LOCKED',
    `账号因连续登录失败已锁定，请于${local}（北京时间）后重试，或联系安全管理员解锁`,
  );
}

export async function login(
  ctx: AppContext,
  username: string,
  password: string,
  meta: RequestMeta & { userAgent?: string },
): Promise<LoginResult> {
  const now = ctx.now().toISOString();
  const user = await repo.findUserByUsername(ctx.db, username);
  const audit = (
    action: string,
    result: 'ok' | 'denied',
    userId: number | null,
    detail: Record<string, unknown> = {},
  ) =>
    ctx.db.transaction().execute((trx) =>
      appendAudit(trx, ctx.ring, {
        at: now,
        action,
        result,
        actorUserId: userId,
        actorUsername: username,
        objectType: 'user',
        objectId: userId,
        requestId: meta.requestId,
        ip: meta.ip,
        detail,
      }),
    );
  // An unknown or disabled name is counted and locked like an account (login_failures), so the
  // answers — status, message, when the lock starts and ends — never tell which accounts exist.
  const account = user && !user.disabled ? user : null;
  const key = loginKey(username);
  const noAccount = user ? 'disabled' : 'unknown_user';
  const subjectId = user?.id ?? null;
  const counter = account
    ? {
        reserve: (trx: Transaction<DB>) => repo.reserveLoginAttempt(trx, account.id, now),
        lock: (trx: Transaction<DB>, until: string) => repo.lockAccount(trx, account.id, ctx.config.lockout.failures, until, now),
        current: async () => (await repo.findUserById(ctx.db, account.id))?.locked_until ?? null,
      }
    : {
        reserve: (trx: Transaction<DB>) => repo.reserveNameAttempt(trx, key, now),
        lock: (trx: Transaction<DB>, until: string) => repo.lockName(trx, key, ctx.config.lockout.failures, until, now),
        current: () => repo.nameLockedUntil(ctx.db, key),
      };
  const reasonDetail = (reason: string) => (account ? { reason } : { reason, account: noAccount });
  // A login that arrives while the account is locked never checks the password.
  const refuseLocked = async (until: string | null) => {
    await audit('auth.login', 'denied', subjectId, reasonDetail('locked'));
    return lockedError(until);
  };
  const knownLock = account ? account.locked_until : await counter.current();
  if (isLocked(knownLock, now)) throw await refuseLocked(knownLock);
  // Count the attempt in the database before checking the password (one UPDATE … RETURNING):
  // parallel attempts each get their own place in the run, so a burst is not all checked.
  const attempt = await ctx.db.transaction().execute((trx) => counter.reserve(trx));
  if (attempt === undefined) throw await refuseLocked(await counter.current());
  const failed = async (reason: 'bad_password' | 'attempts_exhausted'): Promise<AppError> => {
    const until = lockAfterFailure(attempt, now, ctx.config.lockout);
    const locked = await ctx.db.transaction().execute(async (trx) => {
      const lockedNow = until !== null && (await counter.lock(trx, until));
      // Names whose lock has ended are forgotten when another is locked (no change for anyone:
      // their next attempt would start a new run anyway), so spraying names cannot grow the table
      // by its locks.
      if (lockedNow && !account) await repo.pruneNames(trx, now);
      await appendAudit(trx, ctx.ring, {
        at: now,
        action: 'auth.login',
        result: 'denied',
        actorUserId: subjectId,
        actorUsername: username,
        objectType: 'user',
        objectId: subjectId,
        requestId: meta.requestId,
        ip: meta.ip,
        detail: { ...reasonDetail(reason), attempt },
      });
      if (lockedNow) {
        await appendAudit(trx, ctx.ring, {
          at: now,
          action: 'auth.lock',
          result: 'ok',
          actorUserId: subjectId,
          actorUsername: username,
          objectType: 'user',
          objectId: subjectId,
          requestId: meta.requestId,
          ip: meta.ip,
          detail: { lockedUntil: until, attempts: attempt, ...(account ? {} : { account: noAccount }) },
        });
      }
      return lockedNow;
    });
    if (locked) return lockedError(until);
    // Another attempt of the same run may have locked the account meanwhile.
    const lock = await counter.current();
    if (isLocked(lock, now)) return lockedError(lock);
    return reason === 'attempts_exhausted' ? lockedError(null) : invalidCredentials();
  };
  if (attemptVerdict(attempt, ctx.config.lockout) === 'exhausted') throw await failed('attempts_exhausted');
  if (!account) {
    // The same memory-hard check as for an account, against a hash no password matches.
    await verifyPassword(password, await dummyHash(ctx.config.kdfLogN));
    throw await failed('bad_password');
  }
  if (!(await verifyPassword(password, account.password_hash))) throw await failed('bad_password');
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  const id = sessionIdOf(token);
  const times = { createdAt: now, lastSeenAt: now };
  const loggedIn = await ctx.db.transaction().execute(async (trx) => {
    // A correct password does not log in once the account was locked while it was being checked.
    if (!(await repo.recordLoginSuccess(trx, account.id, now))) return false;
    await repo.insertSession(trx, {
      id,
      user_id: account.id,
      csrf_token: csrf,
      state: 'active',
      created_at: now,
      last_seen_at: now,
      expires_at: sessionExpiresAt(times, ctx.config.session),
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
    });
    await appendAudit(trx, ctx.ring, {
      at: now,
      action: 'auth.login',
      result: 'ok',
      actorUserId: account.id,
      actorUsername: username,
      objectType: 'user',
      objectId: account.id,
      requestId: meta.requestId,
      ip: meta.ip,
      detail: { attempt },
    });
    return true;
  });
  if (!loggedIn) throw await refuseLocked(await counter.current());
  const actor = await authenticate(ctx, token);
  if (!actor) throw new AppError('internal', 'INTERNAL', '登录失败');
  return { token, actor };
}

function usable(found: repo.SessionWithUser, nowIso: string, ctx: AppContext): boolean {
  const times = { createdAt: found.session.created_at, lastSeenAt: found.session.last_seen_at };
  return (
    sessionVerdict(times, nowIso, ctx.config.session) === 'valid' &&
    !found.user.disabled &&
    found.session.state === 'active'
  );
}

async function demoMode(ctx: AppContext, cache: SessionCache | null): Promise<boolean> {
  const hit = cache?.getDemo();
  if (hit !== undefined) return hit;
  const generation = cache?.generation ?? 0;
  const demo = await isDemoMode(ctx.db);
  cache?.setDemo(demo, generation);
  return demo;
}

/**
 * The acting user for a session token, or null when missing/expired. Slides the idle window.
 * The session, user, scope and roles come from a short-lived in-memory cache (actor-cache.ts);
 * expiry and idle timeout are decided here on every call from the session's times.
 */
export async function authenticate(ctx: AppContext, token: string | undefined): Promise<Actor | null> {
  if (!token || token.length > 100) return null;
  const id = sessionIdOf(token);
  const cache = sessionCacheFor(ctx.db);
  const now = ctx.now();
  const nowIso = now.toISOString();
  let cached = cache?.get(id);
  if (cached && !usable(cached.found, nowIso, ctx)) {
    // The database decides (another node may have slid the window).
    cache!.forget(id);
    cached = undefined;
  }
  if (!cached) {
    const generation = cache?.generation ?? 0;
    const found = await repo.findSession(ctx.db, id);
    if (!found) return null;
    if (!usable(found, nowIso, ctx)) {
      await repo.deleteSession(ctx.db, id);
      return null;
    }
    cached = { found, roles: await repo.rolesOf(ctx.db, found.user.id) };
    cache?.set(id, cached, generation);
  }
  const { found, roles } = cached;
  // Write the sliding window at most once a minute: reads stay cheap at thousands of requests/s.
  if (now.getTime() - Date.parse(found.session.last_seen_at) > 60_000) {
    const times = { createdAt: found.session.created_at, lastSeenAt: nowIso };
    const expiresAt = sessionExpiresAt(times, ctx.config.session);
    await repo.touchSession(ctx.db, id, nowIso, expiresAt);
    cache?.update(id, {
      roles,
      found: { ...found, session: { ...found.session, last_seen_at: nowIso, expires_at: expiresAt } },
    });
  }
  const demo = await demoMode(ctx, cache);
  const mustChange =
    !demo &&
    (found.user.must_change_password === 1 ||
      isPasswordExpired(found.user.password_changed_at, nowIso, ctx.config.password.expiryDays));
  return {
    userId: found.user.id,
    username: found.user.username,
    displayName: found.user.display_name,
    roles,
    scopeOrgId: found.scope.id,
    scopePath: found.scope.path,
    scopeCode: found.scope.code,
    scopeName: found.scope.name,
    sessionId: id,
    csrfToken: found.session.csrf_token,
    mustChangePassword: mustChange,
  };
}

export async function logout(ctx: AppContext, actor: Actor, meta: RequestMeta): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await repo.deleteSession(trx, actor.sessionId);
    await appendAudit(trx, ctx.ring, {
      at: ctx.now().toISOString(),
      action: 'auth.logout',
      result: 'ok',
      actorUserId: actor.userId,
      actorUsername: actor.username,
      objectType: 'user',
      objectId: actor.userId,
      requestId: meta.requestId,
      ip: meta.ip,
    });
  });
}

export async function changePassword(
  ctx: AppContext,
  actor: Actor,
  current: string,
  next: string,
  meta: RequestMeta,
): Promise<void> {
  const user = await repo.findUserById(ctx.db, actor.userId);
  if (!user) throw new AppError('unauthenticated', 'UNAUTHENTICATED', '请先登录');
  if (!(await verifyPassword(current, user.password_hash))) {
    throw new AppError('bad_request', 'WRONG_CURRENT_PASSWORD', '当前口令不正确', {
      currentPassword: '当前口令不正确',
    });
  }
  const policy = checkPassword(next, user.username, ctx.config.password);
  if (!policy.ok) throw fromDecision(policy);
  const history = await repo.recentPasswordHashes(ctx.db, user.id, ctx.config.password.history);
  for (const old of [user.password_hash, ...history]) {
    if (await verifyPassword(next, old)) {
      throw new AppError(
        'bad_request',
        'PASSWORD_REUSED',
        `不能使用最近${ctx.config.password.history}次用过的口令`,
        { newPassword: '不能使用最近用过的口令' },
      );
    }
  }
  const hash = await hashPassword(next, ctx.config.kdfLogN);
  const now = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.setPassword(trx, user.id, hash, now, false);
    // Other sessions end at once; this one stays.
    await repo.deleteSessionsOfUser(trx, user.id, actor.sessionId);
    await appendAudit(trx, ctx.ring, {
      at: now,
      action: 'auth.password_change',
      result: 'ok',
      actorUserId: actor.userId,
      actorUsername: actor.username,
      objectType: 'user',
      objectId: actor.userId,
      requestId: meta.requestId,
      ip: meta.ip,
    });
  });
}
