import { checkPassword } from '../../../core/auth/password-policy.ts';
import { decideRoleGrant, type Role } from '../../../core/auth/roles.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import { denied } from '../../authz.ts';
import { conflict, fromDecision, notFound } from '../../http/errors.ts';
import { inScope } from '../../http/policy.ts';
import { deleteSessionsOfUser } from '../auth/auth.repository.ts';
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
