// The partitions view's ELR column (KIP-966) and its verdict on a leaderless partition.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {PartitionInfo} from '../../../source/domain/cluster.js';
import {elrCell} from '../../../source/present/partitions-rows.js';

const p = (over: Partial<PartitionInfo>): PartitionInfo =>
	({partition: 0, leader: 3, replicas: [3, 4, 5], isr: [3], offlineReplicas: [], addingReplicas: [], removingReplicas: [], earliestOffset: 0n, latestOffset: 0n, ...over}) as PartitionInfo;

test('ELR: eligible replicas, else the last known ones, else "-"; blank when the cluster did not say', () => {
	assert.deepEqual(elrCell(p({})), {text: ''});
	assert.deepEqual(elrCell(p({elr: [4, 5], lastKnownElr: []})), {text: '4,5', tone: undefined});
	assert.deepEqual(elrCell(p({elr: [], lastKnownElr: []})), {text: '-', tone: 'dim'});
	assert.deepEqual(elrCell(p({elr: [], lastKnownElr: [5]})), {text: '- (last 5)', tone: 'dim'});
});

test('a leaderless partition: an eligible replica warns (it can be elected), none is bad', () => {
	assert.equal(elrCell(p({leader: null, isr: [], elr: [5], lastKnownElr: []})).tone, 'warn');
	assert.equal(elrCell(p({leader: null, isr: [], elr: [], lastKnownElr: [5]})).tone, 'bad');
});
