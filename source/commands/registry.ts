// Subcommands, loaded lazily so `kcon describe` never parses Ink or React.

import type {CommandRun} from './context.js';

export type {CommandContext, CommandRun} from './context.js';

export const commands: Record<string, () => Promise<{run: CommandRun}>> = {
	lab: () => import('./lab.js'),
	start: () => import('./start.js'),
	describe: () => import('./describe.js'),
	console: () => import('./console.js'),
	tail: () => import('./tail.js'),
	broker: () => import('./broker.js'),
	reassign: () => import('./reassign.js'),
	elect: () => import('./elect.js'),
	topic: () => import('./topic.js'),
	// temporary: `config` dispatches to contexts and to config-resources once commands/config.ts lands
	config: () => import('./config-resources.js'),
};

/** Commands that watch ctx.signal and clean up on a stop signal (disconnect, restore the terminal);
 * the others are ended at once by it (source/stop.ts). */
export const stoppable = new Set(['console', 'start', 'tail', 'reassign']);
