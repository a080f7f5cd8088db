import {test} from 'node:test';
import assert from 'node:assert/strict';
import {MetricHistory} from '../../../source/domain/metrics-history.js';

test('history per agent and metric is trimmed to the window', () => {
	const h = new MetricHistory(10_000);
	for (let t = 0; t <= 20_000; t += 1000) h.append('pi1', t, {cpuPercent: t / 1000});
	h.append('pi2', 20_000, {cpuPercent: 99});
	const cpu = h.values('pi1', 'cpuPercent');
	assert.equal(cpu.length, 11); // 10 s .. 20 s inclusive
	assert.equal(cpu[0], 10);
	assert.equal(cpu.at(-1), 20);
	assert.deepEqual(h.values('pi2', 'cpuPercent'), [99]);
	assert.deepEqual(h.values('pi1', 'rxBytesPerSec').slice(0, 2), [null, null]);
});
