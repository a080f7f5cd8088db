// ListGroups v3–v5 and ConsumerGroupDescribe v0–v1 (KIP-848): request bytes built by hand from
// Kafka's JSON message specs, and answers captured from a Kafka 4.2.1 lab (ConsoleConsumer with
// group.protocol=consumer in group k848; `tower` is a classic group another broker coordinates).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {Writer} from '../../../../source/kafka/codec/primitives.js';
import {consumerGroupDescribeRequest} from '../../../../source/kafka/codec/consumer-group-describe.js';
import {listGroupsRequest} from '../../../../source/kafka/codec/list-groups.js';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const body = async (r: {request: {encode: () => Promise<{buffer: Buffer}>}}) => [...(await r.request.encode()).buffer];
const cstr = (s: string) => [Buffer.byteLength(s) + 1, ...Buffer.from(s)];

// ConsumerGroupDescribe v1 for [tower, k848, nope] from broker 3 of a Kafka 4.2.1 lab
const capturedDescribe = hex(`
	00 00000000 04
	  0010 00 06746f776572 01 00000000 00000000 01 01 80000000 00
	  0000 00 056b383438 07537461626c65 00000001 00000001 08756e69666f726d
	    02 17 6337537a636b484153484f73437161437752534c4277 00 00 00000001
	       11 636f6e736f6c652d636f6e73756d6572 0b 2f3132372e302e302e31 02 09 7265736f75726365 01
	       02 74f36204e38d45e997cca75e56c19f34 09 7265736f75726365 04 00000000 00000001 00000002 00 00
	       02 74f36204e38d45e997cca75e56c19f34 09 7265736f75726365 04 00000000 00000001 00000002 00 00
	       01 00
	    80000000 00
	  0045 16 47726f7570206e6f7065206e6f7420666f756e642e 05 6e6f7065 01 00000000 00000000 01 01 80000000 00
	00`);

test('ConsumerGroupDescribe request: header tags, compact group ids, no authorized operations, API key 69', async () => {
	const r = consumerGroupDescribeRequest(1, ['tower', 'k848']);
	assert.equal(r.request.apiKey, 69);
	assert.equal(r.request.apiVersion, 1);
	assert.deepEqual(await body(r), [0, 3, ...cstr('tower'), ...cstr('k848'), 0, 0]);
	assert.throws(() => consumerGroupDescribeRequest(2, ['x']), /v2 is not implemented/);
});

test('ConsumerGroupDescribe v1: a captured Kafka 4.2.1 answer decodes (state, assignor, member, assignment, errors)', async () => {
	const [tower, k848, nope] = await consumerGroupDescribeRequest(1, []).response.decode(capturedDescribe);
	assert.deepEqual([tower!.groupId, tower!.errorCode, tower!.members], ['tower', 16, []]); // NOT_COORDINATOR
	assert.deepEqual([nope!.errorCode, nope!.errorMessage], [69, 'Group nope not found.']); // GROUP_ID_NOT_FOUND
	assert.deepEqual(
		[k848!.errorCode, k848!.groupId, k848!.state, k848!.groupEpoch, k848!.assignmentEpoch, k848!.assignorName],
		[0, 'k848', 'Stable', 1, 1, 'uniform'],
	);
	const topic = {topicId: 'dPNiBOONRemXzKdeVsGfNA', topic: 'resource', partitions: [0, 1, 2]};
	assert.deepEqual(k848!.members, [
		{
			memberId: 'c7SzckHASHOsCqaCwRSLBw',
			instanceId: null,
			rackId: null,
			memberEpoch: 1,
			clientId: 'console-consumer',
			clientHost: '/127.0.0.1',
			subscribedTopicNames: ['resource'],
			subscribedTopicRegex: '',
			assignment: [topic],
			targetAssignment: [topic],
			memberType: 1, // consumer protocol
		},
	]);
});

test('ConsumerGroupDescribe v0: no member type; static member, two topics, target ≠ current while Reconciling', async () => {
	const w = new Writer();
	w.tags().int32(0);
	const topics = (w: Writer, list: [string, number[]][]) => {
		w.compactArray(list, (w, [name, parts]) => w.uuid(Buffer.alloc(16, 1)).compactString(name).compactArray(parts, (w, p) => w.int32(p)).tags());
		w.tags();
	};
	w.compactArray(['g'], (w, id) => {
		w.int16(0).compactString(null).compactString(id).compactString('Reconciling').int32(7).int32(7).compactString('range');
		w.compactArray(['m1'], (w, m) => {
			w.compactString(m).compactString('static-1').compactString('rack-a').int32(6).compactString('app').compactString('/10.0.0.9');
			w.compactArray(['a', 'b'], (w, t) => w.compactString(t)).compactString(null);
			topics(w, [['a', [1]], ['b', [0, 2]]]);
			topics(w, [['b', [0]]]);
			w.tags(); // no member type in v0
		});
		w.int32(-2147483648).tags();
	});
	w.tags();
	const [g] = await consumerGroupDescribeRequest(0, ['g']).response.decode(w.buffer());
	assert.deepEqual([g!.state, g!.assignorName, g!.groupEpoch], ['Reconciling', 'range', 7]);
	const m = g!.members[0]!;
	assert.deepEqual([m.instanceId, m.rackId, m.memberEpoch, m.memberType, m.subscribedTopicRegex], ['static-1', 'rack-a', 6, -1, null]);
	assert.deepEqual(m.assignment.map((a) => [a.topic, a.partitions]), [['a', [1]], ['b', [0, 2]]]);
	assert.deepEqual(m.targetAssignment.map((a) => [a.topic, a.partitions]), [['b', [0]]]);
	assert.equal(m.assignment[0]!.topicId, Buffer.alloc(16, 1).toString('base64url'));
});

test('ListGroups v5: empty state and type filters; a captured Kafka 4.2.1 answer names consumer and classic groups', async () => {
	const r = listGroupsRequest(5);
	assert.deepEqual(await body(r), [0, 1, 1, 0]); // header tags, states [], types [], tags
	const captured = hex(`00 00000000 0000 03
		05 6b383438 09 636f6e73756d6572 07 537461626c65 09 636f6e73756d6572 00
		0d 746f7765722d6261636b7570 09 636f6e73756d6572 06 456d707479 08 636c6173736963 00
		00`);
	const listed = await r.response.decode(captured);
	assert.equal(listed.errorCode, 0);
	assert.deepEqual(listed.groups, [
		{groupId: 'k848', protocolType: 'consumer', groupState: 'Stable', groupType: 'consumer'},
		{groupId: 'tower-backup', protocolType: 'consumer', groupState: 'Empty', groupType: 'classic'},
	]);
});

test('ListGroups v3/v4 (flexible, no type) and v2 (classic) decode; v6 is refused', async () => {
	assert.deepEqual(await body(listGroupsRequest(3)), [0, 0]);
	assert.deepEqual(await body(listGroupsRequest(4)), [0, 1, 0]);
	const v4 = new Writer().tags().int32(0).int16(0);
	v4.compactArray(['a'], (w, id) => w.compactString(id).compactString('consumer').compactString('Stable').tags()).tags();
	assert.deepEqual((await listGroupsRequest(4).response.decode(v4.buffer())).groups, [
		{groupId: 'a', protocolType: 'consumer', groupState: 'Stable', groupType: null},
	]);
	const v2 = new Writer().int32(0).int16(0);
	v2.array(['a', 'b'], (w, id) => w.string(id).string(id === 'a' ? 'consumer' : 'connect'));
	assert.deepEqual((await listGroupsRequest(2).response.decode(v2.buffer())).groups.map((g) => [g.groupId, g.protocolType, g.groupType]), [
		['a', 'consumer', null],
		['b', 'connect', null],
	]);
	assert.deepEqual(await body(listGroupsRequest(2)), []);
	assert.throws(() => listGroupsRequest(6), /v6 is not implemented/);
});
