// 考核 commands (issue 18).
import type { CliCommands } from '../command.ts';

export const ASSESSMENT_COMMANDS: CliCommands = {};
