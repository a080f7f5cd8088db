// A consumer group as a group write needs to see it first: its state and members (DescribeGroups,
// or ConsumerGroupDescribe for a KIP-848 group), committed offsets, and the topics concerned with
// their partitions' leaders and earliest/latest offsets — one fresh snapshot, read before anything
// is sent. A group with members is refused here, by every group write, with the Java tool's words.
import {KconError, UsageError} from '../errors.js';
import type {Settings} from '../config/settings.js';
import type {ClusterSnapshot, GroupInfo} from '../domain/cluster.js';
import {readSnapshot} from './cluster-snapshot.js';
import {refuse, type OpContext} from './guard.js';

/** States in which a group has no member that could commit over a change (Dead: no such group). */
const INACTIVE = new Set(['Empty', 'Dead']);

export interface InspectedGroup {
	group: GroupInfo;
	snapshot: ClusterSnapshot;
}

/** The group and `topics` (undefined: every topic) with their offsets; throws when the group could not be described. */
export async function inspectGroup(settings: Settings, groupId: string, topics: string[] | undefined): Promise<InspectedGroup> {
	const snapshot = await readSnapshot(settings, {
		groups: [groupId],
		...(topics === undefined ? {} : {topics}),
		offsets: true,
		configs: false,
		reassignments: false,
	});
	const group = snapshot.groups.find((g) => g.groupId === groupId);
	if (!group) throw new KconError(`group '${groupId}' could not be described`);
	// OffsetCommit/OffsetDelete serve classic and consumer groups only; a share group's start offsets
	// move with AlterShareGroupOffsets and it is deleted by type-checked admin calls kcon does not send;
	// a streams group's delete also takes its internal topics, which kcon does not decide
	if (group.groupType !== undefined && group.groupType !== 'classic' && group.groupType !== 'consumer') {
		throw new UsageError(
			`group '${groupId}' is a ${group.groupType} group: kcon group reset-offsets, delete-offsets and delete serve classic and consumer groups only` +
				(group.groupType === 'share' ? ' (for a share group: kafka-share-groups.sh --reset-offsets, --delete-offsets or --delete)' : '') +
				(group.groupType === 'streams' ? ' (for a streams group: kafka-streams-groups.sh --reset-offsets, --delete-offsets or --delete, with its application stopped)' : ''),
		);
	}
	if (group.error) throw new KconError(`group '${groupId}' could not be described: ${group.error}`);
	return {group, snapshot};
}

/** Whether the group is one that may be changed from outside; the reason when not. */
export function activeReason(group: GroupInfo, what: string): string | null {
	if (INACTIVE.has(group.state) && group.members.length === 0) return null;
	const members = group.members.length;
	return `${what} only when the group '${group.groupId}' is inactive, but the current state is ${group.state} (${members} member${members === 1 ? '' : 's'}); stop its consumers first`;
}

/** Refuses (audited under `op` when given) a group that has members. */
export function refuseIfActive(op: OpContext | null, group: GroupInfo, what: string): void {
	const reason = activeReason(group, what);
	if (reason === null) return;
	if (op) refuse(op, reason);
	throw new KconError(reason, 1, 'refused');
}

/** The named topics, each known to the snapshot (a UsageError names the first that is not). */
export function requireTopics(snapshot: ClusterSnapshot, topics: string[]): void {
	for (const t of topics) {
		if (!snapshot.topics.some((x) => x.name === t)) throw new UsageError(`topic '${t}' does not exist`);
	}
}
