// Replication health of a snapshot: pure functions, shared by `describe` filters and the console's
// health strip. The partition predicates follow Kafka's TopicCommand (kafka-topics.sh --describe):
//   under-replicated   replication factor - |ISR| > 0, where during a reassignment the replication
//                      factor is |replicas| - |adding| (the target set still being built is not counted)
//   unavailable        no leader, or the leader is not a live broker (not in the cluster's broker list)
//   under-min-ISR      no leader, or |ISR| < min.insync.replicas
//   at-min-ISR         |ISR| == min.insync.replicas
// min.insync.replicas is the topic's when the snapshot carries it (TopicInfo.minInsyncReplicas);
// topics without it are left out of the two min-ISR sets (unknown is not "healthy" nor "broken").
import type {BrokerInfo, ClusterSnapshot, PartitionInfo, TopicInfo} from './cluster.js';

export interface PartitionRef {
	topic: string;
	partition: number;
}

export interface BrokerLoad {
	id: number;
	/** partitions this broker leads */
	leaders: number;
	/** partition replicas this broker holds (ISR or not) */
	replicas: number;
	/** replicas on this broker that are out of the ISR */
	outOfSync: number;
	/** partitions led by this broker that are under-replicated */
	underReplicated: number;
}

export interface ClusterHealth {
	partitions: number;
	underReplicated: PartitionRef[];
	unavailable: PartitionRef[];
	underMinIsr: PartitionRef[];
	atMinIsr: PartitionRef[];
	/** partitions with a replica on a broker that is not live */
	offlineReplicas: PartitionRef[];
	brokersTotal: number;
	brokersReachable: number;
	/** one entry per broker of the snapshot (plus ids only seen in replica lists), sorted by id */
	brokers: BrokerLoad[];
}

/** The replication factor as TopicCommand reports it (target size while a reassignment runs). */
export function replicationFactor(p: PartitionInfo): number {
	const changing = p.addingReplicas.length > 0 || p.removingReplicas.length > 0;
	return changing ? p.replicas.length - p.addingReplicas.length : p.replicas.length;
}

export function isUnderReplicated(p: PartitionInfo): boolean {
	return replicationFactor(p) - p.isr.length > 0;
}

/** liveBrokers: ids of the brokers the cluster lists (snapshot.brokers). */
export function isUnavailable(p: PartitionInfo, liveBrokers: ReadonlySet<number>): boolean {
	return p.leader === null || !liveBrokers.has(p.leader);
}

/** undefined when min.insync.replicas is unknown for the topic. */
export function isUnderMinIsr(p: PartitionInfo, minIsr: number | undefined): boolean | undefined {
	if (minIsr === undefined) return p.leader === null ? true : undefined;
	return p.leader === null || p.isr.length < minIsr;
}

export function isAtMinIsr(p: PartitionInfo, minIsr: number | undefined): boolean | undefined {
	if (minIsr === undefined) return undefined;
	return p.isr.length === minIsr;
}

/** Brokers the cluster metadata lists (TopicCommand's "live brokers"), reachable or not. */
export function liveBrokerIds(brokers: BrokerInfo[]): Set<number> {
	return new Set(brokers.filter((b) => b.registered !== false).map((b) => b.id));
}

export function topicUnderReplicated(topic: TopicInfo): boolean {
	return topic.partitions.some(isUnderReplicated);
}

export type PartitionFilter = 'under-replicated' | 'unavailable' | 'under-min-isr' | 'at-min-isr';

/** The predicate behind a describe filter flag, bound to a snapshot's live brokers. */
export function partitionFilter(
	filter: PartitionFilter,
	brokers: BrokerInfo[],
): (topic: TopicInfo, p: PartitionInfo) => boolean {
	const live = liveBrokerIds(brokers);
	switch (filter) {
		case 'under-replicated':
			return (_t, p) => isUnderReplicated(p);
		case 'unavailable':
			return (_t, p) => isUnavailable(p, live);
		case 'under-min-isr':
			return (t, p) => isUnderMinIsr(p, t.minInsyncReplicas) === true;
		case 'at-min-isr':
			return (t, p) => isAtMinIsr(p, t.minInsyncReplicas) === true;
	}
}

export function clusterHealth(snapshot: Pick<ClusterSnapshot, 'brokers' | 'topics'>): ClusterHealth {
	const live = liveBrokerIds(snapshot.brokers);
	const loads = new Map<number, BrokerLoad>();
	const load = (id: number): BrokerLoad => {
		let l = loads.get(id);
		if (!l) {
			l = {id, leaders: 0, replicas: 0, outOfSync: 0, underReplicated: 0};
			loads.set(id, l);
		}
		return l;
	};
	for (const b of snapshot.brokers) load(b.id);
	const health: ClusterHealth = {
		partitions: 0,
		underReplicated: [],
		unavailable: [],
		underMinIsr: [],
		atMinIsr: [],
		offlineReplicas: [],
		brokersTotal: snapshot.brokers.length,
		brokersReachable: snapshot.brokers.filter((b) => b.reachable).length,
		brokers: [],
	};
	for (const topic of snapshot.topics) {
		for (const p of topic.partitions) {
			health.partitions++;
			const ref = {topic: topic.name, partition: p.partition};
			const under = isUnderReplicated(p);
			if (under) health.underReplicated.push(ref);
			if (isUnavailable(p, live)) health.unavailable.push(ref);
			if (isUnderMinIsr(p, topic.minInsyncReplicas) === true) health.underMinIsr.push(ref);
			if (isAtMinIsr(p, topic.minInsyncReplicas) === true) health.atMinIsr.push(ref);
			if (p.offlineReplicas.length > 0 || p.replicas.some((r) => !live.has(r))) health.offlineReplicas.push(ref);
			const isr = new Set(p.isr);
			for (const r of p.replicas) {
				const l = load(r);
				l.replicas++;
				if (!isr.has(r)) l.outOfSync++;
			}
			if (p.leader !== null) {
				const l = load(p.leader);
				l.leaders++;
				if (under) l.underReplicated++;
			}
		}
	}
	health.brokers = [...loads.values()].sort((a, b) => a.id - b.id);
	return health;
}
