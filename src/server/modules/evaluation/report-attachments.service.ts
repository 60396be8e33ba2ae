// Files attached to a 述职报告 (JPEG, PNG, PDF): stored through the storage interface of the
// org-life module (content-addressed on disk, imported, not changed) in their own directory;
// their metadata lives in eval_subjects.attachments next to the linked attachments.
import { dirname, join } from 'node:path';
import { checkReportAttachment, type ReportAttachment } from '../../../core/evaluation/attachments.rules.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { chinaDate } from '../../../core/shared/dates.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import { denied } from '../../authz.ts';
import { AppError, badRequest, conflict, fromDecision, notFound } from '../../http/errors.ts';
import { diskStorage, sniffMatches, type AttachmentStorage } from '../org-life/org-life.adapters.ts';
import { canManageIn, canReadCampaign } from './evaluation.policy.ts';
import * as repo from './evaluation.repository.ts';

export function evaluationStorage(ctx: AppContext): AttachmentStorage {
  return diskStorage(
    join(process.env.DANGJIAN_DATA_DIR ?? dirname(ctx.config.keyFile), 'evaluation-attachments'),
  );
}

function audit(ctx: AppContext, rc: RequestContext) {
  const a = rc.actor!;
  return {
    at: ctx.now().toISOString(),
    result: 'ok' as const,
    actorUserId: a.userId,
    actorUsername: a.username,
    requestId: rc.meta.requestId,
    ip: rc.meta.ip,
  };
}

/** The subject, for its secretary (own account) or an administrator of its organisation, while reporting. */
async function writableSubject(ctx: AppContext, rc: RequestContext, id: number) {
  const s = await repo.findSubject(ctx.db, id);
  if (!s) throw notFound('述职对象');
  const c = (await repo.findCampaign(ctx.db, s.campaign_id))!;
  const actor = rc.actor!;
  const own = (await repo.personOfUser(ctx.db, actor.userId)) === s.person_id;
  if (!own && !canManageIn(actor, s.org_path)) throw await denied(ctx, rc, 'eval_subject', id, 'scope');
  if (c.status !== 'reporting')
    throw conflict('CAMPAIGN_NOT_REPORTING', '民主测评已经开始，述职报告附件不能再修改', 'fileName');
  return { s, own };
}

export async function uploadReportAttachment(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  input: { fileName: string; mimeType: string; contentBase64: string },
) {
  const { s, own } = await writableSubject(ctx, rc, id);
  const content = Buffer.from(input.contentBase64, 'base64');
  const today = chinaDate(ctx.now());
  const limits = {
    maxBytes: ruleValue<number>(ctx.config.rulebook, 'evaluation.attachment.maxBytes', today),
    maxCount: ruleValue<number>(ctx.config.rulebook, 'evaluation.attachment.maxCount', today),
  };
  const current = JSON.parse(s.attachments) as ReportAttachment[];
  const d = checkReportAttachment({ mimeType: input.mimeType, sizeBytes: content.length }, current, limits);
  if (!d.ok) {
    if (d.code === 'FILE_TOO_LARGE')
      throw new AppError('payload_too_large', d.code, d.message, { [d.field ?? 'contentBase64']: d.message });
    throw fromDecision(d);
  }
  if (!sniffMatches(input.mimeType, content))
    throw badRequest('FILE_TYPE_MISMATCH', '文件内容与声明的类型不符，只允许JPEG、PNG图片或PDF', 'mimeType');
  const stored = evaluationStorage(ctx).put(content);
  return ctx.db.transaction().execute(async (trx) => {
    const fresh = (await repo.findSubject(trx, id))!;
    const list = JSON.parse(fresh.attachments) as ReportAttachment[];
    const again = checkReportAttachment(
      { mimeType: input.mimeType, sizeBytes: content.length },
      list,
      limits,
    );
    if (!again.ok) throw fromDecision(again);
    const entry: ReportAttachment = {
      name: input.fileName,
      url: `/api/evaluation/subjects/${id}/attachments/${stored.key}`,
      key: stored.key,
      mimeType: input.mimeType,
      sizeBytes: content.length,
      sha256: stored.sha256,
    };
    const next = [...list.filter((a) => a.key !== stored.key), entry];
    await repo.updateSubject(trx, id, { attachments: JSON.stringify(next) });
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc),
      action: 'evaluation.report.attachment.upload',
      objectType: 'eval_subject',
      objectId: id,
      scopePath: s.org_path,
      detail: {
        after: { fileName: input.fileName, size: content.length, sha256: stored.sha256 },
        onBehalf: !own,
      },
    });
    return { data: entry };
  });
}

export async function removeReportAttachment(ctx: AppContext, rc: RequestContext, id: number, key: string) {
  const { s } = await writableSubject(ctx, rc, id);
  return ctx.db.transaction().execute(async (trx) => {
    const list = JSON.parse((await repo.findSubject(trx, id))!.attachments) as ReportAttachment[];
    const gone = list.find((a) => a.key === key);
    if (!gone) throw notFound('附件');
    await repo.updateSubject(trx, id, { attachments: JSON.stringify(list.filter((a) => a.key !== key)) });
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc),
      action: 'evaluation.report.attachment.remove',
      objectType: 'eval_subject',
      objectId: id,
      scopePath: s.org_path,
      detail: { before: { fileName: gone.name, sha256: gone.sha256 } },
    });
    return { data: { removed: key } };
  });
}

/** Download: whoever may read the campaign; only a file listed on this subject. */
export async function downloadReportAttachment(ctx: AppContext, rc: RequestContext, id: number, key: string) {
  const s = await repo.findSubject(ctx.db, id);
  if (!s) throw notFound('述职对象');
  const c = (await repo.findCampaign(ctx.db, s.campaign_id))!;
  if (!canReadCampaign(rc.actor!, c)) throw await denied(ctx, rc, 'eval_subject', id, 'scope');
  const a = (JSON.parse(s.attachments) as ReportAttachment[]).find((x) => x.key === key);
  if (!a) throw notFound('附件');
  const content = evaluationStorage(ctx).get(key);
  if (!content) throw notFound('附件文件');
  return { content, mimeType: a.mimeType ?? 'application/octet-stream', fileName: a.name };
}
