// kcon topic create|delete|add-partitions — topic writes, on the guarded path of every action
// (read-only refusal, audit). The actions are ops/topic-create.ts, topic-delete.ts and
// topic-add-partitions.ts; this file parses the flags, prompts and prints.
import type {CommandContext} from './context.js';
import type {CommandSpec, FlagSpec} from './command-spec.js';
import {UsageError} from '../errors.js';
import {checkTopicName, parseConfigPairs, parseReplicaAssignment, partitionCount, replicationFactor} from '../domain/topic-input.js';
import {createTopic, type CreatePlan} from '../ops/topic-create.js';
import {deleteTopic} from '../ops/topic-delete.js';
import {addPartitions} from '../ops/topic-add-partitions.js';
import {cliAction, confirm, info, out, parseActionArgs} from './action-support.js';

const options = {
	partitions: {type: 'string', short: 'p'},
	'replication-factor': {type: 'string', short: 'r'},
	'replica-assignment': {type: 'string'},
	set: {type: 'string', multiple: true},
	yes: {type: 'boolean', short: 'y'},
} as const;

const yesFlag: FlagSpec = {name: 'yes', short: 'y', type: 'boolean', description: 'skip the typed confirmation (for scripts)'};

export const specs: CommandSpec[] = [
	{
		name: 'topic create',
		summary: 'create a topic (checked by the broker with validateOnly first)',
		usage: 'NAME --partitions N --replication-factor R [--config k=v …] | NAME --replica-assignment 3:4,4:5,…',
		flags: [
			{name: 'partitions', short: 'p', type: 'string', value: 'N', description: 'number of partitions'},
			{name: 'replication-factor', short: 'r', type: 'string', value: 'R', description: 'replicas per partition (at most the number of brokers)'},
			{name: 'replica-assignment', type: 'string', value: 'B:B,B:B,…', description: "replicas per partition, first the preferred leader (as kafka-topics.sh); instead of -p and -r"},
			{name: 'config', type: 'string', multiple: true, value: 'k=v', description: 'a topic config, repeatable (a value without "=" is still the kcon config file)'},
			{name: 'set', type: 'string', multiple: true, value: 'k=v', description: 'the same as --config k=v'},
		],
		connection: true,
		write: true,
		examples: ['kcon topic create orders --partitions 6 --replication-factor 3 --lab', 'kcon topic create t2 --replica-assignment 3:4,4:5 --config retention.ms=1000', 'kcon topic create pinned --replica-assignment 3:4,4:5 --lab'],
	},
	{
		name: 'topic delete',
		summary: "delete a topic (type its name to confirm; Kafka's internal __ topics are refused)",
		usage: 'NAME [--yes]',
		flags: [yesFlag],
		connection: true,
		write: true,
		examples: ['kcon topic delete orders --lab', 'kcon topic delete orders --lab --yes -o json'],
	},
	{
		name: 'topic add-partitions',
		summary: 'raise the partition count of a topic (keyed records re-hash; type its name to confirm)',
		usage: 'NAME --partitions N [--yes]',
		flags: [{name: 'partitions', short: 'p', type: 'string', value: 'N', description: 'the new total, more than the current count'}, yesFlag],
		connection: true,
		write: true,
		examples: ['kcon topic add-partitions orders --partitions 12 --lab'],
	},
];

const USAGE = 'usage: kcon topic create|delete|add-partitions NAME …';

/**
 * kafka-topics.sh spells topic configs `--config k=v`, but --config is kcon's config-file flag on
 * every command. A value of the form name=value is a topic config (a config file path of that shape
 * would be a strange one); any other value stays the config file.
 */
export function topicConfigArgs(argv: string[]): string[] {
	const out: string[] = [];
	const pair = /^[a-zA-Z0-9._-]+=/;
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i]!;
		if (arg === '--') {
			out.push(...argv.slice(i));
			break;
		}
		if (arg === '--config' && pair.test(argv[i + 1] ?? '')) {
			out.push('--set', argv[++i]!);
		} else if (arg.startsWith('--config=') && pair.test(arg.slice('--config='.length))) {
			out.push(`--set=${arg.slice('--config='.length)}`);
		} else out.push(arg);
	}
	return out;
}

export async function run(ctx: CommandContext): Promise<number> {
	const [sub, ...rest] = ctx.argv;
	if (sub !== 'create' && sub !== 'delete' && sub !== 'add-partitions') throw new UsageError(USAGE);
	const {values, positionals} = parseActionArgs(sub === 'create' ? topicConfigArgs(rest) : rest, options);
	const [name, extra] = positionals;
	if (name === undefined) throw new UsageError(`missing topic name; ${USAGE}`);
	if (extra !== undefined) throw new UsageError(`unexpected argument '${extra}'`);
	checkTopicName(name);
	const only = (allowed: string[]) => {
		for (const flag of ['partitions', 'replication-factor', 'replica-assignment', 'set', 'yes'] as const) {
			if (values[flag] !== undefined && !allowed.includes(flag)) throw new UsageError(`--${flag === 'set' ? 'config' : flag} does not apply to topic ${sub}`);
		}
	};
	if (sub === 'create') {
		only(['partitions', 'replication-factor', 'replica-assignment', 'set']);
		const assignment = values['replica-assignment'] === undefined ? undefined : parseReplicaAssignment(values['replica-assignment']);
		if (assignment && (values.partitions !== undefined || values['replication-factor'] !== undefined)) {
			throw new UsageError('--replica-assignment excludes --partitions and --replication-factor (it says both)');
		}
		if (!assignment && (values.partitions === undefined || values['replication-factor'] === undefined)) {
			throw new UsageError('topic create needs --partitions N and --replication-factor R (or --replica-assignment)');
		}
		const configs = parseConfigPairs(values.set ?? [], '--config');
		const cli = cliAction(values);
		const plan = await createTopic(
			cli.settings,
			{
				topic: name,
				...(assignment ? {assignment} : {partitions: partitionCount(values.partitions!), replicationFactor: replicationFactor(values['replication-factor']!)}),
				configs,
			},
			{preview: (p) => info(cli, `validated by the broker: ${createLine(p)}`)},
		);
		out(cli, `created topic ${plan.topic}`, {action: 'create', result: 'ok', ...plan});
		return 0;
	}
	if (sub === 'delete') {
		only(['yes']);
		const cli = cliAction(values);
		const yes = Boolean(values.yes);
		const plan = await deleteTopic(cli.settings, {topic: name, yes}, {
			preview: (p) => info(cli, `will delete topic ${p.topic}: ${p.partitions} partition(s), replication factor ${p.replicationFactor}, and every record in it`),
			confirm: (op) => confirm(op, yes, `Type the topic name (${name}) to delete it:`, name),
		});
		out(cli, `deleted topic ${plan.topic}`, {action: 'delete', result: 'ok', ...plan});
		return 0;
	}
	only(['partitions', 'yes']);
	if (values.partitions === undefined) throw new UsageError('topic add-partitions needs --partitions N (the new total)');
	const partitions = partitionCount(values.partitions);
	const cli = cliAction(values);
	const yes = Boolean(values.yes);
	const plan = await addPartitions(cli.settings, {topic: name, partitions, yes}, {
		preview: (p) => info(cli, `will raise ${p.topic} from ${p.from} to ${p.to} partitions\nwarning: ${p.warning}`),
		confirm: (op) => confirm(op, yes, `Type the topic name (${name}) to raise it to ${partitions} partitions:`, name),
	});
	out(cli, `${plan.topic}: ${plan.from} → ${plan.to} partitions`, {action: 'add-partitions', result: 'ok', ...plan});
	return 0;
}

function createLine(p: CreatePlan): string {
	const layout = p.assignment ? `replicas ${p.assignment.map((r) => r.join(':')).join(',')}` : `${p.partitions} partition(s), replication factor ${p.replicationFactor}`;
	const configs = p.configs.length ? `, configs ${p.configs.map((c) => `${c.name}=${c.value}`).join(', ')}` : '';
	return `topic ${p.topic}: ${layout}${configs}`;
}

