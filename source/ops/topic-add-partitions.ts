// Adding partitions to a topic (`kcon topic add-partitions`, P in the console). Partitions can
// never be removed again, and a keyed record hashes to partition hash(key) % count, so every key
// may move to another partition: the preview says so. Checks first (read-only, the topic exists,
// the new count exceeds the current one), then CreatePartitions with validateOnly, the caller's
// confirmation, and the real CreatePartitions, audited.
import type {Settings} from '../config/settings.js';
import {KconError} from '../errors.js';
import {isInternalTopic} from '../domain/topic-input.js';
import {audited, guarded, refuse, type OpContext, type Via} from './guard.js';
import {readTopology, refuseInvalid, withActions} from './topic-write-support.js';

export interface AddPartitionsChoice {
	topic: string;
	/** the new total */
	partitions: number;
	yes?: boolean;
	/** stop once the controller validated the increase (validateOnly): nothing changes */
	dryRun?: boolean;
	via?: Via;
}

export interface AddPartitionsPlan {
	topic: string;
	from: number;
	to: number;
	/** why the operator should think twice */
	warning: string;
}

export interface AddPartitionsSteps {
	preview?(plan: AddPartitionsPlan): void;
	confirm?(op: OpContext): Promise<void>;
}

export async function addPartitions(settings: Settings, choice: AddPartitionsChoice, steps: AddPartitionsSteps = {}): Promise<AddPartitionsPlan> {
	const {topic, partitions} = choice;
	const op = guarded(settings, 'topic.add-partitions', {topic, partitions, ...(choice.yes === undefined ? {} : {yes: choice.yes})}, choice.via);
	if (isInternalTopic(topic)) refuse(op, `'${topic}' is an internal topic; kcon does not change those`, 2);
	const snapshot = await readTopology(settings);
	const found = snapshot.topics.find((t) => t.name === topic);
	if (!found) refuse(op, `topic '${topic}' does not exist`, 2);
	const from = found.partitions.length;
	if (partitions <= from) refuse(op, `topic '${topic}' has ${from} partition(s); --partitions must be more than that (partitions cannot be removed)`, 2);
	const plan: AddPartitionsPlan = {
		topic,
		from,
		to: partitions,
		warning: `records with a key will hash to other partitions (hash(key) % ${partitions} instead of % ${from}): per-key order across the change is lost; the new partitions can never be removed`,
	};
	return withActions(settings, snapshot, async (actions) => {
		const increase = {topic, count: partitions, assignments: null};
		const check = (await actions.createPartitions([increase], true)).find((t) => t.name === topic);
		if (check?.error) refuseInvalid(op, `add partitions to '${topic}'`, check);
		steps.preview?.(plan);
		if (choice.dryRun) return plan;
		await steps.confirm?.(op);
		await audited(
			op,
			async () => {
				const result = (await actions.createPartitions([increase], false)).find((t) => t.name === topic);
				if (!result) throw new KconError(`CreatePartitions answered without topic '${topic}'`);
				if (result.error) throw new KconError(`add partitions to '${topic}' failed: ${result.error}${result.errorMessage ? ` (${result.errorMessage})` : ''}`);
			},
			() => `${topic}: ${from} → ${partitions} partitions`,
		);
		return plan;
	});
}
