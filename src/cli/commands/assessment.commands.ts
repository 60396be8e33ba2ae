// 考核 commands (issue 18). Contract:
// `dangjian report assessment --org CODE --year Y --json` →
// {"rows":[{"orgCode","score","rank","indicators":[{"key","value","weight","score"}]}]} — the
// children of CODE, rank ascending (equal totals share a rank; the next rank skips).
import { parseArgs } from 'node:util';
import { chinaDate } from '../../core/shared/dates.ts';
import { openContext } from '../../server/bootstrap.ts';
import { loadConfig } from '../../server/config.ts';
import { assessmentReport, contractJson } from '../../server/modules/assessment/assessment.report.ts';
import type { CliCommands } from '../command.ts';
import { CliError, log, printJson } from '../output.ts';

async function reportAssessment(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      org: { type: 'string' },
      year: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (!values.org) throw new CliError('请用 --org 指定组织编码');
  const year = values.year === undefined ? Number(chinaDate(new Date()).slice(0, 4)) : Number(values.year);
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw new CliError('--year 应为四位年度，如 2026');
  const opened = await openContext(loadConfig());
  try {
    const got = await assessmentReport(opened.ctx, values.org, year);
    if (!got) throw new CliError(`组织编码 ${values.org} 不存在`);
    if (values.json) {
      printJson(contractJson(got.report));
      return 0;
    }
    log(
      `${got.org.name}（${got.org.code}）${year}年度下级组织党建考核排名${got.stored ? '' : '（未保存的即时计算结果）'}`,
    );
    if (got.report.rows.length === 0) log('  （无下级组织）');
    for (const r of got.report.rows) {
      log(`  第${r.rank}名  ${r.orgName}（${r.orgCode}）  ${r.score.toFixed(2)}分`);
      log(
        `      ${r.indicators
          .filter((i) => i.weight > 0)
          .map((i) => `${i.label} ${i.score}/${i.weight}`)
          .join('；')}`,
      );
    }
    return 0;
  } finally {
    await opened.close();
  }
}

export const ASSESSMENT_COMMANDS: CliCommands = {
  'report assessment': {
    run: reportAssessment,
    help: 'report assessment --org CODE [--year Y] [--json]：下级组织年度党建考核得分与排名',
  },
};
