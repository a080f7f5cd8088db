// The console's partitions table of one topic: leader, replica badges, ISR, offsets, reassignment.
import type {ClusterSnapshot, PartitionInfo} from '../domain/cluster.js';
import {liveBrokerIds} from '../domain/health.js';
import {ChangeSet} from '../domain/snapshot-diff.js';
import {LazyRow, marked, num, type Column, type Row, type RowBody, type Segment, type Table} from './cells.js';

export type ReplicaState = 'in-sync' | 'out-of-sync' | 'offline';

export function replicaState(p: PartitionInfo, replica: number, live: ReadonlySet<number>, reachable: ReadonlySet<number>): ReplicaState {
	if (p.offlineReplicas.includes(replica) || !live.has(replica) || !reachable.has(replica)) return 'offline';
	if (!p.isr.includes(replica)) return 'out-of-sync';
	return 'in-sync';
}

/** Replica badges: in sync `3`, out of sync `4*`, offline `5!` — coloured green / yellow / red. */
export function replicaBadges(p: PartitionInfo, live: ReadonlySet<number>, reachable: ReadonlySet<number> = live): Segment[] {
	const out: Segment[] = [];
	p.replicas.forEach((r, i) => {
		if (i > 0) out.push({text: ' '});
		const state = replicaState(p, r, live, reachable);
		if (state === 'in-sync') out.push({text: `${r}`, tone: 'ok'});
		else if (state === 'out-of-sync') out.push({text: `${r}*`, tone: 'warn'});
		else out.push({text: `${r}!`, tone: 'bad'});
	});
	return out;
}

export function partitionsTable(snapshot: ClusterSnapshot, topicName: string, marks: ChangeSet = ChangeSet.none): Table | null {
	const topic = snapshot.topics.find((t) => t.name === topicName);
	if (!topic) return null;
	const live = liveBrokerIds(snapshot.brokers);
	const reachable = new Set(snapshot.brokers.filter((b) => b.reachable).map((b) => b.id));
	const columns: Column[] = [
		{title: 'PARTITION', width: 9, align: 'right', numeric: true},
		{title: 'LEADER', width: 7, align: 'right'},
		{title: 'REPLICAS', min: 10, flex: 2},
		{title: 'ISR', min: 8, flex: 2},
		{title: 'EARLIEST', width: 12, align: 'right', numeric: true},
		{title: 'LATEST', width: 12, align: 'right', numeric: true},
		{title: 'ADDING/REMOVING', min: 8, flex: 1},
		{title: 'ELR', min: 5, flex: 1},
	];
	const draw = (p: PartitionInfo): RowBody => {
		const at = {kind: 'partition', topic: topicName, partition: p.partition} as const;
		const leaderDown = p.leader !== null && !reachable.has(p.leader);
		const leader: Segment =
			p.leader === null
				? {text: 'none', tone: 'bad'}
				: marked(leaderDown ? `${p.leader}!` : String(p.leader), marks, {...at, field: 'leader'}, leaderDown ? 'bad' : undefined);
		const moving =
			p.addingReplicas.length || p.removingReplicas.length
				? `+${p.addingReplicas.join(',') || '-'} -${p.removingReplicas.join(',') || '-'}`
				: '';
		return {
			cells: [
				String(p.partition),
				leader,
				replicaBadges(p, live, reachable),
				marked(p.isr.join(',') || '-', marks, {...at, field: 'isr'}, p.isr.length < p.replicas.length ? 'warn' : undefined),
				num(p.earliestOffset),
				num(p.latestOffset),
				moving ? {text: moving, tone: 'accent'} : '',
				elrCell(p),
			],
			sort: [p.partition, p.leader ?? -1, p.replicas.join(','), p.isr.length, p.earliestOffset ?? -1n, p.latestOffset ?? -1n, moving],
			// leaderless: an eligible replica can still be elected without data loss (warn), none (bad)
			tone: p.leader === null ? (p.elr?.length ? 'warn' : 'bad') : undefined,
		};
	};
	const rows: Row[] = topic.partitions.map((p) => new LazyRow(String(p.partition), p, draw));
	return {columns, rows};
}

/** Eligible leader replicas (KIP-966) and, when none is eligible, the last known ones: `4,5`,
 *  `- (last 3)`, `-`; empty when the cluster did not say (no DescribeTopicPartitions, ELR off). */
export function elrCell(p: PartitionInfo): Segment {
	if (p.elr === undefined) return {text: ''};
	if (p.elr.length > 0) return {text: p.elr.join(','), tone: p.leader === null ? 'warn' : undefined};
	if (p.lastKnownElr?.length) return {text: `- (last ${p.lastKnownElr.join(',')})`, tone: p.leader === null ? 'bad' : 'dim'};
	return {text: '-', tone: 'dim'};
}
