import type { CliCommands } from '../command.ts';

/** CLI commands of the bench module (issue 9): bench. */
export const BENCH_COMMANDS: CliCommands = {};
