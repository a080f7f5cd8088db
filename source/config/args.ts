// Strict per-command flag parsing on node:util parseArgs; unknown flags are usage errors.
import {parseArgs, type ParseArgsConfig} from 'node:util';
import {UsageError} from '../errors.js';
import {wholeNumber} from '../domain/numbers.js';

export type Options = NonNullable<ParseArgsConfig['options']>;

/** Flags every command that talks to a cluster or agents accepts. */
export const connectionOptions = {
	brokers: {type: 'string', short: 'b'},
	// kafka-topics.sh and the other Java tools spell it so; resolveSettings takes either
	'bootstrap-server': {type: 'string'},
	lab: {type: 'boolean'},
	context: {type: 'string'},
	config: {type: 'string'},
	'command-config': {type: 'string'},
	agent: {type: 'string', multiple: true},
	community: {type: 'string'},
	'read-only': {type: 'boolean'},
	output: {type: 'string', short: 'o'},
	json: {type: 'boolean'},
} as const satisfies Options;

/**
 * The flags of a command that talks to a cluster or agents: its own plus connectionOptions, parsed
 * in one place so that -b/--brokers, --lab, --context, --read-only … mean the same on every such
 * command. A command may not redefine a connection flag (that once made `kcon reassign` reject -b).
 */
export function parseConnectionArgs<T extends Options>(argv: string[], options: T) {
	for (const name of Object.keys(options)) {
		if (Object.hasOwn(connectionOptions, name)) throw new Error(`--${name} is a connection flag; commands must not redefine it`);
	}
	return parseCommandArgs(argv, {...connectionOptions, ...options});
}

/** Flags every command accepts. --no-color takes effect through terminal-color.ts, which reads it
 *  from the whole command line before any command parses it. */
export const everyCommandOptions = {
	'no-color': {type: 'boolean'},
} as const satisfies Options;

/**
 * `-o=json` as `-ojson`: parseArgs reads a short option's inline value as everything after the
 * letter, '=' included, where kafkactl, kubectl and kcat users type `-o=json` as they would `--output=json`.
 */
function inlineShortValues(argv: string[], options: Options): string[] {
	const takesValue = new Set(Object.values(options).filter((o) => o.type === 'string' && o.short).map((o) => o.short!));
	const end = argv.indexOf('--');
	return argv.map((arg, i) => {
		if ((end !== -1 && i >= end) || !/^-[A-Za-z]=/.test(arg) || !takesValue.has(arg[1]!)) return arg;
		return `-${arg[1]}${arg.slice(3)}`;
	});
}

export function parseCommandArgs<T extends Options>(argv: string[], options: T) {
	const all = {...everyCommandOptions, ...options};
	try {
		return parseArgs({args: inlineShortValues(argv, options), options: all, allowPositionals: true, strict: true});
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		const ambiguous = /^Option '(-[^']+)' argument is ambiguous/.exec(message);
		if (ambiguous) throw new UsageError(dashValueMessage(ambiguous[1]!, argv, all));
		throw new UsageError(message.replace(/^Unknown option/, 'unknown option').split(/\.\s/)[0]!);
	}
}

/**
 * `-b --lab`: parseArgs will not take a word that looks like a flag as a value (its three-line
 * message would be printed as one line with its newlines escaped); say in one line what it saw and
 * how to give a value that starts with '-'. (`--help` and `-h` never get here: route.ts makes any
 * command line that holds one a help request.)
 */
function dashValueMessage(flag: string, argv: readonly string[], options: Options): string {
	const name = flag.startsWith('--') ? flag.slice(2) : Object.keys(options).find((key) => options[key]!.short === flag.slice(1));
	const long = name === undefined ? flag : `--${name}`;
	const at = argv.findIndex((arg) => arg === flag || arg === long);
	const next = at === -1 ? undefined : argv[at + 1];
	const seen = next === undefined ? 'a flag' : `'${next}'`;
	return `${flag} needs a value, and ${seen} looks like a flag; to give a value that starts with '-', write ${long}=${next ?? '-…'}`;
}

export function outputFormat(values: {output?: string; json?: boolean}): 'text' | 'json' {
	if (values.json) return 'json';
	const output = values.output ?? 'text';
	if (output !== 'text' && output !== 'json') {
		throw new UsageError(`--output must be text or json, not '${output}'`);
	}
	return output;
}

/** A whole-number flag in [min, max], or a usage error naming the flag. */
export function intFlag(name: string, value: string | undefined, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
	if (value === undefined) return fallback;
	return wholeNumber(value, `--${name}`, {min, max});
}
