// 党建责任制 commands (issue 18).
import type { CliCommands } from '../command.ts';

export const RESPONSIBILITY_COMMANDS: CliCommands = {};
