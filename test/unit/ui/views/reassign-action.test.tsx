// R through the real App: the flow opens on the selected topic, polling pauses while it is open,
// the typed confirmation starts the injected (guarded) reassignment once, progress is shown until
// complete, and leaving refreshes only that topic.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {render} from 'ink-testing-library';
import {App} from '../../../../source/ui/app.js';
import {OperationsProvider, type ReassignOperations} from '../../../../source/ui/operations.js';
import {fakeOperations} from '../../fake-operations.js';
import {setColorLevel} from '../../../../source/ui/theme.js';
import type {ReassignmentPlan} from '../../../../source/domain/reassign-plan.js';
import type {PartitionProgress} from '../../../../source/domain/reassign-progress.js';
import type {SnapshotRequest} from '../../../../source/state/wants.js';
import {labSnapshot, partition} from '../../ui-fixtures.js';
import {tick, until} from '../../../helpers/frames.js';



const withReassign = (reassign: ReassignOperations) => fakeOperations({reassign});

function cluster() {
	const s = labSnapshot();
	s.brokers = s.brokers.map((b) => ({...b, reachable: true, error: undefined}));
	s.topics.push({name: 'moves', internal: false, partitions: [0, 1, 2, 3].map((p) => partition(p, p % 2 ? 4 : 3, p % 2 ? [4, 3] : [3, 4], [3, 4]))});
	return s;
}

/** One progress row of a plan entry. */
function row(e: {topic: string; partition: number; replicas: number[]}, state: PartitionProgress['state'], current = e.replicas): PartitionProgress {
	return {topic: e.topic, partition: e.partition, state, current, target: e.replicas, adding: [], removing: [], bytesDone: null, bytesTotal: null, rate: null, etaSeconds: null};
}

/** From the partitions of moves: R, the default targets, the preview, a throttle (empty = none), the typed word. */
async function startFlow(lastFrame: () => string | undefined, stdin: {write: (s: string) => void}, throttle: string): Promise<void> {
	await until(lastFrame, /Brokers 3/);
	stdin.write(':topic moves\r');
	await until(lastFrame, /Partitions of moves/);
	stdin.write('R');
	await until(lastFrame, /1 targets/);
	await tick(100); // the view subscribes to keys once it is mounted
	stdin.write('\r');
	await until(lastFrame, /partitions change/);
	stdin.write('\r');
	await until(lastFrame, /Throttle per broker/);
	stdin.write(`${throttle}\r`);
	await until(lastFrame, throttle ? /Type 'reassign'/ : /without a throttle/);
	stdin.write('reassign\r');
}

test('R: targets, preview, throttle, typed confirmation, progress; polling paused meanwhile, then only the topic refreshes', async () => {
	setColorLevel(0);
	const requests: SnapshotRequest[] = [];
	const source = {
		snapshot: async (r?: SnapshotRequest) => {
			requests.push(r ?? {});
			return cluster();
		},
	};
	const started: Array<[ReassignmentPlan, number | null]> = [];
	let progressCalls = 0;
	let finished = 0;
	const operations = withReassign({
		start: async (plan, throttle) => {
			started.push([plan, throttle]);
			return {text: `started ${plan.partitions.length} move(s)`, planFile: '/tmp/plan.json'};
		},
		progress: async (plan) => {
			progressCalls++;
			const done = progressCalls >= 2;
			const partitions: PartitionProgress[] = plan.partitions.map((e) => ({
				topic: e.topic, partition: e.partition, state: done ? 'done' : 'moving', current: e.replicas, target: e.replicas,
				adding: [], removing: [], bytesDone: done ? null : 50n, bytesTotal: done ? null : 100n, rate: null, etaSeconds: null,
			}));
			return {partitions};
		},
		clearThrottles: async () => {
			assert.ok(progressCalls >= 2, 'the throttles go only after a reading where nothing moves');
			finished++;
			return 'removed';
		},
		cancel: async () => assert.fail('nothing is cancelled here'),
	});
	const {lastFrame, stdin, unmount} = render(
		<OperationsProvider operations={operations}>
			<App source={source} refreshMs={150} readOnly={false} width={120} height={30} />
		</OperationsProvider>,
	);
	try {
		await until(lastFrame, /Brokers 3/);
		stdin.write(':topics\r');
		await until(lastFrame, /Topics/);
		stdin.write('/moves\r');
		await until(lastFrame, /moves/);
		stdin.write('R');
		await until(lastFrame, /1 targets/);
		const before = requests.length;
		await tick(600);
		assert.equal(requests.length, before, 'no poll while the flow is open');
		assert.match(lastFrame() ?? '', /polling paused: reassign moves/);
		stdin.write('\r');
		const preview = await until(lastFrame, /partitions change/);
		assert.match(preview, /onto \[3,4,5\]/);
		stdin.write('\r');
		await until(lastFrame, /Throttle per broker/);
		stdin.write('1MB/s\r');
		await until(lastFrame, /Type 'reassign'/);
		stdin.write('reassign\r');
		await until(lastFrame, /complete; throttles: removed/);
		assert.equal(started.length, 1, 'started once');
		assert.equal(finished, 1, 'the throttle step ran once');
		assert.equal(started[0]![1], 1_000_000);
		assert.deepEqual([...new Set(started[0]![0].partitions.map((e) => e.topic))], ['moves']);
		assert.equal(requests.length, before, 'still no cluster poll during the progress');
		stdin.write('\x1b');
		await until(lastFrame, /Topics/);
		const deadline = Date.now() + 2000;
		while (requests.length === before && Date.now() < deadline) await tick(30);
		assert.deepEqual(requests[before], {topics: ['moves'], offsets: {topics: ['moves']}, groups: false, configs: {topics: ['moves']}, quorum: true, features: true}, 'the first poll afterwards reads only the moved topic (and the quorum, for the strip)');
		await tick(400);
		assert.ok(requests.length > before + 1, 'the cadence resumes');
		assert.notEqual(requests[requests.length - 1]!.groups, false, 'and reads groups again');
	} finally {
		unmount();
	}
});

test('R: partitions that end NOT as planned are not called complete; the throttles go once nothing moves', async () => {
	setColorLevel(0);
	const source = {snapshot: async () => cluster()};
	let progressCalls = 0;
	const finished: ReassignmentPlan[] = [];
	const operations = withReassign({
		start: async () => ({text: 'started', planFile: '/tmp/plan.json'}),
		progress: async (plan) => {
			progressCalls++;
			// the first reading moves; then p1 ends on other replicas than the plan's
			const partitions = plan.partitions.map((e) =>
				progressCalls === 1 ? row(e, 'moving') : e.partition === 1 ? row(e, 'differs', [4, 3]) : row(e, 'done'),
			);
			return {partitions};
		},
		clearThrottles: async (plan) => {
			finished.push(plan);
			return 'removed';
		},
		cancel: async () => assert.fail('nothing is cancelled here'),
	});
	const {lastFrame, stdin, unmount} = render(
		<OperationsProvider operations={operations}>
			<App source={source} refreshMs={100} readOnly={false} width={120} height={30} />
		</OperationsProvider>,
	);
	try {
		await startFlow(lastFrame, stdin, '1MB/s');
		const frame = await until(lastFrame, /finished, 1 of 4 partition\(s\) NOT as planned; throttles: removed/);
		assert.doesNotMatch(frame, /complete/);
		assert.match(frame, /3\/4 partitions done, 1 NOT as planned/);
		assert.match(frame, /p1 {2}NOT as planned/);
		assert.equal(finished.length, 1, 'the throttle step ran once');
		const calls = progressCalls;
		await tick(300);
		assert.equal(progressCalls, calls, 'polling stopped');
	} finally {
		unmount();
	}
});

test('R, then c and y: the moves still running are cancelled once, progress stops; any other key keeps them', async () => {
	setColorLevel(0);
	const source = {snapshot: async () => cluster()};
	let progressCalls = 0;
	const cancelled: ReassignmentPlan[] = [];
	const operations = withReassign({
		start: async () => ({text: 'started', planFile: '/tmp/plan.json'}),
		progress: async (plan) => {
			progressCalls++;
			return {partitions: plan.partitions.map((e) => row(e, 'moving'))};
		},
		clearThrottles: async () => assert.fail('nothing finishes here'),
		cancel: async (plan) => {
			cancelled.push(plan);
			return 'cancelled 2 move(s); throttles: removed';
		},
	});
	const {lastFrame, stdin, unmount} = render(
		<OperationsProvider operations={operations}>
			<App source={source} refreshMs={100} readOnly={false} width={120} height={30} />
		</OperationsProvider>,
	);
	try {
		await startFlow(lastFrame, stdin, '');
		await until(lastFrame, /c cancels the moves still running/);
		stdin.write('c');
		await until(lastFrame, /y cancels \(the replicas go back\)/);
		stdin.write('n');
		await until(lastFrame, /c cancels the moves still running/);
		assert.equal(cancelled.length, 0, 'n keeps the moves');
		stdin.write('c');
		await until(lastFrame, /y cancels/);
		stdin.write('y');
		await until(lastFrame, /cancelled 2 move\(s\); throttles: removed — esc goes back/);
		assert.equal(cancelled.length, 1);
		assert.deepEqual([...new Set(cancelled[0]!.partitions.map((e) => e.topic))], ['moves']);
		const calls = progressCalls;
		await tick(400);
		assert.equal(progressCalls, calls, 'no progress polling after the cancel');
		stdin.write('c');
		stdin.write('y');
		await tick(150);
		assert.equal(cancelled.length, 1, 'nothing more to cancel');
	} finally {
		unmount();
	}
});

test('read-only: R is not bound and :reassign is refused', async () => {
	setColorLevel(0);
	const source = {snapshot: async () => cluster()};
	const {lastFrame, stdin, unmount} = render(<App source={source} refreshMs={60_000} readOnly={true} width={120} height={30} />);
	try {
		await until(lastFrame, /Brokers 3/);
		stdin.write(':topics\r');
		await until(lastFrame, /Topics/);
		stdin.write('R');
		await tick(100);
		assert.doesNotMatch(lastFrame() ?? '', /Reassign/);
		stdin.write(':reassign moves\r');
		await until(lastFrame, /read-only mode: :reassign is not available/);
	} finally {
		unmount();
	}
});
