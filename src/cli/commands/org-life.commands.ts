import { parseArgs } from 'node:util';
import { periodOf } from '../../core/org-life/periods.ts';
import { chinaDate } from '../../core/shared/dates.ts';
import { openContext } from '../../server/bootstrap.ts';
import { loadConfig } from '../../server/config.ts';
import { appendAudit } from '../../server/audit/audit.repository.ts';
import {
  complianceReport,
  rebuildCompliance,
  rebuildFindings,
} from '../../server/modules/org-life/org-life.compliance.ts';
import { sendDailyDigest } from '../../server/modules/org-life/org-life.digest.ts';
import { loggingNotifier } from '../../server/modules/org-life/org-life.adapters.ts';
import type { CliCommands } from '../command.ts';
import { CliError, log, printJson } from '../output.ts';

function intArg(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new CliError(`--${name} 须为${min}至${max}的整数`);
  return n;
}

async function reportCompliance(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      org: { type: 'string' },
      year: { type: 'string' },
      quarter: { type: 'string' },
      month: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (!values.org)
    throw new CliError(
      '用法：dangjian report compliance --org 组织编码 --year 年份 [--quarter 季度 | --month 月份] [--json]',
    );
  const year = intArg(values.year, 'year', 2000, 2100);
  if (year === undefined) throw new CliError('缺少 --year 年份');
  const quarter = intArg(values.quarter, 'quarter', 1, 4);
  const month = intArg(values.month, 'month', 1, 12);
  if (quarter && month) throw new CliError('--quarter 和 --month 不能同时指定');
  const opened = await openContext(loadConfig(), { createKeys: false });
  try {
    const started = performance.now();
    const report = await complianceReport(
      opened.ctx,
      values.org,
      periodOf(year, quarter, month),
      chinaDate(opened.ctx.now()),
    );
    if (!report) throw new CliError(`组织编码不存在：${values.org}`);
    const ms = performance.now() - started;
    if (values.json) printJson(report);
    else {
      const count = (s: string) => report.rows.filter((r) => r.status === s).length;
      log(
        `${report.org} ${report.period} 组织生活达标情况：达标${count('达标')}项，未达标${count('未达标')}项，不适用${count('不适用')}项`,
      );
      for (const r of report.rows.filter((x) => x.status === '未达标').slice(0, 200))
        log(`  未达标 ${r.orgCode} ${r.type}：应${r.required}，实${r.held}`);
      log(`质量问题${report.findings.length}条：`);
      for (const f of report.findings.slice(0, 200)) log(`  ${f.orgCode} ${f.code} ${f.detail}`);
    }
    log(`用时 ${ms.toFixed(0)} ms`);
    return 0;
  } finally {
    await opened.close();
  }
}

async function rebuild(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { json: { type: 'boolean', default: false } },
    strict: true,
  });
  const opened = await openContext(loadConfig(), { createKeys: false });
  try {
    const ctx = opened.ctx;
    const result = await ctx.db.transaction().execute(async (trx) => {
      const r = { ...(await rebuildCompliance(ctx, trx)), findings: await rebuildFindings(ctx, trx) };
      await appendAudit(trx, ctx.ring, {
        at: ctx.now().toISOString(),
        action: 'life.compliance.rebuild',
        result: 'ok',
        actorUsername: 'cli',
        objectType: 'life_compliance',
        detail: r,
      });
      return r;
    });
    if (values.json) printJson(result);
    else
      log(
        `已重建组织生活达标统计：${result.rows}行，上级计数${result.counters}行，质量问题${result.findings}条`,
      );
    return 0;
  } finally {
    await opened.close();
  }
}

async function digest(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { json: { type: 'boolean', default: false } },
    strict: true,
  });
  const opened = await openContext(loadConfig(), { createKeys: false });
  try {
    const result = await sendDailyDigest(opened.ctx, loggingNotifier);
    if (values.json) printJson(result);
    else log(`已发送每日汇总：${result.people}人，${result.notifications}条通知`);
    return 0;
  } finally {
    await opened.close();
  }
}

/** CLI commands of the org-life module (issue 5): report compliance. */
export const ORG_LIFE_COMMANDS: CliCommands = {
  'report compliance': {
    run: reportCompliance,
    help: '组织生活达标报告：--org CODE --year Y [--quarter Q | --month M] [--json]',
  },
  'org-life rebuild': { run: rebuild, help: '从会议记录重建组织生活达标统计表和上级计数' },
  'org-life digest': { run: digest, help: '发送组织生活通知的每日汇总（默认只写日志）' },
};
