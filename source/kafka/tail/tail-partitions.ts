// Where each partition of a tail stands: its next offset, its leader (looked up again after a move),
// and the backoff while it has none.
import type {KjsCluster, KjsPartitionMetadata} from './tail-cluster.js';

/** Where a partition starts and ends, as tail-start.ts planned it. */
export interface PartitionPlan {
	partition: number;
	/** first offset the tail reads */
	start: bigint;
	/** high watermark when the tail started */
	end: bigint;
	logStart: bigint;
}

export interface PartitionState {
	partition: number;
	next: bigint;
	end: bigint;
	leader: number | null;
	inFlight: boolean;
	done: boolean;
	/** when the partition lost its leader (for the stall timeout) */
	lostAt: number | null;
	lastLeader: number | null;
	resetOffset: boolean;
	/** had no leader when the tail started: its start is resolved once a leader is back */
	unplanned: boolean;
	/** consecutive failed fetches, and when to try again (backoff 100 ms … 2 s) */
	failures: number;
	retryAt: number;
}

/** The state of every planned partition before its first fetch (done already when it starts at its end). */
export function partitionStates(plan: PartitionPlan[], untilEnd: boolean): PartitionState[] {
	return plan.map((p) => ({
		partition: p.partition,
		next: p.start,
		end: p.end,
		leader: null,
		inFlight: false,
		done: untilEnd && p.start >= p.end,
		lostAt: null,
		lastLeader: null,
		resetOffset: false,
		unplanned: false,
		failures: 0,
		retryAt: 0,
	}));
}

/** A partition that had no leader at the start: nothing is known of its offsets yet. */
export function unplannedState(partition: number): PartitionState {
	const [s] = partitionStates([{partition, start: 0n, end: 0n, logStart: 0n}], false);
	return {...s!, unplanned: true, lostAt: Date.now()};
}

export function assignLeaders(cluster: KjsCluster, topic: string, states: PartitionState[], notice: (m: string) => void): void {
	let metadata: KjsPartitionMetadata[] = [];
	try {
		metadata = cluster.findTopicPartitionMetadata(topic);
	} catch {
		return;
	}
	for (const s of states) {
		if (s.done || s.inFlight || s.leader !== null) continue;
		const m = metadata.find((p) => p.partitionId === s.partition);
		if (m && m.leader !== null && m.leader !== undefined && m.leader >= 0) {
			if (s.lastLeader !== null && s.lastLeader !== m.leader) {
				notice(`partition ${s.partition}: leader ${s.lastLeader} → ${m.leader}, resuming at offset ${s.next}`);
			}
			s.leader = m.leader;
			s.lastLeader = m.leader;
			s.lostAt = null;
		} else if (s.lostAt === null) {
			s.lostAt = Date.now();
		}
	}
}

export function backOff(s: PartitionState, now = Date.now()): void {
	s.leader = null;
	s.lostAt ??= now;
	s.failures++;
	s.retryAt = now + Math.min(100 * 2 ** (s.failures - 1), 2000);
}
