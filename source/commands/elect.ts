// kcon elect [--topic T [--partition P]] [--all] — preferred leader election (ElectLeaders, type 0).
import type {CommandContext} from './registry.js';
import {KconError, UsageError} from '../errors.js';
import {createGateway} from '../kafka/gateway/gateway.js';
import {ClusterActions, type ElectionResult} from '../kafka/actions/cluster-actions.js';
import {actionContext, audited, consoleAction, out, parseActionArgs, positiveId, refuseIfReadOnly} from './action-support.js';

const options = {
	topic: {type: 'string', short: 't'},
	partition: {type: 'string', short: 'p'},
	all: {type: 'boolean'},
} as const;

export async function run(ctx: CommandContext): Promise<number> {
	const {values, positionals} = parseActionArgs(ctx.argv, options);
	if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
	if (!values.topic && !values.all) throw new UsageError('say what to elect: --topic T [--partition P], or --all');
	if (values.topic && values.all) throw new UsageError('--topic and --all exclude each other');
	if (values.partition !== undefined && !values.topic) throw new UsageError('--partition needs --topic');
	const partition = values.partition === undefined ? undefined : positiveId(values.partition, '--partition');
	const args: Record<string, unknown> = values.all ? {all: true} : {topic: values.topic, ...(partition === undefined ? {} : {partition})};
	const action = actionContext(values, 'elect', args);
	refuseIfReadOnly(action);

	const gateway = createGateway(action.settings);
	let snapshot;
	try {
		snapshot = await gateway.snapshot({offsets: false, groups: false, configs: false, reassignments: false, ...(values.topic ? {topics: [values.topic]} : {})});
	} finally {
		await gateway.close();
	}
	let targets: Array<{topic: string; partitions: number[]}> | null = null;
	if (values.topic) {
		const topic = snapshot.topics.find((t) => t.name === values.topic);
		if (!topic) throw new UsageError(`topic '${values.topic}' does not exist`);
		if (partition !== undefined && !topic.partitions.some((p) => p.partition === partition)) {
			throw new UsageError(`partition ${values.topic}-${partition} does not exist (topic has ${topic.partitions.length} partitions)`);
		}
		targets = [{topic: topic.name, partitions: partition === undefined ? topic.partitions.map((p) => p.partition) : [partition]}];
	}
	const actions = new ClusterActions(action.settings, {brokers: snapshot.brokers});
	let results: ElectionResult[];
	try {
		results = await audited(
			action,
			() => actions.electPreferred(targets),
			(r) => summarize(r).text,
		);
	} finally {
		await actions.close();
	}
	const summary = summarize(results);
	const lines = results
		.filter((r) => r.errorCode !== 84)
		.map((r) => `${r.topic}-${r.partition}  ${r.error ? `failed: ${r.error}${r.errorMessage ? ` (${r.errorMessage})` : ''}` : 'preferred leader elected'}`);
	out(action, [...lines, summary.text].join('\n'), {
		elected: summary.elected,
		alreadyPreferred: summary.notNeeded,
		failed: summary.failed,
		results: results.map((r) => ({topic: r.topic, partition: r.partition, error: r.error, message: r.errorMessage})),
	});
	if (summary.failed.length) throw new KconError(`${summary.failed.length} partition(s) could not elect their preferred leader`);
	return 0;
}

function summarize(results: ElectionResult[]) {
	const elected = results.filter((r) => r.errorCode === 0).map(({topic, partition}) => ({topic, partition}));
	const notNeeded = results.filter((r) => r.errorCode === 84).map(({topic, partition}) => ({topic, partition}));
	const failed = results.filter((r) => r.errorCode !== 0 && r.errorCode !== 84).map(({topic, partition, error}) => ({topic, partition, error}));
	const text = `elected ${elected.length}, already preferred ${notNeeded.length}, failed ${failed.length}`;
	return {elected, notNeeded, failed, text};
}

/**
 * For the console's E key: preferred leader election for a topic (or every partition with
 * topic null), refused in read-only mode, audited. Resolves to the summary line.
 */
export async function performElect(settings: import('../config/settings.js').Settings, topic: string | null, partitions?: number[]): Promise<string> {
	const action = consoleAction(settings, 'elect', topic ? {topic} : {all: true});
	const gateway = createGateway(settings);
	let snapshot;
	try {
		snapshot = await gateway.snapshot({offsets: false, groups: false, configs: false, reassignments: false, ...(topic ? {topics: [topic]} : {})});
	} finally {
		await gateway.close();
	}
	const t = topic ? snapshot.topics.find((x) => x.name === topic) : undefined;
	if (topic && !t) throw new UsageError(`topic '${topic}' does not exist`);
	const targets = t ? [{topic: t.name, partitions: partitions ?? t.partitions.map((p) => p.partition)}] : null;
	const actions = new ClusterActions(settings, {brokers: snapshot.brokers});
	try {
		const results = await audited(action, () => actions.electPreferred(targets), (r) => summarize(r).text);
		return summarize(results).text;
	} finally {
		await actions.close();
	}
}
