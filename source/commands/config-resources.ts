// kcon config describe|alter — configs of a topic, a broker, or every broker's cluster-wide default,
// as kafka-configs.sh describes and alters them. The actions are ops/config-describe.ts (a read) and
// ops/config-alter.ts (IncrementalAlterConfigs, guarded and audited); this file parses, prompts and
// prints. `run` receives argv starting with `describe` or `alter`.
import type {CommandContext} from './context.js';
import type {CommandSpec} from './command-spec.js';
import {UsageError} from '../errors.js';
import {checkConfigName, checkTopicName, parseConfigPairs} from '../domain/topic-input.js';
import {brokerId} from '../domain/numbers.js';
import {describeConfigs} from '../ops/config-describe.js';
import {alterConfigs} from '../ops/config-alter.js';
import {targetText, type ConfigTarget} from '../ops/config-target.js';
import {changeLines, describeText} from '../present/configs-text.js';
import {cliAction, confirm, info, out, parseActionArgs} from './action-support.js';

const options = {
	all: {type: 'boolean'},
	set: {type: 'string', multiple: true},
	delete: {type: 'string', multiple: true},
	yes: {type: 'boolean', short: 'y'},
} as const;

export const specs: CommandSpec[] = [
	{
		name: 'config describe',
		summary: "a topic's or broker's configs like kafka-configs.sh --describe: the dynamic overrides, or every config with its source",
		usage: 'topic NAME | broker [ID] [--all]',
		flags: [{name: 'all', type: 'boolean', description: 'every config (defaults and static ones too), not only the dynamic overrides'}],
		connection: true,
		write: false,
		examples: ['kcon config describe topic orders --lab', 'kcon config describe broker 3 --all --lab -o json', 'kcon config describe broker --lab'],
	},
	{
		name: 'config alter',
		summary: 'set or delete configs of a topic, a broker, or (broker without ID) every broker; only the named keys change',
		usage: 'topic NAME | broker [ID] --set k=v … --delete k … [--yes]',
		flags: [
			{name: 'set', type: 'string', multiple: true, value: 'k=v', description: 'set a config, repeatable'},
			{name: 'delete', type: 'string', multiple: true, value: 'k', description: 'remove an override, repeatable (the value falls back to the broker or default one)'},
			{name: 'yes', short: 'y', type: 'boolean', description: 'skip the typed confirmation (for scripts)'},
		],
		connection: true,
		write: true,
		examples: ['kcon config alter topic orders --set retention.ms=86400000 --lab', 'kcon config alter topic orders --delete cleanup.policy --lab', 'kcon config alter broker 3 --set log.segment.delete.delay.ms=120000 --lab'],
	},
];

const USAGE = 'usage: kcon config describe|alter topic NAME | broker [ID] …';

function parseTarget(words: string[]): ConfigTarget {
	const [kind, name, extra] = words;
	if (extra !== undefined) throw new UsageError(`unexpected argument '${extra}'`);
	if (kind === 'topic' || kind === 'topics') {
		if (name === undefined) throw new UsageError('missing topic name');
		return {kind: 'topic', name: checkTopicName(name)};
	}
	if (kind === 'broker' || kind === 'brokers') return name === undefined ? {kind: 'broker-default'} : {kind: 'broker', id: brokerId(name)};
	throw new UsageError(USAGE);
}

export async function run(ctx: CommandContext): Promise<number> {
	const [sub, ...rest] = ctx.argv;
	if (sub !== 'describe' && sub !== 'alter') throw new UsageError(USAGE);
	const {values, positionals} = parseActionArgs(rest, options);
	const target = parseTarget(positionals);
	if (sub === 'describe') {
		for (const flag of ['set', 'delete', 'yes'] as const) if (values[flag] !== undefined) throw new UsageError(`--${flag} applies to config alter only`);
		const cli = cliAction(values);
		const listing = await describeConfigs(cli.settings, target, Boolean(values.all));
		out(cli, describeText(target, listing.all, listing.configs), {target: {...target, text: targetText(target)}, all: listing.all, configs: listing.configs});
		return 0;
	}
	if (values.all) throw new UsageError('--all applies to config describe only');
	const set = parseConfigPairs(values.set ?? [], '--set');
	const deleted = (values.delete ?? []).map((key) => checkConfigName(key, '--delete'));
	const cli = cliAction(values);
	const yes = Boolean(values.yes);
	const expected = target.kind === 'topic' ? target.name : target.kind === 'broker' ? String(target.id) : 'default';
	const plan = await alterConfigs(cli.settings, {target, set, delete: deleted, yes}, {
		preview: (p) => info(cli, [`will change ${targetText(target)} (validated by the broker; other configs stay as they are):`, ...changeLines(p.changes, 'before')].join('\n')),
		confirm: (op) => confirm(op, yes, `Type '${expected}' to change ${targetText(target)}:`, expected),
	});
	const note = plan.applied ? [] : ['(the broker did not show every change yet; check again with kcon config describe)'];
	out(cli, [`changed ${targetText(target)}:`, ...changeLines(plan.changes, 'after'), ...note].join('\n'), {
		action: 'alter',
		result: 'ok',
		applied: plan.applied ?? false,
		target: {...target, text: targetText(target)},
		changes: plan.changes,
	});
	return 0;
}
