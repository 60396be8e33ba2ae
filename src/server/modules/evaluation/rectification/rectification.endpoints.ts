// Request-level rectification operations behind the routes.
import type { RectificationAction } from '../../../../core/rectification/rectification.rules.ts';
import { chinaDate } from '../../../../core/shared/dates.ts';
import type { AppContext, RequestContext } from '../../../context.ts';
import { denied } from '../../../authz.ts';
import { notFound } from '../../../http/errors.ts';
import { inScope } from '../../../http/policy.ts';
import { findOrgById } from '../../orgs/orgs.repository.ts';
import { mirrorToWeakCase, WEAK_SOURCE } from '../../org-system/org-system-weak-engine.ts';
import { canManageIn, canReviewIn } from '../evaluation.policy.ts';
import { personOfUser } from '../evaluation.repository.ts';
import {
  actorOf,
  createRectification,
  findRectificationRow,
  listRectifications,
  presentItem,
  rectificationProgress,
  summariseRectifications,
  transitionRectification,
} from './rectification.service.ts';

export async function list(
  ctx: AppContext,
  rc: RequestContext,
  q: { orgId?: number | undefined; status?: string | undefined; overdue?: boolean | undefined },
) {
  const actor = rc.actor!;
  let path = actor.scopePath;
  if (q.orgId !== undefined) {
    const org = await findOrgById(ctx.db, q.orgId);
    if (!org) throw notFound('组织');
    if (!inScope(actor, org.path)) throw await denied(ctx, rc, 'org', q.orgId, 'scope');
    path = org.path;
  }
  const today = chinaDate(ctx.now());
  const [items, summary] = await Promise.all([
    listRectifications(ctx.db, path, { status: q.status, overdueOn: q.overdue ? today : undefined }, today),
    summariseRectifications(ctx.db, path, today),
  ]);
  return { data: { items, summary } };
}

async function load(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  allowed: (path: string, ownerPersonId: number | null) => Promise<boolean> | boolean,
) {
  const row = await findRectificationRow(ctx.db, id);
  if (!row) throw notFound('整改事项');
  if (!(await allowed(row.org_path, row.owner_person_id)))
    throw await denied(ctx, rc, 'rectification', id, 'scope');
  return row;
}

/** The owner's organisation (and above) or the owner in person may read and report progress. */
async function isOwnerOrManager(ctx: AppContext, rc: RequestContext, path: string, owner: number | null) {
  if (canManageIn(rc.actor!, path)) return true;
  return owner !== null && (await personOfUser(ctx.db, rc.actor!.userId)) === owner;
}

export async function get(ctx: AppContext, rc: RequestContext, id: number) {
  const row = await load(ctx, rc, id, (p, o) => isOwnerOrManager(ctx, rc, p, o));
  return {
    data: { ...presentItem(row, chinaDate(ctx.now())), progress: await rectificationProgress(ctx.db, id) },
    policies: {
      review: canReviewIn(rc.actor!, row.org_path) && row.status === 'closure_requested',
      report: row.status !== 'closed',
    },
  };
}

export async function create(
  ctx: AppContext,
  rc: RequestContext,
  input: {
    orgId: number;
    ownerPersonId?: number | undefined;
    title: string;
    detail: string;
    deadline: string;
  },
) {
  const org = await findOrgById(ctx.db, input.orgId);
  if (!org) throw notFound('组织');
  if (!canManageIn(rc.actor!, org.path)) throw await denied(ctx, rc, 'org', org.id, 'scope');
  return ctx.db.transaction().execute(async (trx) => {
    const owner =
      input.ownerPersonId === undefined
        ? null
        : await trx
            .selectFrom('persons')
            .select(['id', 'name'])
            .where('id', '=', input.ownerPersonId)
            .executeTakeFirst();
    if (input.ownerPersonId !== undefined && !owner) throw notFound('责任人');
    const item = await createRectification(
      trx,
      ctx,
      {
        sourceType: 'manual',
        sourceId: null,
        org: { id: org.id, path: org.path },
        owner: owner ? { personId: owner.id, name: owner.name } : null,
        title: input.title,
        detail: input.detail,
        deadline: input.deadline,
      },
      actorOf(rc.actor!, rc.meta),
    );
    return { data: item };
  });
}

export async function move(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  action: RectificationAction,
  note: string,
  evidence: string | null,
) {
  const allowed =
    action === 'approve' || action === 'reject'
      ? (p: string) => canReviewIn(rc.actor!, p)
      : (p: string, o: number | null) => isOwnerOrManager(ctx, rc, p, o);
  const row = await load(ctx, rc, id, allowed);
  return ctx.db.transaction().execute(async (trx) => {
    const data = await transitionRectification(trx, ctx, row, action, note, evidence, actorOf(rc.actor!, rc.meta));
    // A 软弱涣散 case moves with its item (the case page shows the same state).
    if (row.source_type === WEAK_SOURCE) await mirrorToWeakCase(trx, ctx, row, action, note, rc.actor!.userId);
    return { data };
  });
}
