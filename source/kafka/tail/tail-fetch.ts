// One Fetch per leader broker for all the partitions it leads, decoded with codec/fetch-records.ts, and what
// its answer does to each partition: records past the partition's next offset are emitted, leader
// moves and connection failures back off until the leader is looked up again.
import {KconError} from '../../errors.js';
import type {TailPart, TailRecord} from '../../domain/tail.js';
import {decodeFetchV11, type FetchResult} from '../codec/fetch-records.js';
import {READS_ONLY, sendRequest} from '../connection/transport.js';
import {kjsFetchRequest, type KjsProtocolRequest} from '../kafkajs/cluster.js';
import {errorText, READ_UNCOMMITTED, type KjsCluster} from './tail-cluster.js';
import {backOff, type PartitionState} from './tail-partitions.js';

/** Partition error codes after which the leader is looked up again and the fetch retried. */
const RELOCATE = new Set([
	3, // UNKNOWN_TOPIC_OR_PARTITION (stale metadata on a broker that no longer hosts it)
	5, // LEADER_NOT_AVAILABLE
	6, // NOT_LEADER_OR_FOLLOWER
	9, // REPLICA_NOT_AVAILABLE
	13, // NETWORK_EXCEPTION
	56, // KAFKA_STORAGE_ERROR
	74, // FENCED_LEADER_EPOCH
	75, // UNKNOWN_LEADER_EPOCH
	78, // OFFSET_NOT_AVAILABLE
	100, // INCONSISTENT_TOPIC_ID
]);
const OFFSET_OUT_OF_RANGE = 1;

export type Outcome =
	| {ok: true; leader: number; states: PartitionState[]; offsets: Map<number, bigint>; result: FetchResult}
	| {ok: false; leader: number; states: PartitionState[]; error: unknown};

export async function fetchOnce(
	cluster: KjsCluster,
	topic: string,
	leader: number,
	states: PartitionState[],
	sizes: {maxBytes: number; partitionMaxBytes: number; maxWaitMs: number; inPlace: boolean},
): Promise<Outcome> {
	const offsets = new Map<number, bigint>(states.map((s) => [s.partition, s.next]));
	try {
		const broker = await cluster.findBroker({nodeId: String(leader)});
		const protocol = kjsFetchRequest(broker, {
			replicaId: -1,
			isolationLevel: READ_UNCOMMITTED,
			maxWaitTime: sizes.maxWaitMs,
			minBytes: 1,
			maxBytes: sizes.maxBytes,
			topics: [
				{
					topic,
					partitions: states.map((s) => ({partition: s.partition, fetchOffset: s.next.toString(), maxBytes: sizes.partitionMaxBytes})),
				},
			],
			rackId: '',
		});
		if (protocol.request.apiVersion !== 11) {
			throw new KconError(`kcon tail needs Fetch v11; this broker offers v${protocol.request.apiVersion}`);
		}
		const topicOffsets = new Map([[topic, offsets]]);
		const request: KjsProtocolRequest = {
			...protocol,
			response: {
				decode: async (raw: Buffer) => decodeFetchV11(raw, leader, topicOffsets, sizes.inPlace),
				parse: async (data: unknown) => data,
			},
		};
		let result: FetchResult;
		try {
			result = await sendRequest<FetchResult>(READS_ONLY, broker, request);
		} catch (error) {
			if ((error as {name?: string}).name === 'KafkaJSConnectionClosedError') await broker.disconnect().catch(() => {});
			throw error;
		}
		return {ok: true, leader, states, offsets, result};
	} catch (error) {
		return {ok: false, leader, states, error};
	}
}

export function handleOutcome(
	outcome: Outcome,
	states: PartitionState[],
	untilEnd: boolean,
	notice: (m: string) => void,
	brokersDown: Set<number>,
): TailPart[] {
	for (const s of outcome.states) s.inFlight = false;
	if (!outcome.ok) {
		if (outcome.error instanceof KconError) throw outcome.error;
		for (const s of outcome.states) backOff(s);
		if (!brokersDown.has(outcome.leader)) {
			brokersDown.add(outcome.leader);
			notice(
				`broker ${outcome.leader} (leader of partition ${outcome.states.map((s) => s.partition).join(', ')}): ${errorText(outcome.error)}; waiting for a leader`,
			);
		}
		return [];
	}
	brokersDown.delete(outcome.leader);
	const {result} = outcome;
	if (result.errorCode !== 0) {
		for (const s of outcome.states) backOff(s);
		notice(`broker ${outcome.leader}: fetch error ${result.errorCode}; retrying`);
		return [];
	}
	const batch: TailPart[] = [];
	const fetched = [...result.partitions.values()][0] ?? [];
	for (const p of fetched) {
		const s = states.find((x) => x.partition === p.partition);
		if (!s || s.done) continue;
		if (outcome.offsets.get(p.partition) !== s.next) continue; // a stale answer: never emit twice
		if (p.errorCode !== 0) {
			if (RELOCATE.has(p.errorCode)) {
				backOff(s);
			} else if (p.errorCode === OFFSET_OUT_OF_RANGE) {
				backOff(s);
				s.resetOffset = true;
			} else {
				throw new KconError(`partition ${p.partition}: fetch failed with Kafka error code ${p.errorCode}`);
			}
			continue;
		}
		if (p.cursor) {
			// past 2^53 every offset of the set is below the end anyway
			if (untilEnd) p.cursor.until = Number(s.end);
			batch.push(p.cursor);
		} else {
			let records: TailRecord[] = p.records;
			if (untilEnd) {
				let cut = records.length;
				while (cut > 0 && records[cut - 1]!.offset >= s.end) cut--;
				if (cut < records.length) records = records.slice(0, cut);
			}
			if (records.length > 0) batch.push(records);
		}
		s.next = p.nextOffset;
		s.failures = 0;
		if (untilEnd && s.next >= s.end) s.done = true;
	}
	void notice;
	return batch;
}
