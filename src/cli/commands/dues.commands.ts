// 党费 commands (issue 19). Contracts:
// `dangjian dues calc --category C [--base YUAN] [--on DATE] --json` → {"monthlyFen":N,"monthly":"0.00"}
// `dangjian report dues --org CODE --year Y [--month M] --json` →
// {"rows":[{"orgCode","members","dueFen","paidFen","paidOnTime"}],"arrears":[{"memberId","name","consecutiveUnpaid","flagSelfLapse"}]}
// `dangjian dues generate --org CODE --month YYYY-MM`: the month's ledger for the subtree.
import { parseArgs } from 'node:util';
import { isMonth } from '../../core/dues/ledger.rules.ts';
import {
  DUES_CATEGORIES,
  fenToYuan,
  isDuesCategory,
  isFixedCategory,
  MAX_BASE_FEN,
  monthlyDueFen,
  yuanToFen,
} from '../../core/dues/rates.ts';
import { chinaDate, isIsoDate } from '../../core/shared/dates.ts';
import { openContext } from '../../server/bootstrap.ts';
import { loadConfig } from '../../server/config.ts';
import { systemContext } from '../../server/context.ts';
import { ratesOf } from '../../server/modules/dues/dues-common.ts';
import { generateLedgerFor } from '../../server/modules/dues/dues-ledger.service.ts';
import { buildReport } from '../../server/modules/dues/dues-report.service.ts';
import type { CliCommands } from '../command.ts';
import { CliError, log, printJson } from '../output.ts';

async function duesCalc(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      category: { type: 'string' },
      base: { type: 'string' },
      on: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const category = values.category ?? '';
  if (!isDuesCategory(category)) throw new CliError(`--category 应为：${DUES_CATEGORIES.join('|')}`);
  const on = values.on ?? chinaDate(new Date());
  if (!isIsoDate(on)) throw new CliError('--on 应为日期，如 2026-11-23');
  let baseFen: number | null = null;
  if (!isFixedCategory(category)) {
    if (values.base === undefined) throw new CliError('该类别须用 --base 指定月缴费基数（元）');
    baseFen = yuanToFen(values.base);
    if (baseFen === null)
      throw new CliError(
        values.base.trim().startsWith('-') ? '--base 不能为负数' : '--base 应为金额（元，最多两位小数）',
      );
    if (baseFen > MAX_BASE_FEN) throw new CliError(`--base 超过${MAX_BASE_FEN / 100}元，请核对`);
  }
  // Rates (with a province override) come from the rulebook in the configuration; no database.
  const config = loadConfig();
  const monthlyFen = monthlyDueFen(ratesOf(config.rulebook, on.slice(0, 7)), category, baseFen);
  if (values.json) printJson({ monthlyFen, monthly: fenToYuan(monthlyFen) });
  else log(`每月应缴党费 ${fenToYuan(monthlyFen)} 元`);
  return 0;
}

async function reportDues(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      org: { type: 'string' },
      year: { type: 'string' },
      month: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (!values.org) throw new CliError('请用 --org 指定组织编码');
  const year = values.year === undefined ? Number(chinaDate(new Date()).slice(0, 4)) : Number(values.year);
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw new CliError('--year 应为四位年度，如 2026');
  const month = values.month === undefined ? undefined : Number(values.month);
  if (month !== undefined && (!Number.isInteger(month) || month < 1 || month > 12))
    throw new CliError('--month 应为1至12');
  const opened = await openContext(loadConfig());
  try {
    const org = await opened.ctx.db
      .selectFrom('orgs')
      .select(['id', 'code', 'name', 'path'])
      .where('code', '=', values.org)
      .executeTakeFirst();
    if (!org) throw new CliError(`组织编码 ${values.org} 不存在`);
    const r = await buildReport(opened.ctx, org, year, month);
    if (values.json) {
      printJson({
        rows: r.rows.map((x) => ({
          orgCode: x.orgCode,
          members: x.members,
          dueFen: x.dueFen,
          paidFen: x.paidFen,
          paidOnTime: x.paidOnTime,
        })),
        arrears: r.arrears.map((a) => ({
          memberId: a.memberId,
          name: a.name,
          consecutiveUnpaid: a.consecutiveUnpaid,
          flagSelfLapse: a.flagSelfLapse,
        })),
      });
      return 0;
    }
    log(`${org.name}（${org.code}）${year}年${month ? `${month}月` : ''}党费收缴情况`);
    for (const x of r.rows)
      log(
        `  ${x.orgName}（${x.orgCode}）  党员${x.members}名  应缴${fenToYuan(x.dueFen)}元  实缴${fenToYuan(x.paidFen)}元  按时缴纳${x.paidOnTime}人次`,
      );
    log(`欠缴党费（截至${r.arrearsAsOf}）：${r.arrears.length}人`);
    for (const a of r.arrears)
      log(
        `  ${a.name}（${a.orgName}）连续${a.consecutiveUnpaid}个月未缴${a.flagSelfLapse ? '，已满自行脱党情形' : ''}`,
      );
    return 0;
  } finally {
    await opened.close();
  }
}

async function duesGenerate(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      org: { type: 'string' },
      month: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (!values.org) throw new CliError('请用 --org 指定组织编码');
  const month = values.month ?? chinaDate(new Date()).slice(0, 7);
  if (!isMonth(month)) throw new CliError('--month 格式应为 YYYY-MM');
  const opened = await openContext(loadConfig());
  try {
    const org = await opened.ctx.db
      .selectFrom('orgs')
      .select(['id', 'path', 'name'])
      .where('code', '=', values.org)
      .executeTakeFirst();
    if (!org) throw new CliError(`组织编码 ${values.org} 不存在`);
    const started = Date.now();
    const r = await generateLedgerFor(
      opened.ctx,
      systemContext('cli', 'dues generate', null, 'cli'),
      org,
      month,
    );
    if (values.json) printJson(r);
    else
      log(
        `${org.name}${month}党费台账：新增${r.created}条，更新${r.updated}条，未变${r.unchanged}条，缺少缴费基数${r.withoutBase.length}人，用时${Date.now() - started}毫秒`,
      );
    return 0;
  } finally {
    await opened.close();
  }
}

export const DUES_COMMANDS: CliCommands = {
  'dues calc': {
    run: duesCalc,
    help: 'dues calc --category in_service|retired|farmer|student|unemployed|relief|no_income [--base 元] [--on 日期] [--json]：按规则计算每月应缴党费',
  },
  'dues generate': {
    run: duesGenerate,
    help: 'dues generate --org CODE [--month YYYY-MM] [--json]：生成某月党费台账（可重复执行）',
  },
  'report dues': {
    run: reportDues,
    help: 'report dues --org CODE --year Y [--month M] [--json]：下级组织党费应缴、实缴、按时缴纳和欠缴名单',
  },
};
