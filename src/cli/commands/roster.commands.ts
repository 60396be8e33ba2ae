import type { CliCommands } from '../command.ts';

/** CLI commands of the roster module (issue 4): import template, import members. */
export const ROSTER_COMMANDS: CliCommands = {};
