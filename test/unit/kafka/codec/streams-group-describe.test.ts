// StreamsGroupDescribe v0 (KIP-1071): the request bytes from Kafka's JSON spec, a response laid out
// field by field as the 4.2.1 spec orders it (nullable structs as an int8 marker; the values a
// Kafka 4.2.1 lab answered for a two-sub-topology application), a null topology, and hostile
// lengths: an array or string longer than the response fails at once instead of allocating.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {streamsGroupDescribeRequest} from '../../../../source/kafka/codec/streams-group-describe.js';
import {READ_APIS} from '../../../../source/kafka/connection/write-guard.js';
import {Writer} from '../../../../source/kafka/codec/primitives.js';
import {cstr} from '../../../helpers/wire-bytes.js';

const body = async (r: {request: {encode: () => Promise<{buffer: Buffer}>}}) => [...(await r.request.encode()).buffer];
const decode = (payload: Buffer) => streamsGroupDescribeRequest(0, []).response.decode(payload);

type Tasks = [string, number[]][];
const taskIds = (w: Writer, tasks: Tasks) =>
	w.compactArray(tasks, (w, [id, parts]) => w.compactString(id).compactArray(parts, (w, p) => w.int32(p)).tags());
const assignment = (w: Writer, active: Tasks) => {
	taskIds(w, active);
	taskIds(w, []);
	taskIds(w, []);
	return w.tags();
};
const topicInfo = (w: Writer, name: string) => w.compactString(name).int32(0).int16(0).compactArray([['cleanup.policy', 'compact']], (w, [k, v]) => w.compactString(k).compactString(v).tags()).tags();

/** One described group, as a 4.2.1 broker writes it (optionally without topology or with an endpoint). */
function describedGroup(w: Writer, {topology = true, endpoint = false, v1}: {topology?: boolean; endpoint?: boolean; v1?: {assignor: string | null; description: boolean}} = {}) {
	w.int16(0).compactString(null).compactString('sj1').compactString('Stable').int32(2).int32(2);
	if (topology) {
		w.int8(1).int32(0);
		w.compactArray(['0', '1'], (w, id) => {
			w.compactString(id);
			w.compactArray(id === '0' ? ['sq1'] : [], (w, t) => w.compactString(t)); // source topics
			w.compactArray(id === '0' ? ['sj1-sizes-repartition'] : [], (w, t) => w.compactString(t)); // repartition sinks
			w.compactArray(id === '1' ? ['sj1-sizes-changelog'] : [], topicInfo); // changelogs
			w.compactArray(id === '1' ? ['sj1-sizes-repartition'] : [], topicInfo); // repartition sources
			w.tags();
		});
		w.tags();
	} else {
		w.int8(-1);
	}
	w.compactArray(['Ky5Vyl5CSiubP548nTqGlw'], (w, id) => {
		w.compactString(id).int32(2).compactString(null).compactString(null);
		w.compactString('kcon-sj1-StreamThread-1-consumer').compactString('/127.0.0.1').int32(0).compactString('6b0f554a-bf17-4eb8-980f-331c90bbb714');
		if (endpoint) w.int8(1).compactString('app.local').int16(-1).tags(); // port 65535: an unsigned 16-bit field
		else w.int8(-1);
		w.compactArray([['zone', 'a']], (w, [k, v]) => w.compactString(k).compactString(v).tags()); // client tags
		w.compactArray([['0', 1, 20n]], (w, [s, p, o]) => w.compactString(s as string).int32(p as number).int64(o as bigint).tags()); // task offsets
		w.compactArray([], () => {}); // task end offsets
		assignment(w, [['0', [0, 1]], ['1', [0, 1]]]);
		assignment(w, [['0', [0, 1]], ['1', [0, 1]]]);
		w.bool(false).tags();
	});
	w.int32(-2147483648);
	if (v1) {
		// v1 (Kafka 4.4): a topology description (sent here although not asked for), its status, the assignor
		if (v1.description) {
			w.int8(1);
			w.compactArray(['0'], (w, id) => {
				w.compactString(id);
				w.compactArray(['KSTREAM-SOURCE-0000000000'], (w, name) => {
					w.compactString(name).int8(1).compactArray(['sq1'], (w, t) => w.compactString(t)).compactString(null);
					w.compactArray([], () => {}).compactArray(['KSTREAM-MAPVALUES-0000000001'], (w, t) => w.compactString(t)).tags();
				});
				w.tags();
			});
			w.compactArray([], () => {}).tags(); // global stores
		} else {
			w.int8(-1);
		}
		w.int8(v1.description ? 3 : 0).compactString(v1.assignor);
	}
	w.tags();
}

function response(groups: ((w: Writer) => void)[]): Buffer {
	const w = new Writer();
	w.tags().int32(0); // header tags, throttle
	w.uvarint(groups.length + 1);
	for (const g of groups) g(w);
	return w.tags().buffer();
}

test('StreamsGroupDescribe request: header tags, compact ids, no authorized operations, API key 89; v1 asks for no topology description', async () => {
	const r = streamsGroupDescribeRequest(0, ['sj1', 'nope']);
	assert.deepEqual([r.request.apiKey, r.request.apiVersion], [89, 0]);
	assert.deepEqual(await body(r), [0, 3, ...cstr('sj1'), ...cstr('nope'), 0, 0]);
	assert.deepEqual(await body(streamsGroupDescribeRequest(1, ['sj1'])), [0, 2, ...cstr('sj1'), 0, 0, 0]);
	assert.throws(() => streamsGroupDescribeRequest(2, ['x']), /v2 is not implemented/);
	assert.equal(READ_APIS.get(89), 'StreamsGroupDescribe');
});

test('StreamsGroupDescribe v1: the assignor name; a topology description sent anyway is read past', async () => {
	const decodeV1 = (payload: Buffer) => streamsGroupDescribeRequest(1, []).response.decode(payload);
	const [g, h] = await decodeV1(response([(w) => describedGroup(w, {v1: {assignor: 'sticky', description: true}}), (w) => describedGroup(w, {v1: {assignor: null, description: false}})]));
	assert.equal(g!.assignorName, 'sticky');
	assert.equal(g!.members[0]!.processId, '6b0f554a-bf17-4eb8-980f-331c90bbb714');
	assert.equal(h!.assignorName, null);
	assert.equal(h!.groupId, 'sj1');
	// v0 has no such field
	const [v0] = await decode(response([(w) => describedGroup(w)]));
	assert.equal(v0!.assignorName, undefined);
});

test('StreamsGroupDescribe v0: state, epochs, topology (source and repartition topics), member, tasks', async () => {
	const [g] = await decode(response([(w) => describedGroup(w)]));
	assert.deepEqual([g!.errorCode, g!.groupId, g!.state, g!.groupEpoch, g!.assignmentEpoch], [0, 'sj1', 'Stable', 2, 2]);
	assert.deepEqual(g!.topology, {
		epoch: 0,
		subtopologies: [
			{subtopologyId: '0', sourceTopics: ['sq1'], repartitionSinkTopics: ['sj1-sizes-repartition'], stateChangelogTopics: [], repartitionSourceTopics: []},
			{subtopologyId: '1', sourceTopics: [], repartitionSinkTopics: [], stateChangelogTopics: [{name: 'sj1-sizes-changelog', partitions: 0, replicationFactor: 0}],
				repartitionSourceTopics: [{name: 'sj1-sizes-repartition', partitions: 0, replicationFactor: 0}]},
		],
	});
	const active = [{subtopologyId: '0', partitions: [0, 1]}, {subtopologyId: '1', partitions: [0, 1]}];
	assert.deepEqual(g!.members, [{
		memberId: 'Ky5Vyl5CSiubP548nTqGlw', memberEpoch: 2, instanceId: null, rackId: null, clientId: 'kcon-sj1-StreamThread-1-consumer', clientHost: '/127.0.0.1',
		topologyEpoch: 0, processId: '6b0f554a-bf17-4eb8-980f-331c90bbb714', userEndpoint: null,
		assignment: {activeTasks: active, standbyTasks: [], warmupTasks: []}, targetAssignment: {activeTasks: active, standbyTasks: [], warmupTasks: []}, isClassic: false,
	}]);
});

test('StreamsGroupDescribe v0: a null topology, a user endpoint (unsigned port), an error group after them', async () => {
	const notFound = (w: Writer) => w.int16(69).compactString('Group nope not found.').compactString('nope').compactString('').int32(0).int32(0).int8(-1).compactArray([], () => {}).int32(0).tags();
	const [bare, withEndpoint, nope] = await decode(response([(w) => describedGroup(w, {topology: false}), (w) => describedGroup(w, {endpoint: true}), notFound]));
	assert.equal(bare!.topology, null);
	assert.deepEqual(withEndpoint!.members[0]!.userEndpoint, {host: 'app.local', port: 65535});
	assert.deepEqual([nope!.errorCode, nope!.errorMessage, nope!.groupId, nope!.members, nope!.topology], [69, 'Group nope not found.', 'nope', [], null]);
});

test('hostile lengths: an array or a string longer than the response fails before anything is allocated for it', async () => {
	// a group count of two billion in a 10-byte response
	const huge = new Writer().tags().int32(0).uvarint(2_000_000_000).buffer();
	const started = process.hrtime.bigint();
	await assert.rejects(decode(huge), /an array of \d+ items in 0 bytes/);
	// a member count of a billion inside a well-formed group
	const w = new Writer().tags().int32(0).uvarint(2);
	w.int16(0).compactString(null).compactString('g').compactString('Stable').int32(1).int32(1).int8(-1).uvarint(1_000_000_001);
	await assert.rejects(decode(w.buffer()), /an array of 1000000000 items/);
	// a partition list that says 5000 partitions and ends after two
	const parts = new Writer().tags().int32(0).uvarint(2);
	parts.int16(0).compactString(null).compactString('g').compactString('Stable').int32(1).int32(1).int8(1).int32(0).uvarint(2).compactString('0');
	parts.uvarint(2).compactString('t').uvarint(1).uvarint(1).uvarint(1).tags().tags();
	parts.uvarint(2).compactString('m').int32(1).compactString(null).compactString(null).compactString('c').compactString('h').int32(0).compactString('p').int8(-1);
	parts.uvarint(1).uvarint(1).uvarint(1).uvarint(2).compactString('0').uvarint(5001).int32(0).int32(1);
	await assert.rejects(decode(parts.buffer()));
	// a string whose length runs past the end
	const longName = new Writer().tags().int32(0).uvarint(2).int16(0).uvarint(1).uvarint(1_000_000).buffer();
	await assert.rejects(decode(longName));
	assert.ok(process.hrtime.bigint() - started < 1_000_000_000n, 'hostile lengths are refused in well under a second');
});
