// 党建责任制 commands (issue 18).
import { parseArgs } from 'node:util';
import { chinaDate } from '../../core/shared/dates.ts';
import { loadConfig } from '../../server/config.ts';
import { openContext } from '../../server/bootstrap.ts';
import { findOrgByCode } from '../../server/modules/orgs/orgs.repository.ts';
import { responsibilitySummary } from '../../server/modules/responsibility/responsibility.service.ts';
import type { CliCommands } from '../command.ts';
import { CliError, log, printJson } from '../output.ts';

/** dangjian report responsibility --org CODE [--year Y] [--json]: one organisation's 年度履责情况. */
async function reportResponsibility(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { org: { type: 'string' }, year: { type: 'string' }, json: { type: 'boolean', default: false } },
    strict: true,
  });
  if (!values.org) throw new CliError('请用 --org 指定组织编码');
  const opened = await openContext(loadConfig());
  try {
    const year =
      values.year === undefined ? Number(chinaDate(opened.ctx.now()).slice(0, 4)) : Number(values.year);
    if (!Number.isInteger(year) || year < 2000 || year > 2100)
      throw new CliError('--year 应为四位年份，例如 2026');
    // The CLI acts with the operator's full authority: the code is resolved anywhere in the tree.
    const org = await findOrgByCode(opened.ctx.db, '/', values.org);
    if (!org) throw new CliError(`组织编码 ${values.org} 不存在`);
    const s = await responsibilitySummary(opened.ctx, org.id, year);
    log(
      `年度履责情况：${org.name}（${org.code}）${year}年，责任事项 ${s.items} 项，已完成 ${s.done} 项，逾期 ${s.overdue} 项`,
    );
    if (values.json) printJson(s);
    else
      for (const p of s.byPerson)
        log(`  ${p.personName}（${p.post}）：${p.items} 项，已完成 ${p.done} 项，逾期 ${p.overdue} 项`);
    return 0;
  } finally {
    await opened.close();
  }
}

export const RESPONSIBILITY_COMMANDS: CliCommands = {
  'report responsibility': {
    run: reportResponsibility,
    help: '年度履责情况（党建责任清单）：--org 编码 [--year 年份] [--json]',
  },
};
