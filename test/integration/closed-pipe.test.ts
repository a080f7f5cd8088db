// `kcon … | head -c0`: a reader that goes away before kcon writes ends the command quietly (its own
// exit code, never an EPIPE stack trace), for commands of every kind. Shared lab.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {CLI, sharedLab} from '../helpers/lab.js';

/** Run kcon with stdout a pipe whose reading end is closed at once. */
function withClosedStdout(args: string[], env: NodeJS.ProcessEnv): Promise<{code: number | null; stderr: string}> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, [CLI, ...args], {env: {...process.env, ...env}, stdio: ['ignore', 'pipe', 'pipe']});
		child.stdout.destroy();
		let stderr = '';
		child.stderr.on('data', (d) => (stderr += d));
		const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
		child.once('close', (code) => {
			clearTimeout(guard);
			resolve({code, stderr});
		});
	});
}

const cases: Array<{args: string[]; code: number | number[]; stderr?: RegExp}> = [
	{args: ['lab', 'status'], code: 0},
	{args: ['describe', 'agents', '--lab', '--interval', '0.2'], code: 0},
	{args: ['describe', 'brokers', '--lab'], code: 0},
	{args: ['reassign', 'generate', '--topics', '__consumer_offsets', '--brokers', '3,4,5', '--lab'], code: 0},
	// prints the impact to stdout, then refuses (no terminal to confirm on, no --yes): nothing is changed
	{args: ['broker', 'kill', '3', '--lab'], code: [1, 2], stderr: /^kcon: [^\n]*refusing[^\n]*\n$/},
];

for (const c of cases) {
	test(`kcon ${c.args.join(' ')} | head -c0: ends quietly with ${c.code}`, async () => {
		const lab = await sharedLab();
		const r = await withClosedStdout(c.args, lab.env);
		assert.doesNotMatch(r.stderr, /EPIPE|Unhandled|at .*\.js/, r.stderr);
		if (c.stderr) assert.match(r.stderr, c.stderr);
		else assert.equal(r.stderr, '');
		assert.ok(([] as number[]).concat(c.code).includes(r.code!), `exit ${r.code}`);
	});
}
