// AlterPartitionReassignments (apiKey 45) and ListPartitionReassignments (apiKey 46), version 0.
// Both exist only as flexible versions: compact strings/arrays (length+1 as unsigned varint, 0 =
// null) and a tagged-field section after every structure. kafkajs writes request header v1, so the
// body starts with the header's empty tagged-field byte (0x00), and the response body starts with
// the response header's tagged fields.
// kafkajs's own AlterPartitionReassignments cannot send null replicas (= cancel); this one can.
//
// Alter request v0:  TimeoutMs int32, Topics []{Name, Partitions []{PartitionIndex int32,
//                    Replicas nullable []int32}}
// Alter response v0: ThrottleTimeMs int32, ErrorCode int16, ErrorMessage nullable string,
//                    Responses []{Name, Partitions []{PartitionIndex int32, ErrorCode int16, ErrorMessage}}
// List request v0:   TimeoutMs int32, Topics nullable []{Name, PartitionIndexes []int32}
// List response v0:  ThrottleTimeMs int32, ErrorCode int16, ErrorMessage nullable string,
//                    Topics []{Name, Partitions []{PartitionIndex int32, Replicas []int32,
//                    AddingReplicas []int32, RemovingReplicas []int32}}
import {
	Decoder,
	Encoder,
	errorName,
	readCompactArray,
	responseOf,
	writeCompactInt32Array,
	writeCompactStructArray,
	writeEmptyTags,
	type Protocol,
} from './wire.js';

export const ALTER_PARTITION_REASSIGNMENTS = 45;
export const LIST_PARTITION_REASSIGNMENTS = 46;

export interface ReassignmentTarget {
	topic: string;
	partition: number;
	/** null cancels the pending reassignment of this partition */
	replicas: number[] | null;
}

export interface AlterReassignmentsResult {
	throttleTimeMs: number;
	errorCode: number;
	error: string | null;
	errorMessage: string | null;
	partitions: Array<{topic: string; partition: number; errorCode: number; error: string | null; errorMessage: string | null}>;
}

export interface OngoingReassignment {
	topic: string;
	partition: number;
	replicas: number[];
	addingReplicas: number[];
	removingReplicas: number[];
}

export interface ListReassignmentsResult {
	throttleTimeMs: number;
	errorCode: number;
	error: string | null;
	errorMessage: string | null;
	reassignments: OngoingReassignment[];
}

function groupByTopic<T extends {topic: string}>(items: readonly T[]): Array<[string, T[]]> {
	const map = new Map<string, T[]>();
	for (const item of items) {
		const list = map.get(item.topic) ?? [];
		list.push(item);
		map.set(item.topic, list);
	}
	return [...map.entries()];
}

export function encodeAlterPartitionReassignments(targets: ReassignmentTarget[], timeoutMs = 30000): Encoder {
	const encoder = writeEmptyTags(new Encoder()).writeInt32(timeoutMs);
	writeCompactStructArray(encoder, groupByTopic(targets), (e, [topic, parts]) => {
		e.writeUVarIntString(topic);
		writeCompactStructArray(e, parts, (pe, p) => {
			pe.writeInt32(p.partition);
			writeCompactInt32Array(pe, p.replicas);
			writeEmptyTags(pe);
		});
		writeEmptyTags(e);
	});
	return writeEmptyTags(encoder);
}

export function decodeAlterPartitionReassignments(payload: Buffer): AlterReassignmentsResult {
	const d = new Decoder(payload);
	d.readTaggedFields();
	const throttleTimeMs = d.readInt32();
	const errorCode = d.readInt16();
	const errorMessage = d.readUVarIntString();
	const partitions: AlterReassignmentsResult['partitions'] = [];
	readCompactArray(d, (td) => {
		const topic = td.readUVarIntString() ?? '';
		readCompactArray(td, (pd) => {
			const partition = pd.readInt32();
			const code = pd.readInt16();
			const message = pd.readUVarIntString();
			pd.readTaggedFields();
			partitions.push({topic, partition, errorCode: code, error: code ? errorName(code) : null, errorMessage: message});
		});
		td.readTaggedFields();
	});
	d.readTaggedFields();
	return {throttleTimeMs, errorCode, error: errorCode ? errorName(errorCode) : null, errorMessage, partitions};
}

export function alterPartitionReassignments(targets: ReassignmentTarget[], timeoutMs = 30000): Protocol<AlterReassignmentsResult> {
	return {
		request: {
			apiKey: ALTER_PARTITION_REASSIGNMENTS,
			apiVersion: 0,
			apiName: 'AlterPartitionReassignments',
			encode: async () => encodeAlterPartitionReassignments(targets, timeoutMs),
		},
		response: responseOf(decodeAlterPartitionReassignments),
	};
}

/** topics null lists every ongoing reassignment in the cluster. */
export function encodeListPartitionReassignments(
	topics: Array<{topic: string; partitions: number[]}> | null,
	timeoutMs = 30000,
): Encoder {
	const encoder = writeEmptyTags(new Encoder()).writeInt32(timeoutMs);
	writeCompactStructArray(encoder, topics, (e, t) => {
		e.writeUVarIntString(t.topic);
		writeCompactInt32Array(e, t.partitions);
		writeEmptyTags(e);
	});
	return writeEmptyTags(encoder);
}

const readInt32 = (d: Decoder) => d.readInt32();

export function decodeListPartitionReassignments(payload: Buffer): ListReassignmentsResult {
	const d = new Decoder(payload);
	d.readTaggedFields();
	const throttleTimeMs = d.readInt32();
	const errorCode = d.readInt16();
	const errorMessage = d.readUVarIntString();
	const reassignments: OngoingReassignment[] = [];
	readCompactArray(d, (td) => {
		const topic = td.readUVarIntString() ?? '';
		readCompactArray(td, (pd) => {
			const partition = pd.readInt32();
			const replicas = readCompactArray(pd, readInt32);
			const addingReplicas = readCompactArray(pd, readInt32);
			const removingReplicas = readCompactArray(pd, readInt32);
			pd.readTaggedFields();
			reassignments.push({topic, partition, replicas, addingReplicas, removingReplicas});
		});
		td.readTaggedFields();
	});
	d.readTaggedFields();
	return {throttleTimeMs, errorCode, error: errorCode ? errorName(errorCode) : null, errorMessage, reassignments};
}

export function listPartitionReassignments(
	topics: Array<{topic: string; partitions: number[]}> | null = null,
	timeoutMs = 30000,
): Protocol<ListReassignmentsResult> {
	return {
		request: {
			apiKey: LIST_PARTITION_REASSIGNMENTS,
			apiVersion: 0,
			apiName: 'ListPartitionReassignments',
			encode: async () => encodeListPartitionReassignments(topics, timeoutMs),
		},
		response: responseOf(decodeListPartitionReassignments),
	};
}
