// Where a tail starts and where it ends: each partition's log start and end (and the offset for a
// time), asked of its leader with ListOffsets; the same again after OFFSET_OUT_OF_RANGE.
import {KconError, UnreachableError} from '../../errors.js';
import {resolveStartOffset, type StartSpec} from '../../domain/tail.js';
import {errorText, READ_UNCOMMITTED, sleep, type KjsCluster} from './tail-cluster.js';
import type {PartitionPlan, PartitionState} from './tail-partitions.js';

const EARLIEST = -2;
const LATEST = -1;

/** Log start and end for every partition, the offset for a time if asked, and the start they give. */
export async function planPartitions(
	cluster: KjsCluster,
	topic: string,
	wanted: number[],
	spec: StartSpec,
	stallTimeoutMs: number,
	signal: AbortSignal | undefined,
): Promise<PartitionPlan[]> {
	const logStarts = await listOffsets(cluster, topic, wanted, () => EARLIEST, stallTimeoutMs, signal);
	const ends = await listOffsets(cluster, topic, wanted, () => LATEST, stallTimeoutMs, signal);
	const byTime =
		spec.kind === 'time' ? await listOffsets(cluster, topic, wanted, () => spec.ms, stallTimeoutMs, signal) : null;
	return wanted.map((partition) => {
		const logStart = logStarts.get(partition)!;
		const end = ends.get(partition)!;
		const start = resolveStartOffset(spec, logStart, end, byTime ? byTime.get(partition)! : null);
		return {partition, start, end, logStart};
	});
}

/** ListOffsets for `partitions`, asked of each partition's leader, retried on leader moves. */
export async function listOffsets(
	cluster: KjsCluster,
	topic: string,
	partitions: number[],
	timestamp: (partition: number) => number,
	timeoutMs: number,
	signal?: AbortSignal,
): Promise<Map<number, bigint>> {
	const result = new Map<number, bigint>();
	const deadline = Date.now() + timeoutMs;
	let delay = 100;
	let lastError: unknown;
	while (result.size < partitions.length) {
		if (signal?.aborted) throw new KconError('aborted', 130, 'aborted');
		const metadata = cluster.findTopicPartitionMetadata(topic);
		const byLeader = new Map<number, number[]>();
		for (const p of partitions) {
			if (result.has(p)) continue;
			const leader = metadata.find((m) => m.partitionId === p)?.leader;
			if (leader === undefined || leader === null || leader < 0) continue;
			byLeader.set(leader, [...(byLeader.get(leader) ?? []), p]);
		}
		await Promise.all(
			[...byLeader].map(async ([leader, list]) => {
				try {
					const broker = await cluster.findBroker({nodeId: String(leader)});
					const response = await broker.listOffsets({
						isolationLevel: READ_UNCOMMITTED,
						topics: [{topic, partitions: list.map((partition) => ({partition, timestamp: timestamp(partition)}))}],
					});
					for (const t of response.responses) {
						for (const p of t.partitions) result.set(p.partition, BigInt(p.offset));
					}
				} catch (error) {
					lastError = error;
				}
			}),
		);
		if (result.size === partitions.length) break;
		if (Date.now() > deadline) {
			throw new UnreachableError(`cannot list offsets of '${topic}': ${errorText(lastError ?? 'no leader')}`);
		}
		await sleep(delay, signal);
		delay = Math.min(delay * 2, 2000);
		try {
			await cluster.refreshMetadata();
		} catch (error) {
			lastError = error;
		}
	}
	return result;
}

/** After OFFSET_OUT_OF_RANGE (retention deleted data, or an unclean election truncated the log). */
export async function resetOffsets(
	cluster: KjsCluster,
	topic: string,
	states: PartitionState[],
	timeoutMs: number,
	signal: AbortSignal | undefined,
	notice: (m: string) => void,
): Promise<void> {
	const list = states.filter((s) => s.resetOffset);
	const parts = list.map((s) => s.partition);
	const starts = await listOffsets(cluster, topic, parts, () => EARLIEST, timeoutMs, signal);
	const ends = await listOffsets(cluster, topic, parts, () => LATEST, timeoutMs, signal);
	for (const s of list) {
		const start = starts.get(s.partition)!;
		const end = ends.get(s.partition)!;
		const next = s.next < start ? start : s.next > end ? end : s.next;
		if (next !== s.next) notice(`partition ${s.partition}: offset ${s.next} is out of range [${start}, ${end}]; continuing at ${next}`);
		s.next = next;
		s.resetOffset = false;
	}
}
