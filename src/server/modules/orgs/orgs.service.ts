// load → decide (core rule) → persist → audit, in one transaction per change.
import { decideCreate, decideDissolve, decideMove, pathIds } from '../../../core/org/org.rules.ts';
import type { CreateOrgInput, RenameOrgInput } from '../../../core/org/org.schemas.ts';
import type { OrgKind, OrgNode, OrgStatus } from '../../../core/org/org.types.ts';
import { chinaDate } from '../../../core/shared/dates.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import type { Actor, AppContext, RequestContext } from '../../context.ts';
import type { OrgRow } from '../../db/schema.ts';
import { denied } from '../../authz.ts';
import { conflict, fromDecision, notFound } from '../../http/errors.ts';
import {
  countCurrentMembers,
  countSubtreeMembersOn,
  findOrgPageFacts,
  type OrgPageFacts,
} from '../membership/membership.repository.ts';
import { cachedRead, readCacheFor } from '../../db/read-cache.ts';
import { rebaseCarriedPaths } from '../../db/carried-paths.ts';
import { SUBTREE_MOVED_HOOKS } from '../subtree-moved-hooks.ts';
import { canChangeOrg, canCreateChild, canReadOrg, orgPolicies } from './orgs.policy.ts';
import { presentOrg } from './orgs.presenter.ts';
import * as repo from './orgs.repository.ts';

const SECRETARY = '书记';

/**
 * The organisation page's figures (counts, children, secretary), the most read page of the
 * navigator: kept for 5 s per organisation and day, and dropped by any write to the tables
 * they come from (read-cache.ts). Only the figures are cached; scope is checked per request.
 */
const orgPageCache = (ctx: AppContext) =>
  readCacheFor<OrgPageFacts | undefined>(ctx.db, 'org-page', {
    tables: ['orgs', 'memberships', 'org_member_counts', 'positions', 'persons'],
    ttlMs: 5_000,
    maxEntries: 10_000,
  });

function node(row: OrgRow): OrgNode {
  return {
    id: row.id,
    code: row.code,
    kind: row.kind as OrgKind,
    parentId: row.parent_id,
    path: row.path,
    status: row.status as OrgStatus,
  };
}

/** Loads an organisation the actor may act on: 404 when absent, 403 (audited) when outside the rule. */
async function requireOrg(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  allowed: (actor: Actor, row: OrgRow) => boolean,
): Promise<OrgRow> {
  const row = await repo.findOrgById(ctx.db, id);
  if (!row) throw notFound('组织');
  if (!allowed(rc.actor!, row)) throw await denied(ctx, rc, 'org', id, 'scope');
  return row;
}

export async function getOrg(ctx: AppContext, rc: RequestContext, id: number) {
  const actor = rc.actor!;
  const today = chinaDate(ctx.now());
  const facts = await cachedRead(orgPageCache(ctx), `${id}|${today}`, () =>
    findOrgPageFacts(ctx.db, id, today, SECRETARY),
  );
  if (!facts) throw notFound('组织');
  const row = facts.org;
  if (!canReadOrg(actor, row)) throw await denied(ctx, rc, 'org', id, 'scope');
  // Ancestors the actor may see: those at or below the actor's scope root. The root of the
  // actor's own scope (the common case) has none, so the second query is skipped.
  const scopeDepth = pathIds(actor.scopePath).length;
  const visibleIds = pathIds(row.path).slice(Math.max(scopeDepth - 1, 0), -1);
  const ancestors = visibleIds.length > 0 ? await repo.findOrgsByIds(ctx.db, visibleIds) : [];
  const visibleAncestors = visibleIds
    .map((aid) => ancestors.find((a) => a.id === aid))
    .filter((a): a is NonNullable<typeof a> => !!a && a.path.startsWith(actor.scopePath))
    .map((a) => ({ id: a.id, name: a.name, code: a.code }));
  return {
    data: {
      ...presentOrg(row),
      counts: { ...facts.counts, childOrgs: facts.childOrgs, subtreeOrgs: facts.subtreeOrgs },
      secretary: facts.secretary,
      ancestors: visibleAncestors,
    },
    policies: orgPolicies(actor, row),
  };
}

export async function listChildren(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  includeDissolved: boolean,
) {
  const actor = rc.actor!;
  const parent = await requireOrg(ctx, rc, id, canReadOrg);
  const children = await repo.listChildren(ctx.db, actor.scopePath, parent.id, includeDissolved);
  const members = await countSubtreeMembersOn(ctx.db, children, chinaDate(ctx.now()));
  return {
    data: children.map((c) => ({
      ...presentOrg(c),
      childCount: c.child_count,
      subtreeMembers: members.get(c.id) ?? 0,
    })),
  };
}

export async function searchOrgs(ctx: AppContext, actor: Actor, q: string, limit: number) {
  const rows = await repo.searchOrgs(ctx.db, actor.scopePath, q.trim(), limit);
  return { data: rows.map(presentOrg) };
}

function auditBase(ctx: AppContext, rc: RequestContext) {
  const actor = rc.actor!;
  return {
    at: ctx.now().toISOString(),
    result: 'ok' as const,
    actorUserId: actor.userId,
    actorUsername: actor.username,
    requestId: rc.meta.requestId,
    ip: rc.meta.ip,
    objectType: 'org',
  };
}

export async function createOrg(ctx: AppContext, rc: RequestContext, input: CreateOrgInput) {
  const parent = await requireOrg(ctx, rc, input.parentId, canCreateChild);
  const decision = decideCreate(node(parent), input.kind);
  if (!decision.ok) throw fromDecision(decision);
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    if (await repo.codeExists(trx, input.code))
      throw conflict('ORG_CODE_TAKEN', `组织编码${input.code}已被使用`, 'code');
    const row = await repo.insertOrg(
      trx,
      {
        code: input.code,
        name: input.name,
        short_name: input.shortName ?? null,
        kind: input.kind,
        sector: input.sector,
        parent_id: parent.id,
        unit_names: JSON.stringify(input.unitNames ?? []),
        established_on: input.establishedOn ?? null,
        status: 'active',
        created_at: now,
        updated_at: now,
      },
      parent.path,
    );
    await appendAudit(trx, ctx.ring, {
      ...auditBase(ctx, rc),
      action: 'org.create',
      objectId: row.id,
      scopePath: row.path,
      detail: { after: presentOrg(row) },
    });
    return { data: presentOrg(row), policies: orgPolicies(rc.actor!, row) };
  });
}

export async function renameOrg(ctx: AppContext, rc: RequestContext, id: number, input: RenameOrgInput) {
  const row = await requireOrg(ctx, rc, id, canChangeOrg);
  if (row.status !== 'active')
    throw fromDecision({ code: 'ORG_DISSOLVED', message: '已撤销的组织不能更名', field: 'id' });
  return ctx.db.transaction().execute(async (trx) => {
    const shortName = input.shortName === undefined ? row.short_name : input.shortName;
    const updated = await repo.updateOrgNames(trx, id, input.name, shortName, ctx.now().toISOString());
    await appendAudit(trx, ctx.ring, {
      ...auditBase(ctx, rc),
      action: 'org.rename',
      objectId: id,
      scopePath: row.path,
      detail: {
        before: { name: row.name, shortName: row.short_name },
        after: { name: updated.name, shortName: updated.short_name },
      },
    });
    return { data: presentOrg(updated), policies: orgPolicies(rc.actor!, updated) };
  });
}

export async function moveOrg(ctx: AppContext, rc: RequestContext, id: number, parentId: number) {
  const row = await requireOrg(ctx, rc, id, canChangeOrg);
  const target = await requireOrg(ctx, rc, parentId, canCreateChild);
  const decision = decideMove(node(row), node(target));
  if (!decision.ok) throw fromDecision(decision);
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const newPrefix = target.path + row.id + '/';
    const moved = await repo.rebaseSubtree(trx, row.path, newPrefix, now);
    const carried = await rebaseCarriedPaths(trx, row.path, newPrefix);
    await repo.setParent(trx, row.id, target.id);
    for (const hook of SUBTREE_MOVED_HOOKS) await hook(ctx, trx, { oldPrefix: row.path, newPrefix });
    await appendAudit(trx, ctx.ring, {
      ...auditBase(ctx, rc),
      action: 'org.move',
      objectId: id,
      scopePath: newPrefix,
      detail: {
        before: { parentId: row.parent_id, path: row.path },
        after: { parentId: target.id, path: newPrefix },
        subtreeSize: moved,
        carriedRows: carried,
      },
    });
    const updated = (await repo.findOrgById(trx, id))!;
    return { data: presentOrg(updated), policies: orgPolicies(rc.actor!, updated) };
  });
}

export async function dissolveOrg(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  dissolvedOn: string,
  reason: string,
) {
  const row = await requireOrg(ctx, rc, id, canChangeOrg);
  return ctx.db.transaction().execute(async (trx) => {
    const facts = {
      activeChildren: await repo.countActiveChildren(trx, id),
      currentMembers: await countCurrentMembers(trx, id, dissolvedOn),
    };
    const decision = decideDissolve(node(row), facts);
    if (!decision.ok) throw fromDecision(decision, 'conflict');
    const updated = await repo.markDissolved(trx, id, dissolvedOn, ctx.now().toISOString());
    await appendAudit(trx, ctx.ring, {
      ...auditBase(ctx, rc),
      action: 'org.dissolve',
      objectId: id,
      scopePath: row.path,
      detail: { before: { status: row.status }, after: { status: 'dissolved', dissolvedOn }, reason },
    });
    return { data: presentOrg(updated), policies: orgPolicies(rc.actor!, updated) };
  });
}
