import { parseArgs } from 'node:util';
import { chinaDate, isIsoDate } from '../../core/shared/dates.ts';
import { openContext } from '../../server/bootstrap.ts';
import { loadConfig } from '../../server/config.ts';
import { orgByCodeAnywhere } from '../../server/modules/development/development.repository.ts';
import { auditSubtree } from '../../server/modules/development/development.service.ts';
import type { CliCommands } from '../command.ts';
import { CliError, log, printJson } from '../output.ts';

/** `dangjian audit development --org CODE [--on DATE] [--json]`: the 自查自纠 of a subtree. */
async function auditDevelopment(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { org: { type: 'string' }, json: { type: 'boolean', default: false }, on: { type: 'string' } }, strict: true });
  if (!values.org) throw new CliError('请用 --org 指定组织编码');
  if (values.on !== undefined && !isIsoDate(values.on)) throw new CliError('--on 应为日期 YYYY-MM-DD');
  const opened = await openContext(loadConfig());
  try {
    const org = await orgByCodeAnywhere(opened.ctx.db, values.org);
    if (!org) throw new CliError(`组织编码 ${values.org} 不存在`);
    const on = values.on ?? chinaDate(opened.ctx.now());
    const started = Date.now();
    const report = await auditSubtree(opened.ctx, org.path, on);
    log(`发展党员自查自纠：${org.name}（${org.code}），截至 ${on}，${report.candidates} 名发展对象，违规 ${report.violations.length} 项，即将到期 ${report.upcoming.length} 项，用时 ${Date.now() - started} 毫秒`);
    if (values.json) {
      printJson({
        violations: report.violations.map((v) => ({ candidate: v.candidate, step: v.step, code: v.code, detail: v.detail })),
        upcoming: report.upcoming.map((u) => ({ candidate: u.candidate, due: u.due, what: u.what })),
      });
    } else {
      for (const v of report.violations) log(`  ${v.orgName} ${v.candidate} 第${v.step}步 [${v.code}] ${v.detail}`);
      for (const u of report.upcoming) log(`  ${u.due} ${u.orgName} ${u.candidate}：${u.what}`);
    }
    return 0;
  } finally {
    await opened.close();
  }
}

/** CLI commands of the development module (issue 6): audit development. */
export const DEVELOPMENT_COMMANDS: CliCommands = {
  'audit development': { run: auditDevelopment, help: '发展党员自查自纠：--org 组织编码 [--on 日期] [--json]' },
};
