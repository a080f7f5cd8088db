// The console's `E` flow: the preview lists exactly the partitions whose leader would move back to
// an in-sync preferred replica, and `y` runs the injected election once.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {render} from 'ink-testing-library';
import {electViews, preferredMoves} from '../../../../source/ui/views/elect-action.js';
import {OperationsProvider} from '../../../../source/ui/operations.js';
import {fakeOperations} from '../../fake-operations.js';
import {setColorLevel} from '../../../../source/ui/theme.js';
import type {TopicInfo} from '../../../../source/domain/cluster.js';
import type {ViewProps} from '../../../../source/ui/views/registry.js';

const partition = (partition: number, leader: number | null, replicas: number[], isr: number[]) => ({
	partition, leader, replicas, isr, offlineReplicas: [], addingReplicas: [], removingReplicas: [], earliestOffset: 0n, latestOffset: 0n,
});
const topic: TopicInfo = {
	name: 'resource',
	internal: false,
	partitions: [
		partition(0, 3, [3, 4, 5], [3, 4, 5]), // already preferred
		partition(1, 5, [4, 5, 3], [5, 3, 4]), // moves back to 4
		partition(2, 5, [3, 5, 4], [5, 4]), // preferred 3 out of sync: not eligible
		partition(3, null, [4], []), // offline
	],
};

test('preferred moves: only partitions whose in-sync preferred replica does not lead', () => {
	assert.deepEqual(preferredMoves(topic), [{partition: 1, from: 5, to: 4}]);
});

test('elect view: preview, then y runs the election for that topic once', async () => {
	setColorLevel(0);
	const calls: string[] = [];
	const operations = fakeOperations({
		electLeaders: async (name) => {
			calls.push(name);
			return 'elected';
		},
	});
	const actions: unknown[] = [];
	const View = electViews[0]!.component!;
	const props = {
		state: {snapshot: {topics: [topic]}},
		entry: {view: 'elect', arg: 'resource'},
		width: 100,
		height: 20,
		dispatch: (a: unknown) => actions.push(a),
		active: true,
	} as unknown as ViewProps;
	const {lastFrame, stdin, unmount} = render(
		<OperationsProvider operations={operations}>
			<View {...props} />
		</OperationsProvider>,
	);
	assert.match(lastFrame()!, /1 partition\(s\) change leader/);
	assert.match(lastFrame()!, /partition 1: leader 5 → 4/);
	assert.doesNotMatch(lastFrame()!, /partition 2:/);
	await new Promise((r) => setTimeout(r, 30));
	stdin.write('y');
	await new Promise((r) => setTimeout(r, 30));
	unmount();
	assert.deepEqual(calls, ['resource']);
	assert.deepEqual(actions[0], {type: 'pop'});
});
