// The CLI as an operator (and the acceptance checks) use it: a real process, a real database file.
import { execFile, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { demoLoginLines } from '../src/cli/demo-logins.ts';
import type { SeedSummary } from '../src/server/seed/demo.seed.ts';

const run = promisify(execFile);
const BIN = resolve('bin/dangjian.js');

async function dj(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      env: { ...process.env, ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('dangjian CLI [sqlite]', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dangjian-cli-'));
  const env = { DATABASE_URL: join(dir, 'cli.db'), DANGJIAN_KDF_LOG_N: '10' };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('seed --demo --json prints only the summary document on stdout', async () => {
    const r = await dj(['seed', '--demo', '--json', '--password', 'Cli-Test-Pass-2026'], env);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as {
      orgs: number;
      members: number;
      users: Array<Record<string, unknown>>;
    };
    expect(summary.orgs).toBeGreaterThanOrEqual(400);
    expect(summary.members).toBeGreaterThan(9000);
    const roles = new Set(summary.users.map((u) => u.role));
    for (const role of ['system_admin', 'security_admin', 'audit_admin', 'org_admin', 'worker', 'member'])
      expect(roles).toContain(role);
    for (const u of summary.users)
      expect(Object.keys(u).sort()).toEqual(['orgCode', 'orgId', 'orgName', 'role', 'username']);
    // Progress steps (one line per step when stderr is not a terminal) are named in Chinese.
    const steps = r.stderr
      .split('\n')
      .filter((l) => l.startsWith('生成演示数据: '))
      .map((l) => l.slice('生成演示数据: '.length));
    expect(steps).toContain('生成预警');
    expect(steps).toContain('生成演示账号');
    expect(steps.filter((s) => /[A-Za-z]/.test(s))).toEqual([]);
    // What `start` and `seed --demo` print: every login, grouped under the Chinese role names.
    const lines = demoLoginLines(summary as unknown as SeedSummary, 'Cli-Test-Pass-2026');
    expect(lines[0]).toMatch(/口令均为 Cli-Test-Pass-2026/);
    for (const label of ['系统管理员', '安全管理员', '审计管理员', '组织管理员', '党务工作者', '党员'])
      expect(
        lines.some((l) => l.trim().startsWith(label)),
        label,
      ).toBe(true);
    for (const u of summary.users) {
      const line = lines.find((l) => l.trim().split(/\s+/)[0] === u.username);
      expect(line, String(u.username)).toContain(String(u.orgName));
    }
    expect(lines.join('\n')).not.toMatch(
      /system_admin|security_admin|audit_admin|org_admin|\bworker\b|\bmember\b/,
    );
  }, 300_000);

  it('refuses to seed a database that is not empty (exit 1, Chinese message)', async () => {
    const r = await dj(['seed', '--demo', '--json'], env);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/不为空/);
  }, 60_000);

  it('audit verify passes on the seeded database', async () => {
    const r = await dj(['audit', 'verify', '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true });
  }, 60_000);

  it('an unknown command exits 1; a wrong option or argument exits 2 with a Chinese message naming it and no stack', async () => {
    const unknown = await dj(['frobnicate'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/未知命令：frobnicate/);
    const cases: Array<[string[], RegExp]> = [
      [['migrate', '--nope'], /未知选项 --nope/],
      [['seed', 'demo'], /多余的参数“demo”/],
      [['seed', '--scale'], /选项 --scale 缺少取值/],
      [['seed', '--demo=yes'], /选项 --demo 不接受取值/],
    ];
    for (const [args, message] of cases) {
      const r = await dj(args, env);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr, args.join(' ')).toMatch(/^错误：/);
      expect(r.stderr, args.join(' ')).not.toMatch(/TypeError|ERR_PARSE_ARGS|\n\s+at /);
      expect(r.stdout).toBe('');
    }
  }, 300_000);

  it('--help on a command prints its Chinese usage (exit 0)', async () => {
    const r = await dj(['seed', '--help'], env);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/用法：dangjian seed\n\s+生成演示数据.*--demo/);
    const report = await dj(['report', 'structure', '-h'], env);
    expect(report.code).toBe(0);
    expect(report.stderr).toMatch(/用法：dangjian report structure\n\s+组织体系体检/);
  }, 180_000);

  it('backup writes a restorable copy', async () => {
    const r = await dj(['backup', join(dir, 'copy.db'), '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      ok: true,
      durationMs: expect.any(Number) as unknown,
      bytes: expect.any(Number) as unknown,
    });
  }, 60_000);

  const orgCount = () => {
    const h = new SQLite(env.DATABASE_URL, { readonly: true });
    try {
      return Number(h.prepare('select count(*) from orgs').pluck().get());
    } finally {
      h.close();
    }
  };

  it('restore refuses an empty file: exit 1, the JSON error on stdout, the database untouched', async () => {
    writeFileSync(join(dir, 'e.db'), '');
    const r = await dj(['restore', join(dir, 'e.db'), '--json'], env);
    expect(r.code, r.stderr).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({
      ok: false,
      error: { code: 'backup_empty', message: expect.stringMatching(/为空/) as unknown },
    });
    expect(r.stderr).toMatch(/为空/);
    expect(orgCount()).toBeGreaterThanOrEqual(400);
    const verify = await dj(['audit', 'verify', '--json'], env);
    expect(verify.code, verify.stdout).toBe(0);
  }, 60_000);

  it('restore refuses while a live server holds the lock, and ignores a stale lock', async () => {
    const lockFile = `${env.DATABASE_URL}.server.lock`;
    const lock = (pid: number) =>
      writeFileSync(
        lockFile,
        JSON.stringify({ pid, host: hostname(), startedAt: '2026-12-01T00:00:00.000Z', role: 'server' }),
      );
    lock(process.pid); // this test process: alive
    const refused = await dj(['restore', join(dir, 'copy.db'), '--json'], env);
    expect(refused.code, refused.stderr).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({
      ok: false,
      error: { code: 'database_in_use', message: expect.stringContaining(`pid ${process.pid}`) as unknown },
    });

    lock(spawnSync(process.execPath, ['-e', '']).pid); // a process that has exited
    const restored = await dj(['restore', join(dir, 'copy.db'), '--json'], env);
    expect(restored.code, restored.stderr).toBe(0);
    expect(JSON.parse(restored.stdout)).toMatchObject({ ok: true, pendingMigrations: [] });
    expect(existsSync(lockFile)).toBe(false);
    const verify = await dj(['audit', 'verify', '--json'], env);
    expect(verify.code, verify.stdout).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, anchor: { kind: 'reset' } });
  }, 60_000);

  it('serve holds the lock while it runs (restore and a second server refuse) and anchors the audit chain at shutdown', async () => {
    const server = spawn(process.execPath, [BIN, 'serve'], {
      env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const exited = new Promise<number | null>((ok) => server.once('exit', ok));
    try {
      await new Promise<void>((ok, fail) => {
        let text = '';
        server.stderr.on('data', (d: Buffer) => {
          text += d.toString();
          if (text.includes('已启动')) ok();
        });
        void exited.then((code) => fail(new Error(`serve exited ${code}: ${text}`)));
      });
      const restore = await dj(['restore', join(dir, 'copy.db')], env);
      expect(restore.code).toBe(1);
      expect(restore.stderr).toContain(`pid ${server.pid}`);
      const second = await dj(['serve'], { ...env, PORT: '0', HOST: '127.0.0.1' });
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(/正被服务进程/);
    } finally {
      server.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(existsSync(`${env.DATABASE_URL}.server.lock`)).toBe(false);
    const lines = readFileSync(join(dir, 'audit-anchors.jsonl'), 'utf8').trim().split('\n');
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ kind: 'checkpoint', by: 'server' });
  }, 60_000);

  it('audit anchor, then the tail of the log is cut: audit verify exits 1 naming the first missing row', async () => {
    const anchored = await dj(['audit', 'anchor', '--json'], env);
    expect(anchored.code, anchored.stderr).toBe(0);
    const { seq } = JSON.parse(anchored.stdout) as { seq: number };
    // An intruder with database access (no keys): delete the last 3 rows, point the head at the new last row.
    const h = new SQLite(env.DATABASE_URL);
    h.exec('drop trigger audit_log_no_delete');
    h.prepare('delete from audit_log where seq > ?').run(seq - 3);
    h.prepare(
      'update audit_head set seq = ?, hash = (select hash from audit_log where seq = ?) where id = 1',
    ).run(seq - 3, seq - 3);
    h.close();
    const verify = await dj(['audit', 'verify', '--json'], env);
    expect(verify.code).toBe(1);
    const report = JSON.parse(verify.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({
      ok: false,
      checked: seq - 3,
      firstBad: { seq: seq - 2, reason: expect.stringMatching(/截断/) as unknown },
    });
  }, 60_000);
});
