// A lock file beside a SQLite database (`<db>.server.lock`: pid, host, start time, role) held by
// a running server (and by a restore while it runs), so that `dangjian restore` cannot swap the
// database under a live server. A lock whose process is gone (killed, machine rebooted) is stale
// and ignored. PostgreSQL deployments have no lock file (restores there are pg_restore/PITR).
import { closeSync, existsSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { isPostgresUrl, sqlitePathFromUrl } from './database.ts';

export interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
  role: 'server' | 'restore';
}

export function serverLockPath(databaseFile: string): string {
  return resolve(databaseFile) + '.server.lock';
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The live holder of the lock, or null (no lock, unreadable lock, or its process is gone). */
export function liveLockOwner(databaseFile: string): LockOwner | null {
  const file = serverLockPath(databaseFile);
  if (!existsSync(file)) return null;
  let owner: LockOwner;
  try {
    owner = JSON.parse(readFileSync(file, 'utf8')) as LockOwner;
  } catch {
    return null; // torn write of a process that died while creating it
  }
  if (!Number.isInteger(owner.pid)) return null;
  // Another machine's process cannot be probed: treat it as live (the operator removes the file).
  if (owner.host !== hostname()) return owner;
  return owner.pid !== process.pid && alive(owner.pid) ? owner : null;
}

export function describeOwner(owner: LockOwner): string {
  const what = owner.role === 'restore' ? '恢复进程' : '服务进程';
  return `${what} pid ${owner.pid}（主机 ${owner.host}，启动于 ${owner.startedAt}）`;
}

export class DatabaseInUseError extends Error {
  constructor(
    readonly owner: LockOwner,
    readonly lockFile: string,
  ) {
    super(
      `数据库正被${describeOwner(owner)}使用；请先停止该进程（若确认其已不在运行，可删除锁文件 ${lockFile}）`,
    );
  }
}

export interface HeldLock {
  file: string;
  release(): void;
}

/** Takes the lock for this process; throws DatabaseInUseError when a live process holds it. */
export function acquireServerLock(databaseFile: string, role: LockOwner['role']): HeldLock {
  const file = serverLockPath(databaseFile);
  const me: LockOwner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), role };
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o644);
      try {
        writeSync(fd, JSON.stringify(me) + '\n');
      } finally {
        closeSync(fd);
      }
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw e;
      const owner = liveLockOwner(databaseFile);
      if (owner) throw new DatabaseInUseError(owner, file);
      // Stale: remove it and try again (another process may win the race; then we see it live).
      try {
        unlinkSync(file);
      } catch {
        /* already gone */
      }
    }
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.removeListener('exit', release);
    try {
      const owner = JSON.parse(readFileSync(file, 'utf8')) as LockOwner;
      if (owner.pid === process.pid && owner.host === me.host) unlinkSync(file);
    } catch {
      /* gone or unreadable: nothing of ours to remove */
    }
  };
  process.once('exit', release);
  return { file, release };
}

/** The server's lock for a database URL: SQLite only (null for PostgreSQL and PGlite). */
export function serverLockFor(databaseUrl: string): HeldLock | null {
  if (isPostgresUrl(databaseUrl) || databaseUrl.startsWith('pglite:')) return null;
  return acquireServerLock(sqlitePathFromUrl(databaseUrl), 'server');
}
