// Subcommands, loaded lazily so `kcon describe` never parses Ink or React. Every module exports
// `run` and `specs` (what it is, as data): help, completion and the readme reference render every
// entry here, so a new command is one line in this table.

import type {CommandTable} from './context.js';

export type {CommandContext, CommandRun, CommandModule, CommandTable} from './context.js';

export const commands: CommandTable = {
	console: () => import('./console.js'),
	describe: () => import('./describe.js'),
	tail: () => import('./tail.js'),
	broker: () => import('./broker.js'),
	reassign: () => import('./reassign.js'),
	elect: () => import('./elect.js'),
	group: () => import('./group.js'),
	produce: () => import('./produce.js'),
	topic: () => import('./topic.js'),
	config: () => import('./config.js'),
	lab: () => import('./lab.js'),
	start: () => import('./start.js'),
	help: () => import('./help.js'),
	completion: () => import('./completion.js'),
};

/** Commands that watch ctx.signal and clean up on a stop signal (disconnect, restore the terminal);
 * the others are ended at once by it (source/stop.ts). */
export const stoppable = new Set(['console', 'start', 'tail', 'reassign']);
