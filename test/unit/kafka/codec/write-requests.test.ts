// Byte-for-byte checks of kcon's protocol extensions against buffers built by hand from Kafka's
// JSON message specs (field order, classic vs compact encodings, tagged-field sections).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {decodeElectLeaders, encodeElectLeaders, electLeaders} from '../../../../source/kafka/codec/elect-leaders.js';
import {decodeDescribeLogDirs, encodeDescribeLogDirs} from '../../../../source/kafka/codec/describe-log-dirs.js';
import {
	decodeIncrementalAlterConfigs,
	encodeIncrementalAlterConfigs,
	OP_DELETE,
	OP_SET,
	RESOURCE_BROKER,
	RESOURCE_TOPIC,
} from '../../../../source/kafka/codec/incremental-alter-configs.js';
import {decodeAlterPartitionReassignments, encodeAlterPartitionReassignments} from '../../../../source/kafka/codec/alter-partition-reassignments.js';
import {decodeListPartitionReassignments, encodeListPartitionReassignments} from '../../../../source/kafka/codec/list-partition-reassignments.js';
import {i8, i16, i32, i64, str, nullStr, cstr, bytes} from '../../../helpers/wire-bytes.js';


test('ElectLeaders v1 request: election type, topic partitions, timeout', () => {
	const actual = encodeElectLeaders({electionType: 0, topicPartitions: [{topic: 'orders', partitions: [0, 2]}], timeoutMs: 5000}).buffer;
	const expected = bytes(i8(0), i32(1), str('orders'), i32(2), i32(0), i32(2), i32(5000));
	assert.deepEqual(actual, expected);
});

test('ElectLeaders v1 request: null topic partitions means every partition', () => {
	assert.deepEqual(encodeElectLeaders({topicPartitions: null, timeoutMs: 1000}).buffer, bytes(i8(0), i32(-1), i32(1000)));
	const protocol = electLeaders({topicPartitions: null});
	assert.equal(protocol.request.apiKey, 43);
	assert.equal(protocol.request.apiVersion, 1);
});

test('ElectLeaders v1 response: per-partition results with error names', () => {
	const payload = bytes(
		i32(0),
		i16(0),
		i32(1),
		str('orders'),
		i32(2),
		i32(0),
		i16(0),
		nullStr(),
		i32(1),
		i16(84),
		str('Leader election not needed'),
	);
	const result = decodeElectLeaders(payload);
	assert.equal(result.errorCode, 0);
	assert.deepEqual(result.results, [
		{topic: 'orders', partition: 0, errorCode: 0, error: null, errorMessage: null},
		{topic: 'orders', partition: 1, errorCode: 84, error: 'ELECTION_NOT_NEEDED', errorMessage: 'Leader election not needed'},
	]);
});

test('DescribeLogDirs v1 request: named topics, or null for all', () => {
	assert.deepEqual(encodeDescribeLogDirs([{topic: 't', partitions: [3]}]).buffer, bytes(i32(1), str('t'), i32(1), i32(3)));
	assert.deepEqual(encodeDescribeLogDirs(null).buffer, bytes(i32(-1)));
});

test('DescribeLogDirs v1 response: sizes as bigint, one entry per replica', () => {
	const payload = bytes(
		i32(0),
		i32(1),
		i16(0),
		str('/data/k1'),
		i32(1),
		str('t'),
		i32(2),
		i32(0),
		i64(5_000_000_000n),
		i64(0n),
		i8(0),
		i32(1),
		i64(42n),
		i64(7n),
		i8(1),
	);
	const result = decodeDescribeLogDirs(payload);
	assert.deepEqual(result.dirs, [{logDir: '/data/k1', errorCode: 0}]);
	assert.deepEqual(result.replicas, [
		{logDir: '/data/k1', topic: 't', partition: 0, size: 5_000_000_000n, offsetLag: 0n, isFuture: false},
		{logDir: '/data/k1', topic: 't', partition: 1, size: 42n, offsetLag: 7n, isFuture: true},
	]);
});

test('IncrementalAlterConfigs v0 request: set and delete keys on topic and broker resources', () => {
	const actual = encodeIncrementalAlterConfigs([
		{type: RESOURCE_TOPIC, name: 'orders', configs: [{name: 'leader.replication.throttled.replicas', op: OP_SET, value: '0:3'}]},
		{type: RESOURCE_BROKER, name: '3', configs: [{name: 'leader.replication.throttled.rate', op: OP_DELETE, value: null}]},
	]).buffer;
	const expected = bytes(
		i32(2),
		i8(2),
		str('orders'),
		i32(1),
		str('leader.replication.throttled.replicas'),
		i8(0),
		str('0:3'),
		i8(4),
		str('3'),
		i32(1),
		str('leader.replication.throttled.rate'),
		i8(1),
		nullStr(),
		i8(0),
	);
	assert.deepEqual(actual, expected);
});

test('IncrementalAlterConfigs v0 response: error code, message, resource', () => {
	const payload = bytes(i32(0), i32(2), i16(0), nullStr(), i8(2), str('orders'), i16(40), str('bad value'), i8(4), str('3'));
	assert.deepEqual(decodeIncrementalAlterConfigs(payload).resources, [
		{type: 2, name: 'orders', errorCode: 0, error: null, errorMessage: null},
		{type: 4, name: '3', errorCode: 40, error: 'INVALID_CONFIG', errorMessage: 'bad value'},
	]);
});

test('AlterPartitionReassignments v0 request: compact encoding, grouped by topic, null replicas cancel', () => {
	const actual = encodeAlterPartitionReassignments(
		[
			{topic: 'a', partition: 0, replicas: [3, 4]},
			{topic: 'b', partition: 1, replicas: null},
			{topic: 'a', partition: 2, replicas: [5]},
		],
		10000,
	).buffer;
	const expected = bytes(
		[0], // request header v2 tagged fields (kafkajs writes header v1)
		i32(10000),
		[3], // 2 topics
		cstr('a'),
		[3], // 2 partitions
		i32(0),
		[3],
		i32(3),
		i32(4),
		[0],
		i32(2),
		[2],
		i32(5),
		[0],
		[0], // topic tags
		cstr('b'),
		[2],
		i32(1),
		[0], // null replicas
		[0],
		[0],
		[0], // top-level tags
	);
	assert.deepEqual(actual, expected);
});

test('AlterPartitionReassignments v0 response: top-level and per-partition errors', () => {
	const payload = bytes(
		[0],
		i32(0),
		i16(0),
		[0],
		[2],
		cstr('a'),
		[3],
		i32(0),
		i16(0),
		[0],
		[0],
		i32(1),
		i16(85),
		cstr('no reassignment'),
		[0],
		[0],
		[0],
	);
	const result = decodeAlterPartitionReassignments(payload);
	assert.equal(result.errorCode, 0);
	assert.equal(result.errorMessage, null);
	assert.deepEqual(result.partitions, [
		{topic: 'a', partition: 0, errorCode: 0, error: null, errorMessage: null},
		{topic: 'a', partition: 1, errorCode: 85, error: 'NO_REASSIGNMENT_IN_PROGRESS', errorMessage: 'no reassignment'},
	]);
});

test('ListPartitionReassignments v0 request: null topics lists all, named topics with partitions', () => {
	assert.deepEqual(encodeListPartitionReassignments(null, 2000).buffer, bytes([0], i32(2000), [0], [0]));
	assert.deepEqual(
		encodeListPartitionReassignments([{topic: 'x', partitions: [1]}], 2000).buffer,
		bytes([0], i32(2000), [2], cstr('x'), [2], i32(1), [0], [0]),
	);
});

test('ListPartitionReassignments v0 response: replicas, adding, removing', () => {
	const payload = bytes(
		[0],
		i32(0),
		i16(0),
		[0],
		[2],
		cstr('x'),
		[2],
		i32(1),
		[4],
		i32(3),
		i32(4),
		i32(5),
		[2],
		i32(5),
		[2],
		i32(3),
		[0],
		[0],
		[0],
	);
	assert.deepEqual(decodeListPartitionReassignments(payload).reassignments, [
		{topic: 'x', partition: 1, replicas: [3, 4, 5], addingReplicas: [5], removingReplicas: [3]},
	]);
});
