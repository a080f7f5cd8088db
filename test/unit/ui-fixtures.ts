// Fixture snapshots and agent states for the console's view tests and bench (no broker involved). No tests here.
import type {ClusterSnapshot, GroupInfo, PartitionInfo, TopicInfo} from '../../source/domain/cluster.js';
import type {AgentState} from '../../source/domain/metrics.js';

export function partition(n: number, leader: number | null, replicas: number[], isr: number[], earliest: bigint | null = 0n, latest: bigint | null = 100n): PartitionInfo {
	return {
		partition: n,
		leader,
		replicas,
		isr,
		offlineReplicas: [],
		addingReplicas: [],
		removingReplicas: [],
		earliestOffset: earliest,
		latestOffset: latest,
	};
}

/** The lab after broker 5 was SIGKILLed: partition 2 lost its leader (RF 1 topic), ISRs shrank. */
export function labSnapshot(takenAt = 1_700_000_000_000, towerLag = 3n, backupLag = 500n): ClusterSnapshot {
	const resource: TopicInfo = {
		name: 'resource',
		internal: false,
		minInsyncReplicas: 2,
		partitions: [
			partition(0, 3, [3, 4, 5], [3, 4], 0n, 1200n),
			partition(1, 4, [4, 5, 3], [4, 3], 10n, 1210n),
			partition(2, 3, [5, 3, 4], [3], 0n, 1190n),
		],
	};
	const single: TopicInfo = {
		name: 'single',
		internal: false,
		partitions: [partition(0, null, [5], [5], null, null)],
	};
	const offsets: TopicInfo = {
		name: '__consumer_offsets',
		internal: true,
		partitions: [partition(0, 3, [3], [3], 0n, 42n)],
	};
	const tower: GroupInfo = {
		groupId: 'tower',
		state: 'Stable',
		protocolType: 'consumer',
		coordinator: 3,
		members: [{memberId: 'tower-1-abc', clientId: 'tower-1', host: '/127.0.0.1', assignments: [{topic: 'resource', partitions: [0, 1, 2]}]}],
		offsets: [0, 1, 2].map((p) => ({
			topic: 'resource',
			partition: p,
			committed: 1190n - towerLag,
			logEnd: 1190n,
			lag: towerLag,
			consumerId: 'tower-1-abc',
			host: '/127.0.0.1',
			clientId: 'tower-1',
		})),
		totalLag: towerLag * 3n,
	};
	const backup: GroupInfo = {
		groupId: 'tower-backup',
		state: 'Empty',
		protocolType: 'consumer',
		coordinator: 4,
		members: [],
		offsets: [0, 1, 2].map((p) => ({
			topic: 'resource',
			partition: p,
			committed: 700n,
			logEnd: 700n + backupLag,
			lag: backupLag,
			consumerId: null,
			host: null,
			clientId: null,
		})),
		totalLag: backupLag * 3n,
	};
	return {
		takenAt,
		clusterId: 'lab-cluster',
		controller: null,
		brokers: [
			{id: 3, host: '127.0.0.1', port: 29592, rack: null, reachable: true},
			{id: 4, host: '127.0.0.1', port: 29593, rack: null, reachable: true},
			{id: 5, host: '127.0.0.1', port: 29594, rack: null, reachable: false, error: 'connect ECONNREFUSED 127.0.0.1:29594'},
		],
		topics: [resource, single, offsets],
		groups: [tower, backup],
		warnings: [],
	};
}

/** One topic with `n` partitions over brokers 3,4,5 (plus a few small topics), for scale tests. */
export function bigSnapshot(n = 10_000, topics = 1, groups = 0): ClusterSnapshot {
	const list: TopicInfo[] = [];
	for (let t = 0; t < topics; t++) {
		const count = t === 0 ? n : 3;
		const parts: PartitionInfo[] = new Array(count);
		for (let i = 0; i < count; i++) {
			const r = [3 + (i % 3), 3 + ((i + 1) % 3), 3 + ((i + 2) % 3)];
			parts[i] = partition(i, r[0]!, r, r, BigInt(i), BigInt(i * 10 + 5));
		}
		list.push({name: t === 0 ? 'big' : `topic-${String(t).padStart(4, '0')}`, internal: false, partitions: parts});
	}
	const gs: GroupInfo[] = [];
	for (let g = 0; g < groups; g++) {
		gs.push({groupId: `group-${String(g).padStart(4, '0')}`, state: 'Stable', protocolType: 'consumer', coordinator: 3, members: [], offsets: [], totalLag: BigInt(g)});
	}
	return {
		takenAt: 1_700_000_000_000,
		clusterId: 'big',
		controller: null,
		brokers: [3, 4, 5].map((id) => ({id, host: '127.0.0.1', port: 9087 + id, rack: null, reachable: true})),
		topics: list,
		groups: gs,
		warnings: [],
	};
}

/** An SNMP agent that answered with every metric (a Pi), for the agents views. */
export function agentState(name: string, extra: Partial<AgentState> = {}): AgentState {
	return {
		name,
		address: `127.0.1.${name.slice(-1)}:1161`,
		security: 'v2c',
		status: 'ok',
		error: null,
		latencyMs: 4,
		lastAnswerAt: 1000,
		lastAttemptAt: 996,
		ifIndex: 2,
		ifDescr: 'eth0',
		missing: [],
		requests: 10,
		skipped: 0,
		metrics: {
			sysName: 'pi',
			uptimeSeconds: 3 * 86400 + 4 * 3600,
			cpuPercent: 42.5,
			load1: 1.35,
			memTotalKB: 3884328,
			memAvailKB: 2925856,
			memUsedPercent: 24.7,
			diskPercent: 6,
			rxBytesPerSec: 1_234_567,
			txBytesPerSec: 98_000,
			counterBits: 64,
		},
		...extra,
	};
}
