// Per-partition progress of a reassignment plan: moving / done (the replicas are the plan's) /
// differs (no reassignment runs, yet the replicas are not the plan's), bytes copied to the adding
// replicas (DescribeLogDirs sizes vs the leader's) and an ETA from two samples; and what the plan
// as a whole is: still moving, complete (every partition as planned) or finished but differing.
// No I/O here: the reads are the caller's.
import type {TopicInfo} from './cluster.js';
import type {ReassignmentPlan} from './reassign-plan.js';

export interface OngoingLike {
	topic: string;
	partition: number;
	replicas: number[];
	addingReplicas: number[];
	removingReplicas: number[];
}

/** moving: a reassignment of it runs; done: its replicas are the plan's, in the plan's order; differs: neither */
export type PartitionState = 'moving' | 'done' | 'differs';

export interface PartitionProgress {
	topic: string;
	partition: number;
	state: PartitionState;
	current: number[];
	target: number[];
	adding: number[];
	removing: number[];
	/** bytes on the adding replicas (sum) and what they need (leader size × adding count); null when unknown */
	bytesDone: bigint | null;
	bytesTotal: bigint | null;
	/** bytes per second between the two samples */
	rate: number | null;
	etaSeconds: number | null;
}

/** sizes: key "topic\0partition\0broker" → bytes; first and second samples taken `seconds` apart. */
export function reassignProgress(
	plan: ReassignmentPlan,
	topics: TopicInfo[],
	ongoing: OngoingLike[],
	first: ReadonlyMap<string, bigint>,
	second: ReadonlyMap<string, bigint>,
	seconds: number,
): PartitionProgress[] {
	return plan.partitions.map((e) => {
		const p = topics.find((t) => t.name === e.topic)?.partitions.find((x) => x.partition === e.partition);
		const o = ongoing.find((x) => x.topic === e.topic && x.partition === e.partition);
		const base = {topic: e.topic, partition: e.partition, target: e.replicas, bytesDone: null, bytesTotal: null, rate: null, etaSeconds: null};
		if (!o) {
			const current = p?.replicas ?? [];
			const same = current.length === e.replicas.length && current.every((r, i) => r === e.replicas[i]);
			return {...base, state: same ? 'done' : 'differs', current, adding: [], removing: []};
		}
		const progress: PartitionProgress = {...base, state: 'moving', current: o.replicas, adding: o.addingReplicas, removing: o.removingReplicas};
		const leader = p?.leader;
		const at = (m: ReadonlyMap<string, bigint>, b: number) => m.get(`${e.topic}\u0000${e.partition}\u0000${b}`);
		const leaderSize = leader === null || leader === undefined ? undefined : at(second, leader);
		const addingNow = o.addingReplicas.map((b) => at(second, b));
		if (leaderSize !== undefined && o.addingReplicas.length > 0 && addingNow.every((s) => s !== undefined)) {
			const total = leaderSize * BigInt(o.addingReplicas.length);
			const done = (addingNow as bigint[]).reduce((a, b) => a + (b > leaderSize ? leaderSize : b), 0n);
			progress.bytesDone = done;
			progress.bytesTotal = total;
			const before = o.addingReplicas.map((b) => at(first, b));
			if (seconds > 0 && before.every((s) => s !== undefined)) {
				const delta = Number(done - (before as bigint[]).reduce((a, b) => a + b, 0n));
				progress.rate = delta / seconds;
				if (progress.rate > 0) progress.etaSeconds = Number(total - done) / progress.rate;
			}
		}
		return progress;
	});
}

/**
 * The plan as a whole: moving while any of its partitions moves; complete only when every one is
 * as planned; differs when nothing of it moves any more but some partition is not as planned.
 */
export type PlanOutcome = 'moving' | 'complete' | 'differs';

export interface PlanSummary {
	outcome: PlanOutcome;
	moving: number;
	done: number;
	differs: number;
	total: number;
}

export function planSummary(partitions: readonly PartitionProgress[]): PlanSummary {
	const count = (s: PartitionState) => partitions.filter((p) => p.state === s).length;
	const moving = count('moving');
	const differs = count('differs');
	const outcome: PlanOutcome = moving > 0 ? 'moving' : differs > 0 ? 'differs' : 'complete';
	return {outcome, moving, done: count('done'), differs, total: partitions.length};
}

/** One line for the plan: "complete for all 6 partitions", "2 of 6 partitions still moving", "finished, 1 of 6 partitions NOT as planned". */
export function summaryText(s: PlanSummary): string {
	if (s.outcome === 'complete') return `reassignment complete for all ${s.total} partitions`;
	if (s.outcome === 'moving') return `${s.moving} of ${s.total} partition(s) still moving`;
	return `finished, ${s.differs} of ${s.total} partition(s) NOT as planned`;
}

/**
 * A read where nothing of the plan moves but a partition differs may be a broker's metadata that
 * has not caught up with the controller (the replicas of a reassignment that just ended still
 * listed). Reads again, `freshReads` times at most, `delayMs` apart, until the reading moves or
 * agrees with the plan; the last reading is the answer. `read(n)` is the n-th read (0 = the first).
 */
export async function settledProgress(
	read: (attempt: number) => Promise<PartitionProgress[]>,
	{freshReads = 3, delayMs = 1000, sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))}: {freshReads?: number; delayMs?: number; sleep?: (ms: number) => Promise<void>} = {},
): Promise<{partitions: PartitionProgress[]; reads: number}> {
	let partitions = await read(0);
	let reads = 1;
	while (reads <= freshReads && planSummary(partitions).outcome === 'differs') {
		await sleep(delayMs);
		partitions = await read(reads);
		reads++;
	}
	return {partitions, reads};
}
