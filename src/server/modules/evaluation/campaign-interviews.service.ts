// 述职评议考核 services: 约谈.
import { chinaDate } from '../../../core/shared/dates.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import { denied } from '../../authz.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import { badRequest, notFound } from '../../http/errors.ts';
import { audit } from './campaign-common.service.ts';
import { canLeadIn } from './evaluation.policy.ts';
import * as repo from './evaluation.repository.ts';

/** Records a 约谈 as held: by the committee that ran the campaign (the talk is theirs to hold). */
export async function recordInterview(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  input: { heldOn: string; notes: string },
) {
  const i = await repo.findInterview(ctx.db, id);
  if (!i) throw notFound('约谈记录');
  if (!canLeadIn(rc.actor!, i.campaign_path)) throw await denied(ctx, rc, 'eval_interview', id, 'scope');
  if (input.heldOn > chinaDate(ctx.now()))
    throw badRequest('HELD_IN_FUTURE', '约谈日期不能晚于今天', 'heldOn');
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.recordInterview(trx, id, input.heldOn, input.notes);
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc),
      action: 'evaluation.interview.record',
      objectType: 'eval_interview',
      objectId: id,
      scopePath: i.org_path,
      detail: { before: { status: i.status }, after: { status: 'held', heldOn: input.heldOn } },
    });
    return {
      data: {
        id: row.id,
        subjectId: row.subject_id,
        status: row.status,
        heldOn: row.held_on,
        notes: row.notes,
      },
    };
  });
}
