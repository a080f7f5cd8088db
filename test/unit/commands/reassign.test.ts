// kcon reassign verify's --wait/--timeout are checked before anything connects (exit 2, usage).
import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {run, VERIFY_EXIT} from '../../../source/commands/reassign.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcon-verify-args-'));
after(() => fs.rmSync(dir, {recursive: true, force: true}));
const plan = path.join(dir, 'plan.json');
fs.writeFileSync(plan, JSON.stringify({version: 1, partitions: [{topic: 'moves', partition: 0, replicas: [3, 4]}]}));

test('--timeout needs --wait and a positive number of seconds; usage errors, nothing connects', async () => {
	// 127.0.0.1:1 answers nothing: a connection attempt would be an exit-1 error, not a usage one
	for (const [args, message] of [
		[['--timeout', '5'], /--timeout goes with --wait/],
		[['--wait', '--timeout', 'soon'], /--timeout must be a number of seconds > 0, not 'soon'/],
		[['--wait', '--timeout=0'], /--timeout must be a number of seconds > 0, not '0'/],
	] as const) {
		await assert.rejects(run({argv: ['verify', plan, '-b', '127.0.0.1:1', ...args]}), (e: Error & {exitCode?: number}) => e.exitCode === 2 && message.test(e.message));
	}
});

test('the exit codes a script waits on are distinct from 1 (unreachable), 2 (usage) and 3 (read-only)', () => {
	assert.deepEqual(VERIFY_EXIT, {complete: 0, moving: 4, differs: 5});
});
