// The CLI as an operator (and the acceptance checks) use it: a real process, a real database file.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = resolve('bin/dangjian.js');

async function dj(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
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
    const summary = JSON.parse(r.stdout) as { orgs: number; members: number; users: Array<Record<string, unknown>> };
    expect(summary.orgs).toBeGreaterThanOrEqual(400);
    expect(summary.members).toBeGreaterThan(9000);
    const roles = new Set(summary.users.map((u) => u.role));
    for (const role of ['system_admin', 'security_admin', 'audit_admin', 'org_admin', 'worker', 'member']) expect(roles).toContain(role);
    for (const u of summary.users) expect(Object.keys(u).sort()).toEqual(['orgCode', 'orgId', 'orgName', 'role', 'username']);
  }, 180_000);

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

  it('an unknown command or option exits 1 and says so on stderr', async () => {
    const unknown = await dj(['frobnicate'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/unknown command/);
    const badOption = await dj(['migrate', '--nope'], env);
    expect(badOption.code).toBe(1);
    expect(badOption.stderr).toMatch(/unknown argument/);
  }, 60_000);

  it('backup writes a restorable copy', async () => {
    const r = await dj(['backup', join(dir, 'copy.db'), '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true });
  }, 60_000);
});
