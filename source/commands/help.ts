// `kcon help [CMD [SUB]]`, and what `kcon CMD [SUB] --help|-h` runs: help rendered from the specs.
import type {CommandSpec} from './command-spec.js';
import type {CommandContext, CommandTable} from './context.js';
import {UsageError} from '../errors.js';
import {writeOut} from '../terminal-out.js';
import {findSpec, renderCommandHelp, renderGroupHelp, renderTopHelp, specsUnder} from './help-render.js';
import {loadSpecs} from './load-specs.js';

export const specs: readonly CommandSpec[] = [
	{
		name: 'help',
		summary: "one command's usage, flags with defaults and examples; without CMD, every command",
		usage: '[CMD [SUB]]',
		flags: [],
		connection: false,
		write: false,
		examples: ['kcon help tail', 'kcon help reassign execute', 'kcon describe --help'],
	},
];

/** The help text for `words` (`['reassign', 'generate']`; none: the top-level help). */
export async function helpText(table: CommandTable, words: readonly string[]): Promise<string> {
	const all = await loadSpecs(table);
	if (words.length === 0) return renderTopHelp(all);
	const spec = findSpec(all, words);
	if (spec) return renderCommandHelp(spec);
	const group = specsUnder(all, words[0]!);
	if (group.length) return renderGroupHelp(words[0]!, group);
	throw new UsageError(`no command '${words.join(' ')}'; see 'kcon --help'`);
}

export async function run(ctx: CommandContext): Promise<number> {
	const words = ctx.argv.filter((a) => a !== '--help' && a !== '-h');
	const flag = words.find((w) => w.startsWith('-'));
	if (flag) throw new UsageError(`unknown option '${flag}'; usage: kcon help [CMD [SUB]]`);
	if (!ctx.commands) throw new Error('help needs the command table');
	writeOut(await helpText(ctx.commands, words));
	return 0;
}
