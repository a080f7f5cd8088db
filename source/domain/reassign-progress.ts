// Per-partition progress of a reassignment plan: done / in progress / differs, bytes copied to the
// adding replicas (DescribeLogDirs sizes vs the leader's) and an ETA from two samples. Pure.
import type {TopicInfo} from './cluster.js';
import type {ReassignmentPlan} from './reassign-plan.js';

export interface OngoingLike {
	topic: string;
	partition: number;
	replicas: number[];
	addingReplicas: number[];
	removingReplicas: number[];
}

export interface PartitionProgress {
	topic: string;
	partition: number;
	state: 'done' | 'in progress' | 'differs';
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
		const progress: PartitionProgress = {...base, state: 'in progress', current: o.replicas, adding: o.addingReplicas, removing: o.removingReplicas};
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
