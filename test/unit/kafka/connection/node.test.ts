// A node's versions exist only on the Link its connect() resolves to, and a connect() that joins an
// attempt under way waits for that attempt's ApiVersions. kafkajs's pool says "connected" as soon as
// the socket is open: a second caller in that window used to see no versions at all, and a live
// broker was reported as speaking no ListOffsets version (its offsets silently dropped).
import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {KjsBroker} from '../../../../source/kafka/kafkajs/broker.js';
import {Node} from '../../../../source/kafka/connection/node.js';

/** kafkajs's Broker as it behaves: socket open at once, ApiVersions answered `ms` later. */
function slowApiVersions(ms: number) {
	let socketOpen = false;
	let connects = 0;
	const broker: KjsBroker = {
		versions: null,
		isConnected: () => socketOpen,
		connect: async () => {
			connects++;
			socketOpen = true;
			await new Promise((r) => setTimeout(r, ms));
			broker.versions = {2: {minVersion: 1, maxVersion: 8}, 3: {minVersion: 0, maxVersion: 12}};
		},
		disconnect: async () => {
			socketOpen = false;
		},
		connectionPool: {send: async <T>() => undefined as T},
	};
	return {broker, connects: () => connects};
}

test('a connect() that arrives while the socket is open but ApiVersions is unanswered gets the versions', async () => {
	const {broker, connects} = slowApiVersions(50);
	const node = new Node('127.0.0.1:9092', broker);
	const first = node.connect();
	await new Promise((r) => setTimeout(r, 5)); // the socket is open now, ApiVersions still in flight
	assert.equal(broker.isConnected(), true);
	const [a, b] = await Promise.all([first, node.connect()]);
	assert.equal(a, b);
	assert.equal(b.pick(2, 2, 5), 5);
	assert.equal(b.supports(3, 12), true);
	assert.equal(connects(), 1, 'the second caller joined the first attempt');
	// connected: the same Link, no new attempt
	assert.equal(await node.connect(), a);
	assert.equal(connects(), 1);
});

test('after the connection dropped, connect() connects again', async () => {
	const {broker, connects} = slowApiVersions(1);
	const node = new Node('127.0.0.1:9092', broker);
	await node.connect();
	await broker.disconnect();
	await node.connect();
	assert.equal(connects(), 2);
});

test('a broker that connects without answering ApiVersions is an error, never a Link without versions', async () => {
	const broker: KjsBroker = {
		versions: null,
		isConnected: () => true,
		connect: async () => {},
		disconnect: async () => {},
		connectionPool: {send: async <T>() => undefined as T},
	};
	const node = new Node('127.0.0.1:9092', broker);
	await assert.rejects(node.connect(), /did not answer ApiVersions/);
	assert.equal(node.error, 'connected, but the broker did not answer ApiVersions');
});
