// Deleting some of a consumer group's committed offsets (`kcon group delete-offsets`, OffsetDelete):
// refused in read-only mode, for a topic or partition that does not exist, for a group that does not
// exist, and for a topic a member of the group is assigned (the coordinator refuses it too:
// GROUP_SUBSCRIBED_TO_TOPIC); then one OffsetDelete at its coordinator, audited.
import {KconError, UsageError} from '../errors.js';
import type {Settings} from '../config/settings.js';
import {ClusterActions} from '../kafka/actions/cluster-actions.js';
import {GroupActions} from '../kafka/actions/group-actions.js';
import {audited, guarded, refuse, type OpContext, type Via} from './guard.js';
import {inspectGroup, requireTopics} from './group-inspect.js';

export interface DeleteOffsetsChoice {
	groupId: string;
	topics: Array<{topic: string; partitions: number[] | null}>;
	yes?: boolean;
	via?: Via;
}

export interface DeleteOffsetsSteps {
	confirm?(op: OpContext, partitions: Array<{topic: string; partition: number}>): Promise<void>;
}

export interface DeletedOffset {
	topic: string;
	partition: number;
	/** null when deleted */
	error: string | null;
}

export async function deleteGroupOffsets(settings: Settings, choice: DeleteOffsetsChoice, steps: DeleteOffsetsSteps = {}): Promise<{partitions: DeletedOffset[]}> {
	const {groupId} = choice;
	if (groupId === '') throw new UsageError('the group id is empty');
	if (choice.topics.length === 0) throw new UsageError('no topic to delete offsets of');
	const names = [...new Set(choice.topics.map((t) => t.topic))];
	const op = guarded(settings, 'group.delete-offsets', {group: groupId, topics: names, ...(choice.yes === undefined ? {} : {yes: choice.yes})}, choice.via);
	const {group, snapshot} = await inspectGroup(settings, groupId, names);
	requireTopics(snapshot, names);
	if (group.state === 'Dead') throw new UsageError(`group '${groupId}' does not exist`);
	const partitions: Array<{topic: string; partition: number}> = [];
	const seen = new Set<string>();
	for (const t of choice.topics) {
		const info = snapshot.topics.find((x) => x.name === t.topic)!;
		for (const p of t.partitions ?? info.partitions.map((x) => x.partition)) {
			if (!info.partitions.some((x) => x.partition === p)) throw new UsageError(`partition ${t.topic}-${p} does not exist (topic has ${info.partitions.length} partitions)`);
			if (seen.has(`${t.topic}\u0000${p}`)) continue;
			seen.add(`${t.topic}\u0000${p}`);
			partitions.push({topic: t.topic, partition: p});
		}
	}
	const consumed = names.filter((t) => group.members.some((m) => m.assignments.some((a) => a.topic === t)));
	if (consumed.length) {
		refuse(op, `group '${groupId}' has members consuming ${consumed.join(', ')} (state ${group.state}); its offsets there can be deleted only once they stop`);
	}
	await steps.confirm?.(op, partitions);
	const actions = new ClusterActions(settings, {brokers: snapshot.brokers});
	try {
		const byTopic = new Map<string, number[]>();
		for (const p of partitions) byTopic.set(p.topic, [...(byTopic.get(p.topic) ?? []), p.partition]);
		const result = await audited(
			op,
			async () => {
				const answer = await new GroupActions(actions).deleteOffsets(groupId, [...byTopic].map(([topic, parts]) => ({topic, partitions: parts})));
				if (answer.error) throw new KconError(`OffsetDelete for group '${groupId}' failed: ${answer.error}`);
				const failed = answer.partitions.filter((p) => p.error);
				if (failed.length) throw new KconError(`OffsetDelete refused for ${failed.map((f) => `${f.topic}-${f.partition} (${f.error})`).join(', ')}`);
				return answer;
			},
			(a) => `${a.partitions.length} partition(s) deleted`,
		);
		return {partitions: result.partitions.map((p) => ({topic: p.topic, partition: p.partition, error: p.error}))};
	} finally {
		await actions.close();
	}
}
