// SQLite backups: a `VACUUM INTO` snapshot taken in one read transaction on the source (it
// completes however busy the writers are; the online backup API restarts whenever a page
// changes), written to a temporary name beside the target and renamed only when complete and
// fsynced. Restores refuse anything that is not a complete database of this application whose
// audit chain verifies with this deployment's keys. PostgreSQL deployments use pg_dump / PITR
// (README, Operations).
import { closeSync, existsSync, fsyncSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { verifyAuditChain } from '../audit/audit.repository.ts';
import type { KeyRing } from '../crypto/keys.ts';
import { migrations } from './migrations/index.ts';
import type { DB } from './schema.ts';

export interface BackupResult {
  file: string;
  bytes: number;
  durationMs: number;
}

function fsyncPath(path: string, flags: 'r' | 'r+' = 'r'): void {
  const fd = openSync(path, flags);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export async function backupSqlite(sourceFile: string, targetFile: string): Promise<BackupResult> {
  const started = performance.now();
  const target = resolve(targetFile);
  const temp = join(
    dirname(target),
    `.${basename(target)}.partial-${process.pid}-${randomBytes(4).toString('hex')}`,
  );
  const source = new SQLite(resolve(sourceFile), { readonly: true, fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    source.prepare('VACUUM INTO ?').run(temp);
    fsyncPath(temp, 'r+');
    renameSync(temp, target);
    try {
      fsyncPath(dirname(target)); // the rename itself
    } catch {
      /* directories cannot be opened for fsync on every platform */
    }
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  } finally {
    source.close();
  }
  return { file: target, bytes: statSync(target).size, durationMs: Math.round(performance.now() - started) };
}

/** Why a backup file is refused (message in Chinese, for the operator). */
export class BackupRejected extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface BackupInspection {
  orgs: number;
  users: number;
  auditRows: number;
  /** Migrations this application has that the backup has not run yet (run after the restore). */
  pendingMigrations: string[];
}

const REQUIRED_TABLES = ['kysely_migration', 'audit_log', 'audit_head', 'orgs', 'users'];

/** Checks that `file` is a complete database of this application that the restore may use. */
export async function inspectSqliteBackup(file: string, ring: KeyRing): Promise<BackupInspection> {
  if (!existsSync(file)) throw new BackupRejected('backup_missing', `备份文件不存在：${file}`);
  const size = statSync(file).size;
  if (size === 0)
    throw new BackupRejected('backup_empty', `备份文件为空（0 字节），可能是未完成的备份：${file}`);
  const header = Buffer.alloc(100);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1', 0, 16) !== 'SQLite format 3\0') {
    throw new BackupRejected('backup_not_sqlite', `不是 SQLite 数据库文件：${file}`);
  }
  if (size < 512)
    throw new BackupRejected(
      'backup_truncated',
      `备份文件不完整（仅 ${size} 字节），可能是被中断的备份：${file}`,
    );
  const pageSize = header.readUInt16BE(16) === 1 ? 65536 : header.readUInt16BE(16);
  const pages = header.readUInt32BE(28);
  if (header.readUInt32BE(24) === header.readUInt32BE(92) && pages > 0 && size < pages * pageSize) {
    throw new BackupRejected(
      'backup_truncated',
      `备份文件不完整（应有 ${pages * pageSize} 字节，实有 ${size} 字节），可能是被中断的备份：${file}`,
    );
  }
  let handle: SQLite.Database;
  try {
    handle = new SQLite(resolve(file), { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupRejected('backup_unreadable', `无法打开备份文件：${(error as Error).message}`);
  }
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: handle }) });
  try {
    let check: unknown;
    try {
      check = handle.pragma('integrity_check', { simple: true });
    } catch (error) {
      throw new BackupRejected('backup_corrupt', `备份文件损坏：${(error as Error).message}`);
    }
    if (check !== 'ok') throw new BackupRejected('backup_corrupt', `备份文件损坏：${String(check)}`);
    const tables = new Set(
      handle.prepare(`select name from sqlite_master where type = 'table'`).pluck().all() as string[],
    );
    const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
    if (missing.length)
      throw new BackupRejected('backup_foreign', `不是本系统的数据库（缺少表：${missing.join('、')}）`);
    const ran = handle.prepare('select name from kysely_migration').pluck().all() as string[];
    const unknown = ran.filter((name) => !(name in migrations));
    if (unknown.length) {
      throw new BackupRejected(
        'backup_newer',
        `备份来自更新或未知版本的程序（本程序不认识的迁移：${unknown.join('、')}），请用相应版本恢复`,
      );
    }
    const pendingMigrations = Object.keys(migrations).filter((name) => !ran.includes(name));
    const count = (table: string) => Number(handle.prepare(`select count(*) from ${table}`).pluck().get());
    const orgs = count('orgs');
    const users = count('users');
    const auditRows = count('audit_log');
    if (orgs === 0 || users === 0)
      throw new BackupRejected(
        'backup_no_data',
        `备份中没有数据（组织 ${orgs} 个，用户 ${users} 个），拒绝用它覆盖数据库`,
      );
    if (auditRows === 0) throw new BackupRejected('backup_no_audit', '备份中没有审计记录，拒绝恢复');
    const report = await verifyAuditChain(db, ring);
    if (!report.ok) {
      throw new BackupRejected(
        'backup_audit_invalid',
        `备份的审计链无法用本部署的密钥校验通过（第 ${report.firstBad!.seq} 条：${report.firstBad!.reason}），拒绝恢复`,
      );
    }
    return { orgs, users, auditRows, pendingMigrations };
  } finally {
    await db.destroy();
  }
}

/**
 * Restores `backupFile` over `targetFile` page by page (in one transaction on the target), after
 * inspectSqliteBackup accepted it. Nothing may be using the target: the restore command holds
 * the server lock (server-lock.ts).
 */
export async function restoreSqlite(
  backupFile: string,
  targetFile: string,
  ring: KeyRing,
): Promise<BackupInspection> {
  const inspection = await inspectSqliteBackup(backupFile, ring);
  const source = new SQLite(resolve(backupFile), { readonly: true, fileMustExist: true });
  try {
    await source.backup(resolve(targetFile));
  } finally {
    source.close();
  }
  return inspection;
}
