import {test} from 'node:test';
import assert from 'node:assert/strict';
import {UsageError} from '../../../source/errors.js';
import {checkTopicName, isInternalTopic, parseConfigPairs, parseReplicaAssignment, partitionCount, replicationFactor} from '../../../source/domain/topic-input.js';

const usage = (fn: () => unknown, pattern: RegExp) => assert.throws(fn, (e) => e instanceof UsageError && e.exitCode === 2 && pattern.test(e.message));

test("topic names follow Kafka's rule", () => {
	assert.equal(checkTopicName('orders.v2_x-1'), 'orders.v2_x-1');
	usage(() => checkTopicName(''), /not a legal topic name/);
	usage(() => checkTopicName('..'), /not a legal topic name/);
	usage(() => checkTopicName('a b'), /may only contain/);
	usage(() => checkTopicName('a\u001b[2J'), /may only contain/);
	usage(() => checkTopicName('x'.repeat(250)), /at most 249/);
	assert.equal(checkTopicName('x'.repeat(249)).length, 249);
	assert.ok(isInternalTopic('__consumer_offsets'));
	assert.ok(!isInternalTopic('_private'));
});

test('partition counts and replication factors are whole numbers in range', () => {
	assert.equal(partitionCount('12'), 12);
	usage(() => partitionCount('0'), /--partitions must be a whole number from 1/);
	usage(() => partitionCount('-3'), /--partitions/);
	usage(() => partitionCount('1e3'), /--partitions/);
	usage(() => partitionCount('100001'), /--partitions/);
	assert.equal(replicationFactor('3'), 3);
	usage(() => replicationFactor('40000'), /--replication-factor/);
});

test("--replica-assignment: kafka-topics.sh's syntax, same replica count everywhere, no broker twice", () => {
	assert.deepEqual(parseReplicaAssignment('3:4,4:5,5:3'), [[3, 4], [4, 5], [5, 3]]);
	assert.deepEqual(parseReplicaAssignment('3'), [[3]]);
	usage(() => parseReplicaAssignment('3:4,5'), /partition 1 has 1 replicas, partition 0 has 2/);
	usage(() => parseReplicaAssignment('3:3'), /lists a broker twice/);
	usage(() => parseReplicaAssignment('3:4,,4:5'), /partition 1 has no brokers/);
	usage(() => parseReplicaAssignment('3:x'), /broker id/);
});

test('config pairs: name=value, the value may hold "=", a name only once', () => {
	assert.deepEqual(parseConfigPairs(['retention.ms=1000', 'x.y=a=b', 'cleanup.policy='], '--set'), [
		{name: 'retention.ms', value: '1000'},
		{name: 'x.y', value: 'a=b'},
		{name: 'cleanup.policy', value: ''},
	]);
	usage(() => parseConfigPairs(['retention.ms'], '--set'), /--set takes name=value/);
	usage(() => parseConfigPairs(['=1'], '--set'), /--set takes name=value/);
	usage(() => parseConfigPairs(['a=1', 'a=2'], '--set'), /'a' is given twice/);
	usage(() => parseConfigPairs(['bad name=1'], '--set'), /is not a config name/);
});
