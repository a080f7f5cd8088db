// What every command receives from the entry point (cli.ts); its own module so that the command
// table (registry.ts) and the commands it loads do not import each other.

export interface CommandContext {
	/** arguments after the command name, flags included, exactly as typed */
	argv: string[];
	/** aborted when a signal asks kcon to stop (source/stop.ts): stop, disconnect, restore the terminal */
	signal?: AbortSignal;
}

export type CommandRun = (ctx: CommandContext) => Promise<number | void>;
