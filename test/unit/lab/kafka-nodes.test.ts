// Lab planning (pure): node ids, roles and ports of both topologies; Kafka-style Uuids.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {kafkaUuid, planNodes} from '../../../source/lab/kafka-nodes.js';

test('lab topology: controllers 0,1,2 on base+10000…, brokers 3,4,5 on base…base+2', () => {
	const nodes = planNodes('lab', 9090, '/tmp/x/lab');
	assert.deepEqual(
		nodes.map((n) => [n.id, n.name, n.roles.join('+'), n.port, n.controllerPort]),
		[
			[0, 'controller0', 'controller', null, 19090],
			[1, 'controller1', 'controller', null, 19091],
			[2, 'controller2', 'controller', null, 19092],
			[3, 'broker0', 'broker', 9090, null],
			[4, 'broker1', 'broker', 9091, null],
			[5, 'broker2', 'broker', 9092, null],
		],
	);
	assert.ok(nodes.every((n) => n.host === '127.0.0.1' && n.marker === n.configFile));
});

test('combined topology: nodes 3,4,5 are broker+controller', () => {
	const nodes = planNodes('combined', 29090, '/tmp/x/lab');
	assert.deepEqual(
		nodes.map((n) => [n.id, n.roles.join('+'), n.port, n.controllerPort]),
		[
			[3, 'broker+controller', 29090, 39090],
			[4, 'broker+controller', 29091, 39091],
			[5, 'broker+controller', 29092, 39092],
		],
	);
});

test('kafkaUuid: 22 URL-safe base64 characters, never starting with "-"', () => {
	for (let i = 0; i < 200; i++) {
		const id = kafkaUuid();
		assert.match(id, /^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
	}
});
