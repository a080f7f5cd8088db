// OffsetDelete v0 (API key 47, not flexible; KIP-496): removes a group's committed offsets of some
// partitions. The coordinator refuses it (GROUP_SUBSCRIBED_TO_TOPIC per partition) while a member
// of the group consumes the topic; the group-level error is set when the group is missing or busy.
import {errorName} from './error-names.js';
import {wire, type WireRequest} from './request.js';

/** Removes committed offsets: a write (connection/write-guard.ts KCON_WRITE_APIS). */
export const OFFSET_DELETE_API_KEY = 47;

export interface OffsetDeleteResult {
	errorCode: number;
	error: string | null;
	partitions: Array<{topic: string; partition: number; errorCode: number; error: string | null}>;
}

export function offsetDeleteRequest(groupId: string, topics: Array<{topic: string; partitions: number[]}>): WireRequest<OffsetDeleteResult> {
	return wire(
		OFFSET_DELETE_API_KEY,
		'OffsetDelete',
		0,
		false,
		(w) => {
			w.string(groupId);
			w.array(topics, (w, t) => {
				w.string(t.topic);
				w.array(t.partitions, (w, p) => w.int32(p));
			});
		},
		(r) => {
			const errorCode = r.int16();
			r.int32(); // throttle time
			const partitions: OffsetDeleteResult['partitions'] = [];
			r.array((r) => {
				const topic = r.string() ?? '';
				r.array((r) => {
					const partition = r.int32();
					const code = r.int16();
					partitions.push({topic, partition, errorCode: code, error: code === 0 ? null : errorName(code)});
				});
			});
			return {errorCode, error: errorCode === 0 ? null : errorName(errorCode), partitions};
		},
	);
}
