// OffsetFetch v8 (flexible): many groups' committed offsets in one request.
import {ApiKey, wire, type WireRequest} from './request.js';

export interface FetchedOffset {
	topic: string;
	partition: number;
	offset: bigint;
	errorCode: number;
}
export interface GroupOffsets {
	groupId: string;
	errorCode: number;
	offsets: FetchedOffset[];
}

export function offsetFetchRequest(groupIds: string[]): WireRequest<GroupOffsets[]> {
	return wire(
		ApiKey.OffsetFetch,
		'OffsetFetch',
		8,
		true,
		(w) => {
			w.compactArray(groupIds, (w, id) => {
				w.compactString(id);
				w.compactArray(null, () => {}); // all topics
				w.tags();
			});
			w.bool(false); // require_stable
			w.tags();
		},
		(r) => {
			r.int32();
			const groups = r.compactArray((r) => {
				const groupId = r.compactString() ?? '';
				const offsets: FetchedOffset[] = [];
				r.compactArray((r) => {
					const topic = r.compactString() ?? '';
					r.compactArray((r) => {
						const partition = r.int32();
						const offset = r.int64();
						r.int32(); // committed leader epoch
						r.compactString(); // metadata
						const errorCode = r.int16();
						r.tags();
						offsets.push({topic, partition, offset, errorCode});
					});
					r.tags();
				});
				const errorCode = r.int16();
				r.tags();
				return {groupId, errorCode, offsets};
			});
			r.tags();
			return groups;
		},
	);
}
