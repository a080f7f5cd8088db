// Shell completion scripts rendered from the command specs: command words, subcommands (and the
// words a first argument may be), and each command's flags plus the connection flags. One candidate
// function in the syntax bash and zsh share; each shell gets a small wrapper that finds the command
// and subcommand typed so far.
import type {CommandSpec, FlagSpec} from './command-spec.js';
import {connectionFlags} from './connection-spec.js';

export type Shell = 'bash' | 'zsh';

const flagWords = (flags: readonly FlagSpec[]) => flags.flatMap((f) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])]);

/** A word list as one single-quoted shell word (spec text has no quotes; any would be escaped). */
const quoted = (words: readonly string[]) => `'${[...new Set(words)].join(' ').replace(/'/g, `'\\''`)}'`;

/** The flags that take a value everywhere they appear: their value is not a command word. */
function valueFlags(specs: readonly CommandSpec[]): string[] {
	const all = [...connectionFlags, ...specs.flatMap((s) => s.flags)];
	const boolean = new Set(all.filter((f) => f.type === 'boolean').map((f) => f.name));
	const names = all.filter((f) => f.type === 'string' && !boolean.has(f.name));
	return [...new Set(flagWords(names))];
}

function candidates(specs: readonly CommandSpec[]): string {
	const words = [...new Set(specs.map((s) => s.name.split(' ')[0]!))];
	const lines: string[] = [];
	lines.push('_kcon_candidates() {', '  local cmd="$1" sub="$2" cur="$3"', '  case "$cur" in', '  -*)', '    case "$cmd $sub" in');
	// two-word specs first, so that `reassign execute` wins over a one-word `reassign`
	const ordered = [...specs].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length);
	for (const spec of ordered) {
		const flags = [...flagWords(spec.flags), ...(spec.connection ? flagWords(connectionFlags) : []), '--help', '-h'];
		const pattern = spec.name.includes(' ') ? `'${spec.name}'` : `'${spec.name} '*`;
		lines.push(`    ${pattern}) echo ${quoted(flags)} ;;`);
	}
	lines.push(`    *) echo ${quoted([...flagWords(connectionFlags), '--help', '-h', '--version'])} ;;`, '    esac ;;', '  *)');
	lines.push('    if [ -z "$cmd" ]; then', `      echo ${quoted(words)}`, '      return', '    fi', '    [ -n "$sub" ] && return', '    case "$cmd" in');
	lines.push(`    help) echo ${quoted(words)} ;;`);
	for (const word of words) {
		const subs = specs.filter((s) => s.name.startsWith(`${word} `)).map((s) => s.name.split(' ')[1]!);
		const args = specs.filter((s) => s.name === word).flatMap((s) => s.arguments ?? []);
		if (subs.length + args.length) lines.push(`    ${word}) echo ${quoted([...subs, ...args])} ;;`);
	}
	lines.push('    esac ;;', '  esac', '}');
	return lines.join('\n');
}

export function completionScript(shell: Shell, specs: readonly CommandSpec[]): string {
	const skip = valueFlags(specs).join('|');
	// the words before the cursor: the first two that are neither flags nor a flag's value
	const scan = (first: string, last: string, word: (i: string) => string) => [
		'  local cmd="" sub="" i w prev=""',
		`  for ((i = ${first}; i < ${last}; i++)); do`,
		`    w=${word('i')}`,
		'    case "$prev" in',
		`    ${skip}) prev=""; continue ;;`,
		'    esac',
		'    prev="$w"',
		'    case "$w" in',
		'    -*) continue ;;',
		'    esac',
		'    if [ -z "$cmd" ]; then cmd="$w"; elif [ -z "$sub" ]; then sub="$w"; fi',
		'  done',
	];
	if (shell === 'bash') {
		return [
			'# kcon completion for bash: source <(kcon completion bash), or save it in',
			'# ~/.local/share/bash-completion/completions/kcon',
			candidates(specs),
			'_kcon() {',
			...scan('1', 'COMP_CWORD', (i) => `"\${COMP_WORDS[${i}]}"`),
			'  local cur="${COMP_WORDS[COMP_CWORD]}"',
			'  COMPREPLY=($(compgen -W "$(_kcon_candidates "$cmd" "$sub" "$cur")" -- "$cur"))',
			'}',
			'complete -F _kcon kcon',
			'',
		].join('\n');
	}
	return [
		'#compdef kcon',
		'# kcon completion for zsh: source <(kcon completion zsh), or save it as _kcon in a directory of $fpath',
		candidates(specs),
		'_kcon() {',
		...scan('2', 'CURRENT', (i) => `"\${words[${i}]}"`),
		'  local cur="${words[CURRENT]}"',
		'  local -a list',
		'  list=(${=$(_kcon_candidates "$cmd" "$sub" "$cur")})',
		'  compadd -- $list',
		'}',
		'compdef _kcon kcon',
		'',
	].join('\n');
}
