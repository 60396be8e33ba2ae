/** A CLI command: receives the arguments after its name; returns the exit code. */
export type CommandFn = (args: string[]) => Promise<number | void>;

/** Commands keyed by their full name, e.g. 'report structure' or 'serve', with a one-line help. */
export type CliCommands = Record<string, { run: CommandFn; help: string }>;
