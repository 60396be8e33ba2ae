// The import as an API call: the caller's scope, the report, and the error workbook inline
// (base64, never stored: it holds ID numbers), so nothing is left on the server.
import type { AppContext, RequestContext } from '../../context.ts';
import { badRequest } from '../../http/errors.ts';
import { runDevelopmentImport } from './development.import.ts';
import { ImportFileError } from './development.import-xlsx.ts';

export async function importDevelopment(
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
  try {
    const outcome = await runDevelopmentImport(ctx, {
      buffer: body,
      scopePath: actor.scopePath,
      actor: { userId: actor.userId, username: actor.username },
      dryRun: q.dryRun,
      allowPartial: q.allowPartial,
      fileName: q.fileName,
      requestId: rc.meta.requestId,
      ip: rc.meta.ip,
    });
    return {
      data: {
        dryRun: q.dryRun,
        ...outcome.report,
        findings: outcome.findings,
        errorWorkbook: outcome.errorWorkbook ? outcome.errorWorkbook.toString('base64') : null,
      },
    };
  } catch (e) {
    if (e instanceof ImportFileError) throw badRequest(e.code, e.message, 'file');
    throw e;
  }
}
