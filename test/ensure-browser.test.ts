// `npm test` installs what the browser tests need, or says exactly what to run (issue 17).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { setupPlan, type SetupFacts } from '../scripts/ensure-browser.mjs';

const debian: SetupFacts = {
  chromium: true,
  fonts: true,
  customChromium: false,
  platform: 'linux',
  aptGet: true,
  root: false,
  sudo: false,
};

describe('setupPlan', () => {
  it.each<[string, Partial<SetupFacts>, ReturnType<typeof setupPlan>]>([
    ['everything present', {}, { action: 'ready' }],
    [
      'root installs both',
      { chromium: false, fonts: false, root: true },
      { action: 'install', packages: ['chromium', 'fonts-noto-cjk'], prefix: [] },
    ],
    [
      'passwordless sudo installs the fonts',
      { fonts: false, sudo: true },
      { action: 'install', packages: ['fonts-noto-cjk'], prefix: ['sudo', '-n'] },
    ],
    [
      'no root, no sudo: the exact command',
      { chromium: false },
      {
        action: 'manual',
        packages: ['chromium'],
        command: 'sudo apt-get update && sudo apt-get install -y chromium',
      },
    ],
    [
      'not Debian: manual, no apt command',
      { chromium: false, aptGet: false, root: true },
      { action: 'manual', packages: ['chromium'], command: null },
    ],
    [
      'macOS: manual',
      { fonts: false, platform: 'darwin', root: true },
      { action: 'manual', packages: ['fonts-noto-cjk'], command: null },
    ],
    [
      'a missing DANGJIAN_E2E_CHROMIUM is never replaced by a package',
      { chromium: false, customChromium: true, root: true },
      { action: 'manual', packages: ['chromium'], command: null },
    ],
  ])('%s', (_, change, plan) => {
    expect(setupPlan({ ...debian, ...change })).toEqual(plan);
  });
});

describe('scripts/ensure-browser.mjs', () => {
  const run = (env: Record<string, string>) =>
    spawnSync(process.execPath, ['scripts/ensure-browser.mjs'], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });

  it('fails before any test with a Chinese message naming what is missing', () => {
    const r = run({ DANGJIAN_E2E_CHROMIUM: '/nonexistent/chromium' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/浏览器测试需要Chromium（\/nonexistent\/chromium）/);
    expect(r.stderr).toMatch(/DANGJIAN_E2E_CHROMIUM 指向的 \/nonexistent\/chromium 不存在/);
  });

  it('can be skipped', () => {
    expect(
      run({ DANGJIAN_E2E_CHROMIUM: '/nonexistent/chromium', DANGJIAN_SKIP_BROWSER_SETUP: '1' }).status,
    ).toBe(0);
  });

  it('is the pretest step of npm test', async () => {
    const pkg = (await import('../package.json', { with: { type: 'json' } })).default as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.pretest).toBe('node scripts/ensure-browser.mjs');
  });
});
