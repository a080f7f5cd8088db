// DescribeQuorum v0–v2 (flexible in every version, KIP-595/836/853): the KRaft metadata quorum of
// partition __cluster_metadata-0 — its leader, epoch, high watermark and every voter's and
// observer's log-end offset. A broker forwards it to the active controller. v1 adds the fetch and
// caught-up timestamps, v2 the error messages, the replicas' directory ids and the voters'
// endpoints (Nodes).
import {Reader} from './primitives.js';
import {ApiKey, uuidString, wire, type WireRequest} from './request.js';

export const CLUSTER_METADATA_TOPIC = '__cluster_metadata';

export interface QuorumReplicaWire {
	replicaId: number;
	/** base64url Kafka Uuid; the zero uuid before v2 (the field did not exist) */
	directoryId: string;
	logEndOffset: bigint;
	/** -1 when unknown (always before v1) */
	lastFetchTimestamp: bigint;
	lastCaughtUpTimestamp: bigint;
}

export interface QuorumPartitionWire {
	partition: number;
	errorCode: number;
	errorMessage: string | null;
	leaderId: number;
	leaderEpoch: number;
	highWatermark: bigint;
	voters: QuorumReplicaWire[];
	observers: QuorumReplicaWire[];
}

export interface QuorumNodeWire {
	nodeId: number;
	listeners: {name: string; host: string; port: number}[];
}

export interface DescribeQuorumResponse {
	errorCode: number;
	errorMessage: string | null;
	topics: {topic: string; partitions: QuorumPartitionWire[]}[];
	nodes: QuorumNodeWire[];
}

export const ZERO_UUID = 'AAAAAAAAAAAAAAAAAAAAAA';

function replica(r: Reader, version: number): QuorumReplicaWire {
	const replicaId = r.int32();
	const directoryId = version >= 2 ? uuidString(r.uuid()) : ZERO_UUID;
	const logEndOffset = r.int64();
	const lastFetchTimestamp = version >= 1 ? r.int64() : -1n;
	const lastCaughtUpTimestamp = version >= 1 ? r.int64() : -1n;
	r.tags();
	return {replicaId, directoryId, logEndOffset, lastFetchTimestamp, lastCaughtUpTimestamp};
}

export function describeQuorumRequest(version: number): WireRequest<DescribeQuorumResponse> {
	return wire(
		ApiKey.DescribeQuorum,
		'DescribeQuorum',
		version,
		true,
		(w) => {
			w.compactArray([CLUSTER_METADATA_TOPIC], (w, t) => {
				w.compactString(t);
				w.compactArray([0], (w, p) => w.int32(p).tags());
				w.tags();
			});
			w.tags();
		},
		(r) => {
			const errorCode = r.int16();
			const errorMessage = version >= 2 ? r.compactString() : null;
			const topics = r.compactArray((r) => {
				const topic = r.compactString() ?? '';
				const partitions = r.compactArray((r): QuorumPartitionWire => {
					const partition = r.int32();
					const errorCode = r.int16();
					const errorMessage = version >= 2 ? r.compactString() : null;
					const leaderId = r.int32();
					const leaderEpoch = r.int32();
					const highWatermark = r.int64();
					const voters = r.compactArray((r) => replica(r, version));
					const observers = r.compactArray((r) => replica(r, version));
					r.tags();
					return {partition, errorCode, errorMessage, leaderId, leaderEpoch, highWatermark, voters, observers};
				});
				r.tags();
				return {topic, partitions};
			});
			const nodes =
				version >= 2
					? r.compactArray((r): QuorumNodeWire => {
							const nodeId = r.int32();
							const listeners = r.compactArray((r) => {
								const name = r.compactString() ?? '';
								const host = r.compactString() ?? '';
								const port = r.int16() & 0xffff; // uint16
								r.tags();
								return {name, host, port};
							});
							r.tags();
							return {nodeId, listeners};
						})
					: [];
			r.tags();
			return {errorCode, errorMessage, topics, nodes};
		},
	);
}
