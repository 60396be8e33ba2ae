// `dangjian <command>`: parse → call services in-process → print (human text, or --json).
import type { CliCommands } from './command.ts';
import { auditAnchorCommand, auditCommand } from './commands/audit.command.ts';
import { backupCommand, restoreCommand } from './commands/backup.command.ts';
import { ALERT_COMMANDS } from './commands/alerts.commands.ts';
import { BENCH_COMMANDS } from './commands/bench.commands.ts';
import { COMMITMENTS_COMMANDS } from './commands/commitments.commands.ts';
import { DEVELOPMENT_COMMANDS } from './commands/development.commands.ts';
import { EVALUATION_COMMANDS } from './commands/evaluation.commands.ts';
import { migrateCommand } from './commands/migrate.command.ts';
import { ORG_LIFE_COMMANDS } from './commands/org-life.commands.ts';
import { ORG_SYSTEM_COMMANDS } from './commands/org-system.commands.ts';
import { ROSTER_COMMANDS } from './commands/roster.commands.ts';
import { RESPONSIBILITY_COMMANDS } from './commands/responsibility.commands.ts';
import { TASKS_COMMANDS } from './commands/tasks.commands.ts';
import { INSPECTION_COMMANDS } from './commands/inspection.commands.ts';
import { ASSESSMENT_COMMANDS } from './commands/assessment.commands.ts';
import { PROBLEMS_COMMANDS } from './commands/problems.commands.ts';
import { DUES_COMMANDS } from './commands/dues.commands.ts';
import { seedCommand } from './commands/seed.command.ts';
import { serveCommand, startCommand } from './commands/serve.command.ts';
import { CliError, log } from './output.ts';

const COMMANDS: CliCommands = {
  start: { run: startCommand, help: '构建（如需）、迁移、空库时生成演示县数据，然后启动服务' },
  serve: { run: serveCommand, help: '启动HTTP服务（读取 DATABASE_URL、PORT）' },
  migrate: { run: migrateCommand, help: '执行数据库迁移' },
  seed: { run: seedCommand, help: '生成演示数据（仅限空库）：seed --demo [--scale county|city|province] [--password 口令] [--json]' },
  'audit verify': { run: auditCommand, help: '校验审计日志哈希链及外部锚点 [--json]' },
  'audit anchor': { run: auditAnchorCommand, help: '把审计链当前位置的签名锚点追加到锚点文件 [--json]' },
  backup: { run: backupCommand, help: 'backup FILE：在线备份（SQLite）' },
  restore: { run: restoreCommand, help: 'restore FILE：校验后从备份恢复（SQLite，服务须停止）[--json]' },
  ...ORG_SYSTEM_COMMANDS,
  ...ROSTER_COMMANDS,
  ...ORG_LIFE_COMMANDS,
  ...DEVELOPMENT_COMMANDS,
  ...EVALUATION_COMMANDS,
  ...COMMITMENTS_COMMANDS,
  ...ALERT_COMMANDS,
  ...RESPONSIBILITY_COMMANDS,
  ...TASKS_COMMANDS,
  ...INSPECTION_COMMANDS,
  ...ASSESSMENT_COMMANDS,
  ...PROBLEMS_COMMANDS,
  ...DUES_COMMANDS,
  ...BENCH_COMMANDS,
};

function usage(): string {
  return ['用法: dangjian <command> [options]', '', ...Object.entries(COMMANDS).map(([n, c]) => `  ${n.padEnd(22)} ${c.help}`)].join('\n');
}

/** Two-word commands ('report structure') win over one-word ones. */
function resolve(argv: string[]): { name: string; rest: string[] } | null {
  const two = argv.slice(0, 2).join(' ');
  if (argv.length >= 2 && COMMANDS[two]) return { name: two, rest: argv.slice(2) };
  if (argv[0] && COMMANDS[argv[0]]) return { name: argv[0], rest: argv.slice(1) };
  return null;
}

/**
 * node:util parseArgs errors (thrown by every command's argument parsing) in Chinese, naming the
 * option or argument; null for any other error. Exit code 2 is a usage error, as in POSIX tools.
 */
export function parseArgsMessage(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS_')) return null;
  const message = error instanceof Error ? error.message : '';
  const quoted = /'([^']*)'/.exec(message)?.[1]?.replace(/\s*<value>$/, '').trim() ?? '';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `未知选项 ${quoted}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `多余的参数“${quoted}”：该命令不接受这个位置参数（选项须以 -- 开头，如 --demo）`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/does not take an argument/.test(message)) return `选项 ${quoted} 不接受取值`;
      if (/argument missing/.test(message)) return `选项 ${quoted} 缺少取值`;
      return `选项 ${quoted} 的取值不正确`;
    default:
      return `命令行参数不正确${quoted ? `：${quoted}` : ''}`;
  }
}

async function main(argv: string[]): Promise<number> {
  const first = argv[0];
  if (!first || first === '--help' || first === '-h' || first === 'help') {
    log(usage());
    return first ? 0 : 1;
  }
  const found = resolve(argv);
  if (!found) {
    // The English words stay beside the Chinese: the shared contract check reads them to tell a
    // command that is not built yet from one that is broken.
    log(`未知命令：${argv.slice(0, 2).join(' ')}（unknown command）\n\n${usage()}`);
    return 1;
  }
  if (found.rest.includes('--help') || found.rest.includes('-h')) {
    log(`用法：dangjian ${found.name}\n  ${COMMANDS[found.name]!.help}`);
    return 0;
  }
  const code = await COMMANDS[found.name]!.run(found.rest);
  return typeof code === 'number' ? code : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    // serve keeps the process alive through its listening socket.
    if (code !== -1) process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof CliError) {
      log(`错误: ${error.message}`);
      process.exitCode = error.exitCode;
    } else if (parseArgsMessage(error)) {
      const command = resolve(process.argv.slice(2))?.name;
      log(`错误：${parseArgsMessage(error)}${command ? `（用法：dangjian ${command} --help）` : ''}`);
      process.exitCode = 2;
    } else {
      log(`错误: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exitCode = 1;
    }
  },
);
