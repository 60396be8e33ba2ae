// `dangjian <command>`: parse → call services in-process → print (human text, or --json).
import { auditCommand } from './commands/audit.command.ts';
import { backupCommand, restoreCommand } from './commands/backup.command.ts';
import { migrateCommand } from './commands/migrate.command.ts';
import { seedCommand } from './commands/seed.command.ts';
import { serveCommand, startCommand } from './commands/serve.command.ts';
import { CliError, log } from './output.ts';

type Command = (args: string[]) => Promise<number | void>;

const COMMANDS: Record<string, { run: Command; help: string }> = {
  start: { run: startCommand, help: '构建（如需）、迁移、空库时生成演示县数据，然后启动服务' },
  serve: { run: serveCommand, help: '启动HTTP服务（读取 DATABASE_URL、PORT）' },
  migrate: { run: migrateCommand, help: '执行数据库迁移' },
  seed: { run: seedCommand, help: 'seed --demo [--scale county|city|province] [--password P] [--json]' },
  audit: { run: auditCommand, help: 'audit verify [--json]：校验审计日志哈希链' },
  backup: { run: backupCommand, help: 'backup FILE：在线备份（SQLite）' },
  restore: { run: restoreCommand, help: 'restore FILE：从备份恢复（SQLite，服务须停止）' },
};

function usage(): string {
  return ['用法: dangjian <command> [options]', '', ...Object.entries(COMMANDS).map(([n, c]) => `  ${n.padEnd(10)} ${c.help}`)].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    log(usage());
    return name ? 0 : 1;
  }
  const command = COMMANDS[name];
  if (!command) {
    log(`unknown command: ${name}\n\n${usage()}`);
    return 1;
  }
  const code = await command.run(rest);
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
    } else if (error instanceof TypeError && (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      log(`unknown argument: ${error.message}`);
      process.exitCode = 1;
    } else {
      log(`错误: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exitCode = 1;
    }
  },
);
