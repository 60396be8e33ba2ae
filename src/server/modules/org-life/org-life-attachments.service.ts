// Org-life services: attachments.
import type { AttachmentInput } from '../../../core/org-life/org-life.schemas.ts';
import { isLocked } from '../../../core/org-life/quality.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import { denied } from '../../authz.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import { AppError, badRequest, notFound } from '../../http/errors.ts';
import { audit, requireMeeting, today } from './org-life-common.service.ts';
import { sniffMatches, storageFor } from './org-life.adapters.ts';
import { canReadLife, canWriteLife } from './org-life.policy.ts';
import * as repo from './org-life.repository.ts';

export async function uploadAttachment(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  input: AttachmentInput,
) {
  const actor = rc.actor!;
  const m = await requireMeeting(ctx, rc, id, (p) => canWriteLife(actor, p));
  const content = Buffer.from(input.contentBase64, 'base64');
  const max = ruleValue<number>(ctx.config.rulebook, 'orgLife.attachment.maxBytes', m.held_on);
  if (content.length === 0) throw badRequest('FILE_EMPTY', '文件内容为空', 'contentBase64');
  if (content.length > max)
    throw new AppError('payload_too_large', 'FILE_TOO_LARGE', `文件超过${Math.round(max / 1024 / 1024)}MB`, {
      contentBase64: `文件超过${Math.round(max / 1024 / 1024)}MB`,
    });
  if (!sniffMatches(input.mimeType, content))
    throw badRequest('FILE_TYPE_MISMATCH', '文件内容与声明的类型不符，只允许JPEG、PNG图片或PDF', 'mimeType');
  if (isLocked(ctx.config.rulebook, m.held_on, today(ctx)))
    throw new AppError('locked', 'RECORD_LOCKED', '会议记录已锁定，不能再添加附件', {
      contentBase64: '会议记录已锁定',
    });
  const stored = storageFor(ctx).put(content);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.insertAttachment(trx, {
      meeting_id: id,
      org_path: m.org_path,
      file_name: input.fileName,
      mime_type: input.mimeType,
      size_bytes: content.length,
      sha256: stored.sha256,
      storage_key: stored.key,
      created_by: actor.userId,
      created_at: ctx.now().toISOString(),
    });
    await appendAudit(trx, ctx.ring, {
      ...audit(ctx, rc),
      action: 'life.attachment.upload',
      objectId: id,
      scopePath: m.org_path,
      detail: { attachmentId: row.id, fileName: row.file_name, size: row.size_bytes, sha256: row.sha256 },
    });
    return {
      data: { id: row.id, fileName: row.file_name, mimeType: row.mime_type, sizeBytes: row.size_bytes },
    };
  });
}

export async function downloadAttachment(ctx: AppContext, rc: RequestContext, id: number) {
  const actor = rc.actor!;
  const a = await repo.findAttachment(ctx.db, id);
  if (!a) throw notFound('附件');
  if (!canReadLife(actor, a.org_path)) throw await denied(ctx, rc, 'life_attachment', id, 'scope');
  const content = storageFor(ctx).get(a.storage_key);
  if (!content) throw notFound('附件文件');
  return { content, mimeType: a.mime_type, fileName: a.file_name };
}
