// Offset reset plans as kafka-consumer-groups.sh computes and prints them: targets, clamping into
// [earliest, latest], the Java HashMap order of the printed plan, and the parsing of every target.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
	hashMapCapacity,
	javaHashMapOrder,
	javaStringHash,
	parseDatetime,
	parseDuration,
	parseResetFile,
	parseShift,
	parseTopicScope,
	planReset,
	topicPartitionHash,
	type PartitionOffsets,
} from '../../../source/domain/offset-reset.js';
import {renderResetNotes, renderResetPlan} from '../../../source/present/offset-reset-text.js';
import {UsageError} from '../../../source/errors.js';

const parts: PartitionOffsets[] = [
	{topic: 't', partition: 0, earliest: 2n, latest: 10n, committed: 5n},
	{topic: 't', partition: 1, earliest: 0n, latest: 4n, committed: null},
];

test('targets: earliest, latest, an offset clamped into the log as the Java tool does, and the notes saying so', () => {
	assert.deepEqual(planReset({kind: 'earliest'}, parts).map((p) => p.offset), [2n, 0n]);
	assert.deepEqual(planReset({kind: 'latest'}, parts).map((p) => p.offset), [10n, 4n]);
	const plan = planReset({kind: 'offset', offset: 7n}, parts);
	assert.deepEqual(plan.map((p) => [p.requested, p.offset]), [[7n, 7n], [7n, 4n]]);
	assert.equal(plan[0]!.note, undefined);
	assert.match(plan[1]!.note!, /higher than the latest offset: set to 4/);
	assert.match(planReset({kind: 'offset', offset: 0n}, parts)[0]!.note!, /lower than the earliest offset: set to 2/);
	assert.equal(renderResetNotes(plan), 'note: t-1: requested 7 is higher than the latest offset: set to 4\n');
});

test('shift-by needs a committed offset; a timestamp without a record falls back to the latest offset', () => {
	assert.throws(() => planReset({kind: 'shift', by: -1n}, parts), (e) => e instanceof UsageError && /t-1 has no committed offset/.test(e.message));
	assert.deepEqual(planReset({kind: 'shift', by: -9n}, [parts[0]!]).map((p) => p.offset), [2n]);
	const at = planReset({kind: 'timestamp', at: 0, text: 'x'}, [{...parts[0]!, atTimestamp: 3n}, {...parts[1]!, atTimestamp: null}]);
	assert.deepEqual(at.map((p) => p.offset), [3n, 4n]);
	assert.match(at[1]!.note!, /falling back to the latest offset 4/);
});

test("Java's hashes and HashMap order (the order kafka-consumer-groups.sh printed on a 4.2.1 lab)", () => {
	assert.equal(javaStringHash('gw1'), 102721);
	assert.equal(javaStringHash('a-much-longer-topic-name-here'), 1467223908 - 31 * 32);
	assert.equal(topicPartitionHash('gw1', 0), 103682);
	assert.deepEqual([0, 12, 13, 24, 25].map(hashMapCapacity), [16, 16, 32, 32, 64]);
	const order = (items: Array<[string, number]>) => javaHashMapOrder(items.map(([topic, partition]) => ({topic, partition}))).map((x) => `${x.topic}-${x.partition}`);
	assert.deepEqual(order([['gw1', 0], ['gw1', 1], ['gw1', 2]]), ['gw1-1', 'gw1-2', 'gw1-0']);
	// gw1-1 and the long topic's partition 1 share bucket 0: the one put first comes first
	assert.deepEqual(order([['gw1', 2], ['gw1', 0], ['gw1', 1], ['a-much-longer-topic-name-here', 1]]), ['gw1-1', 'a-much-longer-topic-name-here-1', 'gw1-2', 'gw1-0']);
});

test('the dry-run table: an empty line, columns at least 15 wide, as wide as the longest group and topic', () => {
	const plan = planReset({kind: 'latest'}, [{topic: 'gw1', partition: 0, earliest: 0n, latest: 10n, committed: 3n}]);
	assert.equal(
		renderResetPlan('gwg', plan),
		'\nGROUP           TOPIC           PARTITION  NEW-OFFSET\ngwg             gw1             0          10\n',
	);
	const long = renderResetPlan('a-long-group-name-xyz', plan).split('\n');
	assert.equal(long[1], 'GROUP                 TOPIC           PARTITION  NEW-OFFSET');
	assert.equal(renderResetPlan('g', []), '');
	// a topic name cannot move the cursor: it is escaped, and the columns fit what is shown
	assert.doesNotMatch(renderResetPlan('g\u001b[2J', plan), /\u001b/);
});

test('datetimes: UTC unless a zone is given; malformed, impossible and future ones are usage errors', () => {
	const now = Date.parse('2026-12-02T00:00:00Z');
	assert.equal(parseDatetime('2026-01-31T12:00:00.000', now), Date.parse('2026-01-31T12:00:00Z'));
	assert.equal(parseDatetime('2026-01-31T12:00:00+0100', now), Date.parse('2026-01-31T11:00:00Z'));
	assert.equal(parseDatetime('2026-01-31T12:00:00-02:00', now), Date.parse('2026-01-31T14:00:00Z'));
	for (const bad of ['2026-01-31', 'yesterday', '2026-13-01T00:00:00', '2026-01-31T25:00:00', '2026-01-31T12:00:00Zjunk']) {
		assert.throws(() => parseDatetime(bad, now), UsageError, bad);
	}
	assert.throws(() => parseDatetime('2027-01-01T00:00:00', now), (e) => e instanceof UsageError && /in the future/.test(e.message));
});

test('durations: ISO PnDTnHnMnS as the Java tool, and 10m / -1h30m; zero and junk refused', () => {
	assert.equal(parseDuration('PT10M'), 600_000);
	assert.equal(parseDuration('P1DT2H'), 93_600_000);
	assert.equal(parseDuration('PT0.5S'), 500);
	assert.equal(parseDuration('-10m'), 600_000);
	assert.equal(parseDuration('1h30m'), 5_400_000);
	for (const bad of ['P', 'PT', '10', 'PT0S', '0m', '10x', 'P1W']) assert.throws(() => parseDuration(bad), UsageError, bad);
});

test('shift, topic scopes and the exported CSV', () => {
	assert.equal(parseShift('-5'), -5n);
	assert.equal(parseShift('+3'), 3n);
	assert.throws(() => parseShift('5.5'), UsageError);
	assert.throws(() => parseShift('99999999999999999999'), UsageError);
	assert.deepEqual(parseTopicScope('t'), {topic: 't', partitions: null});
	assert.deepEqual(parseTopicScope('t:0,2'), {topic: 't', partitions: [0, 2]});
	for (const bad of ['', ':1', 't:', 't:a', 't:1,,2', 't:-1']) assert.throws(() => parseTopicScope(bad), UsageError, bad);
	const plan = parseResetFile('t,0,5\nt,1,7\n\n', 'g');
	assert.deepEqual([...plan.values()], [5n, 7n]);
	assert.equal(parseResetFile('g,t,0,5\r\n', 'g').size, 1);
	for (const bad of ['', 't,0', 'h,t,0,5', 't,x,5', 't,0,-1', 't,0,5\nt,0,6', ',0,5']) assert.throws(() => parseResetFile(bad, 'g'), UsageError, JSON.stringify(bad));
});
