// Alert registry commands (预警, issue 17). Contract:
// `dangjian report alerts --org CODE [--severity red|orange|yellow] --json` →
// {"alerts":[{"code","severity","orgCode","subject","since","detail"}],"counts":{"<code>":n}}
import { parseArgs } from 'node:util';
import { ALERT_SEVERITIES, SEVERITY_LABEL, type AlertSeverity } from '../../core/alerts/alerts.rules.ts';
import { openContext } from '../../server/bootstrap.ts';
import { loadConfig } from '../../server/config.ts';
import { runDueJobs } from '../../server/jobs/job-runner.ts';
import { SCHEDULED_JOBS } from '../../server/jobs/scheduled-jobs.ts';
import * as repo from '../../server/modules/alerts/alerts.repository.ts';
import { alertCatalogue, countsFor, refreshAlerts } from '../../server/modules/alerts/alerts.service.ts';
import { findOrgByCodeAnywhere } from '../../server/modules/org-system/org-system.repository.ts';
import type { CliCommands } from '../command.ts';
import { CliError, log, printJson } from '../output.ts';

async function reportAlerts(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      org: { type: 'string' },
      severity: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (!values.org) throw new CliError('请用 --org 指定组织编码');
  const severity = values.severity as AlertSeverity | undefined;
  if (severity !== undefined && !ALERT_SEVERITIES.includes(severity))
    throw new CliError('--severity 应为 red、orange 或 yellow');
  const opened = await openContext(loadConfig());
  try {
    const { ctx } = opened;
    const org = await findOrgByCodeAnywhere(ctx.db, values.org);
    if (!org) throw new CliError(`组织编码 ${values.org} 不存在`);
    // Conditions that change with the date alone are re-found once a day; do it now if no node has today.
    await runDueJobs(
      ctx,
      SCHEDULED_JOBS.filter((j) => j.name === 'alerts.refresh'),
    );
    const all: Awaited<ReturnType<typeof repo.listUnder>>['rows'] = [];
    for (let offset = 0; ; offset += 1000) {
      const page = await repo.listUnder(ctx.db, org.path, { severity }, 1000, offset);
      all.push(...page.rows);
      if (page.rows.length < 1000) break;
    }
    const counts = (await countsFor(ctx, org.id)).byCode;
    if (values.json) {
      printJson({
        alerts: all.map((a) => ({
          code: a.code,
          severity: a.severity,
          orgCode: a.org_code,
          subject: a.subject_label,
          since: a.since,
          detail: a.detail,
        })),
        counts,
      });
    } else {
      const labels = alertCatalogue();
      log(
        `预警：${org.name}（${org.code}）共 ${all.length} 条${severity ? `（${SEVERITY_LABEL[severity]}）` : ''}`,
      );
      for (const [code, n] of Object.entries(counts))
        log(`  ${(labels.get(code)?.label ?? code).padEnd(12)} ${n}`);
      for (const a of all)
        log(
          `  [${SEVERITY_LABEL[a.severity as AlertSeverity]}] ${a.org_code} ${a.subject_label} · ${a.detail}（自${a.since}）`,
        );
    }
    return 0;
  } finally {
    await opened.close();
  }
}

async function alertsRefresh(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { json: { type: 'boolean', default: false } },
    strict: true,
  });
  const opened = await openContext(loadConfig());
  try {
    const started = Date.now();
    const summary = await refreshAlerts(opened.ctx);
    if (values.json) printJson({ sources: summary, durationMs: Date.now() - started });
    else {
      for (const s of summary)
        log(
          `  ${s.source.padEnd(24)} 发现 ${s.found}，新增 ${s.opened}，关闭 ${s.closed}，更新 ${s.updated}`,
        );
      log(`预警复核完成，用时 ${Date.now() - started} 毫秒`);
    }
    return 0;
  } finally {
    await opened.close();
  }
}

async function jobsRun(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { force: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
    strict: true,
  });
  const opened = await openContext(loadConfig());
  try {
    const results = await runDueJobs(opened.ctx, SCHEDULED_JOBS, { force: values.force });
    if (values.json) printJson({ jobs: results });
    else if (results.length === 0) log('没有到期的定时任务');
    else for (const r of results) log(`  ${r.job}：${r.result ?? '其他节点正在执行，已跳过'}`);
    return 0;
  } finally {
    await opened.close();
  }
}

export const ALERT_COMMANDS: CliCommands = {
  'report alerts': {
    run: reportAlerts,
    help: 'report alerts --org CODE [--severity red|orange|yellow] [--json]：预警清单与计数',
  },
  'alerts refresh': {
    run: alertsRefresh,
    help: '重新复核全部预警来源（开启新出现的、关闭已消除的）[--json]',
  },
  'jobs run': { run: jobsRun, help: '执行到期的定时任务（--force 全部执行）[--json]' },
};
