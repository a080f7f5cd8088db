// Byte-for-byte checks of the topic writes (CreateTopics v4, DeleteTopics v3, CreatePartitions v1)
// and DescribeConfigs with synonyms, against buffers built by hand from Kafka's JSON message specs.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createTopics, decodeCreateTopics, encodeCreateTopics} from '../../../../source/kafka/codec/create-topics.js';
import {decodeDeleteTopics, deleteTopics, encodeDeleteTopics} from '../../../../source/kafka/codec/delete-topics.js';
import {createPartitions, decodeCreatePartitions, encodeCreatePartitions} from '../../../../source/kafka/codec/create-partitions.js';
import {describeConfigs} from '../../../../source/kafka/codec/describe-configs.js';
import {i8, i16, i32, str, nullStr, bytes} from '../../../helpers/wire-bytes.js';


test('CreateTopics v4 request: counts, no assignment, configs, timeout, validateOnly', () => {
	const actual = encodeCreateTopics([{name: 'orders', partitions: 6, replicationFactor: 3, assignment: [], configs: [{name: 'retention.ms', value: '1000'}]}], 5000, true).buffer;
	const expected = bytes(i32(1), str('orders'), i32(6), i16(3), i32(0), i32(1), str('retention.ms'), str('1000'), i32(5000), i8(1));
	assert.deepEqual(actual, expected);
	const protocol = createTopics([]);
	assert.deepEqual([protocol.request.apiKey, protocol.request.apiVersion, protocol.request.apiName], [19, 4, 'CreateTopics']);
});

test('CreateTopics v4 request: an explicit assignment with -1 counts', () => {
	const actual = encodeCreateTopics([{name: 'p', partitions: -1, replicationFactor: -1, assignment: [{partition: 0, brokers: [3, 4]}, {partition: 1, brokers: [4, 5]}], configs: []}], 30000, false).buffer;
	const expected = bytes(i32(1), str('p'), i32(-1), i16(-1), i32(2), i32(0), i32(2), i32(3), i32(4), i32(1), i32(2), i32(4), i32(5), i32(0), i32(30000), i8(0));
	assert.deepEqual(actual, expected);
});

test('CreateTopics v4 response: per-topic error names and messages', () => {
	const payload = bytes(i32(0), i32(2), str('a'), i16(0), nullStr(), str('b'), i16(40), str('Unknown topic config name: x'));
	assert.deepEqual(decodeCreateTopics(payload), {
		throttleTimeMs: 0,
		topics: [
			{name: 'a', errorCode: 0, error: null, errorMessage: null},
			{name: 'b', errorCode: 40, error: 'INVALID_CONFIG', errorMessage: 'Unknown topic config name: x'},
		],
	});
});

test('DeleteTopics v3: names and timeout; per-topic error codes', () => {
	assert.deepEqual(encodeDeleteTopics(['a', 'bc'], 1000).buffer, bytes(i32(2), str('a'), str('bc'), i32(1000)));
	const protocol = deleteTopics(['a']);
	assert.deepEqual([protocol.request.apiKey, protocol.request.apiVersion], [20, 3]);
	assert.deepEqual(decodeDeleteTopics(bytes(i32(5), i32(2), str('a'), i16(0), str('gone'), i16(3))), {
		throttleTimeMs: 5,
		topics: [
			{name: 'a', errorCode: 0, error: null},
			{name: 'gone', errorCode: 3, error: 'UNKNOWN_TOPIC_OR_PARTITION'},
		],
	});
});

test('CreatePartitions v1: the new total, null or explicit assignments, validateOnly', () => {
	assert.deepEqual(encodeCreatePartitions([{topic: 't', count: 8, assignments: null}], 2000, true).buffer, bytes(i32(1), str('t'), i32(8), i32(-1), i32(2000), i8(1)));
	assert.deepEqual(
		encodeCreatePartitions([{topic: 't', count: 2, assignments: [[3, 4]]}], 2000, false).buffer,
		bytes(i32(1), str('t'), i32(2), i32(1), i32(2), i32(3), i32(4), i32(2000), i8(0)),
	);
	const protocol = createPartitions([]);
	assert.deepEqual([protocol.request.apiKey, protocol.request.apiVersion], [37, 1]);
	assert.deepEqual(decodeCreatePartitions(bytes(i32(0), i32(1), str('t'), i16(37), str('Topic currently has 3 partitions'))), {
		throttleTimeMs: 0,
		topics: [{name: 't', errorCode: 37, error: 'INVALID_PARTITIONS', errorMessage: 'Topic currently has 3 partitions'}],
	});
});

test('DescribeConfigs v1 with synonyms: the flag is sent, read-only and synonyms are decoded', async () => {
	const protocol = describeConfigs([{type: 2, name: 't', keys: null}], 1, {synonyms: true});
	assert.deepEqual((await protocol.request.encode()).buffer, bytes(i32(1), i8(2), str('t'), i32(-1), i8(1)));
	const payload = bytes(
		i32(0),
		i32(1),
		i16(0),
		nullStr(),
		i8(2),
		str('t'),
		i32(1),
		str('retention.ms'),
		str('1000'),
		i8(0),
		i8(1),
		i8(0),
		i32(2),
		str('retention.ms'),
		str('1000'),
		i8(1),
		str('log.retention.hours'),
		str('168'),
		i8(5),
	);
	const result = await protocol.response.decode(payload);
	assert.deepEqual(result.resources[0]!.configs, [
		{
			name: 'retention.ms',
			value: '1000',
			source: 1,
			sensitive: false,
			readOnly: false,
			synonyms: [
				{name: 'retention.ms', value: '1000', source: 1},
				{name: 'log.retention.hours', value: '168', source: 5},
			],
		},
	]);
	// without synonyms the shape the gateway relies on stays as it was
	const plain = await describeConfigs([{type: 2, name: 't', keys: null}]).response.decode(payload);
	assert.deepEqual(plain.resources[0]!.configs, [{name: 'retention.ms', value: '1000', source: 1, sensitive: false}]);
});
