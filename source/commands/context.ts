// What every command receives from the entry point (cli.ts); its own module so that the command
// table (registry.ts) and the commands it loads do not import each other.

import type {CommandSpec} from './command-spec.js';

export interface CommandContext {
	/** arguments after the command name, flags included, exactly as typed */
	argv: string[];
	/** aborted when a signal asks kcon to stop (source/stop.ts): stop, disconnect, restore the terminal */
	signal?: AbortSignal;
	/** the command table, for the commands about commands (help, completion): they render every spec */
	commands?: CommandTable;
}

export type CommandRun = (ctx: CommandContext) => Promise<number | void>;

/** What a command module exports: how to run it and what it is, as data (its usage, flags, examples). */
export interface CommandModule {
	run: CommandRun;
	specs: readonly CommandSpec[];
}

/** Command word → its module, loaded on demand. */
export type CommandTable = Record<string, () => Promise<CommandModule>>;
