// OffsetCommit v8 (API key 8, flexible): a group's committed offsets set from outside the group, as
// Kafka's AdminClient#alterConsumerGroupOffsets does it — generation (or member epoch) -1 and no
// member id. Both coordinators accept that only while the group has no members, classic groups and
// KIP-848 consumer groups alike, so a reset never races a live consumer's own commits.
import {errorName} from './error-names.js';
import {wire, type WireRequest} from './request.js';

/** Writes a group's offsets: a write (connection/write-guard.ts KCON_WRITE_APIS). */
export const OFFSET_COMMIT_API_KEY = 8;

export interface OffsetToCommit {
	topic: string;
	partition: number;
	offset: bigint;
}

export interface CommittedPartition {
	topic: string;
	partition: number;
	errorCode: number;
	/** null when committed */
	error: string | null;
}

export function offsetCommitRequest(groupId: string, offsets: OffsetToCommit[]): WireRequest<CommittedPartition[]> {
	const byTopic = new Map<string, OffsetToCommit[]>();
	for (const o of offsets) {
		let list = byTopic.get(o.topic);
		if (!list) byTopic.set(o.topic, (list = []));
		list.push(o);
	}
	return wire(
		OFFSET_COMMIT_API_KEY,
		'OffsetCommit',
		8,
		true,
		(w) => {
			w.compactString(groupId);
			w.int32(-1); // generation id / member epoch: not a member
			w.compactString(''); // member id
			w.compactString(null); // group instance id
			w.compactArray([...byTopic], (w, [topic, parts]) => {
				w.compactString(topic);
				w.compactArray(parts, (w, p) => {
					w.int32(p.partition);
					w.int64(p.offset);
					w.int32(-1); // committed leader epoch: unknown
					w.compactString(''); // metadata, as the Java tool commits it
					w.tags();
				});
				w.tags();
			});
			w.tags();
		},
		(r) => {
			r.int32(); // throttle time
			const out: CommittedPartition[] = [];
			r.compactArray((r) => {
				const topic = r.compactString() ?? '';
				r.compactArray((r) => {
					const partition = r.int32();
					const errorCode = r.int16();
					r.tags();
					out.push({topic, partition, errorCode, error: errorCode === 0 ? null : errorName(errorCode)});
				});
				r.tags();
			});
			r.tags();
			return out;
		},
	);
}
