import {test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {render} from 'ink-testing-library';
import {ReassignFlow, progressLine, type ReassignFlowProps} from '../../../../source/ui/views/action-reassign.js';
import {setColorLevel} from '../../../../source/ui/theme.js';
import {reassignProgress} from '../../../../source/domain/reassign-progress.js';
import type {TopicInfo} from '../../../../source/domain/cluster.js';
import {partition} from '../../ui-fixtures.js';

function frame(props: Partial<ReassignFlowProps>): string {
	setColorLevel(0);
	const {lastFrame, unmount} = render(<ReassignFlow topic="moves" step="targets" brokers={[3, 4, 5]} targets={[3, 4, 5]} width={80} height={20} {...props} />);
	const out = lastFrame()!;
	unmount();
	return out;
}

const part = (p: number, replicas: number[]) => partition(p, replicas[0]!, replicas, replicas, null, null);

test('reassign flow: target picker, preview of moves, execute warning', () => {
	const targets = frame({step: 'targets', targets: [3, 5], cursor: 4});
	assert.match(targets, /1 targets +› +2 preview/);
	assert.match(targets, /\[x\] broker 3/);
	assert.match(targets, /› \[ \] broker 4/);
	const preview = frame({step: 'preview', moves: [{partition: 0, from: [3, 4], to: [3, 5]}, {partition: 1, from: [4, 3], to: [4, 3]}], replicaMoves: 1});
	assert.match(preview, /1 of 2 partitions change, 1 replica move\(s\) onto \[3,4,5\]/);
	assert.match(preview, /p0 {2}\[3,4\] → \[3,5\]/);
	assert.doesNotMatch(preview, /p1 /);
	assert.match(frame({step: 'execute', throttle: 10_000_000}), /Move moves onto \[3,4,5\] at 10000000 B\/s/);
});

test('progress rows: bytes from log dir sizes, ETA from two samples, done and differs', () => {
	const topics: TopicInfo[] = [{name: 'moves', internal: false, partitions: [part(0, [3, 4, 5]), part(1, [4, 3]), part(2, [3, 4])]}];
	const plan = {
		version: 1 as const,
		partitions: [
			{topic: 'moves', partition: 0, replicas: [3, 5]},
			{topic: 'moves', partition: 1, replicas: [4, 3]},
			{topic: 'moves', partition: 2, replicas: [5, 4]},
		],
	};
	const ongoing = [{topic: 'moves', partition: 0, replicas: [3, 4, 5], addingReplicas: [5], removingReplicas: [4]}];
	const k = (b: number) => `moves\u00000\u0000${b}`;
	const first = new Map([[k(3), 1000n], [k(5), 200n]]);
	const second = new Map([[k(3), 1000n], [k(5), 400n]]);
	const progress = reassignProgress(plan, topics, ongoing, first, second, 1);
	assert.deepEqual(progress.map((p) => p.state), ['moving', 'done', 'differs']);
	assert.equal(progress[0]!.bytesDone, 400n);
	assert.equal(progress[0]!.bytesTotal, 1000n);
	assert.equal(progress[0]!.rate, 200);
	assert.equal(progress[0]!.etaSeconds, 3);
	assert.match(progressLine(progress[0]!), /p0 {2}moving \[3,4,5\] → \[3,5\] ████░░░░░░ 40\.0% ETA 3 s/);
	const out = frame({step: 'progress', progress});
	assert.match(out, /1\/3 partitions done/);
	assert.match(out, /p2 {2}NOT as planned: \[3,4\] vs \[5,4\]/);
});
