// 督查 commands (issue 18): report inspections — per inspected organisation of a subtree, the
// year's visits, findings, serious findings and those turned into 整改 (what 考核 reads).
import { parseArgs } from 'node:util';
import { chinaDate } from '../../core/shared/dates.ts';
import { loadConfig } from '../../server/config.ts';
import { openContext } from '../../server/bootstrap.ts';
import { inspectionFindingsOf } from '../../server/modules/inspection/inspection.export.ts';
import { findOrgByCode } from '../../server/modules/orgs/orgs.repository.ts';
import type { CliCommands } from '../command.ts';
import { CliError, log, printJson } from '../output.ts';

/** dangjian report inspections --org CODE [--year Y] [--json] */
async function reportInspections(args: string[]): Promise<number> {
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
    const rows = await inspectionFindingsOf(opened.ctx.db, org.path, year);
    const total = rows.reduce(
      (s, r) => ({
        visits: s.visits + r.visits,
        findings: s.findings + r.findings,
        serious: s.serious + r.seriousFindings,
      }),
      { visits: 0, findings: 0, serious: 0 },
    );
    log(
      `督查统计：${org.name}（${org.code}）${year}年被督查组织${rows.length}个，督查${total.visits}次，发现问题${total.findings}条，其中严重${total.serious}条`,
    );
    if (values.json) printJson({ org: { id: org.id, code: org.code, name: org.name }, year, rows });
    else
      for (const r of rows)
        log(
          `  ${r.orgName}：督查${r.visits}次，问题${r.findings}条（严重${r.seriousFindings}条，已转整改${r.rectified}条）`,
        );
    return 0;
  } finally {
    await opened.close();
  }
}

export const INSPECTION_COMMANDS: CliCommands = {
  'report inspections': {
    run: reportInspections,
    help: '督查统计：report inspections --org 组织编码 [--year 年度] [--json]',
  },
};
