// 工作任务 commands (issue 18).
import type { CliCommands } from '../command.ts';

export const TASKS_COMMANDS: CliCommands = {};
