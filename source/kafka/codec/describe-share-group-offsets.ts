// DescribeShareGroupOffsets v0–v1 (API key 90, flexible): per share group and partition the
// share-partition start offset (the first record not yet acknowledged for good), its leader epoch
// and, from v1 (Kafka 4.2, KIP-1226), the lag the broker computes. kcon asks for all topics (null).
// A negative start offset means the partition has none yet; a negative lag, that it is unknown.
import type {Reader} from './primitives.js';
import {ApiKey, uuidString, wire, type WireRequest} from './request.js';

export interface SharePartitionOffset {
	partition: number;
	startOffset: bigint;
	leaderEpoch: number;
	/** v1+; -1n when unknown or not sent (v0) */
	lag: bigint;
	errorCode: number;
	errorMessage: string | null;
}

export interface ShareTopicOffsets {
	topic: string;
	topicId: string;
	partitions: SharePartitionOffset[];
}

export interface ShareGroupOffsets {
	groupId: string;
	topics: ShareTopicOffsets[];
	errorCode: number;
	errorMessage: string | null;
}

export function describeShareGroupOffsetsRequest(version: number, groupIds: string[]): WireRequest<ShareGroupOffsets[]> {
	if (version < 0 || version > 1) throw new Error(`DescribeShareGroupOffsets v${version} is not implemented`);
	return wire(
		ApiKey.DescribeShareGroupOffsets,
		'DescribeShareGroupOffsets',
		version,
		true,
		(w) => {
			w.compactArray(groupIds, (w, id) => {
				w.compactString(id);
				w.compactArray(null, () => {}); // topics: null, all of them
				w.tags();
			});
			w.tags();
		},
		(r) => {
			r.int32(); // throttle
			const groups = r.compactArray((r) => group(r, version));
			r.tags();
			return groups;
		},
	);
}

function group(r: Reader, version: number): ShareGroupOffsets {
	const groupId = r.compactString() ?? '';
	const topics = r.compactArray((r) => {
		const t: ShareTopicOffsets = {
			topic: r.compactString() ?? '',
			topicId: uuidString(r.uuid()),
			partitions: r.compactArray((r) => partition(r, version)),
		};
		r.tags();
		return t;
	});
	const g: ShareGroupOffsets = {groupId, topics, errorCode: r.int16(), errorMessage: r.compactString()};
	r.tags();
	return g;
}

function partition(r: Reader, version: number): SharePartitionOffset {
	const p: SharePartitionOffset = {
		partition: r.int32(),
		startOffset: r.int64(),
		leaderEpoch: r.int32(),
		lag: version >= 1 ? r.int64() : -1n,
		errorCode: r.int16(),
		errorMessage: r.compactString(),
	};
	r.tags();
	return p;
}
