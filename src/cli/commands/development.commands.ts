import type { CliCommands } from '../command.ts';

/** CLI commands of the development module (issue 6): audit development. */
export const DEVELOPMENT_COMMANDS: CliCommands = {};
