// kcon group reset-offsets|delete|delete-offsets — consumer group writes, on the terms of
// kafka-consumer-groups.sh: a reset is a dry run (its plan printed as the Java tool prints it)
// unless --execute; deletes ask for the group id typed back. The actions are ops/group-*.ts; this
// file parses the flags, prompts and prints.
import {readTextBounded, TooLargeError} from '../config/bounded-read.js';
import type {CommandContext} from './context.js';
import type {CommandSpec} from './command-spec.js';
import {UsageError} from '../errors.js';
import {bigWholeNumber, OFFSET_RANGE} from '../domain/numbers.js';
import {parseDatetime, parseDuration, parseResetFile, parseShift, parseTopicScope, type ResetTarget} from '../domain/offset-reset.js';
import {renderResetNotes, renderResetPlan} from '../present/offset-reset-text.js';
import {resetOffsets, type ResetScope} from '../ops/group-reset-offsets.js';
import {deleteGroup} from '../ops/group-delete.js';
import {deleteGroupOffsets} from '../ops/group-delete-offsets.js';
import {cliAction, confirm, out, parseActionArgs} from './action-support.js';
import {writeErr} from '../terminal-out.js';

const options = {
	topic: {type: 'string', short: 't', multiple: true},
	'all-topics': {type: 'boolean'},
	'to-earliest': {type: 'boolean'},
	'to-latest': {type: 'boolean'},
	'to-offset': {type: 'string'},
	'to-datetime': {type: 'string'},
	'by-duration': {type: 'string'},
	'shift-by': {type: 'string'},
	'from-file': {type: 'string'},
	'dry-run': {type: 'boolean'},
	execute: {type: 'boolean'},
	yes: {type: 'boolean', short: 'y'},
} as const;

type Values = ReturnType<typeof parseActionArgs<typeof options>>['values'];

const TARGETS = ['to-earliest', 'to-latest', 'to-offset', 'to-datetime', 'by-duration', 'shift-by', 'from-file'] as const;

/** a plan file of 1 MiB holds ~30,000 partitions */
const MAX_PLAN_BYTES = 1024 * 1024;

export const specs: CommandSpec[] = [
	{
		name: 'group reset-offsets',
		summary: "reset a consumer group's committed offsets (dry run unless --execute), as kafka-consumer-groups.sh --reset-offsets",
		usage: 'ID (--topic T[:P,…]… | --all-topics) (--to-earliest | --to-latest | --to-offset N | --to-datetime ISO | --by-duration D | --shift-by ±N | --from-file CSV) [--execute [--yes]]',
		flags: [
			{name: 'topic', short: 't', type: 'string', multiple: true, value: 'T[:P,…]', description: 'a topic, or some of its partitions'},
			{name: 'all-topics', type: 'boolean', description: 'every partition the group has committed offsets for'},
			{name: 'to-earliest', type: 'boolean', description: "each partition's earliest offset"},
			{name: 'to-latest', type: 'boolean', description: "each partition's latest offset (its end)"},
			{name: 'to-offset', type: 'string', value: 'N', description: 'offset N (clamped into [earliest, latest])'},
			{name: 'to-datetime', type: 'string', value: 'ISO', description: 'the first offset at or after yyyy-MM-ddTHH:mm:SS.sss (UTC unless a zone is given; not in the future)'},
			{name: 'by-duration', type: 'string', value: 'PnDTnHnMnS|-10m', description: 'the first offset at or after that long ago'},
			{name: 'shift-by', type: 'string', value: '±N', description: 'the committed offset plus N (clamped)'},
			{name: 'from-file', type: 'string', value: 'CSV', description: 'topic,partition,offset lines as kafka-consumer-groups.sh --export writes them (clamped)'},
			{name: 'dry-run', type: 'boolean', description: 'print the plan only (the default)'},
			{name: 'execute', type: 'boolean', description: 'commit the plan (refused while the group has members)'},
			{name: 'yes', short: 'y', type: 'boolean', description: 'do not ask to type the group id'},
		],
		connection: true,
		write: true,
		examples: ['kcon group reset-offsets mygroup --topic resource --to-earliest --lab', 'kcon group reset-offsets g1 --all-topics --shift-by -10 --execute --lab'],
	},
	{
		name: 'group delete',
		summary: 'delete a consumer group and its committed offsets (refused while it has members)',
		usage: 'ID [--yes]',
		flags: [{name: 'yes', short: 'y', type: 'boolean', description: 'do not ask to type the group id'}],
		connection: true,
		write: true,
		examples: ['kcon group delete mygroup --lab'],
	},
	{
		name: 'group delete-offsets',
		summary: "delete a consumer group's committed offsets of some topics (OffsetDelete)",
		usage: 'ID --topic T[:P,…]… [--yes]',
		flags: [
			{name: 'topic', short: 't', type: 'string', multiple: true, value: 'T[:P,…]', description: 'a topic, or some of its partitions'},
			{name: 'yes', short: 'y', type: 'boolean', description: 'do not ask to type the group id'},
		],
		connection: true,
		write: true,
		examples: ['kcon group delete-offsets mygroup --topic resource --lab'],
	},
];

/**
 * `--shift-by -5` and `--by-duration -10m` as one argument: a value that starts with a dash would
 * otherwise read as an unknown flag.
 */
export function joinSignedValues(argv: string[]): string[] {
	const out: string[] = [];
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i]!;
		if ((arg === '--shift-by' || arg === '--by-duration') && /^-\d/.test(argv[i + 1] ?? '')) {
			out.push(`${arg}=${argv[i + 1]}`);
			i++;
		} else out.push(arg);
	}
	return out;
}

export async function run(ctx: CommandContext): Promise<number> {
	const {values, positionals} = parseActionArgs(joinSignedValues(ctx.argv), options);
	const [sub, id, ...rest] = positionals;
	if (rest.length) throw new UsageError(`unexpected argument '${rest[0]}'`);
	const known = ['reset-offsets', 'delete', 'delete-offsets'];
	if (sub === undefined || !known.includes(sub)) throw new UsageError('usage: kcon group reset-offsets|delete|delete-offsets ID … (see kcon --help)');
	if (id === undefined) throw new UsageError(`kcon group ${sub} needs a group ID`);
	if (id === '') throw new UsageError('the group id is empty');
	if (sub === 'reset-offsets') return reset(values, id);
	onlyFlags(values, sub === 'delete' ? ['yes'] : ['yes', 'topic'], sub);
	if (sub === 'delete') return remove(values, id);
	return removeOffsets(values, id);
}

function onlyFlags(values: Values, allowed: string[], sub: string): void {
	for (const name of Object.keys(options)) {
		if (values[name as keyof Values] !== undefined && !allowed.includes(name)) throw new UsageError(`--${name} does not apply to kcon group ${sub}`);
	}
}

/** Every flag checked, the plan file read: nothing has connected yet. */
export function resetRequest(values: Values, id: string, now = Date.now()): {scope: ResetScope; target: ResetTarget; execute: boolean} {
	const given = TARGETS.filter((t) => values[t] !== undefined);
	if (given.length !== 1) throw new UsageError(`say exactly one of ${TARGETS.map((t) => `--${t}`).join(', ')}${given.length ? ` (got ${given.map((t) => `--${t}`).join(', ')})` : ''}`);
	if (values.execute && values['dry-run']) throw new UsageError('--dry-run and --execute exclude each other');
	if (values.yes && !values.execute) throw new UsageError('--yes applies to --execute only');
	const topics = values.topic ?? [];
	if (topics.length && values['all-topics']) throw new UsageError('--topic and --all-topics exclude each other');
	let target: ResetTarget;
	const which = given[0]!;
	const value = values[which] as string;
	switch (which) {
		case 'to-earliest':
			target = {kind: 'earliest'};
			break;
		case 'to-latest':
			target = {kind: 'latest'};
			break;
		case 'to-offset':
			target = {kind: 'offset', offset: bigWholeNumber(value, '--to-offset', OFFSET_RANGE)};
			break;
		case 'shift-by':
			target = {kind: 'shift', by: parseShift(value)};
			break;
		case 'to-datetime':
			target = {kind: 'timestamp', at: parseDatetime(value, now), text: value};
			break;
		case 'by-duration':
			target = {kind: 'timestamp', at: now - parseDuration(value), text: `${value} ago`};
			break;
		case 'from-file':
			target = {kind: 'file', offsets: parseResetFile(readPlanFile(value), id)};
			break;
	}
	let scope: ResetScope;
	if (values['all-topics']) scope = {all: true};
	else if (topics.length) scope = {topics: topics.map(parseTopicScope)};
	else if (target.kind === 'file') scope = {fromFile: true};
	else throw new UsageError('say which partitions: --topic T[:P,…] (repeatable) or --all-topics');
	return {scope, target, execute: Boolean(values.execute)};
}

function readPlanFile(file: string): string {
	try {
		return readTextBounded(file, MAX_PLAN_BYTES);
	} catch (error) {
		if (error instanceof TooLargeError) throw new UsageError(`--from-file ${file} is ${error.message}; a reset plan is topic,partition,offset lines`);
		throw new UsageError(`cannot read --from-file ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
	}
}

const offsetJson = (o: bigint | null) => (o === null ? null : Number(o));

async function reset(values: Values, id: string): Promise<number> {
	const request = resetRequest(values, id);
	const cli = cliAction(values);
	let printed = false;
	const result = await resetOffsets(
		cli.settings,
		{groupId: id, ...request, ...(request.execute ? {yes: Boolean(values.yes)} : {})},
		{
			preview: (plan) => {
				// clamps and fallbacks go to stderr, as the Java tool logs them: stdout stays its table
				const notes = renderResetNotes(plan);
				if (notes) writeErr(notes);
			},
			confirm: (op, plan) => {
				// the operator sees the plan before typing the id
				if (cli.format === 'text' && !values.yes) {
					out(cli, renderResetPlan(id, plan), null);
					printed = true;
				}
				return confirm(op, Boolean(values.yes), `Type the group id '${id}' to commit ${plan.length} offset(s):`, id);
			},
		},
	);
	const json = {
		group: id,
		state: result.state,
		executed: result.executed,
		partitions: result.plan.map((p) => ({
			topic: p.topic,
			partition: p.partition,
			newOffset: offsetJson(p.offset),
			requested: offsetJson(p.requested),
			committed: offsetJson(p.committed),
			earliest: offsetJson(p.earliest),
			latest: offsetJson(p.latest),
			lagAfter: offsetJson(p.latest - p.offset),
			...(p.note ? {note: p.note} : {}),
		})),
	};
	if (!printed) out(cli, renderResetPlan(id, result.plan), json);
	if (cli.format === 'text') {
		writeErr(result.executed ? `committed ${result.plan.length} offset(s) for group '${id}'\n` : request.execute ? 'nothing to commit\n' : 'dry run: nothing was changed (add --execute to commit)\n');
	}
	return 0;
}

async function remove(values: Values, id: string): Promise<number> {
	const cli = cliAction(values);
	const result = await deleteGroup(cli.settings, {groupId: id, yes: Boolean(values.yes)}, {
		confirm: (op, committed) => {
			if (cli.format === 'text') writeErr(`group '${id}' has committed offsets for ${committed} partition(s); deleting it removes them\n`);
			return confirm(op, Boolean(values.yes), `Type the group id '${id}' to delete it:`, id);
		},
	});
	out(cli, `Deletion of requested consumer groups ('${id}') was successful.`, {group: id, deleted: true, partitions: result.committedPartitions});
	return 0;
}

async function removeOffsets(values: Values, id: string): Promise<number> {
	const topics = (values.topic ?? []).map(parseTopicScope);
	if (topics.length === 0) throw new UsageError('kcon group delete-offsets needs --topic T[:P,…] (repeatable)');
	const cli = cliAction(values);
	const result = await deleteGroupOffsets(cli.settings, {groupId: id, topics, yes: Boolean(values.yes)}, {
		confirm: (op, partitions) => {
			if (cli.format === 'text') writeErr(`deleting the committed offsets of ${partitions.map((p) => `${p.topic}-${p.partition}`).join(', ')}\n`);
			return confirm(op, Boolean(values.yes), `Type the group id '${id}' to delete ${partitions.length} committed offset(s):`, id);
		},
	});
	const lines = ['', `${'TOPIC'.padEnd(15)} ${'PARTITION'.padEnd(15)} STATUS`, ...result.partitions.map((p) => `${p.topic.padEnd(15)} ${String(p.partition).padEnd(15)} ${p.error ?? 'Successful'}`)];
	out(cli, lines.join('\n'), {group: id, partitions: result.partitions.map((p) => ({topic: p.topic, partition: p.partition, deleted: p.error === null, error: p.error}))});
	return 0;
}
