// A stop signal ends a command with 128+n, but never inside uninterruptible() work (a write to the
// cluster and its undo): a child process installs the handlers, gets SIGTERM in the middle of such
// work, and must finish it before it exits.
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import path from 'node:path';
import {test} from 'node:test';
import {fileURLToPath} from 'node:url';

const stopModule = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'source', 'stop.js');

function child(graceful: boolean, critical: boolean): Promise<{code: number | null; out: string}> {
	const script = `
		import {installStopHandlers, uninterruptible} from ${JSON.stringify(stopModule)};
		const stop = installStopHandlers(100);
		stop.setGraceful(${graceful});
		const work = () => new Promise((resolve) => setTimeout(() => { process.stdout.write('work done\\n'); resolve(); }, 600));
		process.stdout.write('started\\n');
		await (${critical} ? uninterruptible(work) : work());
		await new Promise((r) => setTimeout(r, 5000));
	`;
	return new Promise((resolve) => {
		const c = spawn(process.execPath, ['--input-type=module', '-e', script], {stdio: ['ignore', 'pipe', 'inherit']});
		let out = '';
		c.stdout.on('data', (d) => {
			out += d;
			if (out === 'started\n') setTimeout(() => c.kill('SIGTERM'), 50);
		});
		c.on('close', (code) => resolve({code, out}));
	});
}

test('inside uninterruptible work a stop waits for the work, then exits 143 (graceful or not)', async () => {
	for (const graceful of [true, false]) {
		const r = await child(graceful, true);
		assert.deepEqual(r, {code: 143, out: 'started\nwork done\n'}, `graceful ${graceful}`);
	}
});

test('outside it the stop ends the process without the work (at once, or at the deadline)', async () => {
	for (const graceful of [true, false]) {
		const r = await child(graceful, false);
		assert.deepEqual(r, {code: 143, out: 'started\n'}, `graceful ${graceful}`);
	}
});
