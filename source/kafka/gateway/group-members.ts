// A described group into GroupInfo: from DescribeGroups (classic protocol; the assignment is the
// ConsumerProtocol blob the leader chose) or from ConsumerGroupDescribe (KIP-848; the broker's
// assignor and each member's current assignment, as kafka-consumer-groups.sh shows them).
import {groupStateName, type GroupInfo, type GroupMember} from '../../domain/cluster.js';
import {errorName} from '../codec/error-names.js';
import type {ConsumerGroupDescribed} from '../codec/consumer-group-describe.js';
import {decodeConsumerAssignment, type DescribedGroup} from '../codec/describe-groups.js';

const GROUP_ID_NOT_FOUND = 69;

function member(memberId: string, instanceId: string | null, clientId: string, host: string, assignments: GroupMember['assignments']): GroupMember {
	const m: GroupMember = {memberId, clientId, host, assignments};
	if (instanceId) m.groupInstanceId = instanceId;
	return m;
}

export function applyClassic(g: GroupInfo, d: DescribedGroup): void {
	if (d.errorCode !== 0) {
		g.error = errorName(d.errorCode);
		return;
	}
	g.state = d.state || 'Unknown';
	g.protocolType = d.protocolType;
	g.assignmentStrategy = d.protocol;
	// Dead = no such group to DescribeGroups; its type (if listed) stays what ListGroups said
	if (g.state !== 'Dead') g.groupType ??= 'classic';
	const consumer = d.protocolType === 'consumer' || d.protocolType === '';
	g.members = d.members.map((m) =>
		member(m.memberId, m.groupInstanceId, m.clientId, m.clientHost, consumer ? decodeConsumerAssignment(m.assignment) : []),
	);
}

export function applyConsumer(g: GroupInfo, d: ConsumerGroupDescribed): void {
	if (d.errorCode === GROUP_ID_NOT_FOUND) {
		// gone between ListGroups and the describe: what DescribeGroups says of a missing group
		g.state = 'Dead';
		return;
	}
	if (d.errorCode !== 0) {
		g.error = d.errorMessage ? `${errorName(d.errorCode)}: ${d.errorMessage}` : errorName(d.errorCode);
		return;
	}
	g.state = groupStateName(d.state);
	g.groupType = 'consumer';
	g.protocolType = 'consumer';
	g.assignmentStrategy = d.assignorName;
	g.members = d.members.map((m) =>
		member(m.memberId, m.instanceId, m.clientId, m.clientHost, m.assignment.map((a) => ({topic: a.topic, partitions: a.partitions}))),
	);
}
