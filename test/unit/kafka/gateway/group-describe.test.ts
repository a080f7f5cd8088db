// Which describe request each group gets at its coordinator (DescribeGroups for classic groups,
// ConsumerGroupDescribe for KIP-848 ones, only when the coordinator's ApiVersions lists API 69),
// and what lands in GroupInfo. The coordinator is kafkajs's Broker faked at its connection pool.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {groupStateName, type GroupInfo} from '../../../../source/domain/cluster.js';
import type {KjsBroker} from '../../../../source/kafka/kafkajs/broker.js';
import {Node} from '../../../../source/kafka/connection/node.js';
import {describeAtCoordinator} from '../../../../source/kafka/gateway/group-describe.js';
import type {ConsumerGroupDescribed} from '../../../../source/kafka/codec/consumer-group-describe.js';
import type {GroupOffsets} from '../../../../source/kafka/codec/offset-fetch.js';
import type {DescribedGroup} from '../../../../source/kafka/codec/describe-groups.js';
import type {StreamsGroupDescribed} from '../../../../source/kafka/codec/streams-group-describe.js';
import {Reader, Writer} from '../../../../source/kafka/codec/primitives.js';
import type {WireRequest} from '../../../../source/kafka/codec/request.js';

const DG = 15;
const CGD = 69;
const OF = 9;
const LG = 16;
const SGD = 77;
const DSGO = 90;
const STGD = 89;

/** The group ids a request names (DescribeGroups v4: classic array; the others flexible). */
function idsOf(apiKey: number, body: Buffer): string[] {
	const r = new Reader(body);
	if (apiKey === DG) return r.array((r) => r.string() ?? '');
	r.tags();
	return r.compactArray((r) => {
		const id = r.compactString() ?? '';
		if (apiKey === OF) {
			r.compactArray(() => {});
			r.tags();
		}
		return id;
	});
}

const classicAssignment = new Writer()
	.int16(0)
	.array([{topic: 't', partitions: [2]}], (w, a) => w.string(a.topic).array(a.partitions, (w, p) => w.int32(p)))
	.int32(-1)
	.buffer();

const classic: Record<string, DescribedGroup> = {
	cls: {errorCode: 0, groupId: 'cls', state: 'Stable', protocolType: 'consumer', protocol: 'range', members: [
		{memberId: 'm-cls', groupInstanceId: null, clientId: 'old', clientHost: '/10.0.0.1', metadata: null, assignment: classicAssignment},
	]},
};
const dead = (groupId: string): DescribedGroup => ({errorCode: 0, groupId, state: 'Dead', protocolType: '', protocol: '', members: []});
const described = (groupId: string, state: string, over: Partial<ConsumerGroupDescribed> = {}): ConsumerGroupDescribed => ({
	errorCode: 0, errorMessage: null, groupId, state, groupEpoch: 3, assignmentEpoch: 3, assignorName: 'uniform', members: [], ...over,
});
const member = (memberId: string, instanceId: string | null, partitions: number[]) => ({
	memberId, instanceId, rackId: null, memberEpoch: 3, clientId: 'new-client', clientHost: '/10.0.0.2', subscribedTopicNames: ['t'],
	subscribedTopicRegex: null, assignment: [{topicId: 'x', topic: 't', partitions}], targetAssignment: [], memberType: 1,
});
const consumer: Record<string, ConsumerGroupDescribed> = {
	fresh: described('fresh', 'Stable', {members: [member('m-new', null, [1, 0])]}),
	named: described('named', 'Reconciling', {assignorName: 'range', members: [member('m-static', 'pod-1', [3])]}),
	nope: described('nope', '', {errorCode: 69, errorMessage: 'Group nope not found.'}),
};

// what the coordinator's ListGroups v5 lists, and its share groups
const listed = [
	{groupId: 'sh', protocolType: 'share', groupState: 'Stable', groupType: 'share'},
	{groupId: 'strm', protocolType: 'streams', groupState: 'NOTREADY', groupType: 'streams'},
	{groupId: 'cls', protocolType: 'consumer', groupState: 'Stable', groupType: 'classic'},
];
const sharedDescribed = (groupId: string, state: string) => ({errorCode: 0, errorMessage: null, groupId, state, groupEpoch: 1, assignmentEpoch: 1, assignorName: 'simple', members: [
	{memberId: 'm-sh', rackId: null, memberEpoch: 1, clientId: 'share-client', clientHost: '/10.0.0.3', subscribedTopicNames: ['t'], assignment: [{topicId: 'x', topic: 't', partitions: [0, 1]}]},
]});
const share: Record<string, ReturnType<typeof sharedDescribed>> = {sh: sharedDescribed('sh', 'Stable'), lsh: sharedDescribed('lsh', 'Stable')};
// a streams group: sub-topology 0 reads t, sub-topology 1 its repartition topic; one member runs both
const tasks = (partitions: number[]) => ({activeTasks: [{subtopologyId: '0', partitions}, {subtopologyId: '1', partitions}], standbyTasks: [], warmupTasks: []});
const streamsDescribed = (groupId: string): StreamsGroupDescribed => ({
	errorCode: 0, errorMessage: null, groupId, state: 'Stable', groupEpoch: 4, assignmentEpoch: 4,
	topology: {epoch: 0, subtopologies: [
		{subtopologyId: '0', sourceTopics: ['t'], repartitionSinkTopics: ['app-rep'], stateChangelogTopics: [], repartitionSourceTopics: []},
		{subtopologyId: '1', sourceTopics: [], repartitionSinkTopics: [], stateChangelogTopics: [], repartitionSourceTopics: [{name: 'app-rep', partitions: 0, replicationFactor: 0}]},
	]},
	members: [{
		memberId: 'm-st', memberEpoch: 4, instanceId: null, rackId: null, clientId: 'app-StreamThread-1-consumer', clientHost: '/10.0.0.4',
		topologyEpoch: 0, processId: 'p-1', userEndpoint: null, assignment: tasks([1, 0]), targetAssignment: tasks([1, 0]), isClassic: false,
	}],
});

function coordinator(versions: Record<number, [number, number]>, failCgd = false) {
	const sent: {apiKey: number; version: number; ids: string[]}[] = [];
	const broker: KjsBroker = {
		versions: Object.fromEntries(Object.entries(versions).map(([k, [minVersion, maxVersion]]) => [k, {minVersion, maxVersion}])),
		connect: async () => {},
		disconnect: async () => {},
		isConnected: () => true,
		connectionPool: {
			send: async <T>(request: unknown): Promise<T> => {
				const {apiKey, apiVersion} = (request as WireRequest<T>).request;
				const ids = idsOf(apiKey, (await (request as WireRequest<T>).request.encode()).buffer);
				sent.push({apiKey, version: apiVersion, ids});
				if (apiKey === DG) return ids.map((id) => classic[id] ?? dead(id)) as T;
				if (apiKey === LG) return {errorCode: 0, groups: listed} as T;
				if (apiKey === STGD) return ids.map((id) => (id === 'st' || id === 'strm' ? streamsDescribed(id) : {...streamsDescribed(id), errorCode: 69, members: [], topology: null})) as T;
				if (apiKey === SGD) return ids.map((id) => share[id] ?? {...sharedDescribed(id, ''), errorCode: 69}) as T;
				if (apiKey === DSGO) return ids.map((groupId) => ({groupId, errorCode: 0, errorMessage: null, topics: [{topic: 't', topicId: 'x', partitions: [
					{partition: 1, startOffset: 7n, leaderEpoch: 0, lag: 3n, errorCode: 0, errorMessage: null},
					{partition: 0, startOffset: -1n, leaderEpoch: -1, lag: -1n, errorCode: 0, errorMessage: null},
				]}]})) as T;
				if (apiKey === CGD) {
					if (failCgd) throw new Error('Connection error: socket hang up');
					return ids.map((id) => consumer[id] ?? described(id, '', {errorCode: 69, errorMessage: `Group ${id} not found.`})) as T;
				}
				return ids.map((groupId): GroupOffsets => ({groupId, errorCode: 0, offsets: [{topic: 't', partition: 0, offset: 5n, errorCode: 0}]})) as T;
			},
		},
	};
	return {node: new Node('127.0.0.1:9090', broker), sent};
}

const kafka42 = {[DG]: [0, 6], [CGD]: [0, 1], [OF]: [1, 10]} as Record<number, [number, number]>;
const kafka36 = {[DG]: [0, 5], [OF]: [0, 9]} as Record<number, [number, number]>;

function infosOf(ids: string[]): Map<string, GroupInfo> {
	return new Map(ids.map((groupId) => [groupId, {groupId, state: 'Unknown', protocolType: '', coordinator: 3, members: [], offsets: [], totalLag: 0n}]));
}

test('Kafka 4.2 coordinator: listed consumer groups go to ConsumerGroupDescribe, classic to DescribeGroups, unknown Dead ones are asked again', async () => {
	const {node, sent} = coordinator(kafka42);
	const ids = ['cls', 'fresh', 'named', 'nope'];
	const infos = infosOf(ids);
	await describeAtCoordinator(await node.connect(), ids, infos, new Map([['cls', 'classic'], ['fresh', 'consumer']]));
	assert.deepEqual(sent.map((s) => [s.apiKey, s.version, s.ids]), [
		[DG, 4, ['cls', 'named', 'nope']],
		[CGD, 1, ['fresh']],
		[OF, 8, ids],
		[CGD, 1, ['named', 'nope']],
	]);
	const g = (id: string) => infos.get(id)!;
	assert.deepEqual([g('cls').state, g('cls').groupType, g('cls').assignmentStrategy, g('cls').members[0]!.assignments], ['Stable', 'classic', 'range', [{topic: 't', partitions: [2]}]]);
	assert.deepEqual([g('fresh').state, g('fresh').groupType, g('fresh').protocolType, g('fresh').assignmentStrategy], ['Stable', 'consumer', 'consumer', 'uniform']);
	assert.deepEqual(g('fresh').members, [{memberId: 'm-new', clientId: 'new-client', host: '/10.0.0.2', assignments: [{topic: 't', partitions: [1, 0]}]}]);
	// offsets rows come from the consumer group's members, partitions sorted, like ConsumerGroupCommand
	assert.deepEqual(g('fresh').offsets.map((o) => [o.partition, o.committed, o.consumerId]), [[0, 5n, 'm-new'], [1, null, 'm-new']]);
	assert.deepEqual([g('named').state, g('named').assignmentStrategy, g('named').members[0]!.groupInstanceId], ['Reconciling', 'range', 'pod-1']);
	// GROUP_ID_NOT_FOUND to both APIs: no such group, as before (Dead, no error)
	assert.deepEqual([g('nope').state, g('nope').error, g('nope').groupType], ['Dead', undefined, undefined]);
});

test('a coordinator without ConsumerGroupDescribe (Kafka < 3.7) never gets API 69; classic requests as before', async () => {
	const {node, sent} = coordinator(kafka36);
	const infos = infosOf(['cls', 'named']);
	await describeAtCoordinator(await node.connect(), ['cls', 'named'], infos, new Map([['named', 'consumer']]));
	assert.deepEqual(sent.map((s) => [s.apiKey, s.version, s.ids]), [[DG, 4, ['cls', 'named']], [OF, 8, ['cls', 'named']]]);
	assert.equal(infos.get('named')!.state, 'Dead');
});

test('ConsumerGroupDescribe failing is the consumer group\'s error, classic groups unaffected', async () => {
	const {node} = coordinator(kafka42, true);
	const infos = infosOf(['cls', 'fresh']);
	await describeAtCoordinator(await node.connect(), ['cls', 'fresh'], infos, new Map([['fresh', 'consumer']]));
	assert.equal(infos.get('fresh')!.error, 'ConsumerGroupDescribe failed: socket hang up');
	assert.equal(infos.get('cls')!.error, undefined);
	assert.equal(infos.get('cls')!.state, 'Stable');
});

test('group states are named as Kafka tools print them (GroupState.parse)', () => {
	assert.deepEqual(['Stable', 'ASSIGNING', 'reconciling', ' Empty ', 'dead', 'weird', ''].map(groupStateName), [
		'Stable', 'Assigning', 'Reconciling', 'Empty', 'Dead', 'Unknown', 'Unknown',
	]);
});

const kafka42share = {...kafka42, [LG]: [0, 5], [SGD]: [1, 1], [DSGO]: [0, 1]} as Record<number, [number, number]>;

test('groups named but not listed, Dead to DescribeGroups and ConsumerGroupDescribe: the coordinator\'s ListGroups v5 tells share and streams apart from missing', async () => {
	const {node, sent} = coordinator(kafka42share);
	const ids = ['sh', 'strm', 'nope'];
	const infos = infosOf(ids);
	await describeAtCoordinator(await node.connect(), ids, infos, new Map());
	assert.deepEqual(sent.map((s) => [s.apiKey, s.ids.length ? s.ids : undefined]).filter(([k]) => k !== OF), [
		[DG, ids], [CGD, ids], [LG, undefined], [SGD, ['sh']], [DSGO, ['sh']],
	]);
	const g = (id: string) => infos.get(id)!;
	assert.deepEqual([g('sh').state, g('sh').groupType, g('sh').assignmentStrategy, g('sh').members.length, g('sh').error], ['Stable', 'share', 'simple', 1, undefined]);
	// the broker's rows: sorted, a negative start offset unknown, the lag as the broker reported it
	assert.deepEqual(g('sh').offsets.map((o) => [o.partition, o.committed, o.lag]), [[0, null, null], [1, 7n, 3n]]);
	// a coordinator without StreamsGroupDescribe: listed with its state, never "does not exist"
	assert.deepEqual([g('strm').groupType, g('strm').state], ['streams', 'NotReady']);
	assert.match(g('strm').error!, /streams groups need Kafka ≥ 4\.1/);
	assert.deepEqual([g('nope').state, g('nope').error, g('nope').groupType], ['Dead', undefined, undefined]);
});

test('a listed share group goes straight to ShareGroupDescribe and DescribeShareGroupOffsets, never to OffsetFetch', async () => {
	const {node, sent} = coordinator(kafka42share);
	const infos = infosOf(['cls', 'lsh']);
	await describeAtCoordinator(await node.connect(), ['cls', 'lsh'], infos, new Map([['cls', 'classic'], ['lsh', 'share']]));
	assert.deepEqual(sent.map((s) => [s.apiKey, s.ids]), [[DG, ['cls']], [SGD, ['lsh']], [DSGO, ['lsh']], [OF, ['cls']]]);
	assert.deepEqual([infos.get('lsh')!.state, infos.get('lsh')!.groupType], ['Stable', 'share']);
});

test('a coordinator without ShareGroupDescribe v1: a listed share group says share groups need Kafka 4.1', async () => {
	const {node, sent} = coordinator(kafka42);
	const infos = infosOf(['lsh']);
	await describeAtCoordinator(await node.connect(), ['lsh'], infos, new Map([['lsh', 'share']]));
	assert.deepEqual(sent, []);
	assert.match(infos.get('lsh')!.error!, /share groups need Kafka ≥ 4\.1/);
});

// Kafka 4.2 answers StreamsGroupDescribe v0 only (v1 came with 4.4)
const kafka42streams = {...kafka42share, [STGD]: [0, 0]} as Record<number, [number, number]>;

test('a listed streams group goes to StreamsGroupDescribe v0 and OffsetFetch; its rows are the input partitions of active tasks', async () => {
	const {node, sent} = coordinator(kafka42streams);
	const infos = infosOf(['cls', 'st']);
	await describeAtCoordinator(await node.connect(), ['cls', 'st'], infos, new Map([['cls', 'classic'], ['st', 'streams']]));
	assert.deepEqual(sent.map((s) => [s.apiKey, s.version, s.ids]), [[DG, 4, ['cls']], [STGD, 0, ['st']], [OF, 8, ['cls', 'st']]]);
	const g = infos.get('st')!;
	assert.deepEqual([g.state, g.groupType, g.protocolType, g.error], ['Stable', 'streams', 'streams', undefined]);
	assert.deepEqual(g.members, [{memberId: 'm-st', clientId: 'app-StreamThread-1-consumer', host: '/10.0.0.4', assignments: [
		{topic: 'app-rep', partitions: [0, 1]},
		{topic: 't', partitions: [0, 1]},
	]}]);
	// the fake coordinator committed t-0 at 5 only: the other rows have no commit
	assert.deepEqual(g.offsets.map((o) => [o.topic, o.partition, o.committed, o.consumerId]), [
		['app-rep', 0, null, 'm-st'], ['app-rep', 1, null, 'm-st'], ['t', 0, 5n, 'm-st'], ['t', 1, null, 'm-st'],
	]);
	assert.deepEqual(
		[g.streams!.groupEpoch, g.streams!.targetAssignmentEpoch, g.streams!.topologyEpoch, g.streams!.members[0]!.processId],
		[4, 4, 0, 'p-1'],
	);
	assert.deepEqual(g.streams!.subtopologies, [
		{subtopologyId: '0', sourceTopics: ['t'], repartitionSourceTopics: []},
		{subtopologyId: '1', sourceTopics: [], repartitionSourceTopics: ['app-rep']},
	]);
});

test('a streams group named but not listed: found in the coordinator\'s ListGroups, then described as streams', async () => {
	const {node, sent} = coordinator(kafka42streams);
	const infos = infosOf(['strm']);
	await describeAtCoordinator(await node.connect(), ['strm'], infos, new Map());
	assert.deepEqual(sent.map((s) => s.apiKey), [DG, OF, CGD, LG, STGD]);
	const g = infos.get('strm')!;
	assert.deepEqual([g.state, g.groupType, g.error, g.offsets.length], ['Stable', 'streams', undefined, 4]);
});
