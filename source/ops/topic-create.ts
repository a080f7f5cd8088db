// Creating a topic (`kcon topic create`): a partition count and replication factor, or an explicit
// replica assignment as kafka-topics.sh takes it, and topic configs. Every check runs before the
// topic is created: read-only, the name, that it does not exist, the replication factor against the
// brokers, the assignment's broker ids; then CreateTopics with validateOnly, so the broker checks
// the configs and its policies; only then the real CreateTopics, audited.
import type {Settings} from '../config/settings.js';
import {KconError} from '../errors.js';
import {checkTopicName, isInternalTopic} from '../domain/topic-input.js';
import type {NewTopic} from '../kafka/actions/cluster-actions.js';
import {audited, guarded, refuse, type OpContext, type Via} from './guard.js';
import {brokerIds, readTopology, refuseInvalid, withActions} from './topic-write-support.js';

export interface CreateChoice {
	topic: string;
	/** with replicationFactor; exclusive with assignment */
	partitions?: number;
	replicationFactor?: number;
	/** partition index → broker ids, first the preferred leader (kafka-topics.sh --replica-assignment) */
	assignment?: number[][];
	configs: Array<{name: string; value: string}>;
	/** stop once the broker validated the topic (validateOnly): nothing is created */
	dryRun?: boolean;
	via?: Via;
}

/** What will be created, as the broker accepted it in the validateOnly pass. */
export interface CreatePlan {
	topic: string;
	partitions: number;
	replicationFactor: number;
	assignment: number[][] | null;
	configs: Array<{name: string; value: string}>;
	brokers: number[];
}

export interface CreateSteps {
	/** the plan, once the broker has validated it */
	preview?(plan: CreatePlan): void;
	confirm?(op: OpContext): Promise<void>;
}

export async function createTopic(settings: Settings, choice: CreateChoice, steps: CreateSteps = {}): Promise<CreatePlan> {
	const {topic, assignment, configs} = choice;
	const op = guarded(settings, 'topic.create', {topic, partitions: choice.partitions, replicationFactor: choice.replicationFactor, assignment, configs}, choice.via);
	try {
		checkTopicName(topic);
	} catch (error) {
		refuse(op, (error as Error).message, 2);
	}
	if (isInternalTopic(topic)) refuse(op, `'${topic}' starts with '__', which Kafka keeps for its internal topics`, 2);
	if (assignment ? choice.partitions !== undefined || choice.replicationFactor !== undefined : choice.partitions === undefined || choice.replicationFactor === undefined) {
		refuse(op, 'give --partitions and --replication-factor, or --replica-assignment alone', 2);
	}
	const snapshot = await readTopology(settings);
	const brokers = brokerIds(snapshot);
	if (snapshot.topics.some((t) => t.name === topic)) refuse(op, `topic '${topic}' already exists`, 2);
	const partitions = assignment ? assignment.length : choice.partitions!;
	const replicationFactor = assignment ? assignment[0]!.length : choice.replicationFactor!;
	if (replicationFactor > brokers.length) {
		refuse(op, `replication factor ${replicationFactor} is larger than the ${brokers.length} broker(s) of the cluster (${brokers.join(', ')})`, 2);
	}
	for (const [partition, replicas] of (assignment ?? []).entries()) {
		const unknown = replicas.filter((id) => !brokers.includes(id));
		if (unknown.length) refuse(op, `partition ${partition}: broker ${unknown.join(', ')} is not in the cluster (brokers: ${brokers.join(', ')})`, 2);
	}
	const request: NewTopic = {
		name: topic,
		partitions: assignment ? -1 : partitions,
		replicationFactor: assignment ? -1 : replicationFactor,
		assignment: (assignment ?? []).map((replicas, partition) => ({partition, brokers: replicas})),
		configs,
	};
	const plan: CreatePlan = {topic, partitions, replicationFactor, assignment: assignment ?? null, configs, brokers};
	return withActions(settings, snapshot, async (actions) => {
		const check = (await actions.createTopics([request], true)).find((t) => t.name === topic);
		if (check?.error) refuseInvalid(op, `create topic '${topic}'`, check);
		steps.preview?.(plan);
		if (choice.dryRun) return plan;
		await steps.confirm?.(op);
		await audited(
			op,
			async () => {
				const result = (await actions.createTopics([request], false)).find((t) => t.name === topic);
				if (!result) throw new KconError(`CreateTopics answered without topic '${topic}'`);
				if (result.error) throw new KconError(`create topic '${topic}' failed: ${result.error}${result.errorMessage ? ` (${result.errorMessage})` : ''}`);
			},
			() => `created ${topic}: ${partitions} partition(s), replication factor ${replicationFactor}`,
		);
		return plan;
	});
}
