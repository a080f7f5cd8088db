// Kafka Streams groups (KIP-1071) at their coordinator: StreamsGroupDescribe v0 for state, epochs,
// topology and members; their committed offsets come with the other groups' OffsetFetch. The rows
// kafka-streams-groups.sh --describe prints are the input partitions of the members' active tasks:
// each task's partitions of its sub-topology's source topics and of the repartition topics it reads.
import {groupStateName, type GroupInfo, type GroupOffset, type StreamsTasks} from '../../domain/cluster.js';
import {errorName} from '../codec/error-names.js';
import {describeError, type Link} from '../connection/node.js';
import type {GroupOffsets} from '../codec/offset-fetch.js';
import {streamsGroupDescribeRequest, type StreamsGroupDescribed, type StreamsTaskIds} from '../codec/streams-group-describe.js';
import {ApiKey} from '../codec/request.js';

const GROUP_ID_NOT_FOUND = 69;

/** True when `node` can describe streams groups (StreamsGroupDescribe v0: Kafka ≥ 4.1). */
export function describesStreamsGroups(node: Link): boolean {
	return node.supports(ApiKey.StreamsGroupDescribe, 0);
}

/** Fills state, members, epochs and topology of the streams groups `groupIds`, all coordinated by `node`. */
export async function describeStreamsGroups(node: Link, groupIds: string[], infos: Map<string, GroupInfo>): Promise<void> {
	if (groupIds.length === 0) return;
	const group = (id: string) => infos.get(id)!;
	for (const id of groupIds) group(id).groupType = 'streams';
	if (!describesStreamsGroups(node)) {
		for (const id of groupIds) group(id).error = 'streams groups need Kafka ≥ 4.1 (the coordinator does not speak StreamsGroupDescribe)';
		return;
	}
	let described: StreamsGroupDescribed[];
	try {
		described = await node.send(streamsGroupDescribeRequest(node.pick(ApiKey.StreamsGroupDescribe, 0, 1) ?? 0, groupIds));
	} catch (error) {
		for (const id of groupIds) group(id).error = `StreamsGroupDescribe failed: ${describeError(error)}`;
		return;
	}
	for (const d of described) if (infos.has(d.groupId) && groupIds.includes(d.groupId)) applyStreams(group(d.groupId), d);
}

const tasks = (list: StreamsTaskIds[]): StreamsTasks[] => list.map((t) => ({subtopologyId: t.subtopologyId, partitions: [...t.partitions]}));

export function applyStreams(g: GroupInfo, d: StreamsGroupDescribed): void {
	g.groupType = 'streams';
	if (d.errorCode === GROUP_ID_NOT_FOUND) {
		g.state = 'Dead';
		return;
	}
	if (d.errorCode !== 0) {
		g.error = d.errorMessage ? `${errorName(d.errorCode)}: ${d.errorMessage}` : errorName(d.errorCode);
		return;
	}
	g.state = groupStateName(d.state);
	g.protocolType = 'streams';
	// the assignor the coordinator names from Kafka 4.4 (StreamsGroupDescribe v1); none before
	g.assignmentStrategy = d.assignorName ?? '';
	const subtopologies = (d.topology?.subtopologies ?? []).map((s) => ({
		subtopologyId: s.subtopologyId,
		sourceTopics: [...s.sourceTopics],
		repartitionSourceTopics: s.repartitionSourceTopics.map((t) => t.name),
	}));
	g.streams = {
		groupEpoch: d.groupEpoch,
		targetAssignmentEpoch: d.assignmentEpoch,
		topologyEpoch: d.topology ? d.topology.epoch : null,
		...(d.assignorName === undefined ? {} : {assignorName: d.assignorName ?? ''}),
		subtopologies,
		members: d.members.map((m) => ({
			memberId: m.memberId,
			processId: m.processId,
			memberEpoch: m.memberEpoch,
			isClassic: m.isClassic,
			activeTasks: tasks(m.assignment.activeTasks),
			standbyTasks: tasks(m.assignment.standbyTasks),
			warmupTasks: tasks(m.assignment.warmupTasks),
		})),
	};
	g.members = d.members.map((m) => ({
		memberId: m.memberId,
		...(m.instanceId === null ? {} : {groupInstanceId: m.instanceId}),
		clientId: m.clientId,
		host: m.clientHost,
		assignments: inputPartitions(m.assignment.activeTasks, subtopologies),
	}));
}

/** The input topic partitions of `active`, one entry per topic, partitions in order. */
function inputPartitions(
	active: StreamsTaskIds[],
	subtopologies: NonNullable<GroupInfo['streams']>['subtopologies'],
): {topic: string; partitions: number[]}[] {
	const byTopic = new Map<string, Set<number>>();
	for (const task of active) {
		const s = subtopologies.find((x) => x.subtopologyId === task.subtopologyId);
		if (!s) continue; // a task of a sub-topology the group does not list: no topic to name
		for (const topic of [...s.sourceTopics, ...s.repartitionSourceTopics]) {
			if (!byTopic.has(topic)) byTopic.set(topic, new Set());
			for (const p of task.partitions) byTopic.get(topic)!.add(p);
		}
	}
	return [...byTopic]
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
		.map(([topic, parts]) => ({topic, partitions: [...parts].sort((x, y) => x - y)}));
}

/**
 * One row per input partition of an active task (StreamsGroupCommand's rows), sorted by topic and
 * partition, with the group's committed offset when it has one; logEnd and lag come later.
 */
export function streamsOffsetRows(g: GroupInfo, fetched: GroupOffsets | undefined): GroupOffset[] {
	const committed = new Map<string, bigint>();
	for (const o of fetched?.offsets ?? []) {
		if (o.errorCode === 0 && o.offset >= 0n) committed.set(`${o.topic}\u0000${o.partition}`, o.offset);
	}
	const rows = new Map<string, GroupOffset>();
	for (const m of g.members) {
		for (const a of m.assignments) {
			for (const p of a.partitions) {
				const key = `${a.topic}\u0000${p}`;
				if (rows.has(key)) continue;
				rows.set(key, {
					topic: a.topic,
					partition: p,
					committed: committed.get(key) ?? null,
					logEnd: null,
					lag: null,
					consumerId: m.memberId,
					host: m.host,
					clientId: m.clientId,
				});
			}
		}
	}
	return [...rows.values()].sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
}
