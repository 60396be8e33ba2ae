import { parseArgs } from 'node:util';
import { chinaDate } from '../../core/shared/dates.ts';
import { loadConfig } from '../../server/config.ts';
import { openContext } from '../../server/bootstrap.ts';
import { commitmentsReport } from '../../server/modules/commitments/commitments.service.ts';
import { findOrgByCode } from '../../server/modules/orgs/orgs.repository.ts';
import type { CliCommands } from '../command.ts';
import { CliError, log, printJson } from '../output.ts';

/** dangjian report commitments --org CODE --year Y [--json] */
async function reportCommitments(args: string[]): Promise<number> {
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
    const started = Date.now();
    const report = await commitmentsReport(opened.ctx, org.path, year);
    log(
      `公开承诺统计：${org.name}（${org.code}）${year}年，到期未点评 ${report.overdueReviews} 项，用时 ${Date.now() - started} 毫秒`,
    );
    if (values.json) printJson(report);
    else {
      log(
        `  按类型：${Object.entries(report.byType)
          .map(([k, v]) => `${k} ${v}`)
          .join('，')}`,
      );
      log(
        `  按状态：${Object.entries(report.byStatus)
          .map(([k, v]) => `${k} ${v}`)
          .join('，')}`,
      );
    }
    return 0;
  } finally {
    await opened.close();
  }
}

/** CLI commands of the commitments module (issue 8): report commitments. */
export const COMMITMENTS_COMMANDS: CliCommands = {
  'report commitments': { run: reportCommitments, help: '公开承诺统计：--org 编码 --year 年份 [--json]' },
};
