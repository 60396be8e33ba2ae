#!/usr/bin/env node
// `npm test` set-up (the pretest script), as .ci/run does it: the browser tests drive Debian's
// chromium (never a downloaded browser) and need the Noto CJK fonts for Chinese text. When either
// is missing it is installed with apt-get as root or through passwordless sudo; otherwise this
// prints the exact command to run and fails, before any test starts.
// DANGJIAN_SKIP_BROWSER_SETUP=1 skips the check (the browser tests then fail on their own).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import process from 'node:process';
import { pathToFileURL } from 'node:url';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/**
 * What to do, from what the machine has. Pure, so that it is tested without touching the machine.
 * @param {{ chromium: boolean, fonts: boolean, customChromium: boolean, platform: string, aptGet: boolean, root: boolean, sudo: boolean }} facts
 * @returns {{ action: 'ready' } | { action: 'install', packages: string[], prefix: string[] } | { action: 'manual', packages: string[], command: string | null }}
 */
export function setupPlan(facts) {
  const packages = [...(facts.chromium ? [] : ['chromium']), ...(facts.fonts ? [] : ['fonts-noto-cjk'])];
  if (packages.length === 0) return { action: 'ready' };
  // A browser named by DANGJIAN_E2E_CHROMIUM is the user's own: never replaced by a package.
  if (facts.platform !== 'linux' || !facts.aptGet || (facts.customChromium && !facts.chromium))
    return { action: 'manual', packages, command: null };
  if (facts.root) return { action: 'install', packages, prefix: [] };
  if (facts.sudo) return { action: 'install', packages, prefix: ['sudo', '-n'] };
  return {
    action: 'manual',
    packages,
    command: `sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}`,
  };
}

const quiet = { stdio: ['ignore', 'pipe', 'ignore'], encoding: 'utf8' };

function fontsInstalled() {
  const dpkg = spawnSync('dpkg-query', ['-W', '-f=${Status}', 'fonts-noto-cjk'], quiet);
  if (dpkg.status === 0 && /install ok installed/.test(dpkg.stdout)) return true;
  const fc = spawnSync('fc-list', [':lang=zh', 'family'], quiet);
  return fc.status === 0 && /Noto (Sans|Serif) CJK/i.test(fc.stdout);
}

function facts(env = process.env) {
  const chromiumPath = env.DANGJIAN_E2E_CHROMIUM || DEFAULT_CHROMIUM;
  return {
    chromiumPath,
    chromium: existsSync(chromiumPath),
    customChromium: !!env.DANGJIAN_E2E_CHROMIUM,
    fonts: fontsInstalled(),
    platform: process.platform,
    aptGet: existsSync('/usr/bin/apt-get'),
    root: process.getuid?.() === 0,
    sudo: spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0,
  };
}

function run(argv) {
  process.stderr.write(`$ ${argv.join(' ')}\n`);
  const r = spawnSync(argv[0], argv.slice(1), { stdio: ['ignore', 'ignore', 'inherit'] });
  return r.status === 0;
}

function main() {
  if (process.env.DANGJIAN_SKIP_BROWSER_SETUP === '1') return 0;
  const found = facts();
  const plan = setupPlan(found);
  if (plan.action === 'ready') return 0;
  const what = plan.packages
    .map((p) => (p === 'chromium' ? `Chromium（${found.chromiumPath}）` : '中文字体 fonts-noto-cjk'))
    .join('、');
  if (plan.action === 'manual') {
    const lines =
      found.customChromium && !found.chromium
        ? [`浏览器测试需要${what}：DANGJIAN_E2E_CHROMIUM 指向的 ${found.chromiumPath} 不存在，请改正该路径。`]
        : [`浏览器测试需要${what}，本机缺少，且无法自动安装（需要 root 或免密 sudo 的 Debian/Ubuntu）。`];
    if (plan.command) lines.push('请运行：', `  ${plan.command}`, '然后重新运行 npm test。');
    else if (!found.customChromium || found.chromium)
      lines.push('请安装 Chromium 和 Noto CJK 字体，并用 DANGJIAN_E2E_CHROMIUM 指明 Chromium 的路径。');
    lines.push('（只跑单元测试：npm run test:unit；跳过本检查：DANGJIAN_SKIP_BROWSER_SETUP=1）');
    process.stderr.write(lines.join('\n') + '\n');
    return 1;
  }
  process.stderr.write(`浏览器测试需要${what}：正在用 apt-get 安装（与 .ci/run 相同）…\n`);
  const apt = [...plan.prefix, 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get'];
  const ok = run([...apt, 'update', '-qq']) && run([...apt, 'install', '-y', '-qq', ...plan.packages]);
  const after = facts();
  if (!ok || !after.chromium || !after.fonts) {
    process.stderr.write(
      `安装失败。请手动运行：\n  sudo apt-get update && sudo apt-get install -y ${plan.packages.join(' ')}\n`,
    );
    return 1;
  }
  const version = spawnSync(after.chromiumPath, ['--version'], quiet).stdout?.trim();
  process.stderr.write(`已安装：${version || after.chromiumPath}，fonts-noto-cjk\n`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main();
