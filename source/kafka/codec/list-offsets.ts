// ListOffsets v2–v5 (non-flexible): per-partition error codes as values, not exceptions.
import {ApiKey, wire, type WireRequest} from './request.js';

export interface ListedOffset {
	topic: string;
	partition: number;
	errorCode: number;
	offset: bigint;
}

/** timestamp -1 = latest (high watermark with isolation 0 = READ_UNCOMMITTED), -2 = earliest */
export function listOffsetsRequest(
	version: number,
	partitions: Map<string, number[]>,
	timestamp: bigint,
): WireRequest<ListedOffset[]> {
	if (version < 2 || version > 5) throw new Error(`ListOffsets v${version} is not implemented`);
	return wire(
		ApiKey.ListOffsets,
		'ListOffsets',
		version,
		false,
		(w) => {
			w.int32(-1); // replica id
			w.int8(0); // isolation level READ_UNCOMMITTED: the high watermark, as kafka-consumer-groups.sh
			w.array([...partitions], (w, [topic, parts]) => {
				w.string(topic);
				w.array(parts, (w, p) => {
					w.int32(p);
					if (version >= 4) w.int32(-1); // current leader epoch
					w.int64(timestamp);
				});
			});
		},
		(r) => {
			r.int32();
			const out: ListedOffset[] = [];
			r.array((r) => {
				const topic = r.string() ?? '';
				r.array((r) => {
					const partition = r.int32();
					const errorCode = r.int16();
					r.int64(); // timestamp
					const offset = r.int64();
					if (version >= 4) r.int32(); // leader epoch
					out.push({topic, partition, errorCode, offset});
				});
			});
			return out;
		},
	);
}
