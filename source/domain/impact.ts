// What killing one broker would do, computed from a snapshot before anything happens. Pure.
//
// After broker B stops, the controller removes B from every ISR and elects, for each partition B
// led, the first replica (in assignment order) that is still in the ISR. So, for every partition
// with a replica on B:
//   leader moves      B leads it and another ISR member survives (the new leader is predicted)
//   goes offline      no ISR member survives: replication factor 1, or ISR == [B]
//                     (unclean leader election is off by default, so out-of-sync replicas don't help)
//   under min ISR     it stays online but |ISR \ {B}| < min.insync.replicas (acks=all producers fail)
// Group coordinators live on the leader of __consumer_offsets partition abs(hash(groupId)) % N; a
// group whose offsets partition goes offline loses its coordinator (the lab's offsets topic has RF 1).
import type {ClusterSnapshot, TopicInfo} from './cluster.js';

export const OFFSETS_TOPIC = '__consumer_offsets';

export interface LeaderMove {
	topic: string;
	partition: number;
	from: number;
	to: number;
}

export interface PartitionImpact {
	topic: string;
	partition: number;
	replicas: number[];
	isr: number[];
	/** why: "replication factor 1", "only in-sync replica", "ISR 1 < min.insync.replicas 2" */
	reason: string;
}

export interface CoordinatorImpact {
	groupId: string;
	/** the __consumer_offsets partition that holds the group */
	offsetsPartition: number | null;
	/** 'lost' when the offsets partition goes offline, 'moves' when only its leader changes */
	effect: 'lost' | 'moves';
	to: number | null;
}

export interface KillImpact {
	brokerId: number;
	/** false when the broker is not in the snapshot */
	known: boolean;
	reachableBefore: number;
	reachableAfter: number;
	/** killing it leaves no reachable broker */
	lastReachable: boolean;
	leaderMoves: LeaderMove[];
	offline: PartitionImpact[];
	underMinIsr: PartitionImpact[];
	/** partitions that lose a follower replica (ISR shrinks) but keep their leader */
	isrShrinks: number;
	coordinators: CoordinatorImpact[];
	/** partitions with a replica on the broker */
	replicas: number;
}

export interface ImpactOptions {
	/** min.insync.replicas for topics whose own value is unknown (Kafka's default is 1) */
	defaultMinIsr?: number;
}

/** Java's String.hashCode over UTF-16 code units, as Kafka uses for group → partition. */
export function javaStringHash(text: string): number {
	let h = 0;
	for (let i = 0; i < text.length; i++) h = (Math.imul(31, h) + text.charCodeAt(i)) | 0;
	return h;
}

/** The __consumer_offsets partition of a group (Kafka: Utils.abs(groupId.hashCode) % partitions). */
export function offsetsPartitionFor(groupId: string, partitionCount: number): number {
	return (javaStringHash(groupId) & 0x7fffffff) % partitionCount;
}

export function killImpact(snapshot: Pick<ClusterSnapshot, 'brokers' | 'topics' | 'groups'>, brokerId: number, options: ImpactOptions = {}): KillImpact {
	const defaultMinIsr = options.defaultMinIsr ?? 1;
	const broker = snapshot.brokers.find((b) => b.id === brokerId);
	const reachableBefore = snapshot.brokers.filter((b) => b.reachable).length;
	const reachableAfter = snapshot.brokers.filter((b) => b.reachable && b.id !== brokerId).length;
	const impact: KillImpact = {
		brokerId,
		known: broker !== undefined,
		reachableBefore,
		reachableAfter,
		lastReachable: reachableAfter === 0,
		leaderMoves: [],
		offline: [],
		underMinIsr: [],
		isrShrinks: 0,
		coordinators: [],
		replicas: 0,
	};
	const liveIds = new Set(snapshot.brokers.filter((b) => b.id !== brokerId).map((b) => b.id));
	const offlineKeys = new Set<string>();
	const newLeader = new Map<string, number>();
	for (const topic of snapshot.topics) {
		const minIsr = topic.minInsyncReplicas ?? defaultMinIsr;
		for (const p of topic.partitions) {
			if (!p.replicas.includes(brokerId)) continue;
			impact.replicas++;
			const key = `${topic.name}\u0000${p.partition}`;
			if (p.leader === null) continue; // already offline: nothing more to lose
			const survivors = p.isr.filter((r) => r !== brokerId && liveIds.has(r));
			const base = {topic: topic.name, partition: p.partition, replicas: p.replicas, isr: p.isr};
			if (survivors.length === 0) {
				const reason = p.replicas.length === 1 ? 'replication factor 1' : `only in-sync replica (ISR ${p.isr.join(',')})`;
				impact.offline.push({...base, reason});
				offlineKeys.add(key);
				continue;
			}
			if (p.leader === brokerId) {
				const to = p.replicas.find((r) => survivors.includes(r)) ?? survivors[0]!;
				impact.leaderMoves.push({topic: topic.name, partition: p.partition, from: brokerId, to});
				newLeader.set(key, to);
			} else if (p.isr.includes(brokerId)) {
				impact.isrShrinks++;
			}
			if (p.isr.includes(brokerId) && survivors.length < minIsr && p.isr.length >= minIsr) {
				impact.underMinIsr.push({...base, reason: `ISR ${survivors.length} < min.insync.replicas ${minIsr}`});
			}
		}
	}
	// the operator's own topics first: internal ones (RF 1 offsets in the lab) would hide them
	const internalLast = (a: {topic: string}, b: {topic: string}) => Number(a.topic.startsWith('__')) - Number(b.topic.startsWith('__'));
	impact.offline.sort(internalLast);
	impact.underMinIsr.sort(internalLast);
	const offsets: TopicInfo | undefined = snapshot.topics.find((t) => t.name === OFFSETS_TOPIC);
	for (const group of snapshot.groups) {
		if (offsets && offsets.partitions.length > 0) {
			const partition = offsetsPartitionFor(group.groupId, offsets.partitions.length);
			const key = `${OFFSETS_TOPIC}\u0000${partition}`;
			if (offlineKeys.has(key)) {
				impact.coordinators.push({groupId: group.groupId, offsetsPartition: partition, effect: 'lost', to: null});
			} else if (newLeader.has(key)) {
				impact.coordinators.push({groupId: group.groupId, offsetsPartition: partition, effect: 'moves', to: newLeader.get(key)!});
			}
		} else if (group.coordinator === brokerId) {
			// the offsets topic was not described: all we know is that the coordinator is on this broker
			impact.coordinators.push({groupId: group.groupId, offsetsPartition: null, effect: 'lost', to: null});
		}
	}
	return impact;
}

/** One-line summary, e.g. "3 leaders move, 2 partitions go offline, 1 group coordinator lost". */
export function impactSummary(impact: KillImpact): string {
	const parts: string[] = [];
	const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
	parts.push(plural(impact.leaderMoves.length, 'leader moves', 'leaders move'));
	parts.push(plural(impact.offline.length, 'partition goes offline', 'partitions go offline'));
	if (impact.underMinIsr.length) parts.push(plural(impact.underMinIsr.length, 'partition falls under min.insync.replicas', 'partitions fall under min.insync.replicas'));
	const lost = impact.coordinators.filter((c) => c.effect === 'lost').length;
	if (lost) parts.push(plural(lost, 'group coordinator lost', 'group coordinators lost'));
	if (impact.lastReachable) parts.push('no reachable broker left');
	return parts.join(', ');
}

/** Whether the kill needs --force: it takes partitions offline or leaves no reachable broker. */
export function killNeedsForce(impact: KillImpact): string | null {
	if (impact.lastReachable) return `broker ${impact.brokerId} is the last reachable broker`;
	if (impact.offline.length > 0) {
		const n = impact.offline.length;
		return `killing broker ${impact.brokerId} takes ${n} partition${n === 1 ? '' : 's'} offline`;
	}
	return null;
}

/** The preview as plain lines (shared by `kcon broker kill` and the console's confirm view). */
export function impactLines(impact: KillImpact, maxItems = 12): string[] {
	const lines: string[] = [];
	const more = (n: number) => (n > maxItems ? [`  … and ${n - maxItems} more`] : []);
	lines.push(`Impact of stopping broker ${impact.brokerId}: ${impactSummary(impact)}`);
	lines.push(`  brokers reachable: ${impact.reachableBefore} now, ${impact.reachableAfter} after; replicas on broker ${impact.brokerId}: ${impact.replicas}`);
	if (impact.leaderMoves.length) {
		lines.push('  leaders that move:');
		for (const m of impact.leaderMoves.slice(0, maxItems)) lines.push(`    ${m.topic}-${m.partition}  ${m.from} → ${m.to}`);
		lines.push(...more(impact.leaderMoves.length));
	}
	if (impact.offline.length) {
		lines.push('  partitions that go OFFLINE:');
		for (const p of impact.offline.slice(0, maxItems)) lines.push(`    ${p.topic}-${p.partition}  replicas [${p.replicas.join(',')}]  ${p.reason}`);
		lines.push(...more(impact.offline.length));
	}
	if (impact.underMinIsr.length) {
		lines.push('  partitions under min.insync.replicas (acks=all producers fail):');
		for (const p of impact.underMinIsr.slice(0, maxItems)) lines.push(`    ${p.topic}-${p.partition}  ${p.reason}`);
		lines.push(...more(impact.underMinIsr.length));
	}
	const lost = impact.coordinators.filter((c) => c.effect === 'lost');
	if (lost.length) {
		lines.push('  consumer groups that lose their coordinator:');
		for (const c of lost.slice(0, maxItems)) lines.push(`    ${c.groupId}${c.offsetsPartition === null ? '' : `  (__consumer_offsets-${c.offsetsPartition})`}`);
		lines.push(...more(lost.length));
	}
	if (impact.isrShrinks) lines.push(`  ISR shrinks on ${impact.isrShrinks} more partition${impact.isrShrinks === 1 ? '' : 's'} (leader stays)`);
	return lines;
}
