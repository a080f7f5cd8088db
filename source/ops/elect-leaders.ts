// Preferred leader election (E in the console, `kcon elect`): ElectLeaders type 0 for one topic (or
// one of its partitions), or for every partition. The topic and partition are checked against a fresh
// snapshot before anything is sent; the election is audited.
import {UsageError} from '../errors.js';
import type {Settings} from '../config/settings.js';
import {ClusterActions, type ElectionResult} from '../kafka/actions/cluster-actions.js';
import {readSnapshot} from './cluster-snapshot.js';
import {audited, guarded, type Via} from './guard.js';

/** A topic (all its partitions, or one), or every partition of the cluster (topic null). */
export interface ElectChoice {
	topic: string | null;
	partition?: number;
	via?: Via;
}

export interface ElectSummary {
	elected: Array<{topic: string; partition: number}>;
	notNeeded: Array<{topic: string; partition: number}>;
	failed: Array<{topic: string; partition: number; error: string | null}>;
	/** "elected 1, already preferred 2, failed 0" */
	text: string;
}

export interface ElectOutcome {
	results: ElectionResult[];
	summary: ElectSummary;
}

export async function electLeaders(settings: Settings, choice: ElectChoice): Promise<ElectOutcome> {
	const {topic, partition} = choice;
	const args: Record<string, unknown> = topic === null ? {all: true} : {topic, ...(partition === undefined ? {} : {partition})};
	const op = guarded(settings, 'elect', args, choice.via);
	const snapshot = await readSnapshot(settings, {offsets: false, groups: false, configs: false, reassignments: false, ...(topic !== null ? {topics: [topic]} : {})});
	let targets: Array<{topic: string; partitions: number[]}> | null = null;
	if (topic !== null) {
		const t = snapshot.topics.find((x) => x.name === topic);
		if (!t) throw new UsageError(`topic '${topic}' does not exist`);
		if (partition !== undefined && !t.partitions.some((p) => p.partition === partition)) {
			throw new UsageError(`partition ${topic}-${partition} does not exist (topic has ${t.partitions.length} partitions)`);
		}
		targets = [{topic: t.name, partitions: partition === undefined ? t.partitions.map((p) => p.partition) : [partition]}];
	}
	const actions = new ClusterActions(settings, {brokers: snapshot.brokers});
	try {
		const results = await audited(op, () => actions.electPreferred(targets), (r) => summarize(r).text);
		return {results, summary: summarize(results)};
	} finally {
		await actions.close();
	}
}

// 84 = ELECTION_NOT_NEEDED: the preferred replica leads already
function summarize(results: ElectionResult[]): ElectSummary {
	const elected = results.filter((r) => r.errorCode === 0).map(({topic, partition}) => ({topic, partition}));
	const notNeeded = results.filter((r) => r.errorCode === 84).map(({topic, partition}) => ({topic, partition}));
	const failed = results.filter((r) => r.errorCode !== 0 && r.errorCode !== 84).map(({topic, partition, error}) => ({topic, partition, error}));
	const text = `elected ${elected.length}, already preferred ${notNeeded.length}, failed ${failed.length}`;
	return {elected, notNeeded, failed, text};
}
