// The import CLIs on file-level errors (a real process, a real SQLite file): a file that is not a
// workbook gives a clear Chinese message and exit 1 — with --json, the API's error document on
// stdout — and an import first marks the jobs a stopped process left running as interrupted.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDevelopmentTemplate } from '../src/server/modules/development/development.import-xlsx.ts';
import { buildTemplate } from '../src/server/modules/roster/roster.xlsx.ts';

const run = promisify(execFile);
const BIN = resolve('bin/dangjian.js');

async function dj(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('import CLIs: file-level errors and interrupted jobs [sqlite]', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dangjian-import-cli-'));
  const dbFile = join(dir, 'cli.db');
  const env = { DATABASE_URL: dbFile, DANGJIAN_KDF_LOG_N: '10', DANGJIAN_KEY_FILE: join(dir, 'keys.json') };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, content: Buffer) => {
    const p = join(dir, name);
    writeFileSync(p, content);
    return p;
  };

  it.each([
    ['import members', 'tiny.xlsx', Buffer.from([0x50, 0x4b, 0x03]), 'NOT_XLSX', '文件不是有效的.xlsx工作簿'],
    [
      'import members',
      'noise.xlsx',
      Buffer.from('这是一个文本文件，不是工作簿'.repeat(20)),
      'NOT_XLSX',
      '文件不是有效的.xlsx工作簿',
    ],
    ['import development', 'tiny-dev.xlsx', Buffer.from([0x50]), 'NOT_XLSX', '文件不是有效的.xlsx工作簿'],
  ])(
    '%s %s --json: the error document on stdout, exit 1',
    async (command, name, content, code, message) => {
      const r = await dj([...command.split(' '), file(name, content), '--dry-run', '--json'], env);
      expect(r.code, r.stderr).toBe(1);
      expect(JSON.parse(r.stdout)).toEqual({ error: { code, message, fields: { file: message } } });
      expect(r.stderr).toContain(`错误: ${message}`);
      expect(r.stderr).not.toMatch(/RangeError|at .*\.ts:\d+/);
    },
    60_000,
  );

  it('without --json: nothing on stdout, the Chinese message on stderr, exit 1; a missing file likewise', async () => {
    const r = await dj(['import', 'members', file('two.xlsx', Buffer.from([0x50, 0x4b])), '--dry-run'], env);
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toContain('错误: 文件不是有效的.xlsx工作簿');
    const missing = await dj(['import', 'development', join(dir, 'absent.xlsx'), '--json'], env);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout).error.code).toBe('FILE_NOT_FOUND');
    const truncated = (await buildDevelopmentTemplate()).subarray(0, 500);
    const cut = await dj(['import', 'development', file('cut.xlsx', truncated), '--json'], env);
    expect(cut.code).toBe(1);
    expect(JSON.parse(cut.stdout).error).toMatchObject({
      code: expect.stringMatching(/NOT_XLSX|MALFORMED_XLSX/),
    });
  }, 60_000);

  it('an import first marks the jobs of a stopped process as interrupted, leaving live ones', async () => {
    const db = new SQLite(dbFile);
    const insert = db.prepare(
      `insert into roster_import_jobs (user_id, username, scope_path, file_name, dry_run, allow_partial, status, created_at, owner)
       values (null, 'admin_a', '/', 'big.xlsx', 0, 0, 'running', '2026-12-07T00:00:00.000Z', ?)`,
    );
    const dead = Number(insert.run(`${hostname()} 2147483646 gone`).lastInsertRowid);
    const live = Number(insert.run(`${hostname()} ${process.pid} this-test`).lastInsertRowid);
    db.close();
    const r = await dj(
      ['import', 'members', file('template.xlsx', await buildTemplate()), '--dry-run', '--json'],
      env,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ total: 0, imported: 0 });
    expect(r.stderr).toContain(`导入任务 #${dead} 因进程中止而中断`);
    const after = new SQLite(dbFile, { readonly: true });
    const rows = after
      .prepare('select id, status, file_error from roster_import_jobs where id in (?, ?) order by id')
      .all(dead, live);
    after.close();
    expect(rows).toEqual([
      { id: dead, status: 'interrupted', file_error: '服务重启时导入被中断，未写入任何数据，请重新导入' },
      { id: live, status: 'running', file_error: null },
    ]);
  }, 60_000);
});
