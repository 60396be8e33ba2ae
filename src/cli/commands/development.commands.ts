import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parseArgs } from 'node:util';
import { chinaDate, isIsoDate } from '../../core/shared/dates.ts';
import { openContext } from '../../server/bootstrap.ts';
import { loadConfig } from '../../server/config.ts';
import { orgByCodeAnywhere } from '../../server/modules/development/development.repository.ts';
import { auditSubtree } from '../../server/modules/development/development.service.ts';
import { runDevelopmentImport } from '../../server/modules/development/development.import.ts';
import {
  buildDevelopmentTemplate,
  DEV_IMPORT_LIMITS,
  ImportFileError,
} from '../../server/modules/development/development.import-xlsx.ts';
import type { CliCommands } from '../command.ts';
import { interruptOrphanedImports } from '../../server/modules/roster/roster.import.ts';
import { importFileFailure } from './roster.commands.ts';
import { CliError, log, printJson } from '../output.ts';

/** `dangjian audit development --org CODE [--on DATE] [--json]`: the 自查自纠 of a subtree. */
async function auditDevelopment(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { org: { type: 'string' }, json: { type: 'boolean', default: false }, on: { type: 'string' } },
    strict: true,
  });
  if (!values.org) throw new CliError('请用 --org 指定组织编码');
  if (values.on !== undefined && !isIsoDate(values.on)) throw new CliError('--on 应为日期 YYYY-MM-DD');
  const opened = await openContext(loadConfig());
  try {
    const org = await orgByCodeAnywhere(opened.ctx.db, values.org);
    if (!org) throw new CliError(`组织编码 ${values.org} 不存在`);
    const on = values.on ?? chinaDate(opened.ctx.now());
    const started = Date.now();
    const report = await auditSubtree(opened.ctx, org.path, on);
    log(
      `发展党员自查自纠：${org.name}（${org.code}），截至 ${on}，${report.candidates} 名发展对象，违规 ${report.violations.length} 项，即将到期 ${report.upcoming.length} 项，用时 ${Date.now() - started} 毫秒`,
    );
    if (values.json) {
      printJson({
        violations: report.violations.map((v) => ({
          candidate: v.candidate,
          step: v.step,
          code: v.code,
          detail: v.detail,
        })),
        upcoming: report.upcoming.map((u) => ({ candidate: u.candidate, due: u.due, what: u.what })),
      });
    } else {
      for (const v of report.violations)
        log(`  ${v.orgName} ${v.candidate} 第${v.step}步 [${v.code}] ${v.detail}`);
      for (const u of report.upcoming) log(`  ${u.due} ${u.orgName} ${u.candidate}：${u.what}`);
    }
    return 0;
  } finally {
    await opened.close();
  }
}

async function importTemplate(args: string[]): Promise<number> {
  const { positionals } = parseArgs({ args, options: {}, allowPositionals: true, strict: true });
  const out = positionals[0];
  if (!out) throw new CliError('用法：dangjian import development-template OUT.xlsx');
  if (extname(out).toLowerCase() !== '.xlsx') throw new CliError('模板文件名须以.xlsx结尾');
  writeFileSync(out, await buildDevelopmentTemplate());
  log(`已生成发展党员导入模板：${out}`);
  return 0;
}

/** `dangjian import development FILE.xlsx [--dry-run] [--allow-partial] [--json]`: exit 0 clean, 2 row errors, 1 file error. */
async function importDevelopment(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      'dry-run': { type: 'boolean', default: false },
      'allow-partial': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  const file = positionals[0];
  if (!file)
    throw new CliError('用法：dangjian import development FILE.xlsx [--dry-run] [--allow-partial] [--json]');
  const json = values.json;
  if (extname(file).toLowerCase() !== '.xlsx')
    throw importFileFailure(json, 'NOT_XLSX', '只支持.xlsx格式的Excel工作簿');
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw importFileFailure(json, 'FILE_NOT_FOUND', `找不到文件：${file}`);
  }
  if (size > DEV_IMPORT_LIMITS.maxFileBytes)
    throw importFileFailure(
      json,
      'FILE_TOO_LARGE',
      `文件超过${DEV_IMPORT_LIMITS.maxFileBytes / 1024 / 1024}MB上限`,
    );
  const buffer = readFileSync(file);
  const opened = await openContext(loadConfig());
  try {
    // Import jobs left running by a process that stopped are marked interrupted first.
    for (const j of await interruptOrphanedImports(opened.ctx))
      log(`导入任务 #${j.id} 因进程中止而中断，已标记为“已中断”`);
    log(values['dry-run'] ? '正在校验发展党员信息……' : '正在导入发展党员信息……');
    // The CLI acts with the operator's full authority: scope = the whole tree.
    const outcome = await runDevelopmentImport(opened.ctx, {
      buffer,
      scopePath: '/',
      actor: { userId: null, username: 'cli' },
      dryRun: values['dry-run'],
      allowPartial: values['allow-partial'],
      fileName: basename(file),
    });
    const { report } = outcome;
    if (outcome.errorWorkbook) {
      const errFile = file.replace(/\.xlsx$/i, '') + '.错误标注.xlsx';
      writeFileSync(errFile, outcome.errorWorkbook);
      log(`已生成错误标注工作簿：${errFile}`);
    }
    for (const f of outcome.findings.slice(0, 200))
      log(
        `  历史记录（已接受，列入自查自纠）：第${f.row}行 ${f.candidate} 第${f.step}步 [${f.code}] ${f.detail}`,
      );
    if (values.json)
      printJson({
        total: report.total,
        valid: report.valid,
        imported: report.imported,
        errors: report.errors,
      });
    else {
      for (const e of report.errors.slice(0, 200)) log(`  ${e.message}（${e.column}，${e.code}）`);
      if (report.errors.length > 200) log(`  ……共${report.errors.length}条错误`);
      log(
        `共${report.total}行，有效${report.valid}行，导入${report.imported}行，错误${report.errors.length}条，历史记录中的违规${outcome.findings.length}项`,
      );
      if (!values['dry-run'] && report.errors.length > 0 && !values['allow-partial'])
        log(
          '存在错误，按“全部成功才导入”的规则未写入任何数据；可修正后重试，或使用 --allow-partial 仅导入有效行',
        );
    }
    return report.errors.length > 0 ? 2 : 0;
  } catch (e) {
    if (e instanceof ImportFileError) throw importFileFailure(json, e.code, e.message);
    throw e;
  } finally {
    await opened.close();
  }
}

/** CLI commands of the development module (issue 6): audit development, import development(-template). */
export const DEVELOPMENT_COMMANDS: CliCommands = {
  'audit development': {
    run: auditDevelopment,
    help: '发展党员自查自纠：--org 组织编码 [--on 日期] [--json]',
  },
  'import development-template': { run: importTemplate, help: '生成发展党员（在途流程）导入模板（.xlsx）' },
  'import development': {
    run: importDevelopment,
    help: '导入在途的发展党员流程：import development FILE.xlsx [--dry-run] [--allow-partial] [--json]',
  },
};
