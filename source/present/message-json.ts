// kcat -J compatible JSON lines for `kcon tail -o json`:
// {"topic","partition","offset","tstype","ts","broker","headers"?,"key","payload"}.
// headers (only when the message has some) is kcat's flat array [name, value, name, value, …].
// A key, payload or header value that is not valid UTF-8 is written as base64 and flagged with
// "keyEncoding" / "payloadEncoding" / "headersEncoding": "base64".
import {isUtf8} from 'node:buffer';
import type {RecordCursor, TailRecord, TimestampType} from '../domain/tail.js';

function str(bytes: Buffer): string {
	return JSON.stringify(bytes.toString('utf8'));
}

export function messageJsonLine(r: TailRecord): string {
	let line = `{"topic":${JSON.stringify(r.topic)},"partition":${r.partition},"offset":${r.offset},"tstype":"${r.timestampType}","ts":${r.timestamp},"broker":${r.broker}`;
	let extra = '';
	if (r.headers.length > 0) {
		const binary = r.headers.some((h) => h.value !== null && !isUtf8(h.value));
		const parts: string[] = [];
		for (const h of r.headers) {
			parts.push(JSON.stringify(h.key));
			parts.push(h.value === null ? 'null' : binary ? `"${h.value.toString('base64')}"` : str(h.value));
		}
		line += `,"headers":[${parts.join(',')}]`;
		if (binary) extra += ',"headersEncoding":"base64"';
	}
	if (r.key === null) {
		line += ',"key":null';
	} else if (isUtf8(r.key)) {
		line += `,"key":${str(r.key)}`;
	} else {
		line += `,"key":"${r.key.toString('base64')}"`;
		extra += ',"keyEncoding":"base64"';
	}
	if (r.value === null) {
		line += ',"payload":null';
	} else if (isUtf8(r.value)) {
		line += `,"payload":${str(r.value)}`;
	} else {
		line += `,"payload":"${r.value.toString('base64')}"`;
		extra += ',"payloadEncoding":"base64"';
	}
	return line + extra + '}';
}

/** Where the fast writer puts bytes (commands/tail.ts's output buffer). */
export interface ByteSink {
	/** append a string as UTF-8 */
	str(text: string): void;
	/** append a short string known to be ASCII (digits, fixed JSON punctuation) */
	ascii(text: string): void;
	/** append bytes as they are */
	bytes(bytes: Buffer): void;
	/** append valid UTF-8 bytes as a JSON string literal, quotes included, escaped as JSON.stringify does */
	jsonString(bytes: Buffer): void;
}

// The parts of a line that repeat for every record of a partition, kept as bytes: a fetched batch is
// one partition's records from one broker, so the line's head and middle are copied, not encoded
// again per record (a tail writes millions of lines; encoding these strings was most of its work).
const TIMESTAMP_TYPE: Record<TimestampType, Buffer> = {
	create: Buffer.from(',"tstype":"create","ts":'),
	logappend: Buffer.from(',"tstype":"logappend","ts":'),
};
let headTopic: string | null = null;
let headPartition = -1;
let head = Buffer.alloc(0);
let middleBroker = Number.NaN;
let middle = Buffer.alloc(0);

/** A line's bytes before its offset, kept while the records come from one partition. */
function lineHead(topic: string, partition: number): Buffer {
	if (topic !== headTopic || partition !== headPartition) {
		headTopic = topic;
		headPartition = partition;
		head = Buffer.from(`{"topic":${JSON.stringify(topic)},"partition":${partition},"offset":`);
	}
	return head;
}

/** A line's bytes between its timestamp and its key, kept while the records come from one broker. */
function lineMiddle(broker: number): Buffer {
	if (broker !== middleBroker) {
		middleBroker = broker;
		middle = Buffer.from(`,"broker":${broker},"key":`);
	}
	return middle;
}

/**
 * The same line as messageJsonLine (byte for byte), written into a sink: UTF-8 keys and payloads
 * are escaped byte by byte into the output buffer, without a JavaScript string in between.
 */
export function writeMessageJson(r: TailRecord, sink: ByteSink): void {
	const key = r.key;
	const value = r.value;
	if (r.headers.length > 0 || (key !== null && !isUtf8(key)) || (value !== null && !isUtf8(value))) {
		sink.str(messageJsonLine(r));
		return;
	}
	sink.bytes(lineHead(r.topic, r.partition));
	sink.ascii(r.offset.toString());
	sink.bytes(TIMESTAMP_TYPE[r.timestampType]);
	sink.ascii(String(r.timestamp));
	sink.bytes(lineMiddle(r.broker));
	if (key === null) sink.ascii('null');
	else sink.jsonString(key);
	sink.ascii(',"payload":');
	if (value === null) sink.ascii('null}');
	else {
		sink.jsonString(value);
		sink.ascii('}');
	}
}

const HEX = '0123456789abcdef';
const SHORT: Record<number, number> = {0x08: 0x62, 0x09: 0x74, 0x0a: 0x6e, 0x0c: 0x66, 0x0d: 0x72};

/**
 * Escape `src` as the inside of a JSON string into `dst` at `pos` (dst must have 6 × src.length
 * bytes free); returns the new position. Same escapes as JSON.stringify: \" \\ \b \t \n \f \r, other
 * controls as \u00xx; valid UTF-8 bytes pass through.
 */
export function escapeJsonBytes(src: Buffer, dst: Buffer, pos: number): number {
	for (let i = 0; i < src.length; i++) {
		const c = src[i]!;
		if (c >= 0x20 && c !== 0x22 && c !== 0x5c) {
			dst[pos++] = c;
		} else if (c === 0x22 || c === 0x5c) {
			dst[pos++] = 0x5c;
			dst[pos++] = c;
		} else {
			pos = escapeControlByte(c, dst, pos);
		}
	}
	return pos;
}

/** A control byte (below 0x20) as JSON.stringify escapes it: \b \t \n \f \r, or \u00xx. */
function escapeControlByte(c: number, dst: Buffer, pos: number): number {
	dst[pos++] = 0x5c;
	const short = SHORT[c];
	if (short !== undefined) {
		dst[pos++] = short;
		return pos;
	}
	dst[pos++] = 0x75;
	dst[pos++] = 0x30;
	dst[pos++] = 0x30;
	dst[pos++] = HEX.charCodeAt(c >> 4);
	dst[pos++] = HEX.charCodeAt(c & 15);
	return pos;
}

/** An output buffer written in place (commands/tail.ts's): `reserve(n)` makes n bytes free at `pos`. */
export interface ByteBuffer extends ByteSink {
	buf: Buffer;
	pos: number;
	reserve(bytes: number): void;
}

// a line's bytes beside its key and payload: the cached head and middle and the fixed parts
const LINE_FIXED = 64;

/**
 * The current record of a cursor as a JSON line (messageJsonLine's bytes and a newline), written
 * into the buffer without an object or string per record; a record with headers or a key or payload
 * that is not valid UTF-8 takes messageJsonLine.
 */
export function writeCursorJsonLine(c: RecordCursor, out: ByteBuffer): void {
	if (c.headerCount === 0) {
		const head = lineHead(c.topic, c.partition);
		const middle = lineMiddle(c.broker);
		const src = c.buf;
		const keyLength = c.keyStart < 0 ? 0 : c.keyEnd - c.keyStart;
		const valueLength = c.valueStart < 0 ? 0 : c.valueEnd - c.valueStart;
		out.reserve(head.length + middle.length + LINE_FIXED + 6 * (keyLength + valueLength));
		const buf = out.buf;
		let pos = out.pos + head.copy(buf, out.pos);
		pos = writeInteger(c.offset, buf, pos);
		const tstype = TIMESTAMP_TYPE[c.timestampType];
		pos += tstype.copy(buf, pos);
		pos = writeInteger(c.timestamp, buf, pos);
		pos += middle.copy(buf, pos);
		if (c.keyStart < 0) pos = putAscii('null', buf, pos);
		else {
			buf[pos] = 0x22;
			pos = escapeJsonUtf8(src, c.keyStart, c.keyEnd, buf, pos + 1);
			if (pos >= 0) buf[pos++] = 0x22;
		}
		if (pos >= 0) {
			pos = putAscii(',"payload":', buf, pos);
			if (c.valueStart < 0) pos = putAscii('null', buf, pos);
			else {
				buf[pos] = 0x22;
				pos = escapeJsonUtf8(src, c.valueStart, c.valueEnd, buf, pos + 1);
			}
		}
		if (pos >= 0) {
			if (c.valueStart >= 0) buf[pos++] = 0x22;
			buf[pos++] = 0x7d;
			buf[pos++] = 0x0a;
			out.pos = pos;
			return;
		}
		// not UTF-8: the line is not taken (out.pos did not move) and written the general way
	}
	out.str(messageJsonLine(c.record()));
	out.ascii('\n');
}

function putAscii(text: string, buf: Buffer, pos: number): number {
	for (let i = 0; i < text.length; i++) buf[pos++] = text.charCodeAt(i);
	return pos;
}

const DIGITS: number[] = [];

/** `String(n)`'s bytes (a safe integer's digits written directly; anything else through String) */
function writeInteger(n: number, buf: Buffer, pos: number): number {
	if (!(n >= 0 && n <= Number.MAX_SAFE_INTEGER && Number.isInteger(n))) return putAscii(String(n), buf, pos);
	let count = 0;
	do {
		const q = Math.floor(n / 10);
		DIGITS[count++] = n - q * 10;
		n = q;
	} while (n > 0);
	while (count > 0) buf[pos++] = 0x30 + DIGITS[--count]!;
	return pos;
}

/**
 * escapeJsonBytes over src[start, end) that also checks the bytes are UTF-8 as isUtf8 does (no
 * overlong forms, surrogates or code points past U+10FFFF): returns the new position, or -1 when
 * they are not (dst is then partly written and must be dropped).
 */
export function escapeJsonUtf8(src: Buffer, start: number, end: number, dst: Buffer, pos: number): number {
	for (let i = start; i < end; i++) {
		const c = src[i]!;
		if (c >= 0x20 && c < 0x80) {
			if (c === 0x22 || c === 0x5c) dst[pos++] = 0x5c;
			dst[pos++] = c;
		} else if (c < 0x20) {
			pos = escapeControlByte(c, dst, pos);
		} else {
			// a multi-byte sequence: its length and the range of its second byte (Unicode table 3-7)
			let n: number;
			let lo = 0x80;
			let hi = 0xbf;
			if (c >= 0xc2 && c <= 0xdf) n = 1;
			else if (c >= 0xe0 && c <= 0xef) {
				n = 2;
				if (c === 0xe0) lo = 0xa0;
				else if (c === 0xed) hi = 0x9f;
			} else if (c >= 0xf0 && c <= 0xf4) {
				n = 3;
				if (c === 0xf0) lo = 0x90;
				else if (c === 0xf4) hi = 0x8f;
			} else return -1;
			if (i + n >= end) return -1;
			const c1 = src[i + 1]!;
			if (c1 < lo || c1 > hi) return -1;
			for (let k = 2; k <= n; k++) {
				const ck = src[i + k]!;
				if (ck < 0x80 || ck > 0xbf) return -1;
			}
			dst[pos++] = c;
			for (let k = 1; k <= n; k++) dst[pos++] = src[i + k]!;
			i += n;
		}
	}
	return pos;
}
