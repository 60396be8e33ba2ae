// 问题清单 commands (issue 18). Contract:
// `dangjian report problems --org CODE [--open] --json` →
// {"items":[{"source","orgCode","title","status","due","overdue"}]}; `source` names the module
// (or 'inspection' for 督查) the item came from; `sourceLabel` says it in Chinese.
import { parseArgs } from 'node:util';
import { openContext } from '../../server/bootstrap.ts';
import { loadConfig } from '../../server/config.ts';
import { findOrgByCodeAnywhere } from '../../server/modules/org-system/org-system.repository.ts';
import { problemReport } from '../../server/modules/problems/problems.service.ts';
import type { CliCommands } from '../command.ts';
import { CliError, log, printJson } from '../output.ts';

async function reportProblems(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      org: { type: 'string' },
      open: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (!values.org) throw new CliError('请用 --org 指定组织编码');
  const opened = await openContext(loadConfig());
  try {
    const { ctx } = opened;
    const org = await findOrgByCodeAnywhere(ctx.db, values.org);
    if (!org) throw new CliError(`组织编码 ${values.org} 不存在`);
    const items = await problemReport(ctx, org.path, values.open);
    if (values.json) {
      printJson({
        items: items.map((i) => ({
          source: i.source,
          sourceLabel: i.sourceLabel,
          orgCode: i.orgCode,
          orgName: i.orgName,
          title: i.title,
          status: i.status,
          due: i.due,
          overdue: i.overdue,
        })),
      });
    } else {
      const overdue = items.filter((i) => i.overdue).length;
      log(
        `问题清单：${org.name}（${org.code}）共 ${items.length} 项${values.open ? '（未销号）' : ''}，其中逾期 ${overdue} 项`,
      );
      for (const i of items)
        log(
          `  [${i.sourceLabel}] ${i.orgCode} ${i.orgName} · ${i.title} · ${i.statusLabel} · 时限${i.due}${i.overdue ? ' · 已逾期' : ''}`,
        );
    }
    return 0;
  } finally {
    await opened.close();
  }
}

export const PROBLEMS_COMMANDS: CliCommands = {
  'report problems': {
    run: reportProblems,
    help: 'report problems --org CODE [--open] [--json]：问题清单（各来源的整改事项）',
  },
};
