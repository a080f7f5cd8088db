// Consumer group writes for `kcon group …`: offsets committed from outside the group (a reset),
// offsets deleted, groups deleted, each sent to the group's coordinator (FindCoordinator first);
// and the offsets at a timestamp a reset by time needs, from each partition's leader. Built on
// ClusterActions' links, so read-only mode refuses the writes before they connect.
import {KconError} from '../../errors.js';
import {errorName} from '../codec/error-names.js';
import {findCoordinatorsRequest} from '../codec/find-coordinator.js';
import {listOffsetsRequest} from '../codec/list-offsets.js';
import {offsetCommitRequest, type CommittedPartition, type OffsetToCommit} from '../codec/offset-commit.js';
import {offsetDeleteRequest, type OffsetDeleteResult} from '../codec/offset-delete.js';
import {offsetFetchRequest} from '../codec/offset-fetch.js';
import {deleteGroupsRequest, type DeletedGroup} from '../codec/delete-groups.js';
import type {WireRequest} from '../codec/request.js';
import type {ClusterActions} from './cluster-actions.js';

export type {CommittedPartition, OffsetToCommit, OffsetDeleteResult, DeletedGroup};

export class GroupActions {
	constructor(private readonly actions: ClusterActions) {}

	/** The broker id coordinating `groupId`. */
	async coordinator(groupId: string): Promise<number> {
		const [found] = await this.actions.any(findCoordinatorsRequest([groupId]));
		if (!found || found.errorCode !== 0) {
			throw new KconError(`no coordinator for group '${groupId}': ${found ? errorName(found.errorCode) : 'no answer'}${found?.errorMessage ? ` (${found.errorMessage})` : ''}`);
		}
		return found.nodeId;
	}

	private async atCoordinator<T>(groupId: string, request: WireRequest<T>): Promise<T> {
		return this.actions.toBroker(await this.coordinator(groupId), request);
	}

	/** The group's committed offsets (OffsetFetch, a read) in the order the coordinator sent them. */
	async committed(groupId: string): Promise<Array<{topic: string; partition: number; offset: bigint}>> {
		const [answer] = await this.atCoordinator(groupId, offsetFetchRequest([groupId]));
		if (!answer) throw new KconError(`OffsetFetch: no answer for group '${groupId}'`);
		if (answer.errorCode !== 0) throw new KconError(`OffsetFetch for group '${groupId}' failed: ${errorName(answer.errorCode)}`);
		return answer.offsets.filter((o) => o.errorCode === 0 && o.offset >= 0n).map(({topic, partition, offset}) => ({topic, partition, offset}));
	}

	/** OffsetCommit of `offsets` for `groupId` as a non-member; the per-partition results. */
	commitOffsets(groupId: string, offsets: OffsetToCommit[]): Promise<CommittedPartition[]> {
		return this.atCoordinator(groupId, offsetCommitRequest(groupId, offsets));
	}

	deleteOffsets(groupId: string, topics: Array<{topic: string; partitions: number[]}>): Promise<OffsetDeleteResult> {
		return this.atCoordinator(groupId, offsetDeleteRequest(groupId, topics));
	}

	async deleteGroup(groupId: string): Promise<DeletedGroup> {
		const [result] = await this.atCoordinator(groupId, deleteGroupsRequest([groupId]));
		if (!result) throw new KconError(`DeleteGroups: no answer for group '${groupId}'`);
		return result;
	}

	/**
	 * The first offset at or after `timestamp` (epoch ms) of each partition, asked of its leader
	 * (ListOffsets v5); null where the log has no such record. Keyed topic NUL partition.
	 */
	async offsetsAt(partitions: Array<{topic: string; partition: number; leader: number}>, timestamp: number): Promise<Map<string, bigint | null>> {
		const byLeader = new Map<number, Map<string, number[]>>();
		for (const p of partitions) {
			let topics = byLeader.get(p.leader);
			if (!topics) byLeader.set(p.leader, (topics = new Map()));
			let list = topics.get(p.topic);
			if (!list) topics.set(p.topic, (list = []));
			list.push(p.partition);
		}
		const found = new Map<string, bigint | null>();
		await Promise.all(
			[...byLeader].map(async ([leader, topics]) => {
				const answers = await this.actions.toBroker(leader, listOffsetsRequest(5, topics, BigInt(timestamp)));
				for (const a of answers) {
					if (a.errorCode !== 0) throw new KconError(`ListOffsets of ${a.topic}-${a.partition} at ${new Date(timestamp).toISOString()} failed: ${errorName(a.errorCode)}`);
					found.set(`${a.topic}\u0000${a.partition}`, a.offset < 0n ? null : a.offset);
				}
			}),
		);
		return found;
	}
}
