// `kcon config SUB`: the contexts of the config file (get-contexts, current-context, use-context:
// contexts.ts), or the configs of topics and brokers (describe, alter: config-resources.ts). The
// subcommand is the first argument; both modules receive the whole argv.
import type {CommandContext} from './context.js';
import {UsageError} from '../errors.js';
import * as contexts from './contexts.js';
import * as resources from './config-resources.js';

export const specs = [...contexts.specs, ...resources.specs];

const resourceSubcommands = resources.specs.map((s) => s.name.split(' ')[1] ?? '').filter(Boolean);

export async function run(ctx: CommandContext): Promise<number | void> {
	const sub = ctx.argv[0];
	if ((contexts.subcommands as readonly string[]).includes(sub ?? '')) return contexts.run(ctx);
	if (sub !== undefined && resourceSubcommands.includes(sub)) return resources.run(ctx);
	const known = [...contexts.subcommands, ...resourceSubcommands].join('|');
	throw new UsageError(sub === undefined ? `usage: kcon config ${known}` : `unknown config command '${sub}'; usage: kcon config ${known}`);
}
