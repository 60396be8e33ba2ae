import type { CliCommands } from '../command.ts';

/** CLI commands of the org-life module (issue 5): report compliance. */
export const ORG_LIFE_COMMANDS: CliCommands = {};
