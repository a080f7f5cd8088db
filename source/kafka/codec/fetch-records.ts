// Decoding of Fetch responses (v11) and record batches (magic 2) straight into domain records.
// kafkajs's own decoder turns every offset and timestamp into strings through Long arithmetic and
// copies headers into objects; this one reads the response buffer once, keeps key/value as
// zero-copy slices, and reports per-partition error codes instead of throwing on the first one.
import {gunzipSync} from 'node:zlib';
import type {RecordCursor, RecordHeader, TailRecord, TimestampType} from '../../domain/tail.js';

export interface FetchedPartition {
	partition: number;
	errorCode: number;
	highWatermark: bigint;
	logStartOffset: bigint;
	records: TailRecord[];
	/** instead of `records` (decodeFetchV11 with `inPlace`): the same records, read in place */
	cursor?: RecordSetCursor;
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

/** Bytes of a v2 batch after its length field at least (its header up to the record count). */
const BATCH_HEADER_AFTER_LENGTH = 49;

/**
 * Where the batch at `pos` ends, by its length field. A length shorter than the batch header would
 * not move the reader forward (or move it back): a peer that sends one would keep kcon reading the
 * same bytes forever, so it is refused.
 */
function batchEndAt(buf: Buffer, pos: number): number {
	const length = buf.readInt32BE(pos + 8);
	if (length < BATCH_HEADER_AFTER_LENGTH) throw new RangeError(`a record batch at byte ${pos} claims ${length} bytes, less than its own header`);
	return pos + 12 + length;
}

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
		const batchEnd = batchEndAt(buf, pos);
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

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * What decodeRecordSet would return as the next offset, from the batch headers alone; and whether
 * the set can be read in place (by RecordSetCursor): not when a batch to read is compressed or has
 * offsets past 2^53. Throws as decodeRecordSet does on a message format before v2.
 */
export function scanRecordSet(buf: Buffer, start: number, end: number, fromOffset: bigint): {next: bigint; inPlace: boolean} {
	let next = fromOffset;
	let inPlace = fromOffset <= SAFE;
	let pos = start;
	while (pos + 61 <= end) {
		const baseOffset = buf.readBigInt64BE(pos);
		const batchEnd = batchEndAt(buf, pos);
		if (batchEnd > end) break;
		const magic = buf.readInt8(pos + 16);
		if (magic !== 2) throw new Error(`message format v${magic} is not supported (Kafka < 0.11)`);
		const attributes = buf.readInt16BE(pos + 21);
		const batchNext = baseOffset + BigInt(buf.readInt32BE(pos + 23)) + 1n;
		pos = batchEnd;
		if (batchNext <= next) continue;
		if ((attributes & 0x20) === 0 && ((attributes & 0x07) !== 0 || batchNext > SAFE)) inPlace = false;
		next = batchNext;
	}
	return {next, inPlace};
}

/**
 * The records decodeRecordSet would decode from an uncompressed record set whose offsets are all
 * below 2^53 (scanRecordSet says which), read one at a time without an object per record.
 * `until`: records at or past it are left out (an offset past the last wanted one).
 */
export class RecordSetCursor implements RecordCursor {
	offset = 0;
	timestamp = 0;
	timestampType: TimestampType = 'create';
	keyStart = -1;
	keyEnd = -1;
	valueStart = -1;
	valueEnd = -1;
	headerCount = 0;
	private headersAt = 0;
	until = Number.POSITIVE_INFINITY;
	// the batch being read
	private pos: number;
	private batchEnd: number;
	private left = 0;
	private baseOffset = 0;
	private baseTimestamp = 0;
	private maxTimestamp = 0;
	private logAppend = false;
	private readonly from: number;

	constructor(
		readonly buf: Buffer,
		start: number,
		private readonly end: number,
		readonly topic: string,
		readonly partition: number,
		readonly broker: number,
		fromOffset: bigint,
	) {
		this.pos = start;
		this.batchEnd = start;
		this.from = Number(fromOffset);
	}

	private varint(): number {
		const buf = this.buf;
		let pos = this.pos;
		let b = buf[pos++]!;
		if (b < 0x80) {
			this.pos = pos;
			return b & 1 ? -(b + 1) / 2 : b / 2;
		}
		let result = b & 0x7f;
		let mult = 128;
		for (;;) {
			if (pos >= this.batchEnd) throw new RangeError('varint past end');
			b = buf[pos++]!;
			result += (b & 0x7f) * mult;
			if (b < 0x80) break;
			mult *= 128;
		}
		this.pos = pos;
		return result % 2 === 0 ? result / 2 : -(result + 1) / 2;
	}

	/** to the next batch with records to read; false at the end of the set */
	private nextBatch(): boolean {
		const buf = this.buf;
		let pos = this.batchEnd;
		while (pos + 61 <= this.end) {
			const batchEnd = batchEndAt(buf, pos);
			if (batchEnd > this.end) break;
			const baseOffset = buf.readInt32BE(pos) * 4294967296 + buf.readUInt32BE(pos + 4);
			const attributes = buf.readInt16BE(pos + 21);
			const batchNext = baseOffset + buf.readInt32BE(pos + 23) + 1;
			const count = buf.readInt32BE(pos + 57);
			const at = pos;
			pos = batchEnd;
			if (batchNext <= this.from || (attributes & 0x20) !== 0) continue;
			this.batchEnd = batchEnd;
			this.pos = at + 61;
			this.left = count;
			this.baseOffset = baseOffset;
			this.logAppend = (attributes & 0x08) !== 0;
			this.timestampType = this.logAppend ? 'logappend' : 'create';
			this.baseTimestamp = buf.readInt32BE(at + 27) * 4294967296 + buf.readUInt32BE(at + 31);
			this.maxTimestamp = buf.readInt32BE(at + 35) * 4294967296 + buf.readUInt32BE(at + 39);
			return true;
		}
		this.batchEnd = this.end;
		return false;
	}

	next(): boolean {
		for (;;) {
			while (this.left === 0) if (!this.nextBatch()) return false;
			this.left--;
			const length = this.varint();
			const recordEnd = this.pos + length;
			if (length < 0 || recordEnd > this.batchEnd) throw new RangeError('a record runs past the end of its batch');
			this.pos += 1; // attributes
			const tsDelta = this.varint();
			const offset = this.baseOffset + this.varint();
			const keyLength = this.varint();
			this.keyStart = keyLength < 0 ? -1 : this.pos;
			this.pos += keyLength < 0 ? 0 : keyLength;
			this.keyEnd = this.pos;
			const valueLength = this.varint();
			this.valueStart = valueLength < 0 ? -1 : this.pos;
			this.pos += valueLength < 0 ? 0 : valueLength;
			this.valueEnd = this.pos;
			// key and value inside the record: the writer sizes its output by their lengths
			if (this.pos > recordEnd) throw new RangeError("a record's key or value runs past the record");
			this.headersAt = this.pos;
			this.headerCount = this.varint();
			this.pos = recordEnd;
			if (offset < this.from) continue;
			if (offset >= this.until) {
				// offsets only grow: nothing after this one is wanted either
				this.left = 0;
				this.batchEnd = this.end;
				return false;
			}
			this.offset = offset;
			this.timestamp = this.logAppend ? this.maxTimestamp : this.baseTimestamp + tsDelta;
			return true;
		}
	}

	record(): TailRecord {
		const buf = this.buf;
		let headers: RecordHeader[] = EMPTY;
		if (this.headerCount > 0) {
			const r = new Reader(buf, this.headersAt, this.batchEnd);
			r.varint();
			headers = [];
			for (let h = 0; h < this.headerCount; h++) {
				const klen = r.varint();
				const key = buf.toString('utf8', r.pos, r.pos + klen);
				r.pos += klen;
				headers.push({key, value: r.bytes(r.varint())});
			}
		}
		return {
			topic: this.topic,
			partition: this.partition,
			offset: BigInt(this.offset),
			timestamp: this.timestamp,
			timestampType: this.timestampType,
			key: this.keyStart < 0 ? null : buf.subarray(this.keyStart, this.keyEnd),
			value: this.valueStart < 0 ? null : buf.subarray(this.valueStart, this.valueEnd),
			headers,
			broker: this.broker,
		};
	}
}

/**
 * Decode a Fetch v11 response body (after the correlation id).
 * `fetchOffsets` gives, per topic and partition, the offset that was asked for.
 */
export function decodeFetchV11(buf: Buffer, broker: number, fetchOffsets: Map<string, Map<number, bigint>>, inPlace = false): FetchResult {
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
			let cursor: RecordSetCursor | undefined;
			if (pError === 0 && size > 0) {
				const scan = inPlace ? scanRecordSet(buf, setStart, setEnd, from) : null;
				if (scan?.inPlace) {
					nextOffset = scan.next;
					cursor = new RecordSetCursor(buf, setStart, setEnd, topic, partition, broker, from);
				} else {
					nextOffset = decodeRecordSet(buf, setStart, setEnd, topic, partition, broker, from, records);
				}
			}
			list.push({partition, errorCode: pError, highWatermark, logStartOffset, records, nextOffset, ...(cursor ? {cursor} : {})});
		}
	}
	return {errorCode, throttleMs, partitions};
}
