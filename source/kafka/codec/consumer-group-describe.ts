// ConsumerGroupDescribe v0–v1 (API key 69, flexible): the groups of the KIP-848 rebalance protocol
// (`group.protocol=consumer`, GA in Kafka 4.0), which DescribeGroups reports as Dead. The broker
// assigns (assignorName: uniform, range); a member's current assignment comes as topic ids + names.
// v1 adds each member's type (KIP-1099: 1 consumer protocol, 0 a classic member of an upgraded group).
import type {Reader} from './primitives.js';
import {ApiKey, uuidString, wire, type WireRequest} from './request.js';

export interface AssignedTopic {
	topicId: string;
	topic: string;
	partitions: number[];
}

export interface ConsumerGroupMember {
	memberId: string;
	instanceId: string | null;
	rackId: string | null;
	memberEpoch: number;
	clientId: string;
	clientHost: string;
	subscribedTopicNames: string[];
	subscribedTopicRegex: string | null;
	assignment: AssignedTopic[];
	targetAssignment: AssignedTopic[];
	/** v1+: 1 consumer protocol, 0 classic protocol (KIP-1099); -1 when not sent (v0) */
	memberType: number;
}

export interface ConsumerGroupDescribed {
	errorCode: number;
	errorMessage: string | null;
	groupId: string;
	/** Empty, Assigning, Reconciling, Stable, Dead (ConsumerGroupState as the broker names it) */
	state: string;
	groupEpoch: number;
	assignmentEpoch: number;
	assignorName: string;
	members: ConsumerGroupMember[];
}

export function consumerGroupDescribeRequest(version: number, groupIds: string[]): WireRequest<ConsumerGroupDescribed[]> {
	if (version < 0 || version > 1) throw new Error(`ConsumerGroupDescribe v${version} is not implemented`);
	return wire(
		ApiKey.ConsumerGroupDescribe,
		'ConsumerGroupDescribe',
		version,
		true,
		(w) => {
			w.compactArray(groupIds, (w, id) => w.compactString(id));
			w.bool(false); // include authorized operations
			w.tags();
		},
		(r) => {
			r.int32(); // throttle
			const groups = r.compactArray((r) => describedGroup(r, version));
			r.tags();
			return groups;
		},
	);
}

function describedGroup(r: Reader, version: number): ConsumerGroupDescribed {
	const group: ConsumerGroupDescribed = {
		errorCode: r.int16(),
		errorMessage: r.compactString(),
		groupId: r.compactString() ?? '',
		state: r.compactString() ?? '',
		groupEpoch: r.int32(),
		assignmentEpoch: r.int32(),
		assignorName: r.compactString() ?? '',
		members: r.compactArray((r) => member(r, version)),
	};
	r.int32(); // authorized operations
	r.tags();
	return group;
}

function member(r: Reader, version: number): ConsumerGroupMember {
	const m: ConsumerGroupMember = {
		memberId: r.compactString() ?? '',
		instanceId: r.compactString(),
		rackId: r.compactString(),
		memberEpoch: r.int32(),
		clientId: r.compactString() ?? '',
		clientHost: r.compactString() ?? '',
		subscribedTopicNames: r.compactArray((r) => r.compactString() ?? ''),
		subscribedTopicRegex: r.compactString(),
		assignment: assignment(r),
		targetAssignment: assignment(r),
		memberType: version >= 1 ? r.int8() : -1,
	};
	r.tags();
	return m;
}

/** An Assignment (KIP-848 and KIP-932 members alike): topic id, name and partitions per topic. */
export function assignment(r: Reader): AssignedTopic[] {
	const topics = r.compactArray((r) => {
		const t: AssignedTopic = {
			topicId: uuidString(r.uuid()),
			topic: r.compactString() ?? '',
			partitions: r.compactArray((r) => r.int32()),
		};
		r.tags();
		return t;
	});
	r.tags();
	return topics;
}
