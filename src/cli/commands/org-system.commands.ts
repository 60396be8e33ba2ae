import { parseArgs } from 'node:util';
import { isIsoDate, chinaDate } from '../../core/shared/dates.ts';
import { loadConfig } from '../../server/config.ts';
import { openContext } from '../../server/bootstrap.ts';
import { findOrgByCodeAnywhere } from '../../server/modules/org-system/org-system.repository.ts';
import { structureReport, termsReport } from '../../server/modules/org-system/org-system.reports.ts';
import type { CliCommands } from '../command.ts';
import { CliError, log, printJson } from '../output.ts';

function options(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { org: { type: 'string' }, json: { type: 'boolean', default: false }, on: { type: 'string' } },
    strict: true,
  });
  if (!values.org) throw new CliError('请用 --org 指定组织编码');
  if (values.on !== undefined && !isIsoDate(values.on)) throw new CliError('--on 应为日期 YYYY-MM-DD');
  return { org: values.org, json: values.json, on: values.on };
}

/** Opens the database, resolves --org anywhere in the tree (the operator's full authority) and runs `fn`. */
async function withOrg<T>(args: string[], fn: (ctx: Awaited<ReturnType<typeof openContext>>['ctx'], org: { id: number; code: string; name: string; path: string }, on: string, json: boolean) => Promise<T>): Promise<T> {
  const o = options(args);
  const opened = await openContext(loadConfig());
  try {
    const org = await findOrgByCodeAnywhere(opened.ctx.db, o.org);
    if (!org) throw new CliError(`组织编码 ${o.org} 不存在`);
    return await fn(opened.ctx, org, o.on ?? chinaDate(opened.ctx.now()), o.json);
  } finally {
    await opened.close();
  }
}

async function reportStructure(args: string[]): Promise<number> {
  return withOrg(args, async (ctx, org, on, json) => {
    const started = Date.now();
    const findings = await structureReport(ctx.db, ctx.config.rulebook, org, on);
    log(`组织体系体检：${org.name}（${org.code}），截至 ${on}，发现 ${findings.length} 项，用时 ${Date.now() - started} 毫秒`);
    if (json) printJson({ org: org.code, findings: findings.map((f) => ({ orgCode: f.orgCode, check: f.check, detail: f.detail })) });
    else for (const f of findings) log(`  [${f.severity}] ${f.orgCode} ${f.orgName} · ${f.check}：${f.detail}`);
    return 0;
  });
}

async function reportTerms(args: string[]): Promise<number> {
  return withOrg(args, async (ctx, org, on, json) => {
    const rows = await termsReport(ctx.db, ctx.config.rulebook, org, on);
    const recorded = rows.filter((r) => r.status !== '未录入');
    const missing = rows.filter((r) => r.status === '未录入');
    log(`届期：${org.name}（${org.code}），截至 ${on}，${recorded.length} 个组织有届期记录，${missing.length} 个未录入`);
    if (json) {
      printJson({
        terms: recorded.map((r) => ({ orgCode: r.orgCode, termEnd: r.termEnd, status: r.status })),
        unrecorded: missing.map((r) => r.orgCode),
      });
    } else {
      for (const r of recorded) if (r.status !== '正常') log(`  ${r.orgCode} ${r.orgName} 第${r.number}届 届满 ${r.termEnd} ${r.status}`);
    }
    return 0;
  });
}

/** CLI commands of the org-system module (issue 3): report structure, report terms. */
export const ORG_SYSTEM_COMMANDS: CliCommands = {
  'report structure': { run: reportStructure, help: '组织体系体检：--org 编码 [--on 日期] [--json]' },
  'report terms': { run: reportTerms, help: '届期与换届提醒：--org 编码 [--on 日期] [--json]' },
};
