import type {GroupMember, GroupOffset} from '../../domain/cluster.js';
import type {GroupOffsets} from '../codec/offset-fetch.js';

/**
 * Rows as kafka-consumer-groups.sh --describe builds them: members with an assignment (largest
 * first), each partition of theirs sorted by topic and partition; then committed partitions no
 * member owns, without consumer. logEnd/lag are filled in later (offsets.ts: fillGroupLag).
 */
export function offsetRows(members: GroupMember[], fetched: GroupOffsets | undefined): GroupOffset[] {
	const rows: GroupOffset[] = [];
	const assigned = new Set<string>();
	const size = (m: GroupMember) => m.assignments.reduce((n, a) => n + a.partitions.length, 0);
	const withAssignment = members.length === 0 ? [] : members.filter((m) => size(m) > 0);
	// the lookup by partition only members' rows need (most groups at scale have no members)
	const committed = new Map<string, bigint>();
	if (withAssignment.length > 0) {
		for (const o of fetched?.offsets ?? []) {
			if (o.errorCode === 0 && o.offset >= 0n) committed.set(`${o.topic}\u0000${o.partition}`, o.offset);
		}
	}
	const order = withAssignment.map((m, i) => ({m, i})).sort((a, b) => size(b.m) - size(a.m) || a.i - b.i);
	for (const {m} of order) {
		const parts: {topic: string; partition: number}[] = [];
		for (const a of m.assignments) for (const p of a.partitions) parts.push({topic: a.topic, partition: p});
		parts.sort(byTopicPartition);
		for (const p of parts) {
			const key = `${p.topic}\u0000${p.partition}`;
			assigned.add(key);
			rows.push({
				topic: p.topic,
				partition: p.partition,
				committed: committed.get(key) ?? null,
				logEnd: null,
				lag: null,
				consumerId: m.memberId,
				host: m.host,
				clientId: m.clientId,
			});
		}
	}
	const rest: GroupOffset[] = [];
	for (const o of fetched?.offsets ?? []) {
		if (o.errorCode !== 0 || o.offset < 0n) continue; // not committed
		if (assigned.size > 0 && assigned.has(`${o.topic}\u0000${o.partition}`)) continue;
		rest.push({
			topic: o.topic,
			partition: o.partition,
			committed: o.offset,
			logEnd: null,
			lag: null,
			consumerId: null,
			host: null,
			clientId: null,
		});
	}
	rest.sort(byTopicPartition);
	return rows.concat(rest);
}

function byTopicPartition(a: {topic: string; partition: number}, b: {topic: string; partition: number}): number {
	return a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition;
}
