import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parseArgs } from 'node:util';
import { openContext } from '../../server/bootstrap.ts';
import { loadConfig } from '../../server/config.ts';
import { interruptOrphanedImports, runImport, type ImportProgress } from '../../server/modules/roster/roster.import.ts';
import { buildTemplate, IMPORT_LIMITS, ImportFileError } from '../../server/modules/roster/roster.xlsx.ts';
import type { CliCommands } from '../command.ts';
import { CliError, log, printJson, progressBar } from '../output.ts';

const PHASES: Record<ImportProgress['phase'], string> = { reading: '读取', validating: '校验', writing: '写入', done: '完成', failed: '失败' };

/**
 * A problem with the import file as a whole: with --json, stdout gets the API's error document
 * ({"error":{"code","message","fields":{"file"}}}); the message goes to stderr; exit 1.
 */
export function importFileFailure(json: boolean, code: string, message: string): CliError {
  if (json) printJson({ error: { code, message, fields: { file: message } } });
  return new CliError(message, 1);
}

async function importTemplate(args: string[]): Promise<number> {
  const { positionals } = parseArgs({ args, options: {}, allowPositionals: true, strict: true });
  const out = positionals[0];
  if (!out) throw new CliError('用法：dangjian import template OUT.xlsx');
  if (extname(out).toLowerCase() !== '.xlsx') throw new CliError('模板文件名须以.xlsx结尾');
  writeFileSync(out, await buildTemplate());
  log(`已生成党员信息导入模板：${out}`);
  return 0;
}

async function importMembers(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { 'dry-run': { type: 'boolean', default: false }, 'allow-partial': { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
    allowPositionals: true,
    strict: true,
  });
  const file = positionals[0];
  if (!file) throw new CliError('用法：dangjian import members FILE.xlsx [--dry-run] [--allow-partial] [--json]');
  const json = values.json;
  if (extname(file).toLowerCase() !== '.xlsx') throw importFileFailure(json, 'NOT_XLSX', '只支持.xlsx格式的Excel工作簿');
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw importFileFailure(json, 'FILE_NOT_FOUND', `找不到文件：${file}`);
  }
  if (size > IMPORT_LIMITS.maxFileBytes) throw importFileFailure(json, 'FILE_TOO_LARGE', `文件超过${IMPORT_LIMITS.maxFileBytes / 1024 / 1024}MB上限`);
  const buffer = readFileSync(file);
  const opened = await openContext(loadConfig());
  const bar = progressBar(values['dry-run'] ? '校验党员信息' : '导入党员信息');
  try {
    // Jobs left running by a process that stopped (a crash, a restart) are marked interrupted first.
    for (const j of await interruptOrphanedImports(opened.ctx)) log(`导入任务 #${j.id} 因进程中止而中断，已标记为“已中断”`);
    // The CLI acts with the operator's full authority: scope = the whole tree.
    const outcome = await runImport(opened.ctx, {
      buffer, scopePath: '/', actor: { userId: null, username: 'cli' }, dryRun: values['dry-run'], allowPartial: values['allow-partial'],
      fileName: basename(file), onProgress: (p) => bar.update(p.done, Math.max(p.total, p.done), PHASES[p.phase]),
    });
    bar.stop();
    const { report } = outcome;
    if (outcome.errorWorkbook) {
      const errFile = file.replace(/\.xlsx$/i, '') + '.错误标注.xlsx';
      writeFileSync(errFile, outcome.errorWorkbook);
      log(`已生成错误标注工作簿：${errFile}`);
    }
    if (values.json) printJson({ total: report.total, valid: report.valid, imported: report.imported, errors: report.errors });
    else {
      for (const e of report.errors.slice(0, 200)) log(`  ${e.message}（${e.column}，${e.code}）`);
      if (report.errors.length > 200) log(`  ……共${report.errors.length}条错误`);
      log(`共${report.total}行，有效${report.valid}行，导入${report.imported}行，错误${report.errors.length}条`);
      if (!values['dry-run'] && report.errors.length > 0 && !values['allow-partial']) log('存在错误，按“全部成功才导入”的规则未写入任何数据；可修正后重试，或使用 --allow-partial 仅导入有效行');
    }
    return report.errors.length > 0 ? 2 : 0;
  } catch (e) {
    bar.stop();
    if (e instanceof ImportFileError) throw importFileFailure(json, e.code, e.message);
    throw e;
  } finally {
    await opened.close();
  }
}

/** CLI commands of the roster module (issue 4): import template, import members. */
export const ROSTER_COMMANDS: CliCommands = {
  'import template': { run: importTemplate, help: '生成党员信息导入模板（.xlsx）' },
  'import members': { run: importMembers, help: '导入党员信息：import members FILE.xlsx [--dry-run] [--allow-partial] [--json]' },
};
