import type { CliCommands } from '../command.ts';

/** CLI commands of the evaluation module (issue 7): report evaluation. */
export const EVALUATION_COMMANDS: CliCommands = {};
