// `kcon config get-contexts | current-context | use-context NAME`: the config file's named
// connections, listed and switched as kubectl and kafkactl do.
import path from 'node:path';
import type {CommandSpec, FlagSpec} from './command-spec.js';
import type {CommandContext} from './context.js';
import {outputFormat, parseCommandArgs} from '../config/args.js';
import {listContexts, useContext} from '../config/context-file.js';
import {defaultConfigFile} from '../config/paths.js';
import {KconError, UsageError} from '../errors.js';
import {toJson} from '../present/json.js';
import {escapeControl} from '../terminal-safe.js';
import {writeJson, writeOut} from '../terminal-out.js';

const options = {
	config: {type: 'string'},
	output: {type: 'string', short: 'o'},
	json: {type: 'boolean'},
} as const;

const fileFlags: readonly FlagSpec[] = [
	{name: 'config', type: 'string', value: 'FILE', default: '~/.config/kcon/config.json', description: 'the config file'},
	{name: 'output', short: 'o', type: 'string', value: 'text|json', default: 'text', description: 'output format'},
	{name: 'json', type: 'boolean', description: 'the same as -o json'},
];

export const subcommands = ['get-contexts', 'current-context', 'use-context'] as const;

export const specs: readonly CommandSpec[] = [
	{
		name: 'config get-contexts',
		summary: "the config file's contexts: the current one marked *, brokers, authentication, read-only",
		usage: '[--config FILE] [-o json]',
		flags: fileFlags,
		connection: false,
		write: false,
		examples: ['kcon config get-contexts', 'kcon config get-contexts -o json | jq -r .current'],
	},
	{
		name: 'config current-context',
		summary: 'the name of the current context (exit 1 when the file names none)',
		usage: '[--config FILE] [-o json]',
		flags: fileFlags,
		connection: false,
		write: false,
		examples: ['kcon config current-context'],
	},
	{
		name: 'config use-context',
		summary: 'make NAME the current context (the file is rewritten atomically, its other keys kept); an unknown NAME is exit 2',
		usage: 'NAME [--config FILE]',
		flags: fileFlags,
		connection: false,
		write: false,
		examples: ['kcon config use-context prod && kcon describe brokers'],
	},
];

export async function run(ctx: CommandContext): Promise<number> {
	const {values, positionals} = parseCommandArgs(ctx.argv, options);
	const format = outputFormat(values);
	const [sub, ...rest] = positionals;
	const file = values.config === undefined ? defaultConfigFile() : path.resolve(values.config);
	const noMore = (n: number) => {
		if (rest.length > n) throw new UsageError(`unexpected argument '${rest[n]}'`);
	};
	switch (sub) {
		case 'get-contexts': {
			noMore(0);
			const view = listContexts(file, values.config !== undefined);
			if (format === 'json') {
				writeJson(toJson(view) + '\n');
				return 0;
			}
			if (view.contexts.length === 0) {
				writeOut(escapeControl(`no contexts in ${file}`) + '\n');
				return 0;
			}
			const rows = [['CURRENT', 'NAME', 'BROKERS', 'AUTH', 'READ-ONLY'], ...view.contexts.map((c) => [c.current ? '*' : '', c.name, c.brokers, c.security.join(', ') || 'none', c.readOnly ? 'yes' : ''])].map((r) => r.map(escapeControl));
			const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
			writeOut(rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]! + 2))).join('').trimEnd()).join('\n') + '\n');
			return 0;
		}
		case 'current-context': {
			noMore(0);
			const {current} = listContexts(file, values.config !== undefined);
			if (current === null) throw new KconError(`no current context in ${file} (set one with: kcon config use-context NAME)`, 1, 'no-context');
			if (format === 'json') writeJson(toJson({current, file}) + '\n');
			else writeOut(escapeControl(current) + '\n');
			return 0;
		}
		case 'use-context': {
			const name = rest[0];
			if (name === undefined) throw new UsageError('usage: kcon config use-context NAME (see kcon config get-contexts)');
			noMore(1);
			useContext(file, name);
			if (format === 'json') writeJson(toJson({current: name, file}) + '\n');
			else writeOut(escapeControl(`switched to context '${name}' (${file})`) + '\n');
			return 0;
		}
		default:
			throw new UsageError(`usage: kcon config ${subcommands.join('|')}`);
	}
}
