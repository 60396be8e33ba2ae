// 党费 commands (issue 19).
import type { CliCommands } from '../command.ts';

export const DUES_COMMANDS: CliCommands = {};
