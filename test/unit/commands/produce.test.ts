// `kcon produce` input: lines to records (keys fixed or split per line, empty lines skipped, a line
// over the bound refused), and its flags checked before anything connects.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {MAX_LINE_BYTES, parseProduceFlags, recordsFromLines} from '../../../source/commands/produce.js';
import {UsageError} from '../../../source/errors.js';

const base = {headers: [], partition: null};
const text = (r: {key: Buffer | null; value: Buffer | null}) => [r.key?.toString() ?? null, r.value?.toString() ?? null];

test('lines: one record each; -K splits at the first delimiter; no delimiter = no key; empty lines skipped', () => {
	assert.deepEqual(recordsFromLines('a:1\nb:2:x\r\n\nplain\n', {'key-delimiter': ':'}, base).map(text), [['a', '1'], ['b', '2:x'], [null, 'plain']]);
	assert.deepEqual(recordsFromLines('v1\nv2', {key: 'k'}, base).map(text), [['k', 'v1'], ['k', 'v2']]);
	assert.deepEqual(recordsFromLines('', {}, base), []);
	assert.throws(() => recordsFromLines(`ok\n${'x'.repeat(MAX_LINE_BYTES + 1)}\n`, {}, base), (e) => e instanceof UsageError && /line 2 is longer/.test(e.message));
});

test('flags: acks, compression (snappy/lz4/zstd refused, saying why), headers, partition, exclusive key flags', () => {
	assert.deepEqual(parseProduceFlags({}).acks, -1);
	assert.equal(parseProduceFlags({acks: '0'}).acks, 0);
	assert.equal(parseProduceFlags({acks: '1'}).acks, 1);
	assert.throws(() => parseProduceFlags({acks: '2'}), UsageError);
	assert.equal(parseProduceFlags({compression: 'gzip'}).compression, 'gzip');
	for (const c of ['snappy', 'lz4', 'zstd']) {
		assert.throws(() => parseProduceFlags({compression: c}), (e) => e instanceof UsageError && e.message.includes('kafkajs') && e.message.includes('none or gzip'));
	}
	assert.throws(() => parseProduceFlags({compression: 'brotli'}), UsageError);
	const h = parseProduceFlags({header: ['a=1', 'a=2=3'], partition: '4'});
	assert.deepEqual(h.base.headers.map((x) => [x.key, x.value.toString()]), [['a', '1'], ['a', '2=3']]);
	assert.equal(h.base.partition, 4);
	for (const bad of [{header: ['=v']}, {header: ['novalue']}, {partition: '-1'}, {key: 'k', 'key-delimiter': ':'}, {'key-delimiter': ''}, {value: 'v', 'key-delimiter': ':'}]) {
		assert.throws(() => parseProduceFlags(bad), UsageError, JSON.stringify(bad));
	}
});
