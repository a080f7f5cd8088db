// DescribeQuorum and ApiVersions v3/v4 decoded from bytes a Kafka 4.2.1 lab (`--topology lab`:
// controllers 0,1,2, brokers 3,4,5) sent to a broker, captured as the payload after the correlation
// id (what kafkajs hands a decoder). The same moment's `kafka-metadata-quorum.sh describe --status`
// printed the ids, epoch and directory ids asserted here; `kafka-features.sh describe` the levels.
// DescribeCluster v2 is built from its message spec (quorum.test checks it on a real fenced broker).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {describeQuorumRequest} from '../../../../source/kafka/codec/describe-quorum.js';
import {apiVersionsFeaturesRequest} from '../../../../source/kafka/codec/api-versions-features.js';
import {describeClusterRequest} from '../../../../source/kafka/codec/describe-cluster.js';
import {Writer} from '../../../../source/kafka/codec/primitives.js';
import {bytes, cstr, i32} from '../../../helpers/wire-bytes.js';

const hex = (s: string) => Buffer.from(s, 'hex');

// v0: ids and log-end offsets only
const V0 = hex(
	'00000002135f5f636c75737465725f6d6574616461746102000000000000000000010000000100000000000000a604000000' +
	'0000000000000000a6000000000100000000000000a6000000000200000000000000a600040000000300000000000000a600' +
	'0000000400000000000000a6000000000500000000000000a600000000',
);
// v1: + last fetch / caught-up timestamps
const V1 = hex(
	'00000002135f5f636c75737465725f6d6574616461746102000000000000000000010000000100000000000000a704000000' +
	'0000000000000000a7000001a23563f2b2000001a23563f2b2000000000100000000000000a7000001a23563f3c1000001a2' +
	'3563f3c1000000000200000000000000a7000001a23563f29f000001a23563f29f00040000000300000000000000a7000001' +
	'a23563f2be000001a23563f2be000000000400000000000000a7000001a23563f2a0000001a23563f2a00000000005000000' +
	'00000000a7000001a23563f2ae000001a23563f2ae00000000',
);
// v2: + directory ids and the voters' endpoints (Nodes)
const V2 = hex(
	'0000000102135f5f636c75737465725f6d657461646174610200000000000001000000010000000100000000000000a80400' +
	'000000d0a5949e66852dc45649a8aa3b489c2d00000000000000a8000001a23563f485000001a23563f4850000000001b755' +
	'7d081c8dec334fa38e3676b799f100000000000000a8000001a23563f4c4000001a23563f4c40000000002c1d779812fe471' +
	'bbd6ec5d4bbbea898000000000000000a8000001a23563f48d000001a23563f48d00040000000304a2657260ef9b040c7580' +
	'0cdcccb45900000000000000a8000001a23563f4a5000001a23563f4a50000000004f169c0af3c99387683a8341bdc19fcf8' +
	'00000000000000a8000001a23563f490000001a23563f490000000000516381670c8443abac4521e58754f30af0000000000' +
	'0000a8000001a23563f4ab000001a23563f4ab0000000400000000020b434f4e54524f4c4c45520a3132372e302e302e3175' +
	'8a000000000001020b434f4e54524f4c4c45520a3132372e302e302e31758b000000000002020b434f4e54524f4c4c45520a' +
	'3132372e302e302e31758c000000',
);
const API_VERSIONS_V3 = hex(
	'00004c00000000000d000001000400120000020001000b0000030000000d0000080002000a0000090001000a00000a000000' +
	'0600000b0000000900000c0000000400000d0000000500000e0000000500000f000000060000100000000500001100000001' +
	'0000120000000400001300020007000014000100060000150000000200001600000005000017000200040000180000000500' +
	'00190000000400001a0000000500001b0001000200001c0000000500001d0001000300001e0001000300001f000100030000' +
	'2000010004000021000000020000220001000200002300010004000024000000020000250000000300002600010003000027' +
	'00010002000028000100020000290001000300002a0000000200002b0000000200002c0000000100002d0000000100002e00' +
	'00000000002f0000000000003000000001000031000000010000320000000000003300000000000037000000020000390000' +
	'000200003c0000000200003d0000000000004000000000000041000000000000420000000200004400000001000045000000' +
	'0100004a0000000100004b0000000000004c0001000100004d0001000100004e0001000200004f0001000200005000000001' +
	'0000510000000000005300000000000054000000000000550000000100005600000000000057000000010000580000000000' +
	'00590000000000005a0000000100005b0000000000005c00000000000000000003001702116d657461646174612e76657273' +
	'696f6e0007001d00010800000000000000a702a401080e67726f75702e76657273696f6e00010001000e6b726166742e7665' +
	'7273696f6e00010001000e73686172652e76657273696f6e0001000100116d657461646174612e76657273696f6e001d001d' +
	'001073747265616d732e76657273696f6e0001000100147472616e73616374696f6e2e76657273696f6e000200020021656c' +
	'696769626c652e6c65616465722e7265706c696361732e76657273696f6e0001000100',
);
const API_VERSIONS_V4 = hex(
	'00004c00000000000d000001000400120000020001000b0000030000000d0000080002000a0000090001000a00000a000000' +
	'0600000b0000000900000c0000000400000d0000000500000e0000000500000f000000060000100000000500001100000001' +
	'0000120000000400001300020007000014000100060000150000000200001600000005000017000200040000180000000500' +
	'00190000000400001a0000000500001b0001000200001c0000000500001d0001000300001e0001000300001f000100030000' +
	'2000010004000021000000020000220001000200002300010004000024000000020000250000000300002600010003000027' +
	'00010002000028000100020000290001000300002a0000000200002b0000000200002c0000000100002d0000000100002e00' +
	'00000000002f0000000000003000000001000031000000010000320000000000003300000000000037000000020000390000' +
	'000200003c0000000200003d0000000000004000000000000041000000000000420000000200004400000001000045000000' +
	'0100004a0000000100004b0000000000004c0001000100004d0001000100004e0001000200004f0001000200005000000001' +
	'0000510000000000005300000000000054000000000000550000000100005600000000000057000000010000580000000000' +
	'00590000000000005a0000000100005b0000000000005c0000000000000000000300a401080e67726f75702e76657273696f' +
	'6e00000001000e6b726166742e76657273696f6e0000000100116d657461646174612e76657273696f6e0007001d000e7368' +
	'6172652e76657273696f6e00000001001073747265616d732e76657273696f6e0000000100147472616e73616374696f6e2e' +
	'76657273696f6e000000020021656c696769626c652e6c65616465722e7265706c696361732e76657273696f6e0000000100' +
	'010800000000000000a702a401080e67726f75702e76657273696f6e00010001000e6b726166742e76657273696f6e000100' +
	'01000e73686172652e76657273696f6e0001000100116d657461646174612e76657273696f6e001d001d001073747265616d' +
	'732e76657273696f6e0001000100147472616e73616374696f6e2e76657273696f6e000200020021656c696769626c652e6c' +
	'65616465722e7265706c696361732e76657273696f6e0001000100',
);

test('DescribeQuorum request: __cluster_metadata partition 0, flexible header, the same body in v0-v2', async () => {
	for (const v of [0, 1, 2]) {
		const r = describeQuorumRequest(v);
		assert.equal(r.request.apiKey, 55);
		assert.equal(r.request.apiVersion, v);
		const body = (await r.request.encode()).buffer;
		assert.deepEqual(body, bytes([0], [2], cstr('__cluster_metadata'), [2], i32(0), [0], [0], [0]));
	}
});

test('DescribeQuorum v2 from a real lab: leader, epoch, voters with directory ids and endpoints, observers', async () => {
	const r = describeQuorumRequest(2);
	const d = await r.response.decode(V2);
	assert.equal(d.errorCode, 0);
	assert.equal(d.errorMessage, ''); // Kafka 4.2 sends an empty message, not null
	const [topic] = d.topics;
	assert.equal(topic!.topic, '__cluster_metadata');
	const p = topic!.partitions[0]!;
	assert.deepEqual([p.partition, p.errorCode, p.leaderId, p.leaderEpoch, p.highWatermark], [0, 0, 1, 1, 168n]);
	assert.deepEqual(p.voters.map((v) => [v.replicaId, v.directoryId]), [
		[0, '0KWUnmaFLcRWSaiqO0icLQ'],
		[1, 't1V9CByN7DNPo442dreZ8Q'],
		[2, 'wdd5gS_kcbvW7F1Lu-qJgA'],
	]);
	assert.deepEqual(p.observers.map((o) => [o.replicaId, o.directoryId]), [
		[3, 'BKJlcmDvmwQMdYAM3My0WQ'],
		[4, '8WnArzyZOHaDqDQb3Bn8-A'],
		[5, 'FjgWcMhEOrrEUh5YdU8wrw'],
	]);
	assert.ok(p.voters.every((v) => v.logEndOffset === 168n && v.lastFetchTimestamp > 0n && v.lastCaughtUpTimestamp > 0n));
	assert.deepEqual(d.nodes, [0, 1, 2].map((id) => ({nodeId: id, listeners: [{name: 'CONTROLLER', host: '127.0.0.1', port: 30090 + id}]})));
});

test('DescribeQuorum v0 and v1 from the same lab: no directory ids or nodes; v0 no timestamps', async () => {
	const d0 = await describeQuorumRequest(0).response.decode(V0);
	const p0 = d0.topics[0]!.partitions[0]!;
	assert.deepEqual([p0.leaderId, p0.voters.length, p0.observers.length, d0.nodes.length], [1, 3, 3, 0]);
	assert.ok(p0.voters.every((v) => v.directoryId === 'AAAAAAAAAAAAAAAAAAAAAA' && v.lastFetchTimestamp === -1n && v.logEndOffset === 166n));
	const d1 = await describeQuorumRequest(1).response.decode(V1);
	const p1 = d1.topics[0]!.partitions[0]!;
	assert.deepEqual(p1.observers.map((o) => o.replicaId), [3, 4, 5]);
	assert.ok(p1.voters.every((v) => v.lastFetchTimestamp > 1_700_000_000_000n && v.lastCaughtUpTimestamp === v.lastFetchTimestamp));
});

test('a truncated DescribeQuorum answer throws instead of inventing replicas', async () => {
	await assert.rejects(describeQuorumRequest(2).response.decode(V2.subarray(0, 60)));
});

test('ApiVersions v4 / v3 from a real lab: features in the tagged fields, as kafka-features.sh lists them', async () => {
	const d4 = await apiVersionsFeaturesRequest(4).response.decode(API_VERSIONS_V4);
	assert.equal(d4.errorCode, 0);
	assert.equal(d4.finalizedEpoch, 167n); // the metadata offset the broker had applied
	assert.deepEqual(
		d4.supported.map((f) => [f.name, f.minVersion, f.maxVersion]).sort(),
		[
			['eligible.leader.replicas.version', 0, 1],
			['group.version', 0, 1],
			['kraft.version', 0, 1],
			['metadata.version', 7, 29],
			['share.version', 0, 1],
			['streams.version', 0, 1],
			['transaction.version', 0, 2],
		],
	);
	assert.deepEqual(
		d4.finalized.map((f) => [f.name, f.maxVersionLevel]).sort(),
		[
			['eligible.leader.replicas.version', 1],
			['group.version', 1],
			['kraft.version', 1],
			['metadata.version', 29],
			['share.version', 1],
			['streams.version', 1],
			['transaction.version', 2],
		],
	);
	// v3 leaves out supported features whose minimum is 0 (KAFKA-17011): only metadata.version
	const d3 = await apiVersionsFeaturesRequest(3).response.decode(API_VERSIONS_V3);
	assert.deepEqual(d3.supported.map((f) => f.name), ['metadata.version']);
	// the request: flexible header tags, client software name and version, tags
	assert.deepEqual((await apiVersionsFeaturesRequest(4).request.encode()).buffer, bytes([0], cstr('kcon'), cstr('1'), [0]));
});

test('DescribeCluster v2: IncludeFencedBrokers asked, IsFenced read per broker (KIP-1073)', async () => {
	const r = describeClusterRequest();
	assert.deepEqual([r.request.apiKey, r.request.apiVersion], [60, 2]);
	// header tags, IncludeClusterAuthorizedOperations false, EndpointType 1 (brokers), IncludeFencedBrokers true, tags
	assert.deepEqual((await r.request.encode()).buffer, bytes([0], [0], [1], [1], [0]));
	const w = new Writer();
	w.tags(); // response header
	w.int32(0).int16(0).compactString(null).int8(1).compactString('z0ReZOElD1_9JOC_XUUt-A').int32(1);
	w.compactArray([3, 5], (w, id) => w.int32(id).compactString('127.0.0.1').int32(20087 + id).compactString(id === 5 ? 'r5' : null).bool(id === 5).tags());
	w.int32(-2147483648).tags();
	const d = await r.response.decode(w.buffer());
	assert.equal(d.clusterId, 'z0ReZOElD1_9JOC_XUUt-A');
	assert.deepEqual(d.brokers, [
		{brokerId: 3, host: '127.0.0.1', port: 20090, rack: null, fenced: false},
		{brokerId: 5, host: '127.0.0.1', port: 20092, rack: 'r5', fenced: true},
	]);
});
