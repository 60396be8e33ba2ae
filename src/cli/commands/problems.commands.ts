// 问题清单 commands (issue 18).
import type { CliCommands } from '../command.ts';

export const PROBLEMS_COMMANDS: CliCommands = {};
