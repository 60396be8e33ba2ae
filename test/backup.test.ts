// Backups are VACUUM INTO snapshots; restores refuse anything that is not a complete database
// of this application whose audit chain verifies. PostgreSQL deployments use pg_dump/PITR (README).
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit } from '../src/server/audit/audit.repository.ts';
import { loadConfig } from '../src/server/config.ts';
import type { AppContext } from '../src/server/context.ts';
import { ephemeralKeyRing } from '../src/server/crypto/keys.ts';
import { backupSqlite, inspectSqliteBackup, restoreSqlite } from '../src/server/db/backup.ts';
import { createDatabase, migrateToLatest, type Database } from '../src/server/db/database.ts';
import { buildFixture } from './fixture.ts';

const ring = ephemeralKeyRing();

/** A migrated database of this application with the fixture tree, users and a few audit rows. */
async function appDatabase(file: string): Promise<Database> {
  const database = await createDatabase(file);
  await migrateToLatest(database.db);
  const ctx: AppContext = {
    db: database.db,
    engine: 'sqlite',
    ring,
    config: loadConfig({ DATABASE_URL: file, DANGJIAN_KDF_LOG_N: '10' }),
    now: () => new Date('2026-12-01T00:00:00Z'),
  };
  await buildFixture(ctx);
  for (let i = 0; i < 3; i++) {
    await database.db.transaction().execute((trx) =>
      appendAudit(trx, ring, {
        at: `2026-12-01T00:00:0${i}Z`,
        action: 'test.write',
        result: 'ok',
        detail: { i },
      }),
    );
  }
  return database;
}

const orgCount = (file: string) => {
  const h = new SQLite(file, { readonly: true });
  try {
    return Number(h.prepare('select count(*) from orgs').pluck().get());
  } finally {
    h.close();
  }
};

describe('SQLite backup and restore [sqlite]', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dangjian-backup-'));
  const live = join(dir, 'live.db');
  const good = join(dir, 'good.db');
  beforeAll(async () => {
    const database = await appDatabase(live);
    await database.close();
    await backupSqlite(live, good);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips: a restore brings back exactly what the backup held', async () => {
    const file = join(dir, 'roundtrip.db');
    copyFileSync(live, file);
    const db1 = await createDatabase(file);
    await db1.db
      .insertInto('settings')
      .values({ key: 'k', value: 'before', updated_at: '2026-11-23T00:00:00Z' })
      .execute();
    await db1.close();
    const result = await backupSqlite(file, join(dir, 'backup.db'));
    expect(result.bytes).toBeGreaterThan(0);
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    const db2 = await createDatabase(file);
    await db2.db.updateTable('settings').set({ value: 'after' }).where('key', '=', 'k').execute();
    await db2.close();

    expect(await restoreSqlite(join(dir, 'backup.db'), file, ring)).toMatchObject({
      orgs: 7,
      users: 7,
      auditRows: 3,
      pendingMigrations: [],
    });
    const restored = await createDatabase(file);
    const row = await restored.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'k')
      .executeTakeFirstOrThrow();
    expect(row.value).toBe('before');
    await restored.close();
    expect(readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
  });

  describe('refuses, leaving the database untouched:', () => {
    const refuse = async (backup: string, pattern: RegExp, code: string, keys = ring) => {
      const target = join(dir, 'target.db');
      copyFileSync(live, target);
      const before = orgCount(target);
      await expect(restoreSqlite(backup, target, keys)).rejects.toMatchObject({
        code,
        message: expect.stringMatching(pattern) as unknown,
      });
      expect(orgCount(target)).toBe(before);
    };

    it('a missing file', () => refuse(join(dir, 'nope.db'), /不存在/, 'backup_missing'));
    it('an empty file (what a killed backup used to leave)', () => {
      writeFileSync(join(dir, 'empty.db'), '');
      return refuse(join(dir, 'empty.db'), /为空/, 'backup_empty');
    });
    it('a truncated file', () => {
      const bytes = readFileSync(good);
      writeFileSync(join(dir, 'half.db'), bytes.subarray(0, Math.floor(bytes.length / 2)));
      return refuse(join(dir, 'half.db'), /不完整/, 'backup_truncated');
    });
    it('a file that is not a SQLite database', () => {
      writeFileSync(join(dir, 'text.db'), 'SQLite format 2 — no');
      return refuse(join(dir, 'text.db'), /不是 SQLite/, 'backup_not_sqlite');
    });
    it("another application's database", () => {
      const h = new SQLite(join(dir, 'other.db'));
      h.exec('create table notes (x text); insert into notes values (1)');
      h.close();
      return refuse(join(dir, 'other.db'), /不是本系统/, 'backup_foreign');
    });
    it('a database of a newer or unknown version', () => {
      copyFileSync(good, join(dir, 'newer.db'));
      const h = new SQLite(join(dir, 'newer.db'));
      h.prepare('insert into kysely_migration (name, timestamp) values (?, ?)').run(
        '2099_01_01_000000_future',
        '2099-01-01T00:00:00Z',
      );
      h.close();
      return refuse(join(dir, 'newer.db'), /更新或未知版本.*2099_01_01_000000_future/, 'backup_newer');
    });
    it('a database without data', async () => {
      const empty = await createDatabase(join(dir, 'nodata.db'));
      await migrateToLatest(empty.db);
      await empty.close();
      await refuse(join(dir, 'nodata.db'), /没有数据/, 'backup_no_data');
    });
    it("a database whose audit chain does not verify with this deployment's keys", () =>
      refuse(good, /审计链/, 'backup_audit_invalid', ephemeralKeyRing()));
  });

  it('completes while another connection writes continuously; the copy is consistent and verifies', async () => {
    // Big enough (≈ 3,000 pages) that the online backup API, which restarts whenever a page
    // changes under it, never finished against this writer.
    const file = join(dir, 'busy.db');
    copyFileSync(live, file);
    const h = new SQLite(file);
    h.pragma('journal_mode = WAL');
    h.exec(
      `create table filler (x text); with recursive n(i) as (select 1 union all select i + 1 from n where i < 3000) insert into filler select randomblob(4000) from n`,
    );
    h.close();
    const writerScript = `
      const SQLite = require(${JSON.stringify(resolve('node_modules/better-sqlite3'))});
      const db = new SQLite(${JSON.stringify(file)}); db.pragma('busy_timeout = 5000');
      const ins = db.prepare("insert into settings (key, value, updated_at) values (?, 'x', '2026-12-01T00:00:00Z')");
      const upd = db.prepare('update filler set x = randomblob(4000) where rowid = ?');
      let i = 0;
      for (;;) { db.transaction(() => { ins.run('w' + i); upd.run(1 + (i * 97) % 3000); })(); if (i++ === 20) process.stdout.write('writing\\n'); }`;
    const writer = spawn(process.execPath, ['-e', writerScript], { stdio: ['ignore', 'pipe', 'inherit'] });
    // And a writer in this process, between every step of an asynchronous backup (deterministically
    // restarting the online backup API on every step).
    const local = new SQLite(file);
    const localInsert = local.prepare(
      `insert into settings (key, value, updated_at) values (?, 'x', '2026-12-01T00:00:00Z')`,
    );
    let localWrites = 0;
    let stopped = false;
    const writeLocally = () => {
      if (stopped) return;
      localInsert.run(`l${localWrites++}`);
      setImmediate(writeLocally);
    };
    try {
      writeLocally();
      await new Promise<void>((ok, fail) => {
        writer.stdout.once('data', () => ok());
        writer.once('exit', (code) => fail(new Error(`writer exited ${code}`)));
      });
      const result = await backupSqlite(file, join(dir, 'busy-copy.db'));
      expect(statSync(result.file).size).toBe(result.bytes);
    } finally {
      stopped = true;
      writer.kill('SIGKILL');
      local.close();
    }
    const copy = new SQLite(join(dir, 'busy-copy.db'), { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(
      Number(copy.prepare(`select count(*) from settings where key like 'w%'`).pluck().get()),
    ).toBeGreaterThan(20);
    copy.close();
    expect(await inspectSqliteBackup(join(dir, 'busy-copy.db'), ring)).toMatchObject({
      orgs: 7,
      auditRows: 3,
    });
    expect(existsSync(join(dir, 'busy-copy.db'))).toBe(true);
    expect(readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
  }, 30_000);
});
