// Streams groups as kafka-streams-groups.sh --describe prints them: the hash-map row order (checked
// against TopicPartition.hashCode and a java.util.HashMap's iteration from a JVM), the OFFSET-LAG of
// a partition with and without a commit, the ASSIGNMENTS cell, --state's coordinator, the notes of an
// Empty or Dead group, and hostile ids laid out escaped.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {BrokerInfo, GroupInfo, GroupOffset} from '../../../source/domain/cluster.js';
import {
	javaHashMapOrder,
	javaStringHash,
	renderStreamsMembers,
	renderStreamsOffsets,
	renderStreamsStates,
	streamsLagCell,
	streamsTasksText,
	topicPartitionHash,
} from '../../../source/present/streams-groups-text.js';

const row = (topic: string, partition: number, committed: bigint | null, logEnd: bigint | null, logStart?: bigint | null): GroupOffset => ({
	topic, partition, committed, logEnd, lag: null, consumerId: 'm1', host: '/127.0.0.1', clientId: 'c', ...(logStart === undefined ? {} : {logStart}),
});

const group = (over: Partial<GroupInfo> = {}): GroupInfo => ({
	groupId: 'app', state: 'Stable', protocolType: 'streams', groupType: 'streams', coordinator: 3, assignmentStrategy: '',
	members: [{memberId: 'Ky5Vyl5CSiubP548nTqGlw', clientId: 'kcon-app-StreamThread-1-consumer', host: '/127.0.0.1', assignments: [{topic: 'sq1', partitions: [0, 1]}]}],
	offsets: [row('sj1-sizes-repartition', 0, 7n, 9n), row('sj1-sizes-repartition', 1, 3n, 3n), row('sq1', 0, 20n, 20n), row('sq1', 1, null, 20n, 4n)],
	totalLag: 0n,
	streams: {
		groupEpoch: 2, targetAssignmentEpoch: 2, topologyEpoch: 0,
		subtopologies: [{subtopologyId: '0', sourceTopics: ['sq1'], repartitionSourceTopics: []}, {subtopologyId: '1', sourceTopics: [], repartitionSourceTopics: ['sj1-sizes-repartition']}],
		members: [{memberId: 'Ky5Vyl5CSiubP548nTqGlw', processId: '6b0f554a-bf17-4eb8-980f-331c90bbb714', memberEpoch: 2, isClassic: false,
			activeTasks: [{subtopologyId: '0', partitions: [0, 1]}, {subtopologyId: '1', partitions: [0, 1]}], standbyTasks: [], warmupTasks: []}],
	},
	...over,
});

const broker = {id: 3, host: '127.0.0.1', port: 19090} as BrokerInfo;
const stdout = (chunks: {stream: string; text: string}[]) => chunks.filter((c) => c.stream === 'stdout').map((c) => c.text).join('');
const stderr = (chunks: {stream: string; text: string}[]) => chunks.filter((c) => c.stream === 'stderr').map((c) => c.text).join('');

test('TopicPartition.hashCode as a JVM computes it (String.hashCode over UTF-16 units, int overflow)', () => {
	assert.equal(javaStringHash(''), 0);
	for (const [topic, partition, hash] of [
		['resource', 0, -341063729], ['resource', 17, -341063202], ['sq1', 2, 115090], ['sj1-sizes-repartition', 1, -271664407], ['토픽', 1, 1719165], ['x', 0, 1081],
	] as const) {
		assert.equal(topicPartitionHash(topic, partition), hash, `${topic}-${partition}`);
	}
});

test("rows in a java.util.HashMap's order: as a JVM iterated 4 and 18 TopicPartition keys", () => {
	const keys = (rows: {topic: string; partition: number}[]) => rows.map((r) => `${r.topic}-${r.partition}`);
	assert.deepEqual(keys(javaHashMapOrder(group().offsets)), ['sq1-1', 'sj1-sizes-repartition-0', 'sq1-0', 'sj1-sizes-repartition-1']);
	const many: {topic: string; partition: number}[] = [];
	const rep = 'app-KSTREAM-AGGREGATE-STATE-STORE-0000000003-repartition';
	for (let p = 0; p < 6; p++) for (const topic of ['orders', rep, 'b']) many.push({topic, partition: p});
	// 18 keys grow the table to 32 buckets
	assert.deepEqual(keys(javaHashMapOrder(many)), [
		'b-3', 'b-2', 'b-1', 'b-0', `${rep}-0`, `${rep}-2`, `${rep}-1`, `${rep}-4`, 'orders-0', `${rep}-3`,
		'orders-1', 'orders-2', `${rep}-5`, 'orders-3', 'orders-4', 'orders-5', 'b-5', 'b-4',
	]);
});

test('OFFSET-LAG: log end − committed (negative as read), log end − log start without a commit, - when unknown', () => {
	assert.equal(streamsLagCell(row('t', 0, 7n, 9n)), '2');
	assert.equal(streamsLagCell(row('t', 0, 9n, 7n)), '-2');
	assert.equal(streamsLagCell(row('t', 0, null, 20n, 4n)), '16');
	assert.equal(streamsLagCell(row('t', 0, null, 20n)), '-');
	assert.equal(streamsLagCell(row('t', 0, 3n, null)), '-');
});

test('the offsets table: widths from the longest topic, rows in the hash order', () => {
	assert.equal(
		stdout(renderStreamsOffsets([group()])),
		'GROUP           TOPIC                 PARTITION  OFFSET-LAG\n' +
			'app             sq1                   1          16\n' +
			'app             sj1-sizes-repartition 0          2\n' +
			'app             sq1                   0          0\n' +
			'app             sj1-sizes-repartition 1          0\n',
	);
	// members but no tasks yet: the header alone, as the tool prints it
	assert.equal(stdout(renderStreamsOffsets([group({offsets: []})])), 'GROUP           TOPIC           PARTITION  OFFSET-LAG\n');
});

test('--members: GROUP MEMBER PROCESS CLIENT-ID ASSIGNMENTS, the tasks cell as the tool writes it', () => {
	assert.equal(
		stdout(renderStreamsMembers([group()])),
		'GROUP           MEMBER                 PROCESS                              CLIENT-ID                        ASSIGNMENTS\n' +
			'app             Ky5Vyl5CSiubP548nTqGlw 6b0f554a-bf17-4eb8-980f-331c90bbb714 kcon-app-StreamThread-1-consumer ACTIVE: 0:[0,1]; 1:[0,1]; \n',
	);
	assert.equal(streamsTasksText({activeTasks: [], standbyTasks: [{subtopologyId: '1', partitions: [2]}], warmupTasks: [{subtopologyId: '0', partitions: [1, 0]}]}), 'STANDBY: 1:[2]; WARMUP: 0:[1,0]; ');
	assert.equal(streamsTasksText({activeTasks: [], standbyTasks: [], warmupTasks: []}), '');
});

test('--state: host:port (id) with one space, STATE 25 wide; an Empty group with the note on stdout', () => {
	assert.equal(
		stdout(renderStreamsStates([group()], [broker])),
		'GROUP           COORDINATOR (ID)          STATE                     #MEMBERS\n' + 'app             127.0.0.1:19090 (3)       Stable                    1\n',
	);
	const empty = renderStreamsStates([group({state: 'Empty', members: [], offsets: []})], [broker]);
	assert.equal(
		stdout(empty),
		"\nError: Streams group 'app' has no active members.\n" +
			'GROUP           COORDINATOR (ID)          STATE                     #MEMBERS\n' + 'app             127.0.0.1:19090 (3)       Empty                     0\n',
	);
	assert.match(stdout(renderStreamsStates([group({coordinator: 9})], [broker])), /\napp {13}- {25}Stable/);
});

test('an Empty or Dead group: no table on stdout (the tool prints none), the note on stderr', () => {
	for (const state of ['Empty', 'Dead']) {
		const g = group({state, members: [], offsets: []});
		for (const chunks of [renderStreamsOffsets([g]), renderStreamsMembers([g])]) {
			assert.equal(stdout(chunks), '');
			assert.match(stderr(chunks), state === 'Empty' ? /Streams group 'app' has no active members\./ : /Streams group 'app' does not exist\./);
		}
	}
	const failed = renderStreamsOffsets([group({error: 'StreamsGroupDescribe failed: timeout'})]);
	assert.match(stderr(failed), /Warning: Streams group 'app' could not be fully described: StreamsGroupDescribe failed: timeout\./);
});

test('hostile ids and topics are escaped before they are laid out: no ESC, no line break, columns stay aligned', () => {
	const g = group({
		groupId: 'a\x1b]0;pwn\x07',
		members: [{memberId: 'm\n1', clientId: 'c\r', host: '/h', assignments: []}],
		offsets: [row('t\x1b[2J', 0, 1n, 2n)],
	});
	g.streams!.members[0]!.memberId = 'm\n1';
	g.streams!.members[0]!.processId = 'p\x1b[31m';
	for (const text of [stdout(renderStreamsOffsets([g])), stdout(renderStreamsMembers([g])), stdout(renderStreamsStates([g], [broker]))]) {
		assert.doesNotMatch(text, /[\x00-\x09\x0b-\x1f\x7f]/);
		assert.equal(text.split('\n').length, 3);
		const [header, line] = text.split('\n');
		assert.equal(header!.indexOf(header!.trim().split(/ +/)[1]!), line!.search(/ \S/) + 1, text);
	}
});
