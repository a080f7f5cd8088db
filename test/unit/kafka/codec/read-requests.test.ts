// The gateway's own codecs decode what kafkajs 2.2.4 throws on (a Metadata response with a partition-level
// error code, e.g. a partition without a leader) into values.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {Writer} from '../../../../source/kafka/codec/primitives.js';
import {findCoordinatorsRequest} from '../../../../source/kafka/codec/find-coordinator.js';
import {offsetFetchRequest} from '../../../../source/kafka/codec/offset-fetch.js';
import {decodeConsumerAssignment} from '../../../../source/kafka/codec/describe-groups.js';
import {listOffsetsRequest} from '../../../../source/kafka/codec/list-offsets.js';
import {metadataRequest} from '../../../../source/kafka/codec/metadata.js';

const header = (w: Writer) => w.tags(); // response header v1 of a flexible response

test('Metadata v12: a leaderless partition with LEADER_NOT_AVAILABLE decodes, racks and topic id kept', async () => {
	const id = Buffer.from('9c77bb8bf37548db9eb9cd922d2d4b0d', 'hex');
	const w = new Writer();
	header(w);
	w.int32(0); // throttle
	w.compactArray([{id: 3, rack: 'r1'}, {id: 4, rack: null}], (w, b) => w.int32(b.id).compactString('127.0.0.1').int32(9090 + b.id).compactString(b.rack).tags());
	w.compactString('cluster-1').int32(4);
	w.compactArray([0], (w) => {
		w.int16(0).compactString('solo').uuid(id).bool(false);
		w.compactArray([0, 1], (w, p) => {
			w.int16(p === 0 ? 5 : 0).int32(p).int32(p === 0 ? -1 : 3).int32(7);
			w.compactArray([p === 0 ? 5 : 3], (w, r) => w.int32(r));
			w.compactArray(p === 0 ? [] : [3], (w, r) => w.int32(r));
			w.compactArray(p === 0 ? [5] : [], (w, r) => w.int32(r));
			w.tags();
		});
		w.int32(0).tags();
	});
	w.tags();
	const request = metadataRequest(12, null);
	const decoded = await request.response.parse(await request.response.decode(w.buffer()));
	assert.deepEqual(decoded.brokers.map((b) => [b.nodeId, b.port, b.rack]), [[3, 9093, 'r1'], [4, 9094, null]]);
	assert.equal(decoded.clusterId, 'cluster-1');
	const [topic] = decoded.topics;
	assert.equal(topic!.topicId, id.toString('base64url'));
	assert.deepEqual(topic!.partitions[0], {errorCode: 5, partition: 0, leader: -1, leaderEpoch: 7, replicas: [5], isr: [], offlineReplicas: [5]});
	assert.equal(topic!.partitions[1]!.leader, 3);
	// the request asks for all topics (null array) without auto-creation
	const body = (await request.request.encode()).buffer;
	assert.deepEqual([...body], [0, 0, 0, 0, 0]); // tags, null topics, allow_auto=false, include_topic_ops=false, tags
});

test('FindCoordinator v4 and OffsetFetch v8: many groups in one request, -1 and errors as values', async () => {
	const fc = findCoordinatorsRequest(['a', 'b']);
	const fw = new Writer();
	header(fw);
	fw.int32(0);
	fw.compactArray(['a', 'b'], (w, key) => w.compactString(key).int32(key === 'a' ? 3 : -1).compactString(key === 'a' ? 'h' : '').int32(9).int16(key === 'a' ? 0 : 15).compactString(null).tags());
	fw.tags();
	const coordinators = await fc.response.decode(fw.buffer());
	assert.deepEqual(coordinators.map((c) => [c.key, c.nodeId, c.errorCode]), [['a', 3, 0], ['b', -1, 15]]);

	const of = offsetFetchRequest(['a', 'b']);
	const ow = new Writer();
	header(ow);
	ow.int32(0);
	ow.compactArray(['a', 'b'], (w, g) => {
		w.compactString(g);
		w.compactArray(g === 'a' ? ['t'] : [], (w, t) => {
			w.compactString(t);
			w.compactArray([0, 1], (w, p) => w.int32(p).int64(p === 0 ? 42n : -1n).int32(-1).compactString('').int16(0).tags());
			w.tags();
		});
		w.int16(0).tags();
	});
	ow.tags();
	const groups = await of.response.decode(ow.buffer());
	assert.deepEqual(groups.map((g) => [g.groupId, g.offsets.map((o) => o.offset)]), [['a', [42n, -1n]], ['b', []]]);
});

test('ListOffsets asks for the high watermark: isolation READ_UNCOMMITTED, all partitions of a leader in one request', async () => {
	const r = listOffsetsRequest(5, new Map([['t', [0, 2]]]), -1n);
	const body = (await r.request.encode()).buffer;
	assert.equal(body.readInt32BE(0), -1); // replica id
	assert.equal(body.readInt8(4), 0); // isolation level READ_UNCOMMITTED
	assert.equal(body.readInt32BE(5), 1); // one topic
	assert.equal(body.readInt32BE(5 + 4 + 2 + 1), 2); // two partitions
});

test('consumer assignment decoding tolerates garbage', () => {
	const w = new Writer();
	w.int16(3).array([{topic: 'resource', partitions: [0, 2]}], (w, a) => {
		w.string(a.topic).array(a.partitions, (w, p) => w.int32(p));
	});
	w.int32(-1); // user data null (later fields ignored)
	assert.deepEqual(decodeConsumerAssignment(w.buffer()), [{topic: 'resource', partitions: [0, 2]}]);
	assert.deepEqual(decodeConsumerAssignment(Buffer.from([0, 1, 0xff])), []);
	assert.deepEqual(decodeConsumerAssignment(null), []);
});
