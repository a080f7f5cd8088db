// `kcon config SUB`: the contexts of the config file (get-contexts, current-context, use-context:
// contexts.ts), or the configs of topics and brokers (describe, alter) when the command table has
// their module under 'config-resources'. The subcommand is the first argument.
import type {CommandContext} from './context.js';
import {UsageError} from '../errors.js';
import * as contexts from './contexts.js';

export const specs = contexts.specs;

export async function run(ctx: CommandContext): Promise<number | void> {
	const sub = ctx.argv[0];
	if ((contexts.subcommands as readonly string[]).includes(sub ?? '')) return contexts.run(ctx);
	const resources = ctx.commands?.['config-resources'];
	const module = resources ? await resources() : undefined;
	const theirs = module?.specs.map((s) => s.name.split(' ')[1] ?? '').filter(Boolean) ?? [];
	if (module && sub !== undefined && theirs.includes(sub)) return module.run(ctx);
	const known = [...contexts.subcommands, ...theirs].join('|');
	throw new UsageError(sub === undefined ? `usage: kcon config ${known}` : `unknown config command '${sub}'; usage: kcon config ${known}`);
}
