import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { anchorFilePath, anchorOfHead, appendAnchor } from '../../server/audit/audit-anchor.ts';
import { appendAudit, type AuditEntry } from '../../server/audit/audit.repository.ts';
import { openContext } from '../../server/bootstrap.ts';
import { loadConfig, type AppConfig } from '../../server/config.ts';
import { loadKeyRing } from '../../server/crypto/keys.ts';
import { BackupRejected, backupSqlite, restoreSqlite } from '../../server/db/backup.ts';
import { isPostgresUrl, sqlitePathFromUrl } from '../../server/db/database.ts';
import { acquireServerLock, DatabaseInUseError } from '../../server/db/server-lock.ts';
import { CliError, log, printJson } from '../output.ts';

/** A refusal with a code: printed as {ok:false, error:{code, message}} on stdout under --json. */
class Refusal extends CliError {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function sqliteFileOrFail(url: string): string {
  if (isPostgresUrl(url))
    throw new Refusal(
      'postgres_unsupported',
      'PostgreSQL 请使用 pg_dump / 基础备份 + WAL 归档（见 README “运维”）',
    );
  return sqlitePathFromUrl(url);
}

const cliActor = () => `cli:${process.env.USER ?? 'unknown'}`;

/** Runs `body`; with --json a refusal is printed as a JSON document on stdout (exit 1). */
async function withJsonErrors(json: boolean, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    const refusal =
      error instanceof Refusal
        ? error
        : error instanceof BackupRejected
          ? new Refusal(error.code, error.message)
          : error instanceof DatabaseInUseError
            ? new Refusal('database_in_use', error.message)
            : null;
    if (!refusal) throw error;
    if (!json) throw refusal;
    printJson({ ok: false, error: { code: refusal.code, message: refusal.message } });
    log(`错误: ${refusal.message}`);
    return 1;
  }
}

/** Best effort: a refused or failed restore/backup is recorded when the database can be opened. */
async function auditFailure(
  config: AppConfig,
  entry: Omit<AuditEntry, 'at' | 'actorUsername' | 'objectType'>,
): Promise<void> {
  try {
    const opened = await openContext(config, { createKeys: false, migrate: false });
    try {
      await opened.ctx.db.transaction().execute((trx) =>
        appendAudit(trx, opened.ctx.ring, {
          ...entry,
          at: new Date().toISOString(),
          actorUsername: cliActor(),
          objectType: 'database',
        }),
      );
    } finally {
      await opened.close();
    }
  } catch {
    /* nothing to record into */
  }
}

export async function backupCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { json: { type: 'boolean', default: false } },
    allowPositionals: true,
    strict: true,
  });
  return withJsonErrors(values.json, async () => {
    const target = positionals[0];
    if (!target) throw new Refusal('usage', '用法：dangjian backup FILE');
    const config = loadConfig();
    const source = sqliteFileOrFail(config.databaseUrl);
    const anchorFile = anchorFilePath(config);
    const opened = await openContext(config, { createKeys: false });
    try {
      const { db, ring } = opened.ctx;
      // Audited first, so the backup itself contains the record of its making.
      await db.transaction().execute((trx) =>
        appendAudit(trx, ring, {
          at: new Date().toISOString(),
          action: 'db.backup',
          result: 'ok',
          actorUsername: cliActor(),
          objectType: 'database',
          detail: { target, anchorFile },
        }),
      );
      log('正在备份（VACUUM INTO 快照）…');
      let result;
      try {
        result = await backupSqlite(source, target);
      } catch (error) {
        await db.transaction().execute((trx) =>
          appendAudit(trx, ring, {
            at: new Date().toISOString(),
            action: 'db.backup',
            result: 'failed',
            actorUsername: cliActor(),
            objectType: 'database',
            detail: { target, error: (error as Error).message },
          }),
        );
        throw new Refusal('backup_failed', `备份失败：${(error as Error).message}`);
      }
      // A checkpoint of the chain (which now includes the db.backup record) outside the database.
      const anchor = await anchorOfHead(db, ring, { by: 'backup', at: new Date().toISOString() });
      appendAnchor(anchorFile, anchor);
      if (values.json)
        printJson({
          ok: true,
          file: target,
          bytes: result.bytes,
          durationMs: result.durationMs,
          anchor: { file: anchorFile, seq: anchor.seq },
        });
      else
        log(
          `已备份到 ${target}（${(result.bytes / 1048576).toFixed(1)} MB，用时 ${(result.durationMs / 1000).toFixed(2)} 秒）；审计锚点已记录至第 ${anchor.seq} 条（${anchorFile}）`,
        );
      return 0;
    } finally {
      await opened.close();
    }
  });
}

export async function restoreCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { json: { type: 'boolean', default: false } },
    allowPositionals: true,
    strict: true,
  });
  return withJsonErrors(values.json, async () => {
    const file = positionals[0];
    if (!file) throw new Refusal('usage', '用法：dangjian restore FILE（服务须先停止）');
    const config = loadConfig();
    const target = sqliteFileOrFail(config.databaseUrl);
    // Held for the whole restore: no server can start meanwhile, and none may be running.
    const lock = acquireServerLock(target, 'restore');
    try {
      const { ring } = loadKeyRing({
        keyFile: config.keyFile,
        ...(config.masterKey ? { masterKeyEnv: config.masterKey } : {}),
        createIfMissing: false,
      });
      let inspection;
      try {
        inspection = await restoreSqlite(file, target, ring);
      } catch (error) {
        if (error instanceof BackupRejected && existsSync(target))
          await auditFailure(config, {
            action: 'db.restore',
            result: 'denied',
            detail: { source: file, code: error.code, reason: error.message },
          });
        throw error;
      }
      const anchorFile = anchorFilePath(config);
      const opened = await openContext(config, { createKeys: false });
      try {
        const { db, ring: openedRing } = opened.ctx;
        await db.transaction().execute((trx) =>
          appendAudit(trx, openedRing, {
            at: new Date().toISOString(),
            action: 'db.restore',
            result: 'ok',
            actorUsername: cliActor(),
            objectType: 'database',
            detail: { source: file, ...inspection, anchorFile },
          }),
        );
        // The chain was legitimately rewound: a reset checkpoint supersedes the later anchors.
        const anchor = await anchorOfHead(db, openedRing, {
          kind: 'reset',
          by: 'restore',
          at: new Date().toISOString(),
        });
        appendAnchor(anchorFile, anchor);
        if (values.json)
          printJson({ ok: true, file, ...inspection, anchor: { file: anchorFile, seq: anchor.seq } });
        else
          log(
            `已从 ${file} 恢复（组织 ${inspection.orgs} 个，用户 ${inspection.users} 个，审计记录 ${inspection.auditRows} 条，已校验）`,
          );
        return 0;
      } finally {
        await opened.close();
      }
    } finally {
      lock.release();
    }
  });
}
