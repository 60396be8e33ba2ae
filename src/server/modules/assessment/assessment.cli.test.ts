// `dangjian report assessment` as an operator runs it: a real process on a temp SQLite file.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);

async function dj(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, [resolve('bin/dangjian.js'), ...args], {
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('report assessment CLI [sqlite]', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dangjian-assess-cli-'));
  const env = { DATABASE_URL: join(dir, 'cli.db'), DANGJIAN_KDF_LOG_N: '10' };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('an unknown organisation code: a Chinese error, a non-zero exit, nothing on stdout', async () => {
    const r = await dj(['report', 'assessment', '--org', 'NOPE', '--year', '2026', '--json'], env);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('组织编码 NOPE 不存在');
  });

  it('a bad year is refused in Chinese', async () => {
    const r = await dj(['report', 'assessment', '--org', 'X', '--year', '26'], env);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('--year 应为四位年度');
  });
});
