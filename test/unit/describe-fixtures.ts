// A degraded cluster as a ClusterSnapshot fixture: broker 5 gone from the cluster and unreachable,
// one RF-1 partition offline, one partition under-replicated, a reassignment in flight, groups in
// every state kafka-consumer-groups.sh has a note for.
import type {ClusterSnapshot, PartitionInfo} from '../../source/domain/cluster.js';

export function partition(p: Partial<PartitionInfo> & {partition: number}): PartitionInfo {
	return {
		leader: 3,
		replicas: [3, 4],
		isr: [3, 4],
		offlineReplicas: [],
		addingReplicas: [],
		removingReplicas: [],
		earliestOffset: 0n,
		latestOffset: 10n,
		...p,
	};
}

export function degradedSnapshot(): ClusterSnapshot {
	return {
		takenAt: Date.UTC(2026, 10, 23, 19, 0, 0),
		clusterId: 'rH8CefJ3lZf-Ogjx5ET8Yg',
		controller: null,
		brokers: [
			{id: 3, host: '127.0.0.1', port: 9090, rack: 'r1', reachable: true},
			{id: 4, host: '127.0.0.1', port: 9091, rack: null, reachable: false, error: 'connect ECONNREFUSED 127.0.0.1:9091'},
		],
		topics: [
			{
				name: '__consumer_offsets',
				internal: true,
				topicId: 'AAAAAAAAAAAAAAAAAAAAAQ',
				minInsyncReplicas: 1,
				configs: {'cleanup.policy': 'compact'},
				partitions: [partition({partition: 0, replicas: [3], isr: [3]})],
			},
			{
				name: 'resource',
				internal: false,
				topicId: 'nHe7i_N1SNueuc2SLS1mDQ',
				minInsyncReplicas: 2,
				configs: {'min.insync.replicas': '2', 'retention.ms': '60000'},
				partitions: [
					partition({partition: 0, leader: 3, replicas: [3, 4, 5], isr: [3, 4], elr: [], lastKnownElr: []}),
					partition({partition: 1, leader: 5, replicas: [5, 3, 4], isr: [5], offlineReplicas: [], latestOffset: 9007199254740993n}),
					partition({partition: 2, leader: 4, replicas: [4, 3, 5], isr: [4, 3, 5]}),
				],
			},
			{
				name: 'solo',
				internal: false,
				minInsyncReplicas: 1,
				configs: {},
				partitions: [
					partition({partition: 0, leader: null, replicas: [5], isr: [5], offlineReplicas: [5], earliestOffset: null, latestOffset: null, error: 'LEADER_NOT_AVAILABLE'}),
				],
			},
			{
				name: 'moving',
				internal: false,
				minInsyncReplicas: 1,
				configs: {},
				partitions: [partition({partition: 0, leader: 3, replicas: [3, 4, 5], isr: [3, 4, 5], addingReplicas: [5], removingReplicas: [4]})],
			},
		],
		groups: [
			{
				groupId: 'tower',
				state: 'Stable',
				protocolType: 'consumer',
				assignmentStrategy: 'range',
				coordinator: 3,
				members: [
					{memberId: 'c-1', clientId: 'tower-client', host: '/127.0.0.1', assignments: [{topic: 'resource', partitions: [0, 1]}]},
					{memberId: 'c-2', clientId: 'tower-client', host: '/127.0.0.1', assignments: []},
				],
				offsets: [
					{topic: 'resource', partition: 0, committed: 7n, logEnd: 10n, lag: 3n, consumerId: 'c-1', host: '/127.0.0.1', clientId: 'tower-client'},
					{topic: 'resource', partition: 1, committed: null, logEnd: 9007199254740993n, lag: null, consumerId: 'c-1', host: '/127.0.0.1', clientId: 'tower-client'},
				],
				totalLag: 3n,
			},
			{
				groupId: 'tower-backup',
				state: 'Empty',
				protocolType: 'consumer',
				assignmentStrategy: '',
				coordinator: 3,
				members: [],
				offsets: [{topic: 'resource', partition: 2, committed: 4n, logEnd: 10n, lag: 6n, consumerId: null, host: null, clientId: null}],
				totalLag: 6n,
			},
			{groupId: 'moving-on', state: 'PreparingRebalance', protocolType: 'consumer', coordinator: 3, members: [], offsets: [], totalLag: 0n},
			{groupId: 'gone', state: 'Dead', protocolType: '', coordinator: 3, members: [], offsets: [], totalLag: 0n},
		],
		warnings: ['broker 4 (127.0.0.1:9091) is unreachable: connect ECONNREFUSED 127.0.0.1:9091'],
	};
}
