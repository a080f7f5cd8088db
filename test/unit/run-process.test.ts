// The test helpers' runProcess: a child that ends without reading its stdin is a finished run, not
// a crash of the test process (its write fails with EPIPE, which nothing may leave unhandled).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {runProcess} from '../helpers/lab.js';

test('runProcess: a child that exits before reading its input resolves with its exit code', async () => {
	// 8 MB cannot fit in a pipe's buffer: the write is still going when `true` has exited
	const input = 'x'.repeat(8 * 1024 * 1024);
	for (let i = 0; i < 5; i++) {
		const r = await runProcess('true', [], {input});
		assert.equal(r.code, 0);
		const failed = await runProcess('false', [], {input});
		assert.equal(failed.code, 1);
	}
});

test('runProcess: a child that reads its input gets all of it', async () => {
	const input = 'line\n'.repeat(100_000);
	const r = await runProcess('wc', ['-c'], {input});
	assert.equal(r.code, 0);
	assert.equal(r.stdout.trim(), String(input.length));
});
