// Subcommands, loaded lazily so `kcon describe` never parses Ink or React.

export interface CommandContext {
	/** arguments after the command name, flags included, exactly as typed */
	argv: string[];
	/** aborted when a signal asks kcon to stop (source/stop.ts): stop, disconnect, restore the terminal */
	signal?: AbortSignal;
}

export type CommandRun = (ctx: CommandContext) => Promise<number | void>;

export const commands: Record<string, () => Promise<{run: CommandRun}>> = {
	lab: () => import('./lab.js'),
	start: () => import('./start.js'),
	describe: () => import('./describe.js'),
	console: () => import('./console.js'),
	tail: () => import('./tail.js'),
	broker: () => import('./broker.js'),
	reassign: () => import('./reassign.js'),
	elect: () => import('./elect.js'),
};

/** Commands that watch ctx.signal and clean up on a stop signal (disconnect, restore the terminal);
 * the others are ended at once by it (source/stop.ts). */
export const stoppable = new Set(['console', 'start', 'tail', 'reassign']);
