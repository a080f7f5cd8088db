// The Fetch v11 / record batch v2 decoder, on batches built byte by byte per the Kafka protocol.
import test from 'node:test';
import assert from 'node:assert/strict';
import {gzipSync} from 'node:zlib';
import {decodeFetchV11, decodeRecordSet, RecordSetCursor, scanRecordSet} from '../../../../source/kafka/codec/fetch-records.js';
import type {TailRecord} from '../../../../source/domain/tail.js';

function varint(n: number): Buffer {
	let z = n >= 0 ? n * 2 : -n * 2 - 1;
	const out: number[] = [];
	while (z >= 0x80) {
		out.push((z % 128) | 0x80);
		z = Math.floor(z / 128);
	}
	out.push(z);
	return Buffer.from(out);
}

function bytesField(b: Buffer | null): Buffer {
	return b === null ? varint(-1) : Buffer.concat([varint(b.length), b]);
}

interface R {
	tsDelta: number;
	offsetDelta: number;
	key: Buffer | null;
	value: Buffer | null;
	headers?: Array<[string, Buffer | null]>;
}

function record(r: R): Buffer {
	const headers = r.headers ?? [];
	const body = Buffer.concat([
		Buffer.from([0]),
		varint(r.tsDelta),
		varint(r.offsetDelta),
		bytesField(r.key),
		bytesField(r.value),
		varint(headers.length),
		...headers.map(([k, v]) => Buffer.concat([bytesField(Buffer.from(k)), bytesField(v)])),
	]);
	return Buffer.concat([varint(body.length), body]);
}

function batch(baseOffset: bigint, baseTs: number, records: R[], opts: {attributes?: number; lastOffsetDelta?: number; gzip?: boolean} = {}): Buffer {
	let recs = Buffer.concat(records.map(record));
	let attributes = opts.attributes ?? 0;
	if (opts.gzip) {
		recs = gzipSync(recs);
		attributes |= 1;
	}
	const afterLength = Buffer.alloc(4 + 1 + 4 + 2 + 4 + 8 + 8 + 8 + 2 + 4 + 4);
	let p = 0;
	afterLength.writeInt32BE(0, p); p += 4; // leader epoch
	afterLength.writeInt8(2, p); p += 1; // magic
	afterLength.writeInt32BE(0, p); p += 4; // crc (not checked)
	afterLength.writeInt16BE(attributes, p); p += 2;
	afterLength.writeInt32BE(opts.lastOffsetDelta ?? records.length - 1, p); p += 4;
	afterLength.writeBigInt64BE(BigInt(baseTs), p); p += 8;
	afterLength.writeBigInt64BE(BigInt(baseTs + 1000), p); p += 8; // max timestamp
	afterLength.writeBigInt64BE(-1n, p); p += 8;
	afterLength.writeInt16BE(-1, p); p += 2;
	afterLength.writeInt32BE(-1, p); p += 4;
	afterLength.writeInt32BE(records.length, p);
	const rest = Buffer.concat([afterLength, recs]);
	const head = Buffer.alloc(12);
	head.writeBigInt64BE(baseOffset, 0);
	head.writeInt32BE(rest.length, 8);
	return Buffer.concat([head, rest]);
}

const T0 = 1_771_588_614_000;

test('records: offsets, timestamps, keys, values, ordered duplicate headers', () => {
	const b = batch(100n, T0, [
		{tsDelta: 0, offsetDelta: 0, key: Buffer.from('k'), value: Buffer.from('v0'), headers: [['h', Buffer.from('1')], ['h', null]]},
		{tsDelta: 5, offsetDelta: 1, key: null, value: null},
		{tsDelta: 300000, offsetDelta: 2, key: Buffer.alloc(0), value: Buffer.from('v2')},
	]);
	const out: TailRecord[] = [];
	const next = decodeRecordSet(b, 0, b.length, 't', 2, 5, 100n, out);
	assert.equal(next, 103n);
	assert.deepEqual(out.map((r) => r.offset), [100n, 101n, 102n]);
	assert.deepEqual(out.map((r) => r.timestamp), [T0, T0 + 5, T0 + 300000]);
	assert.equal(out[0]!.key!.toString(), 'k');
	assert.equal(out[1]!.key, null);
	assert.equal(out[1]!.value, null);
	assert.equal(out[2]!.key!.length, 0);
	assert.deepEqual(out[0]!.headers.map((h) => [h.key, h.value?.toString() ?? null]), [['h', '1'], ['h', null]]);
	assert.equal(out[0]!.partition, 2);
	assert.equal(out[0]!.broker, 5);
	assert.equal(out[0]!.timestampType, 'create');
});

test('records below the fetch offset are skipped; a partial batch at the end is left for the next fetch', () => {
	const b1 = batch(10n, T0, [0, 1, 2].map((i) => ({tsDelta: i, offsetDelta: i, key: null, value: Buffer.from(`m${i}`)})));
	const b2 = batch(13n, T0, [0, 1].map((i) => ({tsDelta: i, offsetDelta: i, key: null, value: Buffer.from(`n${i}`)})));
	const all = Buffer.concat([b1, b2]);
	const out: TailRecord[] = [];
	const next = decodeRecordSet(all, 0, all.length - 5, 't', 0, 3, 11n, out);
	assert.deepEqual(out.map((r) => r.offset), [11n, 12n]);
	assert.equal(next, 13n, 'the truncated second batch is fetched again');
});

test('gzip batches, log-append time, control batches and compacted gaps', () => {
	const gz = batch(0n, T0, [{tsDelta: 1, offsetDelta: 0, key: null, value: Buffer.from('zipped')}], {gzip: true, attributes: 0x08});
	const control = batch(1n, T0, [{tsDelta: 0, offsetDelta: 0, key: Buffer.from([0, 0, 0, 1]), value: Buffer.from([0, 0, 0, 0, 0, 0])}], {attributes: 0x20 | 0x10});
	const compacted = batch(2n, T0, [{tsDelta: 0, offsetDelta: 3, key: null, value: Buffer.from('kept')}], {lastOffsetDelta: 4});
	const all = Buffer.concat([gz, control, compacted]);
	const out: TailRecord[] = [];
	const next = decodeRecordSet(all, 0, all.length, 't', 0, 3, 0n, out);
	assert.deepEqual(out.map((r) => [r.offset, r.value?.toString()]), [[0n, 'zipped'], [5n, 'kept']]);
	assert.equal(out[0]!.timestampType, 'logappend');
	assert.equal(out[0]!.timestamp, T0 + 1000, 'log-append time is the batch max timestamp');
	assert.equal(next, 7n);
});

test('Fetch v11 response: per-partition error codes are reported, not thrown', () => {
	const set = batch(7n, T0, [{tsDelta: 0, offsetDelta: 0, key: null, value: Buffer.from('x')}]);
	const parts: Buffer[] = [];
	const int32 = (n: number) => { const b = Buffer.alloc(4); b.writeInt32BE(n); return b; };
	const int16 = (n: number) => { const b = Buffer.alloc(2); b.writeInt16BE(n); return b; };
	const int64 = (n: bigint) => { const b = Buffer.alloc(8); b.writeBigInt64BE(n); return b; };
	parts.push(int32(0), int16(0), int32(0), int32(1), int16(1), Buffer.from('t'), int32(2));
	parts.push(int32(0), int16(0), int64(8n), int64(8n), int64(0n), int32(0), int32(-1), int32(set.length), set);
	parts.push(int32(1), int16(6), int64(-1n), int64(-1n), int64(-1n), int32(-1), int32(-1), int32(0));
	const res = decodeFetchV11(Buffer.concat(parts), 4, new Map([['t', new Map([[0, 7n], [1, 3n]])]]));
	const [p0, p1] = res.partitions.get('t')!;
	assert.equal(p0!.errorCode, 0);
	assert.equal(p0!.highWatermark, 8n);
	assert.equal(p0!.nextOffset, 8n);
	assert.equal(p0!.records[0]!.value!.toString(), 'x');
	assert.equal(p1!.errorCode, 6, 'NOT_LEADER_OR_FOLLOWER');
	assert.equal(p1!.nextOffset, 3n, 'no progress on an error');
	assert.equal(p1!.records.length, 0);
});

/** every record a cursor over the set reads, as decodeRecordSet's records */
function readCursor(c: RecordSetCursor): TailRecord[] {
	const out: TailRecord[] = [];
	while (c.next()) out.push(c.record());
	return out;
}

test('a record set read in place gives decodeRecordSet\'s records and next offset', () => {
	const b1 = batch(10n, T0, [
		{tsDelta: 0, offsetDelta: 0, key: Buffer.from('k'), value: Buffer.from('v0'), headers: [['h', Buffer.from('1')], ['h', null]]},
		{tsDelta: 70000, offsetDelta: 1, key: null, value: null},
		{tsDelta: -3, offsetDelta: 2, key: Buffer.alloc(0), value: Buffer.from('x'.repeat(300))},
	]);
	const control = batch(13n, T0, [{tsDelta: 0, offsetDelta: 0, key: Buffer.from([0, 0, 0, 1]), value: Buffer.from([0, 0, 0, 0, 0, 0])}], {attributes: 0x20 | 0x10});
	const appended = batch(14n, T0, [0, 1, 2].map((i) => ({tsDelta: i, offsetDelta: i * 2, key: null, value: Buffer.from(`m${i}`)})), {attributes: 0x08, lastOffsetDelta: 5});
	const all = Buffer.concat([b1, control, appended]);
	for (const [from, end] of [[0n, all.length], [11n, all.length], [15n, all.length], [10n, all.length - 5], [30n, all.length]] as const) {
		const eager: TailRecord[] = [];
		const next = decodeRecordSet(all, 0, end, 't', 1, 4, from, eager);
		assert.deepEqual(scanRecordSet(all, 0, end, from), {next, inPlace: true});
		assert.deepEqual(readCursor(new RecordSetCursor(all, 0, end, 't', 1, 4, from)), eager, `from ${from}, end ${end}`);
	}
	// until: records at or past it are left out
	const c = new RecordSetCursor(all, 0, all.length, 't', 1, 4, 0n);
	c.until = 16;
	assert.deepEqual(readCursor(c).map((r) => r.offset), [10n, 11n, 12n, 14n]);
});

test('a set with a compressed batch or offsets past 2^53 is not read in place', () => {
	const gz = batch(0n, T0, [{tsDelta: 1, offsetDelta: 0, key: null, value: Buffer.from('zipped')}], {gzip: true});
	const plain = batch(1n, T0, [{tsDelta: 1, offsetDelta: 0, key: null, value: Buffer.from('plain')}]);
	const both = Buffer.concat([gz, plain]);
	assert.deepEqual(scanRecordSet(both, 0, both.length, 0n), {next: 2n, inPlace: false});
	assert.deepEqual(scanRecordSet(both, 0, both.length, 1n), {next: 2n, inPlace: true}, 'the compressed batch is not read');
	const huge = batch(2n ** 53n, T0, [{tsDelta: 1, offsetDelta: 0, key: null, value: Buffer.from('far')}]);
	assert.equal(scanRecordSet(huge, 0, huge.length, 0n).inPlace, false);
	const old = Buffer.from(plain);
	old.writeInt8(1, 16);
	assert.throws(() => scanRecordSet(old, 0, old.length, 0n), /message format v1/);
});

test('decodeFetchV11 in place: a cursor instead of records, the same next offset', () => {
	const set = Buffer.concat([
		batch(7n, T0, [{tsDelta: 0, offsetDelta: 0, key: null, value: Buffer.from('x')}]),
		batch(8n, T0, [{tsDelta: 0, offsetDelta: 0, key: null, value: Buffer.from('y')}], {gzip: true}),
	]);
	const int32 = (n: number) => { const b = Buffer.alloc(4); b.writeInt32BE(n); return b; };
	const int16 = (n: number) => { const b = Buffer.alloc(2); b.writeInt16BE(n); return b; };
	const int64 = (n: bigint) => { const b = Buffer.alloc(8); b.writeBigInt64BE(n); return b; };
	const response = (from: bigint) => {
		const parts: Buffer[] = [int32(0), int16(0), int32(0), int32(1), int16(1), Buffer.from('t'), int32(1)];
		parts.push(int32(0), int16(0), int64(9n), int64(9n), int64(0n), int32(0), int32(-1), int32(set.length), set);
		return decodeFetchV11(Buffer.concat(parts), 4, new Map([['t', new Map([[0, from]])]]), true).partitions.get('t')![0]!;
	};
	const lazy = response(8n);
	assert.equal(lazy.cursor, undefined, 'the gzip batch is decoded the usual way');
	assert.deepEqual(lazy.records.map((r) => r.value!.toString()), ['y']);
	const skipped = response(7n);
	assert.equal(skipped.cursor, undefined);
	const onlyPlain = (() => {
		const first = batch(7n, T0, [{tsDelta: 0, offsetDelta: 0, key: null, value: Buffer.from('x')}]);
		const parts: Buffer[] = [int32(0), int16(0), int32(0), int32(1), int16(1), Buffer.from('t'), int32(1)];
		parts.push(int32(0), int16(0), int64(8n), int64(8n), int64(0n), int32(0), int32(-1), int32(first.length), first);
		return decodeFetchV11(Buffer.concat(parts), 4, new Map([['t', new Map([[0, 7n]])]]), true).partitions.get('t')![0]!;
	})();
	assert.ok(onlyPlain.cursor);
	assert.equal(onlyPlain.records.length, 0);
	assert.equal(onlyPlain.nextOffset, 8n);
	assert.deepEqual(readCursor(onlyPlain.cursor).map((r) => [r.offset, r.value!.toString(), r.broker]), [[7n, 'x', 4]]);
});

test('hostile batches: a length shorter than the batch header is refused by every reader instead of read forever', () => {
	const good = batch(0n, T0, [{tsDelta: 0, offsetDelta: 0, key: null, value: Buffer.from('v')}]);
	for (const length of [-12, 0, 48]) {
		const bad = Buffer.concat([good, good]);
		bad.writeInt32BE(length, good.length + 8); // the second batch
		assert.throws(() => decodeRecordSet(bad, 0, bad.length, 't', 0, 3, 0n, []), /less than its own header/, `decodeRecordSet, length ${length}`);
		assert.throws(() => scanRecordSet(bad, 0, bad.length, 0n), /less than its own header/, `scanRecordSet, length ${length}`);
		const c = new RecordSetCursor(bad, 0, bad.length, 't', 0, 3, 0n);
		assert.equal(c.next(), true, 'the first batch is read');
		assert.throws(() => c.next(), /less than its own header/, `cursor, length ${length}`);
	}
});

test('hostile records: a record, key or value longer than what holds it is refused by the cursor (its writer sizes output by those lengths)', () => {
	const value = Buffer.from('0123456789');
	const good = batch(0n, T0, [{tsDelta: 0, offsetDelta: 0, key: null, value}]);
	// the record is [length][attributes][ts][offset][key -1][value length][value][header count]
	const valueLength = good.length - 1 - value.length - 1;
	assert.equal(good[valueLength], 20, 'the zigzag varint of 10');
	const longValue = Buffer.from(good);
	longValue[valueLength] = 0x7e; // 63 bytes, past the record
	assert.throws(() => new RecordSetCursor(longValue, 0, longValue.length, 't', 0, 3, 0n).next(), /runs past the record/);
	const recordLength = valueLength - 5;
	const longRecord = Buffer.from(good);
	longRecord[recordLength] = 0x7e; // 63 bytes, past the batch
	assert.throws(() => new RecordSetCursor(longRecord, 0, longRecord.length, 't', 0, 3, 0n).next(), /past the end of its batch/);
	const c = new RecordSetCursor(good, 0, good.length, 't', 0, 3, 0n);
	assert.equal(c.next(), true);
	assert.deepEqual(good.subarray(c.valueStart, c.valueEnd), value);
});
