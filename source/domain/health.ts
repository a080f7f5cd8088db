// Replication health of a snapshot: pure functions, shared by `describe` filters and the console's
// health strip. The partition predicates follow Kafka's TopicCommand (kafka-topics.sh --describe):
//   under-replicated   replication factor - |ISR| > 0, where during a reassignment the replication
//                      factor is |replicas| - |adding| (the target set still being built is not counted)
//   unavailable        no leader, or the leader is not a live broker (not in the cluster's broker list)
//   under-min-ISR      no leader, or |ISR| < min.insync.replicas
//   at-min-ISR         |ISR| == min.insync.replicas
// min.insync.replicas is the topic's when the snapshot carries it (TopicInfo.minInsyncReplicas);
// topics without it are left out of the two min-ISR sets (unknown is not "healthy" nor "broken").
// Also here: per-topic counts, brokers that dropped out of the metadata, and the console's health
// counts (brokers up, under-replicated, offline, under-min-ISR, groups lagging).
import type {BrokerInfo, ClusterSnapshot, GroupInfo, PartitionInfo, TopicInfo} from './cluster.js';
import {groupLagSummary, type LagHistory} from './lag-history.js';
import {votersUp, type QuorumRead} from './quorum.js';

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

// A snapshot is read by several passes per refresh (the health strip, the brokers table, the next
// refresh's diff): its health is counted once per topic and broker list (snapshots are not edited
// once made; a new list is a new count). The result is frozen, so no reader can change another's.
const healthOf = new WeakMap<object, {brokers: readonly BrokerInfo[]; health: ClusterHealth}>();

export function clusterHealth(snapshot: Pick<ClusterSnapshot, 'brokers' | 'topics'>): ClusterHealth {
	const hit = healthOf.get(snapshot.topics);
	if (hit && hit.brokers === snapshot.brokers) return hit.health;
	const health = countHealth(snapshot);
	healthOf.set(snapshot.topics, {brokers: snapshot.brokers, health});
	return health;
}

function countHealth(snapshot: Pick<ClusterSnapshot, 'brokers' | 'topics'>): ClusterHealth {
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
			// one ref per listed partition, made only when a list takes it (most partitions are healthy)
			let ref: PartitionRef | undefined;
			const refOf = () => (ref ??= {topic: topic.name, partition: p.partition});
			const under = isUnderReplicated(p);
			if (under) health.underReplicated.push(refOf());
			if (isUnavailable(p, live)) health.unavailable.push(refOf());
			if (isUnderMinIsr(p, topic.minInsyncReplicas) === true) health.underMinIsr.push(refOf());
			if (isAtMinIsr(p, topic.minInsyncReplicas) === true) health.atMinIsr.push(refOf());
			if (p.offlineReplicas.length > 0 || p.replicas.some((r) => !live.has(r))) health.offlineReplicas.push(refOf());
			for (const r of p.replicas) {
				const l = load(r);
				l.replicas++;
				// an ISR is a handful of ids: a scan, not a set per partition
				if (!p.isr.includes(r)) l.outOfSync++;
			}
			if (p.leader !== null) {
				const l = load(p.leader);
				l.leaders++;
				if (under) l.underReplicated++;
			}
		}
	}
	health.brokers = [...loads.values()].sort((a, b) => a.id - b.id);
	for (const b of health.brokers) Object.freeze(b);
	for (const list of [health.underReplicated, health.unavailable, health.underMinIsr, health.atMinIsr, health.offlineReplicas, health.brokers]) Object.freeze(list);
	return Object.freeze(health);
}

export interface TopicStats {
	partitions: number;
	rf: number;
	underReplicated: number;
	offline: number;
	/** sum of latest - earliest over partitions whose offsets are known; null when none is */
	messages: bigint | null;
}

export function topicStats(topic: TopicInfo, live: ReadonlySet<number>): TopicStats {
	let under = 0;
	let offline = 0;
	let messages: bigint | null = null;
	let rf = 0;
	for (const p of topic.partitions) {
		if (isUnderReplicated(p)) under++;
		if (p.leader === null || !live.has(p.leader)) offline++;
		if (p.replicas.length > rf) rf = p.replicas.length;
		if (p.earliestOffset !== null && p.latestOffset !== null) {
			messages = (messages ?? 0n) + (p.latestOffset - p.earliestOffset);
		}
	}
	return {partitions: topic.partitions.length, rf, underReplicated: under, offline, messages};
}

/**
 * Brokers seen earlier (`known`, or that hold replicas) but the cluster no longer lists: after a
 * broker dies the controller fences it and it drops out of the metadata — it is still missing.
 */
export function missingBrokers(snapshot: ClusterSnapshot, known: ReadonlyMap<number, BrokerInfo>): BrokerInfo[] {
	// the gateway may list such brokers itself (registered: false); those are not missing here
	const listed = new Set(snapshot.brokers.map((b) => b.id));
	const out = new Map<number, BrokerInfo>();
	const why = 'not in the cluster metadata (fenced, stopped or dead)';
	for (const [id, b] of known) if (!listed.has(id)) out.set(id, {...b, reachable: false, error: why});
	for (const t of snapshot.topics) {
		for (const p of t.partitions) {
			for (const r of p.replicas) {
				if (!listed.has(r) && !out.has(r)) out.set(r, {id: r, host: '?', port: 0, rack: null, reachable: false, error: why});
			}
		}
	}
	return [...out.values()].sort((a, b) => a.id - b.id);
}

/** A group lags when its lag status says so, or (no status yet) it has lag that is not draining. */
export function groupLagging(history: LagHistory, group: GroupInfo): boolean {
	const summary = groupLagSummary(history, group);
	if (summary.status !== null) return summary.status !== 'OK';
	return group.totalLag > 0n && summary.trend !== 'draining';
}

/** The numbers of the console's health strip. */
export interface HealthCounts {
	brokersUp: number;
	/** brokers the cluster lists plus the missing ones */
	brokersTotal: number;
	underReplicated: number;
	offline: number;
	underMinIsr: number;
	groupsLagging: number;
	/**
	 * the KRaft quorum: voters up (null when the cluster cannot tell) of all, and whether it has a
	 * leader; or why it could not be read; undefined when the snapshot did not ask
	 */
	quorum?: {votersUp: number | null; votersTotal: number; leader: boolean} | {unavailable: string};
	health: ClusterHealth;
}

function quorumCounts(read: QuorumRead): NonNullable<HealthCounts['quorum']> {
	if (!read.available) return {unavailable: read.reason};
	const q = read.quorum;
	return {votersUp: votersUp(q)?.up ?? null, votersTotal: q.voters.length, leader: q.voters.some((v) => v.id === q.leaderId)};
}

const countsCache = new WeakMap<ClusterSnapshot, {history: LagHistory; missing: readonly BrokerInfo[]; counts: HealthCounts}>();

/** Memoised per snapshot: the strip is drawn on every frame, and it changes only with a refresh. */
export function healthCounts(snapshot: ClusterSnapshot, history: LagHistory, missing: readonly BrokerInfo[] = []): HealthCounts {
	const hit = countsCache.get(snapshot);
	if (hit && hit.history === history && hit.missing === missing) return hit.counts;
	const health = clusterHealth(snapshot);
	const counts: HealthCounts = {
		brokersUp: health.brokersReachable,
		brokersTotal: health.brokersTotal + missing.length,
		underReplicated: health.underReplicated.length,
		offline: health.unavailable.length,
		underMinIsr: health.underMinIsr.length,
		groupsLagging: snapshot.groups.filter((g) => groupLagging(history, g)).length,
		...(snapshot.quorum ? {quorum: quorumCounts(snapshot.quorum)} : {}),
		health,
	};
	countsCache.set(snapshot, {history, missing, counts});
	return counts;
}
