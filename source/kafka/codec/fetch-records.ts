// Decoding of Fetch responses (v11) and record batches (magic 2) straight into domain records.
// kafkajs's own decoder turns every offset and timestamp into strings through Long arithmetic and
// copies headers into objects; this one reads the response buffer once, keeps key/value as
// zero-copy slices, and reports per-partition error codes instead of throwing on the first one.
import {gunzipSync} from 'node:zlib';
import type {RecordHeader, TailRecord} from '../../domain/tail.js';

export interface FetchedPartition {
	partition: number;
	errorCode: number;
	highWatermark: bigint;
	logStartOffset: bigint;
	records: TailRecord[];
	/** the offset to fetch next: past the last complete batch, or the fetch offset when none */
	nextOffset: bigint;
}

export interface FetchResult {
	errorCode: number;
	throttleMs: number;
	partitions: Map<string, FetchedPartition[]>;
}

export class UnsupportedCompressionError extends Error {}

class Reader {
	pos: number;
	constructor(
		readonly buf: Buffer,
		pos = 0,
		readonly end = buf.length,
	) {
		this.pos = pos;
	}
	int8() {
		return this.buf.readInt8(this.pos++);
	}
	int16() {
		const v = this.buf.readInt16BE(this.pos);
		this.pos += 2;
		return v;
	}
	int32() {
		const v = this.buf.readInt32BE(this.pos);
		this.pos += 4;
		return v;
	}
	int64() {
		const v = this.buf.readBigInt64BE(this.pos);
		this.pos += 8;
		return v;
	}
	/** int64 as a double (timestamps fit exactly) */
	int64n() {
		const hi = this.buf.readInt32BE(this.pos);
		const lo = this.buf.readUInt32BE(this.pos + 4);
		this.pos += 8;
		return hi * 4294967296 + lo;
	}
	string() {
		const len = this.int16();
		if (len < 0) return null;
		const s = this.buf.toString('utf8', this.pos, this.pos + len);
		this.pos += len;
		return s;
	}
	/** zigzag varint up to 2^53 */
	varint() {
		let result = 0;
		let mult = 1;
		const buf = this.buf;
		for (;;) {
			const b = buf[this.pos++]!;
			result += (b & 0x7f) * mult;
			if (b < 0x80) break;
			mult *= 128;
			if (this.pos > this.end) throw new RangeError('varint past end');
		}
		// zigzag decode without 32-bit truncation
		return result % 2 === 0 ? result / 2 : -(result + 1) / 2;
	}
	bytes(len: number): Buffer | null {
		if (len < 0) return null;
		const b = this.buf.subarray(this.pos, this.pos + len);
		this.pos += len;
		return b;
	}
}

const COMPRESSION = ['none', 'gzip', 'snappy', 'lz4', 'zstd'];

/**
 * Decode the record batches of one partition's record set into `out`, skipping records below
 * `fromOffset` (a compressed batch is always returned whole) and control batches.
 * Returns the next offset to fetch.
 */
export function decodeRecordSet(
	buf: Buffer,
	start: number,
	end: number,
	topic: string,
	partition: number,
	broker: number,
	fromOffset: bigint,
	out: TailRecord[],
): bigint {
	let next = fromOffset;
	let pos = start;
	while (pos + 61 <= end) {
		const baseOffset = buf.readBigInt64BE(pos);
		const batchLength = buf.readInt32BE(pos + 8);
		const batchEnd = pos + 12 + batchLength;
		if (batchEnd > end) break; // partial batch at the end of the response (maxBytes)
		const magic = buf.readInt8(pos + 16);
		if (magic !== 2) throw new Error(`message format v${magic} is not supported (Kafka < 0.11)`);
		const attributes = buf.readInt16BE(pos + 21);
		const lastOffsetDelta = buf.readInt32BE(pos + 23);
		const r = new Reader(buf, pos + 27, batchEnd);
		const baseTimestamp = r.int64n();
		const maxTimestamp = r.int64n();
		r.pos += 8 + 2 + 4; // producerId, producerEpoch, baseSequence
		const count = r.int32();
		const batchNext = baseOffset + BigInt(lastOffsetDelta) + 1n;
		pos = batchEnd;
		if (batchNext <= next) continue;
		const isControl = (attributes & 0x20) !== 0;
		if (!isControl) {
			const logAppend = (attributes & 0x08) !== 0;
			const codec = attributes & 0x07;
			let rr = r;
			if (codec !== 0) {
				if (codec !== 1) throw new UnsupportedCompressionError(`${COMPRESSION[codec] ?? codec} compression is not supported by kcon tail`);
				const plain = gunzipSync(buf.subarray(r.pos, batchEnd));
				rr = new Reader(plain, 0, plain.length);
			}
			const tsType = logAppend ? 'logappend' : 'create';
			for (let i = 0; i < count; i++) {
				const length = rr.varint();
				const recordEnd = rr.pos + length;
				rr.pos += 1; // attributes
				const tsDelta = rr.varint();
				const offsetDelta = rr.varint();
				const key = rr.bytes(rr.varint());
				const value = rr.bytes(rr.varint());
				const hcount = rr.varint();
				let headers: RecordHeader[] = EMPTY;
				if (hcount > 0) {
					headers = [];
					for (let h = 0; h < hcount; h++) {
						const klen = rr.varint();
						const hkey = rr.buf.toString('utf8', rr.pos, rr.pos + klen);
						rr.pos += klen;
						headers.push({key: hkey, value: rr.bytes(rr.varint())});
					}
				}
				rr.pos = recordEnd;
				const offset = offsetDelta === 0 ? baseOffset : baseOffset + BigInt(offsetDelta);
				if (offset < fromOffset) continue;
				out.push({
					topic,
					partition,
					offset,
					timestamp: logAppend ? maxTimestamp : baseTimestamp + tsDelta,
					timestampType: tsType,
					key,
					value,
					headers,
					broker,
				});
			}
		}
		next = batchNext;
	}
	return next;
}

const EMPTY: RecordHeader[] = [];
Object.freeze(EMPTY);

/**
 * Decode a Fetch v11 response body (after the correlation id).
 * `fetchOffsets` gives, per topic and partition, the offset that was asked for.
 */
export function decodeFetchV11(buf: Buffer, broker: number, fetchOffsets: Map<string, Map<number, bigint>>): FetchResult {
	const r = new Reader(buf);
	const throttleMs = r.int32();
	const errorCode = r.int16();
	r.int32(); // session id
	const partitions = new Map<string, FetchedPartition[]>();
	const topicCount = r.int32();
	for (let t = 0; t < topicCount; t++) {
		const topic = r.string() ?? '';
		const list: FetchedPartition[] = [];
		partitions.set(topic, list);
		const pcount = r.int32();
		for (let p = 0; p < pcount; p++) {
			const partition = r.int32();
			const pError = r.int16();
			const highWatermark = r.int64();
			r.int64(); // last stable offset
			const logStartOffset = r.int64();
			const aborted = r.int32();
			if (aborted > 0) r.pos += aborted * 16;
			r.int32(); // preferred read replica
			const size = r.int32();
			const setStart = r.pos;
			const setEnd = size > 0 ? setStart + size : setStart;
			r.pos = setEnd;
			const from = fetchOffsets.get(topic)?.get(partition) ?? 0n;
			const records: TailRecord[] = [];
			let nextOffset = from;
			if (pError === 0 && size > 0) {
				nextOffset = decodeRecordSet(buf, setStart, setEnd, topic, partition, broker, from, records);
			}
			list.push({partition, errorCode: pError, highWatermark, logStartOffset, records, nextOffset});
		}
	}
	return {errorCode, throttleMs, partitions};
}
