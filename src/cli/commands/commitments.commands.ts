import type { CliCommands } from '../command.ts';

/** CLI commands of the commitments module (issue 8): report commitments. */
export const COMMITMENTS_COMMANDS: CliCommands = {};
