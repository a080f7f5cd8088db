// AlterPartitionReassignments (apiKey 45), version 0 (flexible only). kafkajs's own cannot send null
// replicas (= cancel); this one can.
// Request v0:  TimeoutMs int32, Topics []{Name, Partitions []{PartitionIndex int32, Replicas nullable []int32}}
// Response v0: ThrottleTimeMs int32, ErrorCode int16, ErrorMessage nullable string,
//              Responses []{Name, Partitions []{PartitionIndex int32, ErrorCode int16, ErrorMessage}}
import {errorName} from './error-names.js';
import type {Reader, Writer} from './primitives.js';
import {decodeBody, encodeBody, wire, type Encoded, type WireRequest} from './request.js';

export const ALTER_PARTITION_REASSIGNMENTS = 45;

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

function groupByTopic<T extends {topic: string}>(items: readonly T[]): Array<[string, T[]]> {
	const map = new Map<string, T[]>();
	for (const item of items) {
		const list = map.get(item.topic) ?? [];
		list.push(item);
		map.set(item.topic, list);
	}
	return [...map.entries()];
}

const body = (targets: ReassignmentTarget[], timeoutMs: number) => (w: Writer) => {
	w.int32(timeoutMs);
	w.compactArray(groupByTopic(targets), (w, [topic, parts]) => {
		w.compactString(topic);
		w.compactArray(parts, (w, p) => w.int32(p.partition).compactArray(p.replicas, (w, r) => w.int32(r)).tags());
		w.tags();
	});
	w.tags();
};

function decode(r: Reader): AlterReassignmentsResult {
	const throttleTimeMs = r.int32();
	const errorCode = r.int16();
	const errorMessage = r.compactString();
	const partitions: AlterReassignmentsResult['partitions'] = [];
	r.compactArray((r) => {
		const topic = r.compactString() ?? '';
		r.compactArray((r) => {
			const partition = r.int32();
			const code = r.int16();
			const message = r.compactString();
			r.tags();
			partitions.push({topic, partition, errorCode: code, error: code ? errorName(code) : null, errorMessage: message});
		});
		r.tags();
	});
	r.tags();
	return {throttleTimeMs, errorCode, error: errorCode ? errorName(errorCode) : null, errorMessage, partitions};
}

export const encodeAlterPartitionReassignments = (targets: ReassignmentTarget[], timeoutMs = 30000): Encoded =>
	encodeBody(true, body(targets, timeoutMs));
export const decodeAlterPartitionReassignments = (payload: Buffer): AlterReassignmentsResult => decodeBody(payload, true, decode);

export function alterPartitionReassignments(targets: ReassignmentTarget[], timeoutMs = 30000): WireRequest<AlterReassignmentsResult> {
	return wire(ALTER_PARTITION_REASSIGNMENTS, 'AlterPartitionReassignments', 0, true, body(targets, timeoutMs), decode);
}
