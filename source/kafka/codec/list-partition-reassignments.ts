// ListPartitionReassignments (apiKey 46), version 0 (flexible only): the reassignments in progress,
// for the gateway's snapshot (adding/removing replicas) and the reassign actions (progress).
// Request v0:  TimeoutMs int32, Topics nullable []{Name, PartitionIndexes []int32}
// Response v0: ThrottleTimeMs int32, ErrorCode int16, ErrorMessage nullable string,
//              Topics []{Name, Partitions []{PartitionIndex int32, Replicas []int32,
//              AddingReplicas []int32, RemovingReplicas []int32}}
import {errorName} from './error-names.js';
import type {Reader, Writer} from './primitives.js';
import {ApiKey, decodeBody, encodeBody, wire, type Encoded, type WireRequest} from './request.js';

export const LIST_PARTITION_REASSIGNMENTS = ApiKey.ListPartitionReassignments;

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

type Topics = Array<{topic: string; partitions: number[]}> | null;

const body = (topics: Topics, timeoutMs: number) => (w: Writer) => {
	w.int32(timeoutMs);
	w.compactArray(topics, (w, t) => w.compactString(t.topic).compactArray(t.partitions, (w, p) => w.int32(p)).tags());
	w.tags();
};

function decode(r: Reader): ListReassignmentsResult {
	const throttleTimeMs = r.int32();
	const errorCode = r.int16();
	const errorMessage = r.compactString();
	const reassignments: OngoingReassignment[] = [];
	r.compactArray((r) => {
		const topic = r.compactString() ?? '';
		r.compactArray((r) => {
			const partition = r.int32();
			const replicas = r.compactArray((r) => r.int32());
			const addingReplicas = r.compactArray((r) => r.int32());
			const removingReplicas = r.compactArray((r) => r.int32());
			r.tags();
			reassignments.push({topic, partition, replicas, addingReplicas, removingReplicas});
		});
		r.tags();
	});
	r.tags();
	return {throttleTimeMs, errorCode, error: errorCode ? errorName(errorCode) : null, errorMessage, reassignments};
}

/** topics null lists every ongoing reassignment in the cluster. */
export const encodeListPartitionReassignments = (topics: Topics, timeoutMs = 30000): Encoded => encodeBody(true, body(topics, timeoutMs));
export const decodeListPartitionReassignments = (payload: Buffer): ListReassignmentsResult => decodeBody(payload, true, decode);

export function listPartitionReassignments(topics: Topics = null, timeoutMs = 30000): WireRequest<ListReassignmentsResult> {
	return wire(LIST_PARTITION_REASSIGNMENTS, 'ListPartitionReassignments', 0, true, body(topics, timeoutMs), decode);
}
