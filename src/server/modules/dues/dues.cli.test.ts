// `dangjian dues calc` and `dangjian report dues` as an operator runs them: a real process.
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

describe('党费 CLI [sqlite]', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dangjian-dues-cli-'));
  const env = { DATABASE_URL: join(dir, 'cli.db'), DANGJIAN_KDF_LOG_N: '10' };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    [['--category', 'in_service', '--base', '5400'], { monthlyFen: 8100, monthly: '81.00' }],
    [['--category', 'in_service', '--base', '3000.01'], { monthlyFen: 3000, monthly: '30.00' }],
    [['--category', 'retired', '--base', '5000'], { monthlyFen: 2500, monthly: '25.00' }],
    [['--category', 'student'], { monthlyFen: 20, monthly: '0.20' }],
  ])('dues calc %j', async (args, out) => {
    const r = await dj(['dues', 'calc', ...args, '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(out);
  });

  it.each([
    [['--category', 'teacher', '--base', '1'], '--category 应为'],
    [['--category', 'in_service'], '--base'],
    [['--category', 'in_service', '--base=-5'], '不能为负数'],
    [['--category', 'in_service', '--base', '99999999'], '请核对'],
  ])('dues calc %j is refused in Chinese', async (args, msg) => {
    const r = await dj(['dues', 'calc', ...args, '--json'], env);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(msg);
  });

  it('report dues: an unknown organisation code is refused in Chinese', async () => {
    const r = await dj(['report', 'dues', '--org', 'NOPE', '--year', '2026', '--json'], env);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('组织编码 NOPE 不存在');
  });
});
