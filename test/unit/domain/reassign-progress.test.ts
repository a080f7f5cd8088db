// What a reassignment plan comes to: moving while any partition moves, complete only when every
// partition is as planned, differs when nothing moves but some partition is not; a differing read
// is taken again (a bounded number of times) before it counts.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {planSummary, reassignProgress, settledProgress, summaryText, type PartitionProgress, type PartitionState} from '../../../source/domain/reassign-progress.js';
import type {TopicInfo} from '../../../source/domain/cluster.js';
import {partition} from '../ui-fixtures.js';

const row = (p: number, state: PartitionState): PartitionProgress => ({
	topic: 'moves', partition: p, state, current: state === 'differs' ? [4, 3] : [3, 5], target: [3, 5],
	adding: [], removing: [], bytesDone: null, bytesTotal: null, rate: null, etaSeconds: null,
});
const rows = (...states: PartitionState[]) => states.map((s, i) => row(i, s));

test('complete only when every partition is as planned; a differing one is not done', () => {
	assert.deepEqual(planSummary(rows('done', 'done')), {outcome: 'complete', moving: 0, done: 2, differs: 0, total: 2});
	assert.equal(planSummary(rows('done', 'moving', 'differs')).outcome, 'moving', 'anything moving: still moving');
	assert.deepEqual(planSummary(rows('done', 'differs', 'done', 'done', 'done', 'differs')), {outcome: 'differs', moving: 0, done: 4, differs: 2, total: 6});
	assert.equal(summaryText(planSummary(rows('done', 'differs', 'done'))), 'finished, 1 of 3 partition(s) NOT as planned');
	assert.equal(summaryText(planSummary(rows('done', 'done'))), 'reassignment complete for all 2 partitions');
	assert.equal(summaryText(planSummary(rows('moving', 'done'))), '1 of 2 partition(s) still moving');
});

test('a partition is done only with the replicas of the plan, in the plan order', () => {
	const topics: TopicInfo[] = [{name: 'moves', internal: false, partitions: [partition(0, 3, [3, 5], [3, 5]), partition(1, 5, [5, 3], [3, 5]), partition(2, 3, [3, 4, 5], [3, 4, 5])]}];
	const plan = {version: 1 as const, partitions: [0, 1, 2].map((p) => ({topic: 'moves', partition: p, replicas: [3, 5]}))};
	const progress = reassignProgress(plan, topics, [], new Map(), new Map(), 0);
	assert.deepEqual(progress.map((p) => p.state), ['done', 'differs', 'differs'], 'another order or an extra replica is not the plan');
});

test('a differing read with nothing moving is read again, at most freshReads times, and the last read counts', async () => {
	const sleeps: number[] = [];
	const sleep = async (ms: number) => void sleeps.push(ms);
	// stale metadata: the second read agrees with the plan
	const stale = [rows('done', 'differs'), rows('done', 'done')];
	const settled = await settledProgress(async (n) => stale[n]!, {freshReads: 3, delayMs: 250, sleep});
	assert.equal(settled.reads, 2);
	assert.equal(planSummary(settled.partitions).outcome, 'complete');
	assert.deepEqual(sleeps, [250]);
	// it really differs: 1 + 3 reads, then it counts as differs
	let reads = 0;
	const wrong = await settledProgress(async () => (reads++, rows('done', 'differs')), {freshReads: 3, delayMs: 0, sleep});
	assert.equal(reads, 4, 'bounded');
	assert.equal(planSummary(wrong.partitions).outcome, 'differs');
	// moving or complete: one read, no waiting
	for (const states of [rows('moving', 'differs'), rows('done', 'done')]) {
		let n = 0;
		await settledProgress(async () => (n++, states), {sleep: async () => assert.fail('no wait')});
		assert.equal(n, 1);
	}
});
