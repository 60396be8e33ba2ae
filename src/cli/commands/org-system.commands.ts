import type { CliCommands } from '../command.ts';

/** CLI commands of the org-system module (issue 3): report structure, report terms. */
export const ORG_SYSTEM_COMMANDS: CliCommands = {};
