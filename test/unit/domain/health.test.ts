import {test} from 'node:test';
import assert from 'node:assert/strict';
import {clusterHealth, healthCounts, isUnderReplicated, missingBrokers, replicationFactor} from '../../../source/domain/health.js';
import {emptyLagHistory} from '../../../source/domain/lag-history.js';
import {labSnapshot} from '../ui-fixtures.js';
import {degradedSnapshot, partition} from '../describe-fixtures.js';

const refs = (list: {topic: string; partition: number}[]) => list.map((r) => `${r.topic}-${r.partition}`);

test('partition sets follow TopicCommand: under-replicated, unavailable, under/at min ISR', () => {
	const h = clusterHealth(degradedSnapshot());
	assert.equal(h.partitions, 6);
	// resource-0 has 2 of 3 in ISR, resource-1 1 of 3, solo-0 has its only replica in ISR (RF 1)
	assert.deepEqual(refs(h.underReplicated), ['resource-0', 'resource-1']);
	// solo-0 has no leader; resource-1 is led by broker 5, which the cluster no longer lists
	assert.deepEqual(refs(h.unavailable), ['resource-1', 'solo-0']);
	// min.insync.replicas 2 on resource: resource-1 has 1 in ISR; solo-0 has no leader
	assert.deepEqual(refs(h.underMinIsr), ['resource-1', 'solo-0']);
	assert.deepEqual(refs(h.atMinIsr), ['__consumer_offsets-0', 'resource-0', 'solo-0']);
	assert.equal(h.brokersTotal, 2);
	assert.equal(h.brokersReachable, 1);
});

test('per-broker leader and replica counts include ids only seen in replica lists', () => {
	const h = clusterHealth(degradedSnapshot());
	const byId = Object.fromEntries(h.brokers.map((b) => [b.id, b]));
	assert.deepEqual(Object.keys(byId), ['3', '4', '5']);
	assert.equal(byId[3]!.leaders, 3); // __consumer_offsets-0, resource-0, moving-0
	assert.equal(byId[3]!.replicas, 5);
	assert.equal(byId[3]!.underReplicated, 1); // resource-0
	assert.equal(byId[4]!.leaders, 1);
	assert.equal(byId[5]!.leaders, 1);
	assert.equal(byId[5]!.underReplicated, 1); // resource-1
	assert.equal(byId[4]!.outOfSync, 1); // resource-1 replica 4 not in ISR
});

test('during a reassignment the replication factor excludes the replicas being added', () => {
	const p = partition({partition: 0, replicas: [3, 4, 5], isr: [3, 4], addingReplicas: [5], removingReplicas: [4]});
	assert.equal(replicationFactor(p), 2);
	assert.equal(isUnderReplicated(p), false);
	assert.equal(isUnderReplicated({...p, isr: [3]}), true);
});

test('unknown min.insync.replicas leaves a partition out of the min-ISR sets unless it has no leader', () => {
	const snap = degradedSnapshot();
	for (const t of snap.topics) delete t.minInsyncReplicas;
	const h = clusterHealth(snap);
	assert.deepEqual(refs(h.underMinIsr), ['solo-0']);
	assert.deepEqual(h.atMinIsr, []);
});

test('missing brokers: known ones the metadata dropped, and ids only replica lists name; the strip counts them', () => {
	const known = new Map(labSnapshot().brokers.map((b) => [b.id, b]));
	const snap = labSnapshot();
	snap.brokers = snap.brokers.filter((b) => b.id !== 4 && b.id !== 5);
	known.delete(5);
	const missing = missingBrokers(snap, known);
	assert.deepEqual(missing.map((b) => [b.id, b.host, b.reachable]), [[4, known.get(4)!.host, false], [5, '?', false]]);
	assert.match(missing[0]!.error ?? '', /not in the cluster metadata/);
	const counts = healthCounts(snap, emptyLagHistory, missing);
	assert.deepEqual([counts.brokersUp, counts.brokersTotal], [1, 3]);
	assert.equal(healthCounts(snap, emptyLagHistory, missing), counts, 'memoised for the same snapshot, history and missing list');
});
