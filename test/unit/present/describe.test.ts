import {test} from 'node:test';
import assert from 'node:assert/strict';
import {renderTopicsText} from '../../../source/present/topics-text.js';
import {renderGroupMembers, renderGroupOffsets, renderGroupStates, type Chunk} from '../../../source/present/groups-text.js';
import {renderBrokersText} from '../../../source/present/brokers-text.js';
import {describeDocument} from '../../../source/present/describe-json.js';
import {toJson} from '../../../source/present/json.js';
import {degradedSnapshot} from '../describe-fixtures.js';

const stdout = (chunks: Chunk[]) => chunks.filter((c) => c.stream === 'stdout').map((c) => c.text).join('');
const stderr = (chunks: Chunk[]) => chunks.filter((c) => c.stream === 'stderr').map((c) => c.text).join('');

test('topics print exactly like kafka-topics.sh --describe, Leader: none, reassignment, Elr N/A', () => {
	const s = degradedSnapshot();
	const text = renderTopicsText(s.topics.filter((t) => t.name !== '__consumer_offsets'), s.brokers);
	assert.equal(
		text,
		'Topic: resource\tTopicId: nHe7i_N1SNueuc2SLS1mDQ\tPartitionCount: 3\tReplicationFactor: 3\tConfigs: min.insync.replicas=2,retention.ms=60000\n' +
			'\tTopic: resource\tPartition: 0\tLeader: 3\tReplicas: 3,4,5\tIsr: 3,4\tElr: \tLastKnownElr: \n' +
			'\tTopic: resource\tPartition: 1\tLeader: 5\tReplicas: 5,3,4\tIsr: 5\tElr: N/A\tLastKnownElr: N/A\n' +
			'\tTopic: resource\tPartition: 2\tLeader: 4\tReplicas: 4,3,5\tIsr: 4,3,5\tElr: N/A\tLastKnownElr: N/A\n' +
			'Topic: solo\tPartitionCount: 1\tReplicationFactor: 1\tConfigs: \n' +
			'\tTopic: solo\tPartition: 0\tLeader: none\tReplicas: 5\tIsr: 5\tElr: N/A\tLastKnownElr: N/A\n' +
			'Topic: moving\tPartitionCount: 1\tReplicationFactor: 2\tConfigs: \n' +
			'\tTopic: moving\tPartition: 0\tLeader: 3\tReplicas: 3,4,5\tIsr: 3,4,5\tAdding Replicas: 5\tRemoving Replicas: 4\tElr: N/A\tLastKnownElr: N/A\n',
	);
});

test('topics text: a hostile name, id or config is shown escaped on its own line, in the header and every partition line', () => {
	const s = degradedSnapshot();
	const solo = s.topics.find((t) => t.name === 'solo')!;
	const hostile = {...solo, name: 'evil\tPartition: 9\n\u001b]0;owned\u0007', topicId: 'id\r', configs: {'cleanup.policy\u202e': 'delete\nTopic: fake'}};
	const text = renderTopicsText([hostile], s.brokers);
	assert.equal(
		text,
		'Topic: evil\\tPartition: 9\\n\\e]0;owned\\x07\tTopicId: id\\r\tPartitionCount: 1\tReplicationFactor: 1\tConfigs: cleanup.policy\\u202e=delete\\nTopic: fake\n' +
			'\tTopic: evil\\tPartition: 9\\n\\e]0;owned\\x07\tPartition: 0\tLeader: none\tReplicas: 5\tIsr: 5\tElr: N/A\tLastKnownElr: N/A\n',
	);
	assert.equal(hostile.name, 'evil\tPartition: 9\n\u001b]0;owned\u0007', 'the input is not changed');
});

test('filters print only matching partition lines without headers, OR-ed', () => {
	const s = degradedSnapshot();
	const lines = (filters: Parameters<typeof renderTopicsText>[2]) =>
		renderTopicsText(s.topics, s.brokers, filters)
			.split('\n')
			.filter(Boolean)
			.map((l) => l.split('\t').slice(1, 3).join(' '));
	assert.deepEqual(lines({filters: ['unavailable']}), ['Topic: resource Partition: 1', 'Topic: solo Partition: 0']);
	assert.deepEqual(lines({filters: ['under-replicated']}), ['Topic: resource Partition: 0', 'Topic: resource Partition: 1']);
	assert.deepEqual(lines({filters: ['under-replicated', 'unavailable']}), [
		'Topic: resource Partition: 0',
		'Topic: resource Partition: 1',
		'Topic: solo Partition: 0',
	]);
	assert.deepEqual(lines({filters: ['at-min-isr']}), [
		'Topic: __consumer_offsets Partition: 0',
		'Topic: resource Partition: 0',
		'Topic: solo Partition: 0',
	]);
	assert.ok(!renderTopicsText(s.topics, s.brokers, {filters: ['under-min-isr']}).includes('PartitionCount'));
});

test('group offsets: ConsumerGroupCommand columns, widths, dashes and notes', () => {
	const chunks = renderGroupOffsets(degradedSnapshot().groups);
	const out = stdout(chunks);
	const pad = (s: string, n: number) => s.padEnd(n);
	const row = (v: string[]) =>
		[pad(v[0]!, 15), pad(v[1]!, 15), pad(v[2]!, 10), pad(v[3]!, 15), pad(v[4]!, 15), pad(v[5]!, 15), pad(v[6]!, 15), pad(v[7]!, 15), v[8]].join(' ');
	const header = row(['GROUP', 'TOPIC', 'PARTITION', 'CURRENT-OFFSET', 'LOG-END-OFFSET', 'LAG', 'CONSUMER-ID', 'HOST', 'CLIENT-ID']);
	assert.equal(
		out,
		'\n' + header +
			'\n' + row(['tower', 'resource', '0', '7', '10', '3', 'c-1', '/127.0.0.1', 'tower-client']) +
			'\n' + row(['tower', 'resource', '1', '-', '9007199254740993', '-', 'c-1', '/127.0.0.1', 'tower-client']) +
			'\n' +
			'\n' + header +
			'\n' + row(['tower-backup', 'resource', '2', '4', '10', '6', '-', '-', '-']) +
			'\n' +
			"\nError: Consumer group 'gone' does not exist.\n",
	);
	assert.equal(
		stderr(chunks),
		"\nConsumer group 'tower-backup' has no active members.\n\nWarning: Consumer group 'moving-on' is rebalancing.\n",
	);
	// the note comes before its group's table, as the Java tool prints it
	const emptyNote = chunks.findIndex((c) => c.text.includes('no active members'));
	const backupTable = chunks.findIndex((c) => c.text.includes('tower-backup    resource'));
	assert.ok(emptyNote >= 0 && emptyNote < backupTable);
});

test('group --members and --state views', () => {
	const s = degradedSnapshot();
	const members = stdout(renderGroupMembers([s.groups[0]!]));
	assert.equal(
		members,
		'\n' + 'GROUP'.padEnd(15) + ' ' + 'CONSUMER-ID'.padEnd(15) + ' ' + 'HOST'.padEnd(15) + ' ' + 'CLIENT-ID'.padEnd(15) + ' ' + '#PARTITIONS'.padEnd(15) + ' \n' +
			'tower'.padEnd(15) + ' ' + 'c-1'.padEnd(15) + ' ' + '/127.0.0.1'.padEnd(15) + ' ' + 'tower-client'.padEnd(15) + ' ' + '2'.padEnd(15) + ' \n' +
			'tower'.padEnd(15) + ' ' + 'c-2'.padEnd(15) + ' ' + '/127.0.0.1'.padEnd(15) + ' ' + 'tower-client'.padEnd(15) + ' ' + '0'.padEnd(15) + ' \n',
	);
	const state = stdout(renderGroupStates([s.groups[0]!, s.groups[1]!], s.brokers));
	const line = (v: string[]) => `\n${v[0]!.padEnd(15)} ${v[1]!.padEnd(25)} ${v[2]!.padEnd(20)} ${v[3]!.padEnd(20)} ${v[4]}`;
	assert.equal(
		state,
		line(['GROUP', 'COORDINATOR (ID)', 'ASSIGNMENT-STRATEGY', 'STATE', '#MEMBERS']) + line(['tower', '127.0.0.1:9090  (3)', 'range', 'Stable', '2']) + '\n' +
			line(['GROUP', 'COORDINATOR (ID)', 'ASSIGNMENT-STRATEGY', 'STATE', '#MEMBERS']) + line(['tower-backup', '127.0.0.1:9090  (3)', '-', 'Empty', '0']) + '\n',
	);
});

test('brokers table: counts from health, reachability and the connection error', () => {
	const text = renderBrokersText(degradedSnapshot());
	const lines = text.trimEnd().split('\n').map((l) => l.split(/ {2,}/));
	assert.deepEqual(lines[0], ['ID', 'HOST:PORT', 'RACK', 'REACHABLE', 'LEADERS', 'REPLICAS', 'UNDER-REPLICATED', 'ERROR']);
	assert.deepEqual(lines[1], ['3', '127.0.0.1:9090', 'r1', 'yes', '3', '5', '1']);
	assert.deepEqual(lines[2], ['4', '127.0.0.1:9091', '-', 'no', '1', '4', '0', 'connect ECONNREFUSED 127.0.0.1:9091']);
	assert.ok(!/ \n/.test(text), 'no trailing spaces');
});

test('brokers table and JSON: a broker the controller fenced (DescribeCluster v2) reads fenced, with its address', () => {
	const s = degradedSnapshot();
	s.brokers.push({id: 5, host: '127.0.0.1', port: 9092, rack: null, reachable: false, error: 'fenced', registered: false, fenced: true});
	const lines = renderBrokersText(s).trimEnd().split('\n').map((l) => l.split(/ {2,}/));
	assert.deepEqual(lines[3], ['5', '127.0.0.1:9092', '-', 'no', '1', '5', '1', 'fenced']); // the fixture's replicas on 5 stay counted
	const doc = JSON.parse(toJson(describeDocument(s))) as {brokers: Record<string, unknown>[]};
	assert.deepEqual([doc.brokers[2]!['fenced'], doc.brokers[2]!['registered'], doc.brokers[2]!['error']], [true, false, 'fenced']);
	assert.equal('fenced' in doc.brokers[0]!, false, 'absent where the cluster did not say');
});

test('JSON document: contract field names, null leader, exact offsets as numbers', () => {
	const s = degradedSnapshot();
	const doc = JSON.parse(toJson(describeDocument(s))) as Record<string, any>;
	assert.deepEqual(Object.keys(doc.brokers[0]).slice(0, 5), ['id', 'host', 'port', 'rack', 'reachable']);
	const topic = doc.topics.find((t: any) => t.name === 'solo');
	for (const k of ['name', 'internal', 'underReplicated', 'partitions']) assert.ok(k in topic, k);
	assert.deepEqual(Object.keys(topic.partitions[0]).slice(0, 9), [
		'partition', 'leader', 'replicas', 'isr', 'offlineReplicas', 'addingReplicas', 'removingReplicas', 'earliestOffset', 'latestOffset',
	]);
	assert.equal(topic.partitions[0].leader, null);
	assert.equal(topic.partitions[0].latestOffset, null);
	assert.equal(doc.topics.find((t: any) => t.name === 'resource').underReplicated, true);
	const tower = doc.groups[0];
	for (const k of ['groupId', 'state', 'protocolType', 'coordinator', 'members', 'offsets', 'totalLag']) assert.ok(k in tower, k);
	assert.deepEqual(Object.keys(tower.members[0]), ['memberId', 'clientId', 'host', 'assignments']);
	assert.deepEqual(Object.keys(tower.offsets[0]), ['topic', 'partition', 'committed', 'logEnd', 'lag', 'consumerId', 'host', 'clientId']);
	assert.equal(tower.offsets[1].committed, null);
	assert.equal(tower.offsets[1].lag, null);
	assert.equal(tower.totalLag, 3);
	assert.equal(typeof tower.offsets[0].committed, 'number');
	// 2^53 + 1 survives exactly in the text
	assert.match(toJson(describeDocument(s)), /"logEnd": 9007199254740993/);
});
