// `kcon completion bash|zsh`: a completion script for the shell, rendered from every command's spec.
import type {CommandSpec} from './command-spec.js';
import type {CommandContext} from './context.js';
import {parseCommandArgs} from '../config/args.js';
import {UsageError} from '../errors.js';
import {writeOut} from '../terminal-out.js';
import {completionScript} from './completion-script.js';
import {loadSpecs} from './load-specs.js';

export const specs: readonly CommandSpec[] = [
	{
		name: 'completion',
		summary: 'a shell completion script: commands, subcommands and flags',
		usage: 'bash|zsh',
		flags: [],
		connection: false,
		write: false,
		arguments: ['bash', 'zsh'],
		examples: ['source <(kcon completion bash)', 'kcon completion zsh > "${fpath[1]}/_kcon"'],
	},
];

export async function run(ctx: CommandContext): Promise<number> {
	const {positionals} = parseCommandArgs(ctx.argv, {});
	const [shell, ...rest] = positionals;
	if (shell !== 'bash' && shell !== 'zsh') throw new UsageError(`usage: kcon completion bash|zsh${shell ? ` (not '${shell}')` : ''}`);
	if (rest.length) throw new UsageError(`unexpected argument '${rest[0]}'`);
	if (!ctx.commands) throw new Error('completion needs the command table');
	writeOut(completionScript(shell, await loadSpecs(ctx.commands)));
	return 0;
}
