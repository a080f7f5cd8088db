// The `kcon describe -o json` document. Field names are a contract (scripts and the console rely on
// them): brokers[] id, host, port, rack, reachable; topics[] name, internal, underReplicated,
// partitions[] (partition, leader|null, replicas, isr, offlineReplicas, addingReplicas,
// removingReplicas, earliestOffset, latestOffset, elr|null, lastKnownElr|null (KIP-966; null when
// the cluster did not say)); groups[] groupId, state, protocolType, groupType
// (classic | consumer for KIP-848 groups | share for KIP-932 ones | streams | what the broker listed),
// assignmentStrategy (a consumer group's: the broker's
// assignor), coordinator, members[] (memberId, clientId, host, assignments[]), offsets[] (topic, partition,
// committed|null, logEnd, lag|null, consumerId, host, clientId), totalLag (lag as domain/lag.ts
// defines it: never negative, totalLag the sum of the known partition lags). Offsets stay bigint
// here; toJson() writes them as exact JSON numbers.
import type {ClusterSnapshot, GroupInfo, TopicInfo} from '../domain/cluster.js';
import {clusterHealth, isUnderReplicated} from '../domain/health.js';

export function describeDocument(
	snapshot: ClusterSnapshot,
	parts: {topics?: TopicInfo[]; groups?: GroupInfo[]} = {},
): Record<string, unknown> {
	const health = clusterHealth(snapshot);
	const load = new Map(health.brokers.map((b) => [b.id, b]));
	const topics = parts.topics ?? snapshot.topics;
	const groups = parts.groups ?? snapshot.groups;
	return {
		clusterId: snapshot.clusterId,
		controller: snapshot.controller,
		takenAt: new Date(snapshot.takenAt).toISOString(),
		brokers: snapshot.brokers.map((b) => ({
			id: b.id,
			host: b.host,
			port: b.port,
			rack: b.rack,
			reachable: b.reachable,
			error: b.error,
			registered: b.registered,
			leaders: load.get(b.id)?.leaders ?? 0,
			replicas: load.get(b.id)?.replicas ?? 0,
			underReplicated: load.get(b.id)?.underReplicated ?? 0,
		})),
		topics: topics.map((t) => ({
			name: t.name,
			topicId: t.topicId,
			internal: t.internal,
			underReplicated: t.partitions.some(isUnderReplicated),
			minInsyncReplicas: t.minInsyncReplicas,
			configs: t.configs,
			partitions: t.partitions.map((p) => ({
				partition: p.partition,
				leader: p.leader,
				replicas: p.replicas,
				isr: p.isr,
				offlineReplicas: p.offlineReplicas,
				addingReplicas: p.addingReplicas,
				removingReplicas: p.removingReplicas,
				earliestOffset: p.earliestOffset,
				latestOffset: p.latestOffset,
				elr: p.elr ?? null,
				lastKnownElr: p.lastKnownElr ?? null,
				error: p.error,
			})),
		})),
		groups: groups.map((g) => ({
			groupId: g.groupId,
			state: g.state,
			protocolType: g.protocolType,
			groupType: g.groupType,
			assignmentStrategy: g.assignmentStrategy,
			coordinator: g.coordinator,
			members: g.members.map((m) => ({
				memberId: m.memberId,
				groupInstanceId: m.groupInstanceId,
				clientId: m.clientId,
				host: m.host,
				assignments: m.assignments.map((a) => ({topic: a.topic, partitions: a.partitions})),
			})),
			offsets: g.offsets.map((o) => ({
				topic: o.topic,
				partition: o.partition,
				committed: o.committed,
				logEnd: o.logEnd,
				lag: o.lag,
				consumerId: o.consumerId,
				host: o.host,
				clientId: o.clientId,
			})),
			totalLag: g.totalLag,
			error: g.error,
		})),
		warnings: snapshot.warnings,
	};
}
