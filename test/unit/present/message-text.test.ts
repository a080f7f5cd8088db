import test from 'node:test';
import assert from 'node:assert/strict';
import type {TailRecord} from '../../../source/domain/tail.js';
import {compactJson, escapeControl, safeText} from '../../../source/present/message-safe.js';
import {messageJsonLine} from '../../../source/present/message-json.js';
import {messageDetailLines, messageTextLine, valueText} from '../../../source/present/message-text.js';

function rec(value: Buffer | string | null, extra: Partial<TailRecord> = {}): TailRecord {
	return {
		topic: 'resource',
		partition: 1,
		offset: 9007199254740993n,
		timestamp: Date.parse('2026-02-20T11:56:54.123Z'),
		timestampType: 'create',
		key: null,
		value: typeof value === 'string' ? Buffer.from(value) : value,
		headers: [],
		broker: 4,
		...extra,
	};
}

test('control characters are escaped: a payload cannot drive the terminal', () => {
	assert.equal(escapeControl('a\u001b[2Jb'), 'a\\e[2Jb');
	assert.equal(escapeControl('l1\nl2\r\t'), 'l1\\nl2\\r\\t');
	assert.equal(escapeControl('\u0007\u007f\u009b'), '\\x07\\x7f\\x9b');
	assert.equal(escapeControl('rtl\u202eevil'), 'rtl\\u202eevil');
	assert.equal(escapeControl('plain ünïcode ✓'), 'plain ünïcode ✓');
	assert.equal(safeText(Buffer.from([0x41, 0xff, 0x1b, 0x42])), 'A\\xff\\x1bB');
	const line = messageTextLine(rec('\u001b]0;pwned\u0007\u001b[31m', {key: Buffer.from('k\u001b')}));
	assert.doesNotMatch(line, /[\u0000-\u001f\u007f-\u009f]/);
	for (const l of messageDetailLines(rec('{"a":"\u001b[31m"}', {headers: [{key: 'h\u001b', value: Buffer.from('\u0007')}]}))) {
		assert.doesNotMatch(l, /[\u0000-\u001f\u007f-\u009f]/, l);
	}
});

test('JSON is compacted with numbers kept byte for byte', () => {
	assert.equal(compactJson('{ "a" : 1.3484189E7,\n "b": [1, 2], "s": "x y \\" z" }'), '{"a":1.3484189E7,"b":[1,2],"s":"x y \\" z"}');
	assert.equal(compactJson('not json'), null);
	assert.equal(compactJson('{"a":'), null);
	assert.equal(compactJson('42'), null, 'only objects and arrays are compacted');
	assert.equal(valueText(Buffer.from('{ "hello" : 12345678901234567890 }')), '{"hello":12345678901234567890}');
});

test('text line: time, partition@offset, key, decoded lab fields', () => {
	const fluentd =
		'{"tx_bytes":1181107,"rx_bytes":121373944,"tx_drops":0,"rx_drops":0,"tx_errors":0,"rx_errors":0,"cpu_load":"1.35","free_ram":2925856,"disk_util":6,"time":"2026-02-20T11:56:54+0000"}';
	assert.equal(
		messageTextLine(rec(fluentd, {key: Buffer.from('pi1')})),
		'2026-02-20T11:56:54.123Z  p1@9007199254740993  pi1  [fluentd] cpu_load=1.35 free_ram=2857.3 MB disk_util=6% rx=115.8 MiB tx=1.1 MiB',
	);
	assert.equal(messageTextLine(rec(null)), '2026-02-20T11:56:54.123Z  p1@9007199254740993  -  null');
	const flume = '{"memory":115428,"tx":1.3484189E7,"rx":3.97255121E8,"ip":"203.237.53.81","cpu":0,"txDropped":0,"cp":"iot","deviceId":"rpi81","rxError":1,"disk":7,"rxDropped":2083,"txError":0,"timestamp":1648545743517}';
	assert.equal(
		valueText(Buffer.from(flume)),
		'[flume] device=rpi81 ip=203.237.53.81 cpu_load=0 free_ram=112.7 MB disk_util=7% rx=378.9 MiB tx=12.9 MiB drops=2083/0 errors=1/0',
	);
});

test('JSON line has kcat -J fields and shapes; bigint offsets exact', () => {
	const line = messageJsonLine(
		rec('hello', {key: Buffer.from('k'), headers: [{key: 'h1', value: Buffer.from('v1')}, {key: 'h1', value: null}]}),
	);
	assert.equal(
		line,
		'{"topic":"resource","partition":1,"offset":9007199254740993,"tstype":"create","ts":1771588614123,"broker":4,"headers":["h1","v1","h1",null],"key":"k","payload":"hello"}',
	);
	const parsed = JSON.parse(messageJsonLine(rec(null)));
	assert.equal(parsed.key, null);
	assert.equal(parsed.payload, null);
	assert.equal('headers' in parsed, false, 'kcat leaves headers out when a message has none');
	assert.equal(JSON.parse(messageJsonLine(rec('x', {timestampType: 'logappend'}))).tstype, 'logappend');
});

test('a payload that is not UTF-8 is base64 with payloadEncoding', () => {
	const bytes = Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x00]);
	const parsed = JSON.parse(messageJsonLine(rec(bytes, {key: Buffer.from([0xff])})));
	assert.equal(parsed.payload, bytes.toString('base64'));
	assert.equal(parsed.payloadEncoding, 'base64');
	assert.equal(parsed.key, '/w==');
	assert.equal(parsed.keyEncoding, 'base64');
	const text = JSON.parse(messageJsonLine(rec('ünï\u001b')));
	assert.equal(text.payload, 'ünï\u001b');
	assert.equal('payloadEncoding' in text, false);
});

test('detail view lines: headers, pretty value, decoded lab fields', () => {
	const lines = messageDetailLines(
		rec('{"memory":115428,"tx":1.3484189E7,"rx":3.97255121E8,"cpu":0,"disk":7}', {headers: [{key: 'source', value: Buffer.from('pi')}]}),
	);
	assert.ok(lines.includes('  source: pi'));
	assert.ok(lines.includes('  format: flume'));
	assert.ok(lines.includes('  free_ram: 112.7 MB'));
	assert.ok(lines.includes('    "memory": 115428,'));
});

test('the byte writer of -o json writes exactly messageJsonLine, escapes included', async () => {
	const {writeMessageJson, escapeJsonBytes} = await import('../../../source/present/message-json.js');
	const samples: TailRecord[] = [
		rec('{"seq":1,"v":"small"}', {key: Buffer.from('k"\\ey')}),
		rec('tab\there\nnl \u0001\u001f\u007f ünï ✓ \u2028 \b\f\r', {key: null}),
		rec(null, {key: Buffer.from('')}),
		rec(Buffer.from([0xff, 0x00])),
		rec('x', {headers: [{key: 'h', value: Buffer.from('v')}]}),
		rec('', {timestampType: 'logappend'}),
		// the cached head and middle follow a change of topic, partition and broker
		rec('y', {topic: '토픽 "q"', partition: 7, broker: 4}),
		rec('z', {topic: '토픽 "q"', partition: 8, broker: 4}),
		rec('w', {broker: 5}),
	];
	for (const r of samples) {
		const chunks: Buffer[] = [];
		writeMessageJson(r, {
			str: (text) => chunks.push(Buffer.from(text)),
			ascii: (text) => chunks.push(Buffer.from(text, 'latin1')),
			bytes: (bytes) => chunks.push(Buffer.from(bytes)),
			jsonString: (bytes) => {
				const dst = Buffer.alloc(bytes.length * 6 + 2);
				dst[0] = 0x22;
				const end = escapeJsonBytes(bytes, dst, 1);
				dst[end] = 0x22;
				chunks.push(dst.subarray(0, end + 1));
			},
		});
		assert.equal(Buffer.concat(chunks).toString('utf8'), messageJsonLine(r));
	}
});

test('the in-place JSON writer writes messageJsonLine and a newline, and checks UTF-8 as isUtf8 does', async () => {
	const {writeCursorJsonLine, escapeJsonUtf8} = await import('../../../source/present/message-json.js');
	const {isUtf8} = await import('node:buffer');
	// UTF-8 validity: every 1-4 byte sequence over the boundary bytes
	const interesting = [0x00, 0x1f, 0x22, 0x5c, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff];
	const dst = Buffer.alloc(64);
	const check = (bytes: number[]) => {
		const src = Buffer.from([0x61, ...bytes, 0x62]);
		const end = escapeJsonUtf8(src, 1, src.length - 1, dst, 0);
		const inner = src.subarray(1, src.length - 1);
		assert.equal(end >= 0, isUtf8(inner), `bytes ${bytes.map((b) => b.toString(16)).join(' ')}`);
		if (end >= 0) assert.equal(`"${dst.toString('utf8', 0, end)}"`, JSON.stringify(inner.toString('utf8')));
	};
	for (const a of interesting) {
		check([a]);
		for (const b of interesting) {
			check([a, b]);
			for (const c of [0x80, 0xbf, 0x41, 0xc0]) {
				check([a, b, c]);
				for (const d of [0x80, 0xbf, 0x41]) check([a, b, c, d]);
			}
		}
	}
	// whole lines, through a cursor over these records
	const samples: TailRecord[] = [
		rec('{"seq":1,"v":"small"}', {key: Buffer.from('k"\\ey'), offset: 9_007_199_254_740_991n}),
		rec('tab\there\nnl \u0001\u001f\u007f ünï ✓ \u2028 \b\f\r', {key: null, timestamp: -1}),
		rec(null, {key: Buffer.from('')}),
		rec(Buffer.from([0xff, 0x00])),
		rec('v', {key: Buffer.from([0xed, 0xa0, 0x80])}),
		rec('x', {headers: [{key: 'h', value: Buffer.from('v')}]}),
		rec('', {timestampType: 'logappend', timestamp: 0}),
		rec('y', {topic: '토픽 "q"', partition: 7, broker: 4}),
		rec('z', {topic: '토픽 "q"', partition: 8, broker: 4}),
		rec('w', {broker: 5, timestamp: 2 ** 60}),
	];
	const chunks: Buffer[] = [];
	const out = {
		buf: Buffer.alloc(16),
		pos: 0,
		reserve(bytes: number) {
			chunks.push(Buffer.from(out.buf.subarray(0, out.pos)));
			out.buf = Buffer.alloc(bytes);
			out.pos = 0;
		},
		str(text: string) {
			out.reserve(Buffer.byteLength(text));
			out.pos += out.buf.write(text, out.pos);
		},
		ascii(text: string) {
			out.str(text);
		},
		bytes() {},
		jsonString() {},
	};
	for (const sample of samples) {
		// a cursor only reads offsets below 2^53 (rec's default is past it)
		const r = sample.offset > 9_007_199_254_740_991n ? {...sample, offset: 1_234_567n} : sample;
		// a cursor positioned on r: key and value laid out in one buffer
		const key = r.key ?? Buffer.alloc(0);
		const value = r.value ?? Buffer.alloc(0);
		const buf = Buffer.concat([Buffer.from('--'), key, value]);
		const cursor = {
			...r,
			offset: Number(r.offset),
			buf,
			keyStart: r.key === null ? -1 : 2,
			keyEnd: 2 + key.length,
			valueStart: r.value === null ? -1 : 2 + key.length,
			valueEnd: 2 + key.length + value.length,
			headerCount: r.headers.length,
			next: () => false,
			record: () => r,
		};
		writeCursorJsonLine(cursor, out);
		chunks.push(Buffer.from(out.buf.subarray(0, out.pos)));
		out.pos = 0;
		assert.equal(Buffer.concat(chunks).toString('utf8'), messageJsonLine(r) + '\n');
		chunks.length = 0;
	}
});
