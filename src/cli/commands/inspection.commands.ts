// 督查 commands (issue 18).
import type { CliCommands } from '../command.ts';

export const INSPECTION_COMMANDS: CliCommands = {};
