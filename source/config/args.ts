// Strict per-command flag parsing on node:util parseArgs; unknown flags are usage errors.
import {parseArgs, type ParseArgsConfig} from 'node:util';
import {UsageError} from '../errors.js';

export type Options = NonNullable<ParseArgsConfig['options']>;

/** Flags every command that talks to a cluster or agents accepts. */
export const connectionOptions = {
	brokers: {type: 'string', short: 'b'},
	lab: {type: 'boolean'},
	context: {type: 'string'},
	config: {type: 'string'},
	agent: {type: 'string', multiple: true},
	community: {type: 'string'},
	'read-only': {type: 'boolean'},
	output: {type: 'string', short: 'o'},
	json: {type: 'boolean'},
} as const satisfies Options;

export function parseCommandArgs<T extends Options>(argv: string[], options: T) {
	try {
		return parseArgs({args: argv, options, allowPositionals: true, strict: true});
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		throw new UsageError(message.replace(/^Unknown option/, 'unknown option').split('. ')[0]!);
	}
}

export function outputFormat(values: {output?: string; json?: boolean}): 'text' | 'json' {
	if (values.json) return 'json';
	const output = values.output ?? 'text';
	if (output !== 'text' && output !== 'json') {
		throw new UsageError(`--output must be text or json, not '${output}'`);
	}
	return output;
}

/** A positive integer flag, or a usage error naming the flag. */
export function intFlag(name: string, value: string | undefined, fallback: number, min = 0): number {
	if (value === undefined) return fallback;
	if (!/^-?\d+$/.test(value) || Number(value) < min) {
		throw new UsageError(`--${name} must be a whole number ≥ ${min}, not '${value}'`);
	}
	return Number(value);
}
