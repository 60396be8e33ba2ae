// Request-level voting operations behind the routes (scope checks, transaction, audit).
import { chinaDate } from '../../../../core/shared/dates.ts';
import type { BallotMarks } from '../../../../core/voting/voting.rules.ts';
import { appendAudit } from '../../../audit/audit.repository.ts';
import type { AppContext, RequestContext } from '../../../context.ts';
import { denied } from '../../../authz.ts';
import { notFound } from '../../../http/errors.ts';
import { canLeadIn, canManageIn } from '../evaluation.policy.ts';
import {
  ballotForToken,
  castBallot,
  closeBox,
  enterPaperBallot,
  findBoxView,
  tallyBoxes,
} from './voting.service.ts';

async function loadBox(ctx: AppContext, rc: RequestContext, id: number, allowed: (path: string) => boolean) {
  const box = await findBoxView(ctx.db, id);
  if (!box) throw notFound('投票');
  if (!allowed(box.orgPath)) throw await denied(ctx, rc, 'vote_box', id, 'scope');
  return box;
}

export async function getBox(ctx: AppContext, rc: RequestContext, id: number) {
  await loadBox(ctx, rc, id, (p) => canManageIn(rc.actor!, p));
  const t = (await tallyBoxes(ctx.db, [id], ctx.config.rulebook, chinaDate(ctx.now()))).get(id)!;
  return { data: t };
}

export async function closeBoxRequest(ctx: AppContext, rc: RequestContext, id: number) {
  await loadBox(ctx, rc, id, (p) => canLeadIn(rc.actor!, p));
  return ctx.db.transaction().execute(async (trx) => {
    const box = await closeBox(trx, id, ctx.now());
    const a = rc.actor!;
    await appendAudit(trx, ctx.ring, {
      at: ctx.now().toISOString(),
      result: 'ok',
      action: 'vote.close',
      actorUserId: a.userId,
      actorUsername: a.username,
      objectType: 'vote_box',
      objectId: id,
      scopePath: box.orgPath,
      requestId: rc.meta.requestId,
      ip: rc.meta.ip,
      detail: {},
    });
    return { data: box };
  });
}

/** A teller enters a paper ballot (no voter is recorded). */
export async function paperBallot(ctx: AppContext, rc: RequestContext, id: number, marks: BallotMarks) {
  const box = await loadBox(ctx, rc, id, (p) => canManageIn(rc.actor!, p));
  return ctx.db.transaction().execute(async (trx) => {
    await enterPaperBallot(trx, id, marks);
    const a = rc.actor!;
    await appendAudit(trx, ctx.ring, {
      at: ctx.now().toISOString(),
      result: 'ok',
      action: 'vote.paper',
      actorUserId: a.userId,
      actorUsername: a.username,
      objectType: 'vote_box',
      objectId: id,
      scopePath: box.orgPath,
      requestId: rc.meta.requestId,
      ip: rc.meta.ip,
      detail: {},
    });
    return { data: { accepted: true } };
  });
}

export async function viewBallot(ctx: AppContext, token: string) {
  return { data: await ballotForToken(ctx.db, token) };
}

/**
 * Casting with a token: the route is public so no session (and no user id) reaches this
 * code; the audit row names the box only — never the grades, the token or a ballot id.
 */
export async function cast(ctx: AppContext, rc: RequestContext, token: string, marks: BallotMarks) {
  return ctx.db.transaction().execute(async (trx) => {
    const { boxId } = await castBallot(trx, token, marks);
    await appendAudit(trx, ctx.ring, {
      at: ctx.now().toISOString(),
      result: 'ok',
      action: 'vote.cast',
      objectType: 'vote_box',
      objectId: boxId,
      requestId: rc.meta.requestId,
      detail: {},
    });
    return { data: { accepted: true } };
  });
}
