// 督查现场照片: bytes in the platform's attachment storage (org-life's content-addressed store,
// as 践诺 photos), the row and its audit in one transaction; limits from the rulebook.
import type { PhotoInput } from '../../../core/commitments/commitments.schemas.ts';
import { ruleValue } from '../../../core/rulebook/rulebook.ts';
import { chinaDate } from '../../../core/shared/dates.ts';
import { appendAudit } from '../../audit/audit.repository.ts';
import { denied, requireActor } from '../../authz.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import { AppError, badRequest, conflict, notFound } from '../../http/errors.ts';
import { sniffMatches, storageFor } from '../org-life/org-life.adapters.ts';
import { canManagePlan, canReadVisit } from './inspection.policy.ts';
import * as repo from './inspection.repository.ts';

export async function uploadVisitPhoto(
  ctx: AppContext,
  rc: RequestContext,
  visitId: number,
  input: PhotoInput,
) {
  const actor = requireActor(rc);
  const visit = await repo.findVisit(ctx.db, visitId);
  if (!visit) throw notFound('督查记录');
  if (!canManagePlan(actor, { org_path: visit.plan_org_path }))
    throw await denied(ctx, rc, 'inspection_visit', visitId, 'scope');
  const day = chinaDate(ctx.now());
  const max = ruleValue<number>(ctx.config.rulebook, 'inspection.photo.maxBytes', day);
  const perVisit = ruleValue<number>(ctx.config.rulebook, 'inspection.photo.maxPerVisit', day);
  const content = Buffer.from(input.contentBase64, 'base64');
  if (content.length === 0) throw badRequest('FILE_EMPTY', '照片内容为空', 'contentBase64');
  if (content.length > max) {
    const msg = `照片超过${Math.round(max / 1024 / 1024)}MB，请压缩后上传`;
    throw new AppError('payload_too_large', 'FILE_TOO_LARGE', msg, { contentBase64: msg });
  }
  if (!sniffMatches(input.mimeType, content))
    throw badRequest('FILE_TYPE_MISMATCH', '照片内容与声明的类型不符，只允许JPEG或PNG', 'mimeType');
  if ((await repo.photosOfVisit(ctx.db, visitId)).length >= perVisit)
    throw conflict('TOO_MANY_PHOTOS', `每次督查记录最多${perVisit}张照片`, 'contentBase64');
  const stored = storageFor(ctx).put(content);
  return ctx.db.transaction().execute(async (trx) => {
    const photo = await trx
      .insertInto('insp_photos')
      .values({
        visit_id: visitId,
        org_path: visit.org_path,
        file_name: input.fileName,
        mime: input.mimeType,
        size: content.length,
        storage_key: stored.key,
        created_by: actor.userId,
        created_at: ctx.now().toISOString(),
      })
      .returning(['id', 'file_name', 'size'])
      .executeTakeFirstOrThrow();
    await appendAudit(trx, ctx.ring, {
      at: ctx.now().toISOString(),
      result: 'ok',
      actorUserId: actor.userId,
      actorUsername: actor.username,
      requestId: rc.meta.requestId,
      ip: rc.meta.ip,
      action: 'inspection.photo.upload',
      objectType: 'inspection_photo',
      objectId: photo.id,
      scopePath: visit.org_path,
      detail: { after: { visitId, fileName: input.fileName, size: content.length, sha256: stored.sha256 } },
    });
    return { data: { id: photo.id, fileName: photo.file_name, size: photo.size } };
  });
}

export async function downloadVisitPhoto(ctx: AppContext, rc: RequestContext, photoId: number) {
  const photo = await ctx.db
    .selectFrom('insp_photos')
    .selectAll()
    .where('id', '=', photoId)
    .executeTakeFirst();
  if (!photo) throw notFound('照片');
  const visit = (await repo.findVisit(ctx.db, photo.visit_id))!;
  if (!canReadVisit(requireActor(rc), visit))
    throw await denied(ctx, rc, 'inspection_photo', photoId, 'scope');
  const content = storageFor(ctx).get(photo.storage_key);
  if (!content) throw notFound('照片文件');
  return { content, mime: photo.mime, fileName: photo.file_name };
}
