// Partitions without a leader (every replica's broker is down): the tail reads the others, says
// once which ones it cannot read, and takes them up when a leader is back.
import {errorText, sleep, type KjsCluster} from './tail-cluster.js';

export function leaderlessOf(cluster: KjsCluster, topic: string, partitions: number[]): number[] {
	const metadata = cluster.findTopicPartitionMetadata(topic);
	return partitions.filter((p) => {
		const leader = metadata.find((m) => m.partitionId === p)?.leader;
		return leader === undefined || leader === null || leader < 0;
	});
}

/** The partitions still without a leader after a short wait (an election in progress takes well under a second). */
export async function leaderlessAfterGrace(cluster: KjsCluster, topic: string, partitions: number[], signal?: AbortSignal, graceMs = 1500): Promise<number[]> {
	const deadline = Date.now() + graceMs;
	let delay = 100;
	for (;;) {
		const lost = leaderlessOf(cluster, topic, partitions);
		if (lost.length === 0 || Date.now() >= deadline || signal?.aborted) return lost;
		await sleep(delay, signal);
		delay = Math.min(delay * 2, 500);
		await cluster.refreshMetadata().catch((error: unknown) => void errorText(error));
	}
}

export function noLeaderNotice(topic: string, partitions: number[]): string {
	return partitions.length === 1
		? `partition ${partitions[0]} of ${topic} has no leader; not read until it has one`
		: `partitions ${partitions.join(', ')} of ${topic} have no leader; not read until they have one`;
}

export function unreadMessage(topic: string, partitions: number[]): string {
	return partitions.length === 1
		? `partition ${partitions[0]} of '${topic}' was not read: it has no leader`
		: `partitions ${partitions.join(', ')} of '${topic}' were not read: they have no leader`;
}
