import { parseArgs } from 'node:util';
import { appendAudit } from '../../server/audit/audit.repository.ts';
import { openContext } from '../../server/bootstrap.ts';
import { loadConfig } from '../../server/config.ts';
import { backupSqlite, restoreSqlite } from '../../server/db/backup.ts';
import { isPostgresUrl, sqlitePathFromUrl } from '../../server/db/database.ts';
import { CliError, log, printJson, progressBar } from '../output.ts';

function sqliteFileOrFail(url: string): string {
  if (isPostgresUrl(url)) throw new CliError('PostgreSQL 请使用 pg_dump / 基础备份 + WAL 归档（见 README “运维”）');
  return sqlitePathFromUrl(url);
}

async function auditCli(action: string, detail: Record<string, unknown>) {
  const opened = await openContext(loadConfig(), { createKeys: false });
  try {
    await opened.ctx.db.transaction().execute((trx) =>
      appendAudit(trx, opened.ctx.ring, { at: new Date().toISOString(), action, result: 'ok', actorUsername: `cli:${process.env.USER ?? 'unknown'}`, objectType: 'database', detail }),
    );
  } finally {
    await opened.close();
  }
}

export async function backupCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean', default: false } }, allowPositionals: true, strict: true });
  const target = positionals[0];
  if (!target) throw new CliError('用法：dangjian backup FILE');
  const config = loadConfig();
  const source = sqliteFileOrFail(config.databaseUrl);
  // Audited first, so the backup itself contains the record of its making.
  await auditCli('db.backup', { target });
  const bar = progressBar('备份');
  await backupSqlite(source, target, (d, t) => bar.update(d, t));
  bar.stop();
  if (values.json) printJson({ ok: true, file: target });
  else log(`已备份到 ${target}`);
  return 0;
}

export async function restoreCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean', default: false } }, allowPositionals: true, strict: true });
  const file = positionals[0];
  if (!file) throw new CliError('用法：dangjian restore FILE（服务须先停止）');
  const config = loadConfig();
  const target = sqliteFileOrFail(config.databaseUrl);
  await restoreSqlite(file, target);
  await auditCli('db.restore', { source: file });
  if (values.json) printJson({ ok: true, file });
  else log(`已从 ${file} 恢复`);
  return 0;
}
