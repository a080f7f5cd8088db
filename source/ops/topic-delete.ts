// Deleting a topic (`kcon topic delete`, D in the console). DeleteTopics has no validateOnly, so
// every check runs against fresh metadata first: read-only, the name, that the topic exists, that
// it is not one of Kafka's internal topics (`__consumer_offsets` …, always refused); then the
// caller's typed confirmation (the topic name), then the delete, audited.
import type {Settings} from '../config/settings.js';
import {KconError} from '../errors.js';
import {isInternalTopic} from '../domain/topic-input.js';
import {audited, guarded, refuse, type OpContext, type Via} from './guard.js';
import {readTopology, withActions} from './topic-write-support.js';

export interface DeleteChoice {
	topic: string;
	/** the CLI's --yes, recorded in the audit log */
	yes?: boolean;
	via?: Via;
}

/** What the delete removes, shown before the confirmation. */
export interface DeletePlan {
	topic: string;
	partitions: number;
	replicationFactor: number;
}

export interface DeleteSteps {
	preview?(plan: DeletePlan): void;
	confirm?(op: OpContext): Promise<void>;
}

export async function deleteTopic(settings: Settings, choice: DeleteChoice, steps: DeleteSteps = {}): Promise<DeletePlan> {
	const {topic} = choice;
	const op = guarded(settings, 'topic.delete', {topic, ...(choice.yes === undefined ? {} : {yes: choice.yes})}, choice.via);
	if (isInternalTopic(topic)) refuse(op, `'${topic}' is an internal topic; kcon never deletes those`, 2);
	const snapshot = await readTopology(settings);
	const found = snapshot.topics.find((t) => t.name === topic);
	if (!found) refuse(op, `topic '${topic}' does not exist`, 2);
	if (found.internal) refuse(op, `'${topic}' is an internal topic; kcon never deletes those`, 2);
	const plan: DeletePlan = {
		topic,
		partitions: found.partitions.length,
		replicationFactor: Math.max(0, ...found.partitions.map((p) => p.replicas.length)),
	};
	steps.preview?.(plan);
	await steps.confirm?.(op);
	return withActions(settings, snapshot, async (actions) => {
		await audited(
			op,
			async () => {
				const result = (await actions.deleteTopics([topic])).find((t) => t.name === topic);
				if (!result) throw new KconError(`DeleteTopics answered without topic '${topic}'`);
				if (result.error) throw new KconError(`delete topic '${topic}' failed: ${result.error}`);
			},
			() => `deleted ${topic} (${plan.partitions} partition(s))`,
		);
		return plan;
	});
}
