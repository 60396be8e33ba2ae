// SQLite backups through the online backup API (never a raw file copy). PostgreSQL
// deployments use pg_dump / PITR (README, Operations).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import SQLite from 'better-sqlite3';

export async function backupSqlite(sourceFile: string, targetFile: string, onProgress?: (done: number, total: number) => void): Promise<void> {
  const source = new SQLite(resolve(sourceFile), { readonly: true, fileMustExist: true });
  try {
    await source.backup(resolve(targetFile), {
      progress: ({ totalPages, remainingPages }) => {
        onProgress?.(totalPages - remainingPages, totalPages);
        return 256;
      },
    });
  } finally {
    source.close();
  }
}

/** Restores `backupFile` over `targetFile` page by page; the target must not be in use. */
export async function restoreSqlite(backupFile: string, targetFile: string): Promise<void> {
  if (!existsSync(backupFile)) throw new Error(`备份文件不存在：${backupFile}`);
  const source = new SQLite(resolve(backupFile), { readonly: true, fileMustExist: true });
  try {
    const check = source.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`备份文件损坏：${String(check)}`);
    await source.backup(resolve(targetFile));
  } finally {
    source.close();
  }
}
