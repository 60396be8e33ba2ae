import type { Kysely } from 'kysely';

// Which process runs an import job ("<host> <pid> <token>"), so that a process starting up marks
// as interrupted only the jobs whose process is gone (a crash or restart), never a job another
// live process (a server beside a CLI import, another node) is still running. Older rows: null.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('roster_import_jobs').addColumn('owner', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('roster_import_jobs').dropColumn('owner').execute();
}
