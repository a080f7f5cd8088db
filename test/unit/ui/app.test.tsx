// The K flow through the real App: K on a broker opens the impact preview, typed keys go to the
// confirmation (not to the key table: 'q' does not quit), the typed id confirms, the action runs.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {render} from 'ink-testing-library';
import {App} from '../../../source/ui/app.js';
import {OperationsProvider} from '../../../source/ui/operations.js';
import {fakeOperations} from '../fake-operations.js';
import {setColorLevel} from '../../../source/ui/theme.js';
import {labSnapshot} from '../ui-fixtures.js';
import {tick, until} from '../../helpers/frames.js';



test('K: impact preview, type the id, the kill runs once with SIGKILL; q while typing does not quit', async () => {
	setColorLevel(0);
	const calls: [number, string, boolean][] = [];
	const operations = fakeOperations({
		killBroker: async ({id, signal, force}) => {
			calls.push([id, signal, force]);
			return `broker ${id} stopped (pid 1, SIGKILL)`;
		},
		startBroker: async (id) => `broker ${id} started`,
	});
	const snapshot = labSnapshot();
	snapshot.brokers[2] = {...snapshot.brokers[2]!, reachable: true, error: undefined};
	const source = {snapshot: async () => snapshot};
	const {lastFrame, stdin, unmount} = render(
		<OperationsProvider operations={operations}>
			<App source={source} refreshMs={60_000} readOnly={false} width={120} height={30} />
		</OperationsProvider>,
	);
	try {
		await until(lastFrame, /Brokers 3/);
		stdin.write('j');
		await tick();
		stdin.write('K');
		const preview = await until(lastFrame, /Type 4 and press enter/);
		assert.match(preview, /Kill broker 4/);
		stdin.write('q');
		await tick();
		assert.match(lastFrame() ?? '', /Kill broker 4/, 'q went to the prompt');
		stdin.write('\x7f');
		await tick();
		stdin.write('4');
		await tick();
		stdin.write('\r');
		await until(lastFrame, /broker 4 stopped \(pid 1, SIGKILL\)/);
		assert.deepEqual(calls, [[4, 'KILL', false]]);
		assert.match(lastFrame() ?? '', /Brokers 3/, 'back on the brokers view');
	} finally {
		unmount();
	}
});

test('read-only: K is not bound at all', async () => {
	setColorLevel(0);
	const source = {snapshot: async () => labSnapshot()};
	const {lastFrame, stdin, unmount} = render(<App source={source} refreshMs={60_000} readOnly={true} width={120} height={30} />);
	try {
		await until(lastFrame, /Brokers 3/);
		assert.doesNotMatch(lastFrame() ?? '', /<K> kill/);
		stdin.write('K');
		await tick(100);
		assert.doesNotMatch(lastFrame() ?? '', /Kill broker/);
		assert.match(lastFrame() ?? '', /READ-ONLY/);
	} finally {
		unmount();
	}
});
