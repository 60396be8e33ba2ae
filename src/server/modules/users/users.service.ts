import { randomInt } from 'node:crypto';
import { decideAccountAction, generateInitialPassword } from '../../../core/auth/account-actions.ts';
import { checkPassword } from '../../../core/auth/password-policy.ts';
import { decideRoleGrant, type Role } from '../../../core/auth/roles.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import { denied } from '../../authz.ts';
import { conflict, fromDecision, notFound } from '../../http/errors.ts';
import { inScope } from '../../http/policy.ts';
import { clearName, deleteSessionsOfUser, setPassword } from '../auth/auth.repository.ts';
import { loginKey } from '../auth/auth.service.ts';
import { hashPassword } from '../auth/password-hash.ts';
import { findOrgById } from '../orgs/orgs.repository.ts';
import * as repo from './users.repository.ts';

function base(ctx: AppContext, rc: RequestContext) {
  const a = rc.actor!;
  return {
    at: ctx.now().toISOString(),
    result: 'ok' as const,
    actorUserId: a.userId,
    actorUsername: a.username,
    requestId: rc.meta.requestId,
    ip: rc.meta.ip,
    objectType: 'user',
  };
}

async function requireUserInScope(ctx: AppContext, rc: RequestContext, id: number) {
  const user = await repo.findUserWithScope(ctx.db, id);
  if (!user) throw notFound('账号');
  if (!inScope(rc.actor!, user.scope_path) || user.id === rc.actor!.userId) {
    throw await denied(ctx, rc, 'user', id, user.id === rc.actor!.userId ? 'self' : 'scope');
  }
  return user;
}

export async function listUsers(ctx: AppContext, rc: RequestContext, q: string, limit: number) {
  const rows = await repo.listUsers(ctx.db, rc.actor!.scopePath, q, limit);
  return { data: rows };
}

export async function createUser(
  ctx: AppContext,
  rc: RequestContext,
  input: {
    username: string;
    displayName: string;
    scopeOrgId: number;
    initialPassword: string;
  },
) {
  const org = await findOrgById(ctx.db, input.scopeOrgId);
  if (!org) throw notFound('组织');
  if (!inScope(rc.actor!, org.path)) throw await denied(ctx, rc, 'org', org.id, 'scope');
  // 三员分立: a new account holds no role; the security administrator grants roles afterwards.
  const roles: Role[] = [];
  const policy = checkPassword(input.initialPassword, input.username, ctx.config.password);
  if (!policy.ok) throw fromDecision({ ...policy, field: 'initialPassword' });
  const hash = await hashPassword(input.initialPassword, ctx.config.kdfLogN);
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    if (await repo.usernameTaken(trx, input.username))
      throw conflict('USERNAME_TAKEN', `用户名${input.username}已存在`, 'username');
    const id = await repo.insertUser(trx, {
      username: input.username,
      displayName: input.displayName,
      scopeOrgId: org.id,
      hash,
      roles,
      now,
    });
    await appendAudit(trx, ctx.ring, {
      ...base(ctx, rc),
      action: 'user.create',
      objectId: id,
      scopePath: org.path,
      detail: {
        after: {
          username: input.username,
          displayName: input.displayName,
          scopeOrgId: org.id,
          roles,
        },
      },
    });
    return {
      data: {
        id,
        username: input.username,
        displayName: input.displayName,
        scopeOrgId: org.id,
        roles,
      },
    };
  });
}

export async function setRoles(ctx: AppContext, rc: RequestContext, id: number, roles: Role[]) {
  const user = await requireUserInScope(ctx, rc, id);
  const actor = rc.actor!;
  return ctx.db.transaction().execute(async (trx) => {
    // Lock the account's row first, so two grants to one account are decided one after the other.
    await repo.lockUserRow(trx, id, ctx.now().toISOString());
    const before = await repo.rolesOf(trx, id);
    const decision = decideRoleGrant({ grantorRoles: actor.roles, toSelf: id === actor.userId, before, after: roles });
    if (!decision.ok) throw fromDecision(decision, decision.code === 'ROLE_GRANT_FORBIDDEN' ? 'forbidden' : 'bad_request');
    await repo.replaceRoles(trx, id, decision.value);
    await deleteSessionsOfUser(trx, id);
    await appendAudit(trx, ctx.ring, {
      ...base(ctx, rc),
      action: 'user.roles',
      objectId: id,
      scopePath: user.scope_path,
      detail: { before, after: decision.value },
    });
    return { data: { id, roles: decision.value } };
  });
}

export async function unlockUser(ctx: AppContext, rc: RequestContext, id: number) {
  const user = await requireUserInScope(ctx, rc, id);
  return ctx.db.transaction().execute(async (trx) => {
    await repo.unlock(trx, id, ctx.now().toISOString());
    await appendAudit(trx, ctx.ring, {
      ...base(ctx, rc),
      action: 'auth.unlock',
      objectId: id,
      scopePath: user.scope_path,
      detail: { before: { lockedUntil: user.locked_until } },
    });
    return { data: { id, locked: false } };
  });
}

export async function disableUser(ctx: AppContext, rc: RequestContext, id: number) {
  const user = await requireUserInScope(ctx, rc, id);
  return ctx.db.transaction().execute(async (trx) => {
    await repo.disable(trx, id, ctx.now().toISOString());
    await deleteSessionsOfUser(trx, id);
    await appendAudit(trx, ctx.ring, {
      ...base(ctx, rc),
      action: 'user.disable',
      objectId: id,
      scopePath: user.scope_path,
    });
    return { data: { id, disabled: true } };
  });
}

/**
 * 重置口令 (security administrator): a new one-time initial password, generated here and shown
 * once in the answer, never stored in clear nor audited; it must be changed at the next login
 * (outside demo mode). The account's sessions end and its lock is lifted.
 */
export async function resetPassword(ctx: AppContext, rc: RequestContext, id: number) {
  const user = await requireUserInScope(ctx, rc, id);
  const decision = decideAccountAction('reset_password', {
    actorRoles: rc.actor!.roles,
    toSelf: id === rc.actor!.userId,
    targetDisabled: user.disabled === 1,
  });
  if (!decision.ok) throw fromDecision(decision, decision.code === 'ACCOUNT_ACTION_FORBIDDEN' ? 'forbidden' : 'conflict');
  const initialPassword = generateInitialPassword(user.username, ctx.config.password, (n) => randomInt(n));
  const hash = await hashPassword(initialPassword, ctx.config.kdfLogN);
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    await setPassword(trx, id, hash, now, true);
    await repo.unlock(trx, id, now);
    await deleteSessionsOfUser(trx, id);
    await appendAudit(trx, ctx.ring, {
      ...base(ctx, rc),
      action: 'user.password_reset',
      objectId: id,
      scopePath: user.scope_path,
      detail: { mustChangePassword: true, wasLocked: user.locked_until !== null && user.locked_until > now },
    });
    return { data: { id, initialPassword, mustChangePassword: true as const } };
  });
}

/** 启用账号 (security administrator): a disabled account may log in again, with a fresh failure count. */
export async function enableUser(ctx: AppContext, rc: RequestContext, id: number) {
  const user = await requireUserInScope(ctx, rc, id);
  const decision = decideAccountAction('enable', {
    actorRoles: rc.actor!.roles,
    toSelf: id === rc.actor!.userId,
    targetDisabled: user.disabled === 1,
  });
  if (!decision.ok) throw fromDecision(decision, decision.code === 'ACCOUNT_ACTION_FORBIDDEN' ? 'forbidden' : 'conflict');
  return ctx.db.transaction().execute(async (trx) => {
    await repo.enable(trx, id, ctx.now().toISOString());
    // Failures counted under the name while it was disabled do not follow the account back.
    await clearName(trx, loginKey(user.username));
    await appendAudit(trx, ctx.ring, {
      ...base(ctx, rc),
      action: 'user.enable',
      objectId: id,
      scopePath: user.scope_path,
      detail: { before: { disabled: true }, after: { disabled: false } },
    });
    return { data: { id, disabled: false } };
  });
}
