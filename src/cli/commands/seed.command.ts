import { parseArgs } from 'node:util';
import { loadConfig } from '../../server/config.ts';
import { openContext } from '../../server/bootstrap.ts';
import { isEmpty } from '../../server/db/database.ts';
import { seedDemo } from '../../server/seed/demo.seed.ts';
import { demoLoginLines, seedProgress } from '../demo-logins.ts';
import { CliError, log, printJson } from '../output.ts';

/** Documented in README as the demo-only default. */
export const DEMO_DEFAULT_PASSWORD = 'Dangjian-Demo-2026';

export async function seedCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      demo: { type: 'boolean', default: false },
      scale: { type: 'string', default: 'county' },
      password: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (!values.demo) throw new CliError('目前只支持 seed --demo');
  const scale = values.scale;
  if (scale !== 'county' && scale !== 'city' && scale !== 'province') throw new CliError('--scale 只能是 county、city 或 province');
  const password = values.password ?? process.env.DANGJIAN_DEMO_PASSWORD ?? DEMO_DEFAULT_PASSWORD;
  const opened = await openContext(loadConfig());
  try {
    if (!(await isEmpty(opened.ctx.db))) throw new CliError('数据库不为空：演示数据只能写入空库（换一个 DATABASE_URL）');
    const bar = seedProgress('生成演示数据');
    const started = Date.now();
    const summary = await seedDemo(opened.ctx, { password, scale, onProgress: bar.onProgress });
    bar.stop();
    log(`完成：${summary.orgs} 个组织，${summary.members} 名党员，${summary.users.length} 个账号，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`);
    if (values.json) printJson(summary);
    else log(demoLoginLines(summary, password).join('\n'));
    return 0;
  } finally {
    await opened.close();
  }
}
