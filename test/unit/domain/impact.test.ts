import {test} from 'node:test';
import assert from 'node:assert/strict';
import {impactSummary, javaStringHash, killImpact, killNeedsForce, offsetsPartitionFor} from '../../../source/domain/impact.js';
import type {BrokerInfo, GroupInfo, PartitionInfo, TopicInfo} from '../../../source/domain/cluster.js';
import {partition} from '../ui-fixtures.js';

const broker = (id: number, reachable = true): BrokerInfo => ({id, host: '127.0.0.1', port: 9000 + id, rack: null, reachable});
const part = (p: number, replicas: number[], isr = replicas, leader: number | null = isr[0] ?? null) => partition(p, leader, replicas, isr, null, null);
const topic = (name: string, partitions: PartitionInfo[], minInsyncReplicas?: number): TopicInfo => ({
	name,
	internal: name.startsWith('__'),
	partitions,
	...(minInsyncReplicas === undefined ? {} : {minInsyncReplicas}),
});
const group = (groupId: string, coordinator: number | null = null): GroupInfo => ({
	groupId,
	state: 'Stable',
	protocolType: 'consumer',
	coordinator,
	members: [],
	offsets: [],
	totalLag: 0n,
});

// values printed by Java 17: "tower".hashCode() == 110552841, "tower-backup".hashCode() == 1414180102
test('javaStringHash matches Java String.hashCode', () => {
	assert.equal(javaStringHash(''), 0);
	assert.equal(javaStringHash('tower'), 110552841);
	assert.equal(javaStringHash('tower-backup'), 1414180102);
	assert.equal(offsetsPartitionFor('tower', 50), 110552841 % 50);
	assert.equal(offsetsPartitionFor('tower-backup', 50), 1414180102 % 50);
});

test('killing a broker: leaders move to the next in-sync replica, followers shrink the ISR', () => {
	const snapshot = {
		brokers: [broker(3), broker(4), broker(5)],
		topics: [topic('resource', [part(0, [3, 4, 5]), part(1, [4, 5, 3]), part(2, [5, 3, 4], [5, 4])])],
		groups: [],
	};
	const impact = killImpact(snapshot, 3);
	assert.deepEqual(impact.leaderMoves, [{topic: 'resource', partition: 0, from: 3, to: 4}]);
	assert.equal(impact.offline.length, 0);
	assert.equal(impact.isrShrinks, 1); // partition 1 (partition 2 has 3 out of sync already)
	assert.equal(impact.replicas, 3);
	assert.equal(killNeedsForce(impact), null);
	assert.equal(impactSummary(impact), '1 leader moves, 0 partitions go offline');
});

test('RF 1 and ISR == [B] partitions go offline; their groups lose the coordinator', () => {
	const towerPartition = offsetsPartitionFor('tower', 4);
	const offsets = [0, 1, 2, 3].map((p) => part(p, [p === towerPartition ? 3 : 4]));
	const snapshot = {
		brokers: [broker(3), broker(4)],
		topics: [
			topic('__consumer_offsets', offsets),
			topic('orders', [part(0, [3, 4], [3]), part(1, [4, 3])]),
		],
		groups: [group('tower', 3)],
	};
	const impact = killImpact(snapshot, 3);
	const offline = impact.offline.map((o) => `${o.topic}-${o.partition}:${o.reason}`);
	assert.deepEqual(offline.sort(), [`__consumer_offsets-${towerPartition}:replication factor 1`, 'orders-0:only in-sync replica (ISR 3)'].sort());
	assert.deepEqual(impact.coordinators, [{groupId: 'tower', offsetsPartition: towerPartition, effect: 'lost', to: null}]);
	assert.match(killNeedsForce(impact)!, /takes 2 partitions offline/);
	assert.match(impactSummary(impact), /1 group coordinator lost/);
});

test('min.insync.replicas: a partition that stays online but falls under it is reported', () => {
	const snapshot = {
		brokers: [broker(3), broker(4), broker(5)],
		topics: [topic('payments', [part(0, [3, 4, 5], [3, 4]), part(1, [3, 4, 5])], 2)],
		groups: [],
	};
	const impact = killImpact(snapshot, 4);
	assert.deepEqual(
		impact.underMinIsr.map((p) => [p.partition, p.reason]),
		[[0, 'ISR 1 < min.insync.replicas 2']],
	);
	assert.equal(impact.offline.length, 0);
});

test('killing the last reachable broker always needs force; unknown brokers are flagged', () => {
	const snapshot = {brokers: [broker(3), broker(4, false)], topics: [], groups: []};
	const impact = killImpact(snapshot, 3);
	assert.equal(impact.lastReachable, true);
	assert.match(killNeedsForce(impact)!, /last reachable broker/);
	assert.equal(killImpact(snapshot, 9).known, false);
});

test('already offline partitions are not counted again', () => {
	const snapshot = {brokers: [broker(4)], topics: [topic('t', [part(0, [3], [], null)])], groups: []};
	const impact = killImpact({...snapshot, brokers: [broker(3), broker(4)]}, 3);
	assert.equal(impact.offline.length, 0);
});

test('javaStringHash handles negative hashes like Java (abs by masking the sign bit)', () => {
	// "polygenelubricants".hashCode() == Integer.MIN_VALUE in Java
	assert.equal(javaStringHash('polygenelubricants'), -2147483648);
	assert.equal(offsetsPartitionFor('polygenelubricants', 50), 0);
});

test("the operator's topics are listed before internal ones that go offline", () => {
	const snapshot = {
		brokers: [broker(3), broker(4)],
		topics: [topic('__consumer_offsets', [part(0, [4]), part(1, [3])]), topic('orders', [part(0, [4])])],
		groups: [],
	};
	assert.deepEqual(killImpact(snapshot, 4).offline.map((p) => p.topic), ['orders', '__consumer_offsets']);
});
