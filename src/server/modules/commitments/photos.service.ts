// 践诺 photo evidence: bytes in the platform's attachment storage (org-life's interface, content
// addressed), the row and its audit in one transaction. Limits come from the rulebook.
import type { Kysely, Transaction } from 'kysely';
import type { PhotoInput } from '../../../core/commitments/commitments.schemas.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { chinaDate } from '../../../core/shared/dates.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { denied } from '../../authz.ts';
import { AppError, badRequest, conflict, notFound } from '../../http/errors.ts';
import { sniffMatches, storageFor } from '../org-life/org-life.adapters.ts';
import { canRead, canWrite } from './commitments.policy.ts';
import * as repo from './commitments.repository.ts';

type Q = Kysely<DB> | Transaction<DB>;

export async function photosOf(db: Q, progressIds: readonly number[]) {
  if (progressIds.length === 0) return new Map<number, Array<{ id: number; fileName: string }>>();
  const rows = await db
    .selectFrom('cm_photos')
    .select(['id', 'progress_id', 'file_name'])
    .where('progress_id', 'in', [...progressIds])
    .orderBy('id')
    .execute();
  const out = new Map<number, Array<{ id: number; fileName: string }>>();
  for (const r of rows)
    out.set(r.progress_id, [...(out.get(r.progress_id) ?? []), { id: r.id, fileName: r.file_name }]);
  return out;
}

export async function uploadPhoto(
  ctx: AppContext,
  rc: RequestContext,
  id: number,
  progressId: number,
  input: PhotoInput,
) {
  const row = await repo.findCommitment(ctx.db, id);
  if (!row) throw notFound('承诺');
  if (!canWrite(rc.actor!, row)) throw await denied(ctx, rc, 'commitment', id, 'scope');
  const progress = (await repo.listProgress(ctx.db, [id])).find((p) => p.id === progressId);
  if (!progress) throw notFound('践诺记录');
  const day = chinaDate(ctx.now());
  const max = ruleValue<number>(ctx.config.rulebook, 'commitments.photo.maxBytes', day);
  const perEntry = ruleValue<number>(ctx.config.rulebook, 'commitments.photo.maxPerProgress', day);
  const content = Buffer.from(input.contentBase64, 'base64');
  if (content.length === 0) throw badRequest('FILE_EMPTY', '照片内容为空', 'contentBase64');
  if (content.length > max) {
    const msg = `照片超过${Math.round(max / 1024 / 1024)}MB，请压缩后上传`;
    throw new AppError('payload_too_large', 'FILE_TOO_LARGE', msg, { contentBase64: msg });
  }
  if (!sniffMatches(input.mimeType, content))
    throw badRequest('FILE_TYPE_MISMATCH', '照片内容与声明的类型不符，只允许JPEG或PNG', 'mimeType');
  if (((await photosOf(ctx.db, [progressId])).get(progressId)?.length ?? 0) >= perEntry)
    throw conflict('TOO_MANY_PHOTOS', `每条践诺记录最多${perEntry}张照片`, 'contentBase64');
  const stored = storageFor(ctx).put(content);
  return ctx.db.transaction().execute(async (trx) => {
    const photo = await trx
      .insertInto('cm_photos')
      .values({
        commitment_id: id,
        progress_id: progressId,
        org_path: row.org_path,
        file_name: input.fileName,
        mime: input.mimeType,
        size: content.length,
        storage_key: stored.key,
        created_by: rc.actor!.userId,
        created_at: ctx.now().toISOString(),
      })
      .returning(['id', 'file_name', 'size'])
      .executeTakeFirstOrThrow();
    await appendAudit(trx, ctx.ring, {
      at: ctx.now().toISOString(),
      result: 'ok',
      actorUserId: rc.actor!.userId,
      actorUsername: rc.actor!.username,
      requestId: rc.meta.requestId,
      ip: rc.meta.ip,
      action: 'commitment.photo.upload',
      objectType: 'commitment_photo',
      objectId: photo.id,
      scopePath: row.org_path,
      detail: {
        after: {
          commitmentId: id,
          progressId,
          fileName: input.fileName,
          size: content.length,
          sha256: stored.sha256,
        },
      },
    });
    return { data: { id: photo.id, fileName: photo.file_name, size: photo.size } };
  });
}

export async function downloadPhoto(ctx: AppContext, rc: RequestContext, photoId: number) {
  const photo = await ctx.db.selectFrom('cm_photos').selectAll().where('id', '=', photoId).executeTakeFirst();
  if (!photo) throw notFound('照片');
  if (!canRead(rc.actor!, photo)) throw await denied(ctx, rc, 'commitment_photo', photoId, 'scope');
  const content = storageFor(ctx).get(photo.storage_key);
  if (!content) throw notFound('照片文件');
  return { content, mime: photo.mime, fileName: photo.file_name };
}
