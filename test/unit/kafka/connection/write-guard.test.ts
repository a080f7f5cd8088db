// Read-only mode refuses every cluster-changing request kcon sends, where it is sent: each write API
// is refused before a connection is opened (a listening loopback server counts the connections).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {createRequire} from 'node:module';
import {ReadOnlyError} from '../../../../source/errors.js';
import {guardRequest, KCON_WRITE_APIS, READ_APIS} from '../../../../source/kafka/connection/write-guard.js';
import {BrokerLink} from '../../../../source/kafka/connection/broker-link.js';
import {ClusterActions, OP_SET, RESOURCE_BROKER, RESOURCE_TOPIC} from '../../../../source/kafka/actions/cluster-actions.js';
import {electLeaders} from '../../../../source/kafka/codec/elect-leaders.js';
import {incrementalAlterConfigs} from '../../../../source/kafka/codec/incremental-alter-configs.js';
import {alterPartitionReassignments} from '../../../../source/kafka/codec/alter-partition-reassignments.js';
import {listPartitionReassignments} from '../../../../source/kafka/codec/list-partition-reassignments.js';
import {describeLogDirs} from '../../../../source/kafka/codec/describe-log-dirs.js';
import {offsetCommitRequest} from '../../../../source/kafka/codec/offset-commit.js';
import {offsetDeleteRequest} from '../../../../source/kafka/codec/offset-delete.js';
import {deleteGroupsRequest} from '../../../../source/kafka/codec/delete-groups.js';
import {createTopics} from '../../../../source/kafka/codec/create-topics.js';
import {deleteTopics} from '../../../../source/kafka/codec/delete-topics.js';
import {createPartitions} from '../../../../source/kafka/codec/create-partitions.js';
import {ApiKey} from '../../../../source/kafka/codec/request.js';
import {tailGroupBatches} from '../../../../source/kafka/tail/tail-group.js';
import type {Settings} from '../../../../source/config/settings.js';
import type {WireRequest as Protocol} from '../../../../source/kafka/codec/request.js';

const require = createRequire(import.meta.url);
const kafkajsKeys = require('kafkajs/src/protocol/requests/apiKeys.js') as Record<string, number>;

/** A loopback server that only counts who connects; kcon must never reach it in these tests. */
async function listener(): Promise<{address: string; connections: () => number; close: () => Promise<void>}> {
	let count = 0;
	const sockets = new Set<net.Socket>();
	const server = net.createServer((s) => {
		count++;
		sockets.add(s);
		s.on('error', () => {});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as net.AddressInfo;
	return {
		address: `127.0.0.1:${port}`,
		connections: () => count,
		close: () => {
			for (const s of sockets) s.destroy();
			return new Promise((resolve) => server.close(() => resolve()));
		},
	};
}

const isReadOnlyRefusal = (error: unknown) => error instanceof ReadOnlyError && error.exitCode === 3 && /^read-only mode: refusing /.test(error.message);

test('every cluster-changing API kcon sends is refused in read-only mode and passes otherwise', () => {
	assert.ok(KCON_WRITE_APIS.size >= 8);
	for (const [apiKey, apiName] of KCON_WRITE_APIS) {
		assert.ok(!READ_APIS.has(apiKey), `${apiName} is not declared a read`);
		assert.throws(() => guardRequest({readOnly: true, context: 'prod'}, {apiKey, apiName}), (e) => isReadOnlyRefusal(e) && (e as Error).message.includes(`${apiName} (API key ${apiKey})`) && (e as Error).message.endsWith("(context 'prod')"));
		assert.doesNotThrow(() => guardRequest({readOnly: false}, {apiKey, apiName}));
	}
	// the names match kafkajs's own table for the keys its consumer sends under `tail --group`
	for (const name of ['JoinGroup', 'SyncGroup', 'Heartbeat', 'OffsetCommit', 'LeaveGroup']) {
		assert.equal(KCON_WRITE_APIS.get(kafkajsKeys[name]!), name);
	}
});

test('an API nobody declared a read is refused: every kafkajs request but the reads', () => {
	const refused = Object.entries(kafkajsKeys).filter(([, key]) => !READ_APIS.has(key));
	// Produce, CreateTopics, DeleteTopics, DeleteRecords, AlterConfigs, DeleteGroups, … and the group/transaction APIs
	assert.ok(refused.length >= 30, `${refused.length} refused`);
	for (const [apiName, apiKey] of refused) {
		assert.throws(() => guardRequest({readOnly: true}, {apiKey, apiName}), isReadOnlyRefusal, apiName);
	}
	assert.throws(() => guardRequest({readOnly: true}, {apiKey: 9999, apiName: 'FromTheFuture'}), isReadOnlyRefusal);
});

test('every request the gateway, the tail and verify/list send is a read, so read-only mode keeps them', () => {
	const reads = [...Object.values(ApiKey), kafkajsKeys['Fetch']!, listPartitionReassignments(null).request.apiKey, describeLogDirs(null).request.apiKey];
	for (const key of reads) assert.ok(READ_APIS.has(key), `API key ${key} is a read`);
});

const writeRequests: Array<[string, Protocol<unknown>]> = [
	['ElectLeaders', electLeaders({topicPartitions: null}) as Protocol<unknown>],
	['IncrementalAlterConfigs', incrementalAlterConfigs([{type: RESOURCE_TOPIC, name: 't', configs: [{name: 'retention.ms', op: OP_SET, value: '1'}]}]) as Protocol<unknown>],
	['AlterPartitionReassignments', alterPartitionReassignments([{topic: 't', partition: 0, replicas: [1]}], 1000) as Protocol<unknown>],
	['OffsetCommit', offsetCommitRequest('g', [{topic: 't', partition: 0, offset: 0n}]) as Protocol<unknown>],
	['OffsetDelete', offsetDeleteRequest('g', [{topic: 't', partitions: [0]}]) as Protocol<unknown>],
	['DeleteGroups', deleteGroupsRequest(['g']) as Protocol<unknown>],
];

test('BrokerLink refuses each write request of source/kafka/codec before it connects', async () => {
	const server = await listener();
	try {
		for (const [name, protocol] of writeRequests) {
			assert.equal(KCON_WRITE_APIS.get(protocol.request.apiKey), name);
			const link = new BrokerLink(server.address, {readOnly: true});
			await assert.rejects(link.send(protocol), isReadOnlyRefusal, name);
			await link.close();
		}
		assert.equal(server.connections(), 0, 'nothing connected');
	} finally {
		await server.close();
	}
});

test('ClusterActions in read-only mode: elect, reassign and config changes are refused, nothing connects', async () => {
	const server = await listener();
	const settings: Settings = {brokers: [server.address], readOnly: true, source: 'flag'};
	const actions = new ClusterActions(settings, {brokers: [{id: 1, host: '127.0.0.1', port: Number(server.address.split(':')[1]), rack: null, reachable: true}]});
	try {
		await assert.rejects(actions.electPreferred(null), isReadOnlyRefusal);
		await assert.rejects(actions.alterReassignments([{topic: 't', partition: 0, replicas: null}]), isReadOnlyRefusal);
		await assert.rejects(actions.alterConfigs([{type: RESOURCE_BROKER, name: '1', configs: [{name: 'leader.replication.throttled.rate', op: OP_SET, value: '1'}]}]), isReadOnlyRefusal);
		await assert.rejects(actions.alterConfigs([{type: RESOURCE_TOPIC, name: 't', configs: [{name: 'retention.ms', op: OP_SET, value: '1'}]}]), isReadOnlyRefusal);
		assert.equal(server.connections(), 0, 'nothing connected');
	} finally {
		await actions.close();
		await server.close();
	}
});

test('tail --group in read-only mode: refused before the group consumer (or anything) connects', async () => {
	const server = await listener();
	try {
		const batches = tailGroupBatches({brokers: [server.address], readOnly: true}, {topic: 't', groupId: 'g', fromBeginning: true});
		await assert.rejects(batches.next(), (e) => isReadOnlyRefusal(e) && /join group 'g'/.test((e as Error).message));
		assert.equal(server.connections(), 0, 'nothing connected');
	} finally {
		await server.close();
	}
});

// Where kcon can send a Kafka request or make a kafkajs client, and what keeps each to the rule.
// A new place fails this test until it is added here with its reason, so no write path is forgotten.
const senders: Record<string, string> = {
	'source/kafka/connection/transport.ts': 'sendRequest: guardRequest before the request leaves; the gateway (read-only), BrokerLink and the tail\'s Fetch all send through it',
	'source/kafka/tail/tail-group.ts': 'tail --group: refuseWrites before the admin (reads) and the consumer (joins, commits)',
	'source/kafka/produce/producer.ts': 'kcon produce: refuseWrites before the producer is made; its sockets (client-config, guarded by the settings) refuse Produce in read-only mode too',
	'source/kafka/lab-clients.ts': "the lab's own producers and consumers, on the cluster kcon lab up started",
};

test('every place that sends Kafka requests or makes a kafkajs client is known and guarded', () => {
	const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', '..');
	const found = new Set<string>();
	const walk = (dir: string) => {
		for (const entry of fs.readdirSync(path.join(root, dir), {withFileTypes: true})) {
			const rel = `${dir}/${entry.name}`;
			if (entry.isDirectory()) walk(rel);
			else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
				const text = fs.readFileSync(path.join(root, rel), 'utf8');
				if (/connectionPool\.send|\.(consumer|producer|admin)\(/.test(text)) found.add(rel);
			}
		}
	};
	walk('source');
	assert.deepEqual([...found].sort(), Object.keys(senders).sort());
	const transport = fs.readFileSync(path.join(root, 'source/kafka/connection/transport.ts'), 'utf8');
	assert.ok(transport.indexOf('guardRequest(') < transport.indexOf('connectionPool.send'), 'BrokerLink checks before it sends');
	const group = fs.readFileSync(path.join(root, 'source/kafka/tail/tail-group.ts'), 'utf8');
	assert.ok(group.indexOf('refuseWrites(') < group.indexOf('kafka.admin()'), 'tail --group refuses before it connects');
});

test('group writes in read-only mode: reset --execute, delete and delete-offsets are refused before anything connects', async () => {
	const {resetOffsets} = await import('../../../../source/ops/group-reset-offsets.js');
	const {deleteGroup} = await import('../../../../source/ops/group-delete.js');
	const {deleteGroupOffsets} = await import('../../../../source/ops/group-delete-offsets.js');
	const server = await listener();
	const settings: Settings = {brokers: [server.address], readOnly: true, source: 'flag'};
	const previous = process.env['KCON_STATE_DIR'];
	process.env['KCON_STATE_DIR'] = fs.mkdtempSync(path.join((await import('node:os')).tmpdir(), 'kcon-guard-'));
	try {
		await assert.rejects(resetOffsets(settings, {groupId: 'g', scope: {all: true}, target: {kind: 'earliest'}, execute: true}), isReadOnlyRefusal);
		await assert.rejects(deleteGroup(settings, {groupId: 'g'}), isReadOnlyRefusal);
		await assert.rejects(deleteGroupOffsets(settings, {groupId: 'g', topics: [{topic: 't', partitions: null}]}), isReadOnlyRefusal);
		assert.equal(server.connections(), 0, 'nothing connected');
	} finally {
		if (previous === undefined) delete process.env['KCON_STATE_DIR'];
		else process.env['KCON_STATE_DIR'] = previous;
		await server.close();
	}
});

test('the topic writes (CreateTopics, DeleteTopics, CreatePartitions) are writes: refused in read-only before connecting, allowed otherwise', async () => {
	const topicWrites: Array<[string, Protocol<unknown>]> = [
		['CreateTopics', createTopics([{name: 't', partitions: 1, replicationFactor: 1, assignment: [], configs: []}], {validateOnly: true}) as Protocol<unknown>],
		['DeleteTopics', deleteTopics(['t']) as Protocol<unknown>],
		['CreatePartitions', createPartitions([{topic: 't', count: 2, assignments: null}], {validateOnly: true}) as Protocol<unknown>],
	];
	const server = await listener();
	try {
		for (const [name, protocol] of topicWrites) {
			assert.equal(KCON_WRITE_APIS.get(protocol.request.apiKey), name);
			assert.ok(!READ_APIS.has(protocol.request.apiKey), `${name} is not a read`);
			assert.doesNotThrow(() => guardRequest({readOnly: false}, protocol.request));
			const link = new BrokerLink(server.address, {readOnly: true});
			// even validateOnly is refused: read-only sends nothing that could change the cluster
			await assert.rejects(link.send(protocol), isReadOnlyRefusal, name);
			await link.close();
		}
		assert.equal(server.connections(), 0, 'nothing connected');
	} finally {
		await server.close();
	}
});
