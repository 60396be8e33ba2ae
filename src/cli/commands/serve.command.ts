import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../../server/app.ts';
import { openContext } from '../../server/bootstrap.ts';
import { loadConfig } from '../../server/config.ts';
import { startScheduler } from '../../server/jobs/job-runner.ts';
import { SCHEDULED_JOBS } from '../../server/jobs/scheduled-jobs.ts';
import { anchorFilePath, anchorIntervalMs, startAuditAnchoring } from '../../server/audit/audit-anchor.ts';
import { isEmpty } from '../../server/db/database.ts';
import { DatabaseInUseError, serverLockFor, type HeldLock } from '../../server/db/server-lock.ts';
import { seedDemo } from '../../server/seed/demo.seed.ts';
import { demoLoginLines, seedProgress } from '../demo-logins.ts';
import { CliError, log } from '../output.ts';
import { DEMO_DEFAULT_PASSWORD } from './seed.command.ts';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the web bundle when it is missing or older than its sources. */
function ensureWebBuilt(webDist: string): void {
  const index = join(webDist, 'index.html');
  const sources = resolve('web');
  if (existsSync(index) && (!existsSync(sources) || statSync(index).mtimeMs >= newestMtime(sources))) return;
  log('正在构建前端（首次启动约需半分钟）…');
  const result = spawnSync(process.execPath, [resolve('node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) throw new Error('前端构建失败');
}

async function listen(options: { seedIfEmpty: boolean }): Promise<number> {
  const started = Date.now();
  const config = loadConfig();
  // SQLite: <db>.server.lock while serving, so that `restore` refuses (server-lock.ts).
  let lock: HeldLock | null;
  try {
    lock = serverLockFor(config.databaseUrl);
  } catch (e) {
    throw e instanceof DatabaseInUseError ? new CliError(e.message) : e;
  }
  const opened = await openContext(config);
  if (opened.keyFileCreated) log(`已生成密钥文件 ${config.keyFile}（请妥善备份，丢失将无法解密敏感字段）`);
  const { ctx } = opened;
  if (options.seedIfEmpty && (await isEmpty(ctx.db))) {
    const password = process.env.DANGJIAN_DEMO_PASSWORD ?? DEMO_DEFAULT_PASSWORD;
    const bar = seedProgress('空库：生成演示县数据');
    const summary = await seedDemo(ctx, { password, scale: 'county', onProgress: bar.onProgress });
    bar.stop();
    log(`演示县：${summary.orgs} 个组织，${summary.members} 名党员。`);
    log(demoLoginLines(summary, password).join('\n'));
  }
  const app = await buildApp(ctx, { serveWeb: true, logger: process.env.DANGJIAN_LOG === '1' });
  // Signed checkpoints of the audit chain outside the database, periodically and at shutdown.
  const anchoring = startAuditAnchoring(ctx, { file: anchorFilePath(config), everyMs: anchorIntervalMs(), onError: (e) => log(`审计锚点写入失败：${String(e)}`) });
  // Scheduled work (alert refresh…), run once across nodes through database leases.
  const scheduler = startScheduler(ctx, SCHEDULED_JOBS, {
    onResult: (r) => r.result && log(`定时任务 ${r.job}：${r.result}`),
    onError: (e) => log(`定时任务失败：${String(e)}`),
  });
  const shutdown = async () => {
    await app.close();
    await scheduler.stop();
    await anchoring.stop();
    await opened.close();
    lock?.release();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  await app.listen({ port: config.port, host: config.host });
  const shownHost = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  log(`党建工作平台已启动：http://${shownHost}:${config.port}/ （${(Date.now() - started) / 1000}s，${ctx.engine}）  API 文档：/api/docs`);
  return -1;
}

export async function serveCommand(args: string[]): Promise<number> {
  parseArgs({ args, options: { dev: { type: 'boolean', default: false } }, strict: true });
  return listen({ seedIfEmpty: false });
}

export async function startCommand(args: string[]): Promise<number> {
  parseArgs({ args, options: {}, strict: true });
  ensureWebBuilt(loadConfig().webDist);
  return listen({ seedIfEmpty: true });
}
