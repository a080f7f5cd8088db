// kcon elect [--topic T [--partition P]] [--all] — preferred leader election (ElectLeaders, type 0).
// The action is ops/elect-leaders.ts; this file parses the flags and prints.
import type {CommandContext} from './context.js';
import {KconError, UsageError} from '../errors.js';
import {electLeaders} from '../ops/elect-leaders.js';
import type {CommandSpec} from './command-spec.js';
import {cliAction, out, parseActionArgs, positiveId} from './action-support.js';

const options = {
	topic: {type: 'string', short: 't'},
	partition: {type: 'string', short: 'p'},
	all: {type: 'boolean'},
} as const;

export const specs: readonly CommandSpec[] = [
	{
		name: 'elect',
		summary: 'preferred leader election: leadership goes back to the first replica of each partition',
		usage: '--topic T [--partition P] | --all [options]',
		flags: [
			{name: 'topic', short: 't', type: 'string', value: 'T', description: 'the partitions of this topic'},
			{name: 'partition', short: 'p', type: 'string', value: 'P', description: 'only this partition of --topic'},
			{name: 'all', type: 'boolean', description: 'every partition of the cluster'},
		],
		connection: true,
		write: true,
		examples: ['kcon elect --lab --all', 'kcon elect -b kafka1:9092 --topic orders --partition 0'],
	},
];

export async function run(ctx: CommandContext): Promise<number> {
	const {values, positionals} = parseActionArgs(ctx.argv, options);
	if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
	if (!values.topic && !values.all) throw new UsageError('say what to elect: --topic T [--partition P], or --all');
	if (values.topic && values.all) throw new UsageError('--topic and --all exclude each other');
	if (values.partition !== undefined && !values.topic) throw new UsageError('--partition needs --topic');
	const partition = values.partition === undefined ? undefined : positiveId(values.partition, '--partition');
	const cli = cliAction(values);
	const {results, summary} = await electLeaders(cli.settings, {topic: values.topic ?? null, ...(partition === undefined ? {} : {partition})});
	const lines = results
		.filter((r) => r.errorCode !== 84)
		.map((r) => `${r.topic}-${r.partition}  ${r.error ? `failed: ${r.error}${r.errorMessage ? ` (${r.errorMessage})` : ''}` : 'preferred leader elected'}`);
	out(cli, [...lines, summary.text].join('\n'), {
		elected: summary.elected,
		alreadyPreferred: summary.notNeeded,
		failed: summary.failed,
		results: results.map((r) => ({topic: r.topic, partition: r.partition, error: r.error, message: r.errorMessage})),
	});
	if (summary.failed.length) throw new KconError(`${summary.failed.length} partition(s) could not elect their preferred leader`);
	return 0;
}
