// DescribeTopicPartitions v0 (flexible): the ELR kafka-topics.sh prints, paged with a cursor.
import {ApiKey, wire, type WireRequest} from './request.js';
import type {Reader} from './primitives.js';

export interface TopicPartitionsElr {
	topic: string;
	partitions: {partition: number; elr: number[] | null; lastKnownElr: number[] | null}[];
}

export function describeTopicPartitionsRequest(
	topics: string[],
	limit: number,
	cursor: {topic: string; partition: number} | null,
): WireRequest<{topics: TopicPartitionsElr[]; next: {topic: string; partition: number} | null}> {
	return wire(
		ApiKey.DescribeTopicPartitions,
		'DescribeTopicPartitions',
		0,
		true,
		(w) => {
			w.compactArray(topics, (w, t) => w.compactString(t).tags());
			w.int32(limit);
			if (cursor) {
				w.uvarint(1); // non-null struct (nullable struct marker)
				w.compactString(cursor.topic).int32(cursor.partition).tags();
			} else {
				w.int8(-1);
			}
			w.tags();
		},
		(r) => {
			r.int32();
			const out: TopicPartitionsElr[] = [];
			r.compactArray((r) => {
				r.int16();
				const topic = r.compactString() ?? '';
				r.uuid();
				r.bool();
				const partitions = r.compactArray((r) => {
					r.int16();
					const partition = r.int32();
					r.int32();
					r.int32();
					r.compactArray((r) => r.int32());
					r.compactArray((r) => r.int32());
					// nullable arrays read element by element: a length from the peer allocates nothing by itself
					const elr = nullableInt32s(r);
					const lastKnownElr = nullableInt32s(r);
					r.compactArray((r) => r.int32()); // offline
					r.tags();
					return {partition, elr, lastKnownElr};
				});
				r.int32();
				r.tags();
				out.push({topic, partitions});
			});
			const marker = r.int8();
			let next: {topic: string; partition: number} | null = null;
			if (marker !== -1) {
				next = {topic: r.compactString() ?? '', partition: r.int32()};
				r.tags();
			}
			r.tags();
			return {topics: out, next};
		},
	);
}

/** A nullable compact array of int32 (null when the length is 0); each element read as it comes, so a
 *  bogus length runs into the end of the frame instead of allocating it. */
function nullableInt32s(r: Reader): number[] | null {
	const n = r.uvarint();
	if (n === 0) return null;
	const out: number[] = [];
	for (let i = 0; i < n - 1; i++) out.push(r.int32());
	return out;
}
