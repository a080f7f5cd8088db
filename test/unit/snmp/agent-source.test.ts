// The console's agent feed (snmp/agent-source.ts): a snapshot lists every agent's history, and
// copies one only when a view reads it, once per snapshot. No polling: nothing subscribes.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createAgentSource} from '../../../source/snmp/agent-source.js';

test('a snapshot copies an agent’s history when it is read, once, and an agent may be named __proto__', () => {
	const names = ['pi1', '__proto__', 'constructor'];
	const feed = createAgentSource(names.map((name, i) => ({name, host: '127.0.0.1', port: 1 + i})));
	try {
		for (const [k, name] of names.entries()) {
			for (let t = 0; t < 5; t++) feed.poller.history.append(name, 1000 * t, {cpuPercent: k * 10 + t, load1: null});
		}
		const snap = feed.snapshot();
		assert.deepEqual(Object.keys(snap.series), names);
		assert.equal(Object.getPrototypeOf(snap.series), Object.prototype);
		assert.deepEqual(snap.series['__proto__']!.cpuPercent, [10, 11, 12, 13, 14]);
		assert.deepEqual(snap.series['constructor']!.load1, [null, null, null, null, null]);
		// the same copy on every read of this snapshot
		assert.equal(snap.series['pi1'], snap.series['pi1']);
		// read after more samples arrived: a snapshot holds what was there when it was first read
		const first = snap.series['pi1']!.cpuPercent;
		feed.poller.history.append('pi1', 5000, {cpuPercent: 99});
		assert.deepEqual(snap.series['pi1']!.cpuPercent, first);
		assert.equal(feed.snapshot(), snap);
	} finally {
		feed.close();
	}
});
