// ShareGroupDescribe v1 (API key 77, flexible): the share groups of KIP-932 (Kafka ≥ 4.1; v0 was
// the 4.0 early access and is gone), which DescribeGroups and ConsumerGroupDescribe both answer with
// GROUP_ID_NOT_FOUND. The broker assigns partitions (assignorName `simple`); a member's assignment
// comes as topic ids + names.
import type {Reader} from './primitives.js';
import {ApiKey, uuidString, wire, type WireRequest} from './request.js';
import {assignment, type AssignedTopic} from './consumer-group-describe.js';

export interface ShareGroupMember {
	memberId: string;
	rackId: string | null;
	memberEpoch: number;
	clientId: string;
	clientHost: string;
	subscribedTopicNames: string[];
	assignment: AssignedTopic[];
}

export interface ShareGroupDescribed {
	errorCode: number;
	errorMessage: string | null;
	groupId: string;
	/** Empty, Stable, Dead (ShareGroupState as the broker names it) */
	state: string;
	groupEpoch: number;
	assignmentEpoch: number;
	assignorName: string;
	members: ShareGroupMember[];
}

export function shareGroupDescribeRequest(version: number, groupIds: string[]): WireRequest<ShareGroupDescribed[]> {
	if (version !== 1) throw new Error(`ShareGroupDescribe v${version} is not implemented`);
	return wire(
		ApiKey.ShareGroupDescribe,
		'ShareGroupDescribe',
		version,
		true,
		(w) => {
			w.compactArray(groupIds, (w, id) => w.compactString(id));
			w.bool(false); // include authorized operations
			w.tags();
		},
		(r) => {
			r.int32(); // throttle
			const groups = r.compactArray(describedGroup);
			r.tags();
			return groups;
		},
	);
}

function describedGroup(r: Reader): ShareGroupDescribed {
	const group: ShareGroupDescribed = {
		errorCode: r.int16(),
		errorMessage: r.compactString(),
		groupId: r.compactString() ?? '',
		state: r.compactString() ?? '',
		groupEpoch: r.int32(),
		assignmentEpoch: r.int32(),
		assignorName: r.compactString() ?? '',
		members: r.compactArray(member),
	};
	r.int32(); // authorized operations
	r.tags();
	return group;
}

function member(r: Reader): ShareGroupMember {
	const m: ShareGroupMember = {
		memberId: r.compactString() ?? '',
		rackId: r.compactString(),
		memberEpoch: r.int32(),
		clientId: r.compactString() ?? '',
		clientHost: r.compactString() ?? '',
		subscribedTopicNames: r.compactArray((r) => r.compactString() ?? ''),
		assignment: assignment(r),
	};
	r.tags();
	return m;
}
