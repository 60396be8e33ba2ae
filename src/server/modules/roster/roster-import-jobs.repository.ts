// Roster repository: import jobs.
import { type Q } from './roster-common.repository.ts';

export async function insertImportJob(
  db: Q,
  job: {
    userId: number | null;
    username: string;
    scopePath: string;
    fileName: string | null;
    dryRun: boolean;
    allowPartial: boolean;
    now: string;
    /** The running process ("<host> <pid> <token>"). */
    owner: string;
  },
): Promise<number> {
  const { id } = await db
    .insertInto('roster_import_jobs')
    .values({
      user_id: job.userId,
      username: job.username,
      scope_path: job.scopePath,
      file_name: job.fileName,
      dry_run: job.dryRun ? 1 : 0,
      allow_partial: job.allowPartial ? 1 : 0,
      status: 'running',
      file_error: null,
      error_workbook_enc: null,
      created_at: job.now,
      finished_at: null,
      owner: job.owner,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(id);
}

export async function finishImportJob(
  db: Q,
  id: number,
  r: {
    status: 'done' | 'failed';
    total: number;
    valid: number;
    imported: number;
    errorsJson: string;
    fileError: string | null;
    errorWorkbookEnc: string | null;
    now: string;
  },
): Promise<void> {
  await db
    .updateTable('roster_import_jobs')
    .set({
      status: r.status,
      total: r.total,
      valid: r.valid,
      imported: r.imported,
      errors_json: r.errorsJson,
      file_error: r.fileError,
      error_workbook_enc: r.errorWorkbookEnc,
      finished_at: r.now,
    })
    .where('id', '=', id)
    .execute();
}

export async function findImportJob(db: Q, id: number) {
  return db.selectFrom('roster_import_jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Jobs still marked running (few: one per import in progress), with their owner. */
export async function runningImportJobs(db: Q) {
  return db
    .selectFrom('roster_import_jobs')
    .select(['id', 'owner', 'created_at', 'scope_path', 'username', 'file_name'])
    .where('status', '=', 'running')
    .orderBy('id')
    .execute();
}

/**
 * Rows a job committed, from its 'roster.import' ok audit row (written in the import's own
 * transaction, so it exists exactly when the members do); null when it committed nothing.
 */
export async function committedImportRows(db: Q, jobId: number): Promise<number | null> {
  const row = await db
    .selectFrom('audit_log')
    .select('detail')
    .where('action', '=', 'roster.import')
    .where('result', '=', 'ok')
    .where('object_type', '=', 'roster_import')
    .where('object_id', '=', String(jobId))
    .executeTakeFirst();
  if (!row) return null;
  try {
    return Number((JSON.parse(row.detail) as { imported?: unknown }).imported ?? 0);
  } catch {
    return 0;
  }
}

/** Marks a job interrupted when it is still running (a job that finished meanwhile keeps its result). */
export async function interruptImportJob(
  db: Q,
  id: number,
  r: { status: string; message: string; now: string },
): Promise<boolean> {
  const res = await db
    .updateTable('roster_import_jobs')
    .set({ status: r.status, file_error: r.message, finished_at: r.now })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
