// ListPartitionReassignments v0 (flexible): the reassignments in progress, all topics.
import {ApiKey, wire, type WireRequest} from './request.js';

export interface Reassignment {
	topic: string;
	partition: number;
	replicas: number[];
	addingReplicas: number[];
	removingReplicas: number[];
}

export function listReassignmentsRequest(): WireRequest<{errorCode: number; reassignments: Reassignment[]}> {
	return wire(
		ApiKey.ListPartitionReassignments,
		'ListPartitionReassignments',
		0,
		true,
		(w) => {
			w.int32(10_000);
			w.compactArray(null, () => {});
			w.tags();
		},
		(r) => {
			r.int32();
			const errorCode = r.int16();
			r.compactString();
			const reassignments: Reassignment[] = [];
			r.compactArray((r) => {
				const topic = r.compactString() ?? '';
				r.compactArray((r) => {
					reassignments.push({
						topic,
						partition: r.int32(),
						replicas: r.compactArray((r) => r.int32()),
						addingReplicas: r.compactArray((r) => r.int32()),
						removingReplicas: r.compactArray((r) => r.int32()),
					});
					r.tags();
				});
				r.tags();
			});
			r.tags();
			return {errorCode, reassignments};
		},
	);
}
