import { parseArgs } from 'node:util';
import { openContext } from '../../server/bootstrap.ts';
import { loadConfig } from '../../server/config.ts';
import { campaignReport, STAGE_NAMES } from '../../server/modules/evaluation/campaign.service.ts';
import type { CliCommands } from '../command.ts';
import { CliError, log, printJson } from '../output.ts';

/** `report evaluation --campaign ID|latest [--json]`: a campaign's people, tallies, scores and grades. */
async function reportEvaluation(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { campaign: { type: 'string', default: 'latest' }, json: { type: 'boolean', default: false } },
    strict: true,
  });
  const ref = values.campaign === 'latest' ? 'latest' : Number(values.campaign);
  if (ref !== 'latest' && (!Number.isInteger(ref) || ref <= 0))
    throw new CliError(`评议活动编号不正确：${values.campaign}（应为数字或 latest）`);
  const opened = await openContext(loadConfig(), { createKeys: false });
  try {
    const report = await campaignReport(opened.ctx, ref);
    if (!report && ref !== 'latest') throw new CliError(`述职评议活动 ${ref} 不存在`);
    if (!report) {
      // Nothing run yet: an empty report (same shape), not an error.
      log('还没有任何述职评议活动');
      if (values.json) printJson({ campaign: null, people: [], rectifications: 0 });
      return 0;
    }
    if (values.json) {
      printJson(report);
      return 0;
    }
    const c = report.campaign;
    log(
      `${c.title}（${c.orgName}，${c.year}年度，状态：${STAGE_NAMES[c.status] ?? c.status}${c.turnoutPercent === null ? '' : `，参评率${c.turnoutPercent}%`}）`,
    );
    for (const p of report.people) {
      const t = p.tally;
      log(
        `  ${p.name}\t${p.orgCode}\t好${t.好} 较好${t.较好} 一般${t.一般} 差${t.差}\t综合得分 ${p.score ?? '—'}\t等次 ${p.grade ?? '—'}`,
      );
    }
    log(`整改事项：${report.rectifications} 项`);
    return 0;
  } finally {
    await opened.close();
  }
}

/** CLI commands of the evaluation module (issue 7): report evaluation. */
export const EVALUATION_COMMANDS: CliCommands = {
  'report evaluation': {
    run: reportEvaluation,
    help: '述职评议考核结果：report evaluation --campaign ID|latest [--json]',
  },
};
