// 述职评议考核 services: 述职报告, order, 民主测评 and 点评 per secretary.
import { mergeAttachments, type ReportAttachment } from '../../../core/evaluation/attachments.rules.ts';
import { type SecretaryGrade } from '../../../core/evaluation/evaluation.rules.ts';
import type { ReportInput } from '../../../core/evaluation/evaluation.schemas.ts';
import { SECRETARY_SCHEME } from '../../../core/voting/voting.rules.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import { denied } from '../../authz.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import { badRequest, conflict, notFound } from '../../http/errors.ts';
import { audit, loadCampaign, presentSubject } from './campaign-common.service.ts';
import { canLeadIn, canManageIn } from './evaluation.policy.ts';
import * as repo from './evaluation.repository.ts';
import { openBox } from './voting/voting.service.ts';

async function loadSubject(ctx: AppContext, rc: RequestContext, id: number) {
  const s = await repo.findSubject(ctx.db, id);
  if (!s) throw notFound('述职对象');
  const c = (await repo.findCampaign(ctx.db, s.campaign_id))!;
  return { s, c };
}

/** 述职报告 and the self-listed problem list: by the secretary (own account) or an administrator of the subject's organisation. */
export async function submitReport(ctx: AppContext, rc: RequestContext, id: number, input: ReportInput) {
  const actor = rc.actor!;
  const { s, c } = await loadSubject(ctx, rc, id);
  const own = (await repo.personOfUser(ctx.db, actor.userId)) === s.person_id;
  if (!own && !canManageIn(actor, s.org_path)) throw await denied(ctx, rc, 'eval_subject', id, 'scope');
  if (c.status !== 'reporting')
    throw conflict('CAMPAIGN_NOT_REPORTING', '民主测评已经开始，述职报告不能再修改', 'reportText');
  return ctx.db.transaction().execute(async (trx) => {
    const updated = await repo.updateSubject(trx, id, {
      report_text: input.reportText,
      problems: JSON.stringify(input.problems),
      // Uploaded files stay (removed one by one); the linked ones are replaced.
      attachments: JSON.stringify(
        mergeAttachments(JSON.parse(s.attachments) as ReportAttachment[], input.attachments),
      ),
      submitted_at: ctx.now().toISOString(),
    });
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc),
      action: 'evaluation.report.submit',
      objectType: 'eval_subject',
      objectId: id,
      scopePath: s.org_path,
      detail: {
        after: {
          chars: input.reportText.length,
          problems: input.problems.length,
          attachments: input.attachments.length,
        },
        onBehalf: !own,
      },
    });
    return { data: presentSubject(updated) };
  });
}

export async function setOrder(ctx: AppContext, rc: RequestContext, id: number, subjectIds: number[]) {
  const c = await loadCampaign(ctx, rc, id, (a, x) => canLeadIn(a, x.org_path));
  const subjects = await repo.subjectsOf(ctx.db, [c.id]);
  const known = new Set(subjects.map((s) => s.id));
  if (
    subjectIds.length !== known.size ||
    new Set(subjectIds).size !== known.size ||
    subjectIds.some((x) => !known.has(x))
  ) {
    throw badRequest('ORDER_INVALID', '述职顺序须包含本次活动的全部述职对象且不重复', 'subjectIds');
  }
  return ctx.db.transaction().execute(async (trx) => {
    for (const [i, sid] of subjectIds.entries()) await repo.updateSubject(trx, sid, { report_order: i + 1 });
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc),
      action: 'evaluation.campaign.order',
      objectType: 'eval_campaign',
      objectId: id,
      scopePath: c.org_path,
      detail: { after: subjectIds },
    });
    return { data: { subjectIds } };
  });
}

/** Opens the 民主测评: one anonymous box rating every secretary, with one token per expected participant. */
export async function openVoting(ctx: AppContext, rc: RequestContext, id: number, expectedVoters: number) {
  const c = await loadCampaign(ctx, rc, id, (a, x) => canLeadIn(a, x.org_path));
  if (c.status !== 'reporting') throw conflict('VOTING_ALREADY_OPENED', '民主测评已经开始', 'status');
  const subjects = await repo.subjectsOf(ctx.db, [c.id]);
  const missing = subjects.filter((s) => !s.submitted_at).map((s) => s.name);
  if (missing.length > 0)
    throw conflict('REPORTS_MISSING', `尚未提交述职报告：${missing.join('、')}`, 'reportText');
  return ctx.db.transaction().execute(async (trx) => {
    const { box, tokens } = await openBox(
      trx,
      {
        orgPath: c.org_path,
        sourceType: 'evaluation.campaign',
        sourceId: c.id,
        title: `${c.title} 民主测评`,
        scheme: SECRETARY_SCHEME,
        subjects: subjects.map((s) => ({ key: String(s.id), label: `${s.name}（${s.org_name}）` })),
        anonymous: true,
        expectedVoters,
        tokens: expectedVoters,
      },
      ctx.now(),
    );
    await repo.updateCampaign(trx, c.id, {
      status: 'voting',
      box_id: box.id,
      updated_at: ctx.now().toISOString(),
    });
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc),
      action: 'evaluation.voting.open',
      objectType: 'eval_campaign',
      objectId: id,
      scopePath: c.org_path,
      detail: { after: { boxId: box.id, expectedVoters, tokensIssued: tokens.length } },
    });
    return { data: { box, tokens } };
  });
}

/** 点评 by the leader: text and grade per secretary. */
export async function comment(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  input: { text: string; grade: SecretaryGrade },
) {
  const { s, c } = await loadSubject(ctx, rc, id);
  if (!canLeadIn(rc.actor!, c.org_path)) throw await denied(ctx, rc, 'eval_subject', id, 'scope');
  if (c.status === 'published') throw conflict('CAMPAIGN_PUBLISHED', '结果已经公布，点评不能再修改', 'grade');
  return ctx.db.transaction().execute(async (trx) => {
    const updated = await repo.updateSubject(trx, id, {
      comment_text: input.text,
      comment_grade: input.grade,
    });
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc),
      action: 'evaluation.comment',
      objectType: 'eval_subject',
      objectId: id,
      scopePath: s.org_path,
      detail: { before: { grade: s.comment_grade }, after: { grade: input.grade } },
    });
    return { data: presentSubject(updated) };
  });
}
