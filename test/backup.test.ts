// Backups use SQLite's online backup API; PostgreSQL deployments use pg_dump/PITR (README).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backupSqlite, restoreSqlite } from '../src/server/db/backup.ts';
import { createDatabase, migrateToLatest } from '../src/server/db/database.ts';

describe('SQLite backup and restore [sqlite]', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dangjian-backup-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips: a restore brings back exactly what the backup held', async () => {
    const file = join(dir, 'live.db');
    const live = await createDatabase(file);
    await migrateToLatest(live.db);
    await live.db.insertInto('settings').values({ key: 'k', value: 'before', updated_at: '2026-11-23T00:00:00Z' }).execute();
    await backupSqlite(file, join(dir, 'backup.db'));
    await live.db.updateTable('settings').set({ value: 'after' }).where('key', '=', 'k').execute();
    await live.close();

    await restoreSqlite(join(dir, 'backup.db'), file);
    const restored = await createDatabase(file);
    const row = await restored.db.selectFrom('settings').select('value').where('key', '=', 'k').executeTakeFirstOrThrow();
    expect(row.value).toBe('before');
    await restored.close();
  });

  it('refuses a missing or corrupt backup file', async () => {
    await expect(restoreSqlite(join(dir, 'nope.db'), join(dir, 'x.db'))).rejects.toThrow(/不存在/);
  });
});
