// 工作任务 commands (issue 18): report tasks (按时报送率 per receiving organisation), tasks remind.
import { parseArgs } from 'node:util';
import { chinaDate } from '../../core/shared/dates.ts';
import { loadConfig } from '../../server/config.ts';
import { openContext } from '../../server/bootstrap.ts';
import { findOrgByCode } from '../../server/modules/orgs/orgs.repository.ts';
import { remindTaskDeadlines } from '../../server/modules/tasks/tasks.jobs.ts';
import { findOrgs, taskOnTimeParts, tasksIssuedBy } from '../../server/modules/tasks/tasks.repository.ts';
import type { CliCommands } from '../command.ts';
import { CliError, log, printJson } from '../output.ts';

/** dangjian report tasks --org CODE [--year Y] [--json] */
async function reportTasks(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { org: { type: 'string' }, year: { type: 'string' }, json: { type: 'boolean', default: false } },
    strict: true,
  });
  if (!values.org) throw new CliError('请用 --org 指定组织编码');
  const opened = await openContext(loadConfig());
  try {
    const today = chinaDate(opened.ctx.now());
    const year = values.year === undefined ? Number(today.slice(0, 4)) : Number(values.year);
    if (!Number.isInteger(year) || year < 2000 || year > 2100)
      throw new CliError('--year 应为四位年份，例如 2026');
    // The CLI acts with the operator's full authority: the code is resolved anywhere in the tree.
    const org = await findOrgByCode(opened.ctx.db, '/', values.org);
    if (!org) throw new CliError(`组织编码 ${values.org} 不存在`);
    const to = `${year}-12-31` < today ? `${year}-12-31` : today;
    const issued = (await tasksIssuedBy(opened.ctx.db, org.id, `${year}-01-01`)).filter(
      (t) => t.issued_on <= `${year}-12-31`,
    );
    const parts = await taskOnTimeParts(opened.ctx.db, org.path, `${year}-01-01`, to);
    const names = new Map((await findOrgs(opened.ctx.db, [...parts.keys()])).map((o) => [o.id, o.name]));
    const rows = [...parts.entries()]
      .map(([orgId, p]) => ({
        orgId,
        orgName: names.get(orgId) ?? '',
        onTime: p.onTime,
        due: p.due,
        rate: p.due ? Math.round((p.onTime / p.due) * 1000) / 10 : null,
      }))
      .sort((a, b) => (b.rate ?? -1) - (a.rate ?? -1));
    const report = {
      org: { id: org.id, code: org.code, name: org.name },
      year,
      issued: issued.length,
      overCap: issued.filter((t) => t.over_cap === 1).length,
      onTime: rows,
    };
    log(
      `工作任务统计：${org.name}（${org.code}）${year}年下达${report.issued}项，其中超过减负上限${report.overCap}项`,
    );
    if (values.json) printJson(report);
    else
      for (const r of rows)
        log(`  ${r.orgName}：按时报送 ${r.onTime}/${r.due}${r.rate === null ? '' : `（${r.rate}%）`}`);
    return 0;
  } finally {
    await opened.close();
  }
}

/** dangjian tasks remind: the daily deadline reminders, now. */
async function remindNow(args: string[]): Promise<number> {
  parseArgs({ args, options: {}, strict: true });
  const opened = await openContext(loadConfig());
  try {
    const r = await remindTaskDeadlines(opened.ctx);
    log(`任务截止提醒：待提醒${r.found}项，新发通知${r.created}条`);
    return 0;
  } finally {
    await opened.close();
  }
}

export const TASKS_COMMANDS: CliCommands = {
  'report tasks': {
    run: reportTasks,
    help: '工作任务统计（下达数、超减负上限数、各组织按时报送率）：--org 编码 [--year 年份] [--json]',
  },
  'tasks remind': { run: remindNow, help: '立即发送工作任务截止提醒（每日任务也会发送）' },
};
