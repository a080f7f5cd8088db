// ShareGroupDescribe v1 and DescribeShareGroupOffsets v0–v1 (KIP-932): request bytes built by hand
// from Kafka's JSON specs, answers captured from broker 3 (the coordinator of `gshare`, a
// ConsoleShareConsumer on `resource`) of a Kafka 4.2.1 lab.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {shareGroupDescribeRequest} from '../../../../source/kafka/codec/share-group-describe.js';
import {describeShareGroupOffsetsRequest} from '../../../../source/kafka/codec/describe-share-group-offsets.js';
import {READ_APIS} from '../../../../source/kafka/connection/write-guard.js';
import {describeTopicPartitionsRequest} from '../../../../source/kafka/codec/describe-topic-partitions.js';
import {Writer} from '../../../../source/kafka/codec/primitives.js';
import {cstr} from '../../../helpers/wire-bytes.js';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const body = async (r: {request: {encode: () => Promise<{buffer: Buffer}>}}) => [...(await r.request.encode()).buffer];

// ShareGroupDescribe v1 for [gshare, nope, tower]; tower is a classic group
const capturedDescribe = hex(`
	00 00000000 04
	  0000 00 0767736861726507 537461626c65 00000002 00000002 0773696d706c65
	    02 17 3845506877536f58515f53686e6c384e5f526e6a4677 00 00000002
	       17 636f6e736f6c652d73686172652d636f6e73756d6572 0b 2f3132372e302e302e31 02 09 7265736f75726365
	       02 360cb4fccb864cabb1a9fcd6c0b4359e 09 7265736f75726365 04 00000000 00000001 00000002 00 00
	       00
	    80000000 00
	  0045 22 47726f757020746f776572206973206e6f7420612073686172652067726f75702e 06 746f776572 01 00000000 00000000 01 01 80000000 00
	  0045 16 47726f7570206e6f7065206e6f7420666f756e642e 05 6e6f7065 01 00000000 00000000 01 01 80000000 00
	00`);

// DescribeShareGroupOffsets v1 for [gshare, nope, tower]: the broker answers an unknown or classic
// group with no topics and no error
const capturedOffsetsV1 = hex(`
	00 00000000 04
	  07 677368617265
	    02 09 7265736f75726365 360cb4fccb864cabb1a9fcd6c0b4359e
	      04 00000000 00000000000000ad 00000000 0000000000000000 0000 00 00
	         00000001 00000000000000af 00000000 0000000000000000 0000 00 00
	         00000002 00000000000000ae 00000000 0000000000000000 0000 00 00
	      00
	    0000 00 00
	  05 6e6f7065 01 0000 00 00
	  06 746f776572 01 0000 00 00
	00`);

// the same group in v0: no lag
const capturedOffsetsV0 = hex(`
	00 00000000 02
	  07 677368617265
	    02 09 7265736f75726365 360cb4fccb864cabb1a9fcd6c0b4359e
	      04 00000000 00000000000000ad 00000000 0000 00 00
	         00000001 00000000000000af 00000000 0000 00 00
	         00000002 00000000000000ae 00000000 0000 00 00
	      00
	    0000 00 00
	00`);

test('ShareGroupDescribe request: header tags, compact ids, no authorized operations, API key 77, only v1', async () => {
	const r = shareGroupDescribeRequest(1, ['gshare', 'nope']);
	assert.deepEqual([r.request.apiKey, r.request.apiVersion], [77, 1]);
	assert.deepEqual(await body(r), [0, 3, ...cstr('gshare'), ...cstr('nope'), 0, 0]);
	assert.throws(() => shareGroupDescribeRequest(0, ['x']), /v0 is not implemented/); // 4.0 early access
	assert.equal(READ_APIS.get(77), 'ShareGroupDescribe');
});

test('ShareGroupDescribe v1: a captured Kafka 4.2.1 answer decodes (state, assignor, member, assignment, errors)', async () => {
	const [gshare, tower, nope] = await shareGroupDescribeRequest(1, []).response.decode(capturedDescribe);
	assert.deepEqual(
		[gshare!.errorCode, gshare!.groupId, gshare!.state, gshare!.groupEpoch, gshare!.assignmentEpoch, gshare!.assignorName],
		[0, 'gshare', 'Stable', 2, 2, 'simple'],
	);
	assert.deepEqual(gshare!.members, [
		{
			memberId: '8EPhwSoXQ_Shnl8N_RnjFw',
			rackId: null,
			memberEpoch: 2,
			clientId: 'console-share-consumer',
			clientHost: '/127.0.0.1',
			subscribedTopicNames: ['resource'],
			assignment: [{topicId: 'Ngy0_MuGTKuxqfzWwLQ1ng', topic: 'resource', partitions: [0, 1, 2]}],
		},
	]);
	assert.deepEqual([tower!.errorCode, tower!.errorMessage], [69, 'Group tower is not a share group.']); // GROUP_ID_NOT_FOUND
	assert.deepEqual([nope!.errorCode, nope!.errorMessage, nope!.members], [69, 'Group nope not found.', []]);
});

test('DescribeShareGroupOffsets request: each group with null topics (all), API key 90, v0–v1', async () => {
	const r = describeShareGroupOffsetsRequest(1, ['gshare', 'nope']);
	assert.deepEqual([r.request.apiKey, r.request.apiVersion], [90, 1]);
	assert.deepEqual(await body(r), [0, 3, ...cstr('gshare'), 0, 0, ...cstr('nope'), 0, 0, 0]);
	assert.throws(() => describeShareGroupOffsetsRequest(2, ['x']), /v2 is not implemented/);
	assert.equal(READ_APIS.get(90), 'DescribeShareGroupOffsets');
});

test('DescribeShareGroupOffsets v1: start offset, leader epoch and the broker lag of each share-partition', async () => {
	const [gshare, nope, tower] = await describeShareGroupOffsetsRequest(1, []).response.decode(capturedOffsetsV1);
	assert.deepEqual([gshare!.groupId, gshare!.errorCode, gshare!.topics.length], ['gshare', 0, 1]);
	const t = gshare!.topics[0]!;
	assert.deepEqual([t.topic, t.topicId], ['resource', 'Ngy0_MuGTKuxqfzWwLQ1ng']);
	assert.deepEqual(
		t.partitions.map((p) => [p.partition, p.startOffset, p.leaderEpoch, p.lag, p.errorCode, p.errorMessage]),
		[
			[0, 173n, 0, 0n, 0, null],
			[1, 175n, 0, 0n, 0, null],
			[2, 174n, 0, 0n, 0, null],
		],
	);
	assert.deepEqual([nope!.groupId, nope!.topics, nope!.errorCode], ['nope', [], 0]);
	assert.deepEqual([tower!.groupId, tower!.topics, tower!.errorCode], ['tower', [], 0]);
});

test('DescribeShareGroupOffsets v0: no lag field; the lag is unknown (-1)', async () => {
	const [gshare] = await describeShareGroupOffsetsRequest(0, []).response.decode(capturedOffsetsV0);
	assert.deepEqual(gshare!.topics[0]!.partitions.map((p) => [p.partition, p.startOffset, p.lag]), [[0, 173n, -1n], [1, 175n, -1n], [2, 174n, -1n]]);
});

test('DescribeTopicPartitions: an ELR length from the peer allocates nothing by itself; the frame ends first', async () => {
	const w = new Writer();
	w.tags().int32(0); // header tags, throttle
	w.uvarint(2).int16(0).compactString('t').uuid().bool(false); // one topic
	w.uvarint(2).int16(0).int32(0).int32(3).int32(1); // one partition: error, index, leader, epoch
	w.compactArray([3], (w, r) => w.int32(r)).compactArray([3], (w, r) => w.int32(r)); // replicas, isr
	w.uvarint(0x7fffffff); // ELR claims 2^31 - 2 entries; none follow
	const before = process.memoryUsage().heapUsed;
	await assert.rejects(describeTopicPartitionsRequest(['t'], 100, null).response.decode(w.buffer()));
	assert.ok(process.memoryUsage().heapUsed - before < 64 * 1024 * 1024);
});

test('DescribeTopicPartitions: ELR and last known ELR decode; null arrays stay null', async () => {
	const w = new Writer();
	w.tags().int32(0);
	w.uvarint(2).int16(0).compactString('t').uuid().bool(false);
	w.uvarint(3);
	for (const [p, elr, last] of [[0, [4, 5], [3]], [1, null, null]] as const) {
		w.int16(0).int32(p).int32(p === 0 ? -1 : 3).int32(1);
		w.compactArray([3, 4, 5], (w, r) => w.int32(r)).compactArray(p === 0 ? [] : [3], (w, r) => w.int32(r));
		w.compactArray(elr as number[] | null, (w, r) => w.int32(r)).compactArray(last as number[] | null, (w, r) => w.int32(r));
		w.compactArray([], () => {}).tags(); // offline replicas
	}
	w.int32(-2147483648).tags(); // authorized operations
	w.int8(-1).tags(); // no next cursor
	const {topics} = await describeTopicPartitionsRequest(['t'], 100, null).response.decode(w.buffer());
	assert.deepEqual(topics[0]!.partitions, [{partition: 0, elr: [4, 5], lastKnownElr: [3]}, {partition: 1, elr: null, lastKnownElr: null}]);
});
