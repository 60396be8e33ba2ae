// Roster services: workbook imports.
import { appendAudit } from '../../audit/audit.repository.ts';
import { denied } from '../../authz.ts';
import type { AppContext, RequestContext } from '../../context.ts';
import { decryptField } from '../../crypto/field-crypto.ts';
import { badRequest, notFound } from '../../http/errors.ts';
import { inScope } from '../../http/policy.ts';
import { auditBase } from './roster-common.service.ts';
import { IMPORT_JOB_OWNER, runImport, type ImportProgress } from './roster.import.ts';
import * as repo from './roster.repository.ts';
import { guardXlsx, ImportFileError } from './roster.xlsx.ts';

/** Live progress of running imports in this process; the job row holds the result. */
const running = new Map<number, ImportProgress>();

export async function startImport(
  ctx: AppContext,
  rc: RequestContext,
  body: unknown,
  q: { dryRun: boolean; allowPartial: boolean; fileName: string | null },
) {
  if (!Buffer.isBuffer(body) || body.length === 0)
    throw badRequest('FILE_REQUIRED', '请上传.xlsx格式的Excel文件', 'file');
  if (q.fileName && !/\.xlsx$/i.test(q.fileName))
    throw badRequest('NOT_XLSX', '只支持.xlsx格式的Excel工作簿', 'file');
  const actor = rc.actor!;
  // What is not a workbook at all (too short, not a zip, truncated, a zip of something else, a
  // zip bomb) is refused here, as a 400 naming the file; the rest of the file is read by the job.
  try {
    guardXlsx(body);
  } catch (e) {
    if (!(e instanceof ImportFileError)) throw e;
    await ctx.db.transaction().execute((trx) =>
      appendAudit(trx, ctx.ring, {
        ...auditBase(ctx, rc),
        action: q.dryRun ? 'roster.import.dry_run' : 'roster.import',
        result: 'failed',
        objectType: 'roster_import',
        scopePath: actor.scopePath,
        detail: { fileName: q.fileName, fileError: e.code },
      }),
    );
    throw badRequest(e.code, e.message, 'file');
  }
  const jobId = await repo.insertImportJob(ctx.db, {
    userId: actor.userId,
    username: actor.username,
    scopePath: actor.scopePath,
    fileName: q.fileName,
    dryRun: q.dryRun,
    allowPartial: q.allowPartial,
    now: ctx.now().toISOString(),
    owner: IMPORT_JOB_OWNER,
  });
  running.set(jobId, { phase: 'reading', done: 0, total: 0 });
  const done = runImport(ctx, {
    buffer: body,
    scopePath: actor.scopePath,
    actor: { userId: actor.userId, username: actor.username },
    dryRun: q.dryRun,
    allowPartial: q.allowPartial,
    fileName: q.fileName,
    requestId: rc.meta.requestId,
    ip: rc.meta.ip,
    jobId,
    onProgress: (p) => running.set(jobId, p),
  });
  done
    .catch((e: unknown) => {
      if (!(e instanceof ImportFileError)) rc.log.error({ err: e }, 'import failed');
    })
    .finally(() => running.delete(jobId));
  return { data: { id: jobId, status: 'running' as const } };
}

async function requireJob(ctx: AppContext, rc: RequestContext, id: number) {
  const job = await repo.findImportJob(ctx.db, id);
  if (!job) throw notFound('导入任务');
  if (!inScope(rc.actor!, job.scope_path)) throw await denied(ctx, rc, 'roster_import', id, 'scope');
  return job;
}

export async function getImport(ctx: AppContext, rc: RequestContext, id: number) {
  const job = await requireJob(ctx, rc, id);
  const live = running.get(id);
  return {
    data: {
      id,
      /** interrupted: its process stopped (a restart); nothing was written, fileError says so. */
      status: job.status as 'running' | 'done' | 'failed' | 'interrupted',
      dryRun: job.dry_run === 1,
      allowPartial: job.allow_partial === 1,
      fileName: job.file_name,
      progress: live ?? {
        phase:
          job.status === 'failed' || job.status === 'interrupted'
            ? 'failed'
            : job.status === 'done'
              ? 'done'
              : 'reading',
        done: Number(job.total),
        total: Number(job.total),
      },
      fileError: job.file_error,
      report:
        job.status === 'done'
          ? {
              total: Number(job.total),
              valid: Number(job.valid),
              imported: Number(job.imported),
              errors: JSON.parse(job.errors_json) as unknown[],
            }
          : null,
      hasErrorWorkbook: job.error_workbook_enc !== null,
      createdAt: job.created_at,
      finishedAt: job.finished_at,
    },
  };
}

export async function importErrorWorkbook(ctx: AppContext, rc: RequestContext, id: number) {
  const job = await requireJob(ctx, rc, id);
  if (!job.error_workbook_enc) throw notFound('错误标注工作簿');
  const file = Buffer.from(
    decryptField(ctx.ring, 'roster_import_jobs.error_workbook', job.error_workbook_enc),
    'base64',
  );
  await ctx.db.transaction().execute((trx) =>
    appendAudit(trx, ctx.ring, {
      ...auditBase(ctx, rc),
      action: 'roster.import.error_workbook',
      objectType: 'roster_import',
      objectId: id,
      scopePath: job.scope_path,
      detail: { bytes: file.length },
    }),
  );
  return { file, name: `导入错误标注-${id}.xlsx` };
}
