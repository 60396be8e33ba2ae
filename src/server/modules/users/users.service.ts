import type { FastifyRequest } from 'fastify';
import { checkPassword } from '../../../core/auth/password-policy.ts';
import { decideRoles, type Role } from '../../../core/auth/roles.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import type { AppContext } from '../../context.ts';
import { denied } from '../../http/auth.plugin.ts';
import { conflict, fromDecision, notFound } from '../../http/errors.ts';
import { inScope } from '../../http/policy.ts';
import { deleteSessionsOfUser } from '../auth/auth.repository.ts';
import { hashPassword } from '../auth/password-hash.ts';
import { findOrgById } from '../orgs/orgs.repository.ts';
import * as repo from './users.repository.ts';

function base(ctx: AppContext, request: FastifyRequest) {
  const a = request.actor!;
  return { at: ctx.now().toISOString(), result: 'ok' as const, actorUserId: a.userId, actorUsername: a.username, requestId: request.meta.requestId, ip: request.meta.ip, objectType: 'user' };
}

async function requireUserInScope(ctx: AppContext, request: FastifyRequest, id: number) {
  const user = await repo.findUserWithScope(ctx.db, id);
  if (!user) throw notFound('账号');
  if (!inScope(request.actor!, user.scope_path) || user.id === request.actor!.userId) {
    throw await denied(ctx, request, 'user', id, user.id === request.actor!.userId ? 'self' : 'scope');
  }
  return user;
}

export async function listUsers(ctx: AppContext, request: FastifyRequest, q: string, limit: number) {
  const rows = await repo.listUsers(ctx.db, request.actor!.scopePath, q, limit);
  return { data: rows };
}

export async function createUser(
  ctx: AppContext,
  request: FastifyRequest,
  input: { username: string; displayName: string; scopeOrgId: number; initialPassword: string; roles: Role[] },
) {
  const org = await findOrgById(ctx.db, input.scopeOrgId);
  if (!org) throw notFound('组织');
  if (!inScope(request.actor!, org.path)) throw await denied(ctx, request, 'org', org.id, 'scope');
  const roles = decideRoles(input.roles);
  if (!roles.ok) throw fromDecision(roles);
  const policy = checkPassword(input.initialPassword, input.username, ctx.config.password);
  if (!policy.ok) throw fromDecision({ ...policy, field: 'initialPassword' });
  const hash = await hashPassword(input.initialPassword, ctx.config.kdfLogN);
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    if (await repo.usernameTaken(trx, input.username)) throw conflict('USERNAME_TAKEN', `用户名${input.username}已存在`, 'username');
    const id = await repo.insertUser(trx, { username: input.username, displayName: input.displayName, scopeOrgId: org.id, hash, roles: roles.value, now });
    await appendAudit(trx, ctx.ring, {
      ...base(ctx, request), action: 'user.create', objectId: id, scopePath: org.path,
      detail: { after: { username: input.username, displayName: input.displayName, scopeOrgId: org.id, roles: roles.value } },
    });
    return { data: { id, username: input.username, displayName: input.displayName, scopeOrgId: org.id, roles: roles.value } };
  });
}

export async function setRoles(ctx: AppContext, request: FastifyRequest, id: number, roles: Role[]) {
  const user = await requireUserInScope(ctx, request, id);
  const decision = decideRoles(roles);
  if (!decision.ok) throw fromDecision(decision);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await repo.rolesOf(trx, id);
    await repo.replaceRoles(trx, id, decision.value);
    await deleteSessionsOfUser(trx, id);
    await appendAudit(trx, ctx.ring, { ...base(ctx, request), action: 'user.roles', objectId: id, scopePath: user.scope_path, detail: { before, after: decision.value } });
    return { data: { id, roles: decision.value } };
  });
}

export async function unlockUser(ctx: AppContext, request: FastifyRequest, id: number) {
  const user = await requireUserInScope(ctx, request, id);
  return ctx.db.transaction().execute(async (trx) => {
    await repo.unlock(trx, id, ctx.now().toISOString());
    await appendAudit(trx, ctx.ring, { ...base(ctx, request), action: 'auth.unlock', objectId: id, scopePath: user.scope_path, detail: { before: { lockedUntil: user.locked_until } } });
    return { data: { id, locked: false } };
  });
}

export async function disableUser(ctx: AppContext, request: FastifyRequest, id: number) {
  const user = await requireUserInScope(ctx, request, id);
  return ctx.db.transaction().execute(async (trx) => {
    await repo.disable(trx, id, ctx.now().toISOString());
    await deleteSessionsOfUser(trx, id);
    await appendAudit(trx, ctx.ring, { ...base(ctx, request), action: 'user.disable', objectId: id, scopePath: user.scope_path });
    return { data: { id, disabled: true } };
  });
}
