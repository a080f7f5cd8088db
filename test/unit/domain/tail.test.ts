import test from 'node:test';
import assert from 'node:assert/strict';
import {
	MAX_PARTITIONS,
	matchesFilter,
	parsePartitionList,
	parseStartSpec,
	resolveStartOffset,
	StartSpecError,
	type TailRecord,
} from '../../../source/domain/tail.js';

const NOW = Date.parse('2026-02-20T12:00:00Z');

test('--from keywords, offsets and -N', () => {
	assert.deepEqual(parseStartSpec('beginning', NOW), {kind: 'beginning'});
	assert.deepEqual(parseStartSpec('earliest', NOW), {kind: 'beginning'});
	assert.deepEqual(parseStartSpec('END', NOW), {kind: 'end'});
	assert.deepEqual(parseStartSpec('1234', NOW), {kind: 'offset', offset: 1234n});
	assert.deepEqual(parseStartSpec('9007199254740993', NOW), {kind: 'offset', offset: 9007199254740993n});
	assert.deepEqual(parseStartSpec('-10', NOW), {kind: 'last', count: 10n});
	assert.deepEqual(parseStartSpec('-0', NOW), {kind: 'end'});
});

test('--from relative times are measured back from now', () => {
	assert.equal((parseStartSpec('-10m', NOW) as {ms: number}).ms, NOW - 600_000);
	assert.equal((parseStartSpec('-90s', NOW) as {ms: number}).ms, NOW - 90_000);
	assert.equal((parseStartSpec('-1h30m', NOW) as {ms: number}).ms, NOW - 5_400_000);
	assert.equal((parseStartSpec('-2d', NOW) as {ms: number}).ms, NOW - 172_800_000);
	assert.equal((parseStartSpec('-500ms', NOW) as {ms: number}).ms, NOW - 500);
	assert.equal(parseStartSpec('-10m', NOW).kind, 'time');
});

test('--from ISO-8601 times and epoch milliseconds', () => {
	assert.equal((parseStartSpec('2026-02-20T11:56:54Z', NOW) as {ms: number}).ms, Date.parse('2026-02-20T11:56:54Z'));
	assert.equal((parseStartSpec('2026-02-20T11:56:54.250Z', NOW) as {ms: number}).ms, Date.parse('2026-02-20T11:56:54.250Z'));
	// the Fluentd style zone without colon
	assert.equal((parseStartSpec('2026-02-20T11:56:54+0900', NOW) as {ms: number}).ms, Date.parse('2026-02-20T02:56:54Z'));
	assert.equal((parseStartSpec('2026-02-20T11:56+09:00', NOW) as {ms: number}).ms, Date.parse('2026-02-20T02:56:00Z'));
	assert.equal((parseStartSpec('2026-02-20', NOW) as {ms: number}).ms, Date.parse('2026-02-20T00:00:00Z'));
	assert.equal((parseStartSpec('@1700000000000', NOW) as {ms: number}).ms, 1700000000000);
	assert.equal((parseStartSpec('s@1700000000000', NOW) as {ms: number}).ms, 1700000000000);
});

test('--from rejects what it cannot read', () => {
	for (const bad of ['yesterday', '', '-10x', '10m', '2026-13-01', '2026-02-20T25:00:00Z', '1.5', '--10m']) {
		assert.throws(() => parseStartSpec(bad, NOW), StartSpecError, bad);
	}
});

test('--partition lists and ranges', () => {
	assert.deepEqual(parsePartitionList('2,0'), [0, 2]);
	assert.deepEqual(parsePartitionList('0-2,1'), [0, 1, 2]);
	assert.throws(() => parsePartitionList('a'), StartSpecError);
	assert.throws(() => parsePartitionList('2-1'), StartSpecError);
	assert.throws(() => parsePartitionList('-1'), StartSpecError);
});

test('start offsets are clamped into the log', () => {
	assert.equal(resolveStartOffset({kind: 'beginning'}, 5n, 20n), 5n);
	assert.equal(resolveStartOffset({kind: 'end'}, 5n, 20n), 20n);
	assert.equal(resolveStartOffset({kind: 'offset', offset: 2n}, 5n, 20n), 5n);
	assert.equal(resolveStartOffset({kind: 'offset', offset: 12n}, 5n, 20n), 12n);
	assert.equal(resolveStartOffset({kind: 'offset', offset: 99n}, 5n, 20n), 20n);
	assert.equal(resolveStartOffset({kind: 'last', count: 3n}, 5n, 20n), 17n);
	assert.equal(resolveStartOffset({kind: 'last', count: 30n}, 5n, 20n), 5n);
	const time = {kind: 'time', ms: 1, text: '@1'} as const;
	assert.equal(resolveStartOffset(time, 5n, 20n, 9n), 9n);
	assert.equal(resolveStartOffset(time, 5n, 20n, -1n), 20n, 'no message at or after the time: the end');
	assert.equal(resolveStartOffset(time, 5n, 20n, null), 20n);
});

test('--key and --grep filters', () => {
	const rec = (key: string | null, value: string | null): TailRecord => ({
		topic: 't',
		partition: 0,
		offset: 0n,
		timestamp: 0,
		timestampType: 'create',
		key: key === null ? null : Buffer.from(key),
		value: value === null ? null : Buffer.from(value),
		headers: [],
		broker: 3,
	});
	assert.equal(matchesFilter(rec('pi-1', 'x'), {key: /^pi-/}), true);
	assert.equal(matchesFilter(rec('nuc', 'x'), {key: /^pi-/}), false);
	assert.equal(matchesFilter(rec(null, 'x'), {key: /./}), false);
	assert.equal(matchesFilter(rec(null, '{"cpu_load":"1.35"}'), {grep: /cpu_load/}), true);
	assert.equal(matchesFilter(rec('pi-1', 'x'), {key: /pi/, grep: /y/}), false);
	const g = /a/g; // a global regex must not carry lastIndex from one record to the next
	assert.equal(matchesFilter(rec(null, 'a'), {grep: g}), true);
	assert.equal(matchesFilter(rec(null, 'a'), {grep: g}), true);
});

test('parsePartitionList: counts ranges before expanding them, across the whole list', () => {
	assert.deepEqual(parsePartitionList('3,0-2,2'), [0, 1, 2, 3]);
	assert.equal(parsePartitionList(`0-${MAX_PARTITIONS - 1}`).length, MAX_PARTITIONS);
	assert.throws(() => parsePartitionList(`0-${MAX_PARTITIONS - 1},${MAX_PARTITIONS}`), StartSpecError);
	assert.throws(() => parsePartitionList('0-999999,2000000-2000001'), /more than 1,000,000 partitions/);
	assert.throws(() => parsePartitionList('2147483648'), /must be a whole number from 0 to 2147483647/);
	assert.throws(() => parsePartitionList('0-99999999999999999999'), /must be a whole number from 0 to 2147483647/);
});
