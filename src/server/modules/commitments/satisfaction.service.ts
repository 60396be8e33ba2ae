// 评诺 满意度测评 through the voting engine: an anonymous box with single-use tokens (links / QR
// slips for members or the public), tallied into the 评诺 result when the commitment is graded.
import type { Kysely, Transaction } from 'kysely';
import {
  decideOpenSatisfaction,
  SATISFACTION_SCHEME,
  satisfactionRate,
  type CommitmentStatus,
} from '../../../core/commitments/commitments.rules.ts';
import { chinaDate } from '../../../core/shared/dates.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { denied } from '../../authz.ts';
import { fromDecision, notFound } from '../../http/errors.ts';
import { closeBox, openBox, tallyBoxes } from '../evaluation/voting/voting.service.ts';
import { canWrite } from './commitments.policy.ts';
import * as repo from './commitments.repository.ts';

export const SATISFACTION_SOURCE = 'commitments.satisfaction';

export interface SatisfactionSummary {
  boxId: number;
  status: 'open' | 'closed';
  expected: number;
  cast: number;
  counts: Record<string, number>;
  rate: number | null;
}

export async function satisfactionSummary(
  db: Kysely<DB> | Transaction<DB>,
  ctx: AppContext,
  boxId: number,
): Promise<SatisfactionSummary | null> {
  const t = (await tallyBoxes(db, [boxId], ctx.config.rulebook, chinaDate(ctx.now()))).get(boxId);
  if (!t) return null;
  const s = t.subjects[0];
  return {
    boxId,
    status: t.box.status,
    expected: t.expected,
    cast: t.cast,
    counts: s?.counts ?? {},
    rate: s ? satisfactionRate(s.counts, s.marked) : null,
  };
}

/** Closes the box (if still open) and returns the 满意率 for the 评诺; inside the grade's transaction. */
export async function closeAndRate(trx: Transaction<DB>, ctx: AppContext, boxId: number) {
  const before = await satisfactionSummary(trx, ctx, boxId);
  if (before?.status === 'open') await closeBox(trx, boxId, ctx.now());
  return before;
}

export async function openSatisfaction(ctx: AppContext, rc: RequestContext, id: number, ballots: number) {
  const row = await repo.findCommitment(ctx.db, id);
  if (!row) throw notFound('承诺');
  if (!canWrite(rc.actor!, row)) throw await denied(ctx, rc, 'commitment', id, 'scope');
  const d = decideOpenSatisfaction(
    {
      status: row.status as CommitmentStatus,
      opinionEndsOn: row.opinion_ends_on,
      leaderGrade: row.leader_grade,
    },
    row.satisfaction_box_id !== null,
  );
  if (!d.ok) throw fromDecision(d, 'conflict');
  return ctx.db.transaction().execute(async (trx) => {
    const { box, tokens } = await openBox(
      trx,
      {
        orgPath: row.org_path,
        sourceType: SATISFACTION_SOURCE,
        sourceId: row.id,
        title: `${row.committer_name}“${row.title}”满意度测评`,
        scheme: SATISFACTION_SCHEME,
        subjects: [{ key: String(row.id), label: row.title }],
        anonymous: true,
        expectedVoters: ballots,
        tokens: ballots,
      },
      ctx.now(),
    );
    await repo.updateCommitment(trx, id, {
      satisfaction_box_id: box.id,
      updated_at: ctx.now().toISOString(),
    });
    // Never tokens or marks in the audit detail: the box is anonymous.
    await appendAudit(trx, ctx.ring, {
      at: ctx.now().toISOString(),
      result: 'ok',
      actorUserId: rc.actor!.userId,
      actorUsername: rc.actor!.username,
      requestId: rc.meta.requestId,
      ip: rc.meta.ip,
      action: 'commitment.satisfaction.open',
      objectType: 'commitment',
      objectId: id,
      scopePath: row.org_path,
      detail: { after: { boxId: box.id, ballots } },
    });
    return {
      data: {
        boxId: box.id,
        ballots,
        /** Shown once: single-use links for the phone ballot page (the token stays in the URL fragment). */
        tokens,
        links: tokens.map((t) => `/vote#${t}`),
      },
    };
  });
}
