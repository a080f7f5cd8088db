// The console's `X` flow through the real App: X on a group picks a target, the dry run's plan is
// shown per partition, typing the group id executes exactly the target previewed; a group with
// members is refused with the reason and nothing runs; esc cancels; read-only binds nothing.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {render} from 'ink-testing-library';
import {App} from '../../../../source/ui/app.js';
import {OperationsProvider, type Operations} from '../../../../source/ui/operations.js';
import {fakeOperations} from '../../fake-operations.js';
import {setColorLevel} from '../../../../source/ui/theme.js';
import {labSnapshot} from '../../ui-fixtures.js';
import {tick, until} from '../../../helpers/frames.js';
import type {PlannedOffset, ResetTarget} from '../../../../source/domain/offset-reset.js';
import {planRows, targetOf} from '../../../../source/ui/views/reset-flow.js';

const planned = (topic: string, partition: number, committed: bigint | null, offset: bigint, latest: bigint): PlannedOffset => ({
	topic,
	partition,
	requested: offset,
	offset,
	committed,
	earliest: 0n,
	latest,
});

function mount(operations: Operations | null, readOnly = false) {
	setColorLevel(0);
	const source = {snapshot: async () => labSnapshot()};
	return render(
		<OperationsProvider operations={operations}>
			<App source={source} refreshMs={60_000} readOnly={readOnly} view="groups" width={120} height={30} />
		</OperationsProvider>,
	);
}

async function type(stdin: {write(s: string): void}, text: string) {
	for (const ch of text) {
		stdin.write(ch);
		await tick(20);
	}
}

/** The groups view with the cursor on `group` (the fixture lists tower, then tower-backup). */
async function onGroup(frame: () => string | undefined, stdin: {write(s: string): void}, group: 'tower' | 'tower-backup') {
	await until(frame, /tower-backup/);
	if (group === 'tower-backup') {
		stdin.write('j');
		await tick();
	}
}

test('X: to offset N previews that target, typing the group id executes exactly it, then the flash says so', async () => {
	const previews: [string, ResetTarget][] = [];
	const resets: [string, ResetTarget][] = [];
	const operations = fakeOperations({
		groups: {
			previewReset: async (group, target) => {
				previews.push([group, target]);
				return [planned('resource', 0, 700n, 1000n, 1200n), planned('resource', 1, 700n, 1000n, 1210n), planned('x\x1b[31mred', 0, null, 1000n, 1000n)];
			},
			resetOffsets: async (group, target) => {
				resets.push([group, target]);
				return `group ${group}: 3 partition offset(s) committed`;
			},
		},
	});
	const {lastFrame, stdin, unmount} = mount(operations);
	try {
		await onGroup(lastFrame, stdin, 'tower-backup');
		stdin.write('X');
		await until(lastFrame, /Reset the offsets of group tower-backup/);
		// the view reads keys once it has mounted
		await tick();
		assert.match(lastFrame()!, /5 to a date and time/);
		stdin.write('3');
		await until(lastFrame, /to offset N \(e\.g\. 1200\)/);
		await tick();
		await type(stdin, '1000');
		stdin.write('\r');
		const plan = await until(lastFrame, /Type tower-backup and press enter/);
		await tick();
		assert.deepEqual(previews, [['tower-backup', {kind: 'offset', offset: 1000n}]]);
		assert.match(plan, /TOPIC +PARTITION +CURRENT +NEW +LAG AFTER/);
		assert.match(plan, /resource +0 +700 +1000 +200/);
		assert.match(plan, /resource +1 +700 +1000 +210/);
		assert.match(plan, /x\\e\[31mred +0 +- +1000 +0/, 'a hostile topic name is shown escaped');
		assert.doesNotMatch(plan, /\x1b\[31m/);
		assert.deepEqual(resets, [], 'nothing runs before the confirmation');
		await type(stdin, 'tower');
		stdin.write('\r');
		await until(lastFrame, /'tower' is not 'tower-backup'/);
		assert.deepEqual(resets, []);
		// one chunk, as a paste or a fast terminal delivers it: split into keys by the prompt
		stdin.write('-backup\r');
		await until(lastFrame, /group tower-backup: 3 partition offset\(s\) committed/);
		assert.deepEqual(resets, [['tower-backup', {kind: 'offset', offset: 1000n}]]);
		assert.match(lastFrame()!, /Groups/, 'back on the groups view');
	} finally {
		unmount();
	}
});

test('X on a group with members: the dry run\'s refusal is shown, the typed id runs nothing', async () => {
	const resets: string[] = [];
	const refusal = "offsets can be reset only when the group 'tower' is inactive, but the current state is Stable (1 member); stop its consumers first";
	const operations = fakeOperations({
		groups: {
			previewReset: async () => {
				throw new Error(refusal);
			},
			resetOffsets: async (group) => {
				resets.push(group);
				return 'reset';
			},
		},
	});
	const {lastFrame, stdin, unmount} = mount(operations);
	try {
		await onGroup(lastFrame, stdin, 'tower');
		stdin.write('X');
		await until(lastFrame, /Reset the offsets of group tower:/);
		await tick();
		stdin.write('1');
		const frame = await until(lastFrame, /offsets can be reset only when the group 'tower' is inactive, but the current state is Stable/);
		assert.match(frame, /consumers first \(esc goes back\)/);
		assert.doesNotMatch(frame, /Type tower and press enter/);
		await type(stdin, 'tower');
		stdin.write('\r');
		await tick(100);
		assert.deepEqual(resets, []);
	} finally {
		unmount();
	}
});

test('X, then esc at the confirmation and esc again: back on the groups view, nothing was reset', async () => {
	const previews: ResetTarget[] = [];
	const operations = fakeOperations({
		groups: {
			previewReset: async (_group, target) => {
				previews.push(target);
				return [planned('resource', 0, 700n, 1200n, 1200n)];
			},
		},
	});
	const {lastFrame, stdin, unmount} = mount(operations);
	try {
		await onGroup(lastFrame, stdin, 'tower-backup');
		stdin.write('X');
		await until(lastFrame, /Reset the offsets of group tower-backup/);
		// the view reads keys once it has mounted
		await tick();
		stdin.write('j');
		await tick();
		stdin.write('\r');
		await until(lastFrame, /Type tower-backup and press enter/);
		await tick();
		assert.deepEqual(previews, [{kind: 'latest'}]);
		await type(stdin, 'tower-back');
		stdin.write('\x1b');
		await until(lastFrame, /1 to the earliest offset/);
		await tick();
		stdin.write('\x1b');
		await until(lastFrame, /Groups/);
		await tick(100);
		assert.doesNotMatch(lastFrame()!, /Reset the offsets/);
	} finally {
		unmount();
	}
});

test('read-only: X is not bound and :reset-offsets is refused; nothing is called', async () => {
	const calls: string[] = [];
	const operations = fakeOperations({
		groups: {
			previewReset: async (group) => {
				calls.push(group);
				return [];
			},
		},
	});
	const {lastFrame, stdin, unmount} = mount(operations, true);
	try {
		await onGroup(lastFrame, stdin, 'tower-backup');
		assert.doesNotMatch(lastFrame()!, /<X> reset/);
		stdin.write('X');
		await tick(100);
		assert.doesNotMatch(lastFrame()!, /Reset the offsets/);
		await type(stdin, ':reset-offsets tower-backup');
		stdin.write('\r');
		await until(lastFrame, /read-only mode: :reset-offsets is not available/);
		assert.deepEqual(calls, []);
	} finally {
		unmount();
	}
});

test('targets: the typed value parsed as the CLI flags are; the plan rows carry the lag left', () => {
	const now = Date.parse('2026-02-01T00:00:00Z');
	assert.deepEqual(targetOf('shift', '-5', now), {kind: 'shift', by: -5n});
	assert.deepEqual(targetOf('offset', ' 42 ', now), {kind: 'offset', offset: 42n});
	assert.throws(() => targetOf('offset', '-1', now), /the offset must be a whole number/);
	assert.deepEqual(targetOf('duration', '10m', now), {kind: 'timestamp', at: now - 600_000, text: '10m ago'});
	assert.deepEqual(targetOf('datetime', '2026-01-31T12:00:00', now), {kind: 'timestamp', at: Date.parse('2026-01-31T12:00:00Z'), text: '2026-01-31T12:00:00'});
	assert.throws(() => targetOf('datetime', '2027-01-01T00:00:00', now), /in the future/);
	assert.deepEqual(planRows([planned('t', 2, null, 5n, 9n)]), [{topic: 't', partition: 2, current: '-', next: '5', lag: '4'}]);
});
