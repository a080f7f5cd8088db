// Input that claims more than any real input needs is refused before it is held in memory:
// a plan on stdin from /dev/zero, a --partition range of ten million, a config file that is a FIFO.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync, spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {CLI} from '../helpers/lab.js';

/** Run kcon with stdin from `stdinFile`; exit code, stderr, wall time and peak RSS (from /proc while it runs). */
function measure(args: string[], stdinFile: string) {
	return new Promise<{code: number | null; stderr: string; ms: number; peakMiB: number}>((resolve) => {
		const input = fs.openSync(stdinFile, 'r');
		const started = Date.now();
		const child = spawn(process.execPath, [CLI, ...args], {stdio: [input, 'ignore', 'pipe']});
		fs.closeSync(input);
		let stderr = '';
		child.stderr!.on('data', (d) => (stderr += d));
		let peakKiB = 0;
		const sample = setInterval(() => {
			try {
				const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
				if (m) peakKiB = Math.max(peakKiB, Number(m[1]));
			} catch {}
		}, 10);
		// unbounded, it would take minutes and gigabytes: 20 s is far more than a refusal needs
		const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
		child.once('close', (code) => {
			clearInterval(sample);
			clearTimeout(guard);
			resolve({code, stderr, ms: Date.now() - started, peakMiB: Math.round(peakKiB / 1024)});
		});
	});
}

test('reassign execute - </dev/zero: usage error naming the 16 MiB cap, memory bounded', async () => {
	const r = await measure(['reassign', 'execute', '-', '--yes'], '/dev/zero');
	assert.equal(r.code, 2, r.stderr);
	assert.match(r.stderr, /^kcon: plan \(stdin\) is larger than 16 MiB; .*\n$/);
	assert.ok(r.peakMiB < 200, `peak RSS ${r.peakMiB} MiB`);
	assert.ok(r.ms < 10_000, `took ${r.ms} ms`);
});

test('reassign verify /dev/zero (a named file without end): the same refusal', async () => {
	const r = await measure(['reassign', 'verify', '/dev/zero'], '/dev/null');
	assert.equal(r.code, 2, r.stderr);
	assert.match(r.stderr, /^kcon: plan \/dev\/zero is larger than 16 MiB; /);
	assert.ok(r.peakMiB < 200, `peak RSS ${r.peakMiB} MiB`);
});

test('tail --partition 0-10000000: usage error before anything is expanded or connected', async () => {
	const r = await measure(['tail', 'solo', '--partition', '0-10000000', '-b', '127.0.0.1:1'], '/dev/null');
	assert.equal(r.code, 2, r.stderr);
	assert.equal(r.stderr, 'kcon: --partition names more than 1,000,000 partitions; no topic has that many\n');
	assert.ok(r.peakMiB < 150, `peak RSS ${r.peakMiB} MiB`);
});

/** kcon's exit code and stderr; a run that waits is killed after 20 s (then code is null). */
function runKcon(args: string[], env: NodeJS.ProcessEnv) {
	return new Promise<{code: number | null; stderr: string}>((resolve) => {
		const child = spawn(process.execPath, [CLI, ...args], {stdio: ['ignore', 'ignore', 'pipe'], env: {...process.env, ...env}});
		let stderr = '';
		child.stderr!.on('data', (d) => (stderr += d));
		const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
		child.once('close', (code) => {
			clearTimeout(guard);
			resolve({code, stderr});
		});
	});
}

test('a config file that is a FIFO or /dev/zero: one kcon line and exit 2, not a read that waits for a writer', async () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcon-fifo-'));
	try {
		const fifo = path.join(dir, 'config.json');
		execFileSync('mkfifo', [fifo]);
		// nobody ever opens the FIFO for writing: opening it to read without O_NONBLOCK waits for ever
		const env = {XDG_CONFIG_HOME: dir, KCON_STATE_DIR: dir, KCON_BROKERS: ''};
		for (const args of [
			['describe', 'brokers', '--config', fifo],
			['describe', 'agents', '--config', fifo],
			['config', 'get-contexts', '--config', fifo],
		]) {
			const r = await runKcon(args, env);
			assert.equal(r.stderr, `kcon: config file ${fifo} is not a regular file\n`, args.join(' '));
			assert.equal(r.code, 2, args.join(' '));
		}
		const r = await runKcon(['describe', 'brokers', '--config', '/dev/zero'], env);
		assert.deepEqual(r, {code: 2, stderr: 'kcon: config file /dev/zero is not a regular file\n'});
		// the default file (no --config) as a FIFO is refused the same way
		fs.mkdirSync(path.join(dir, 'kcon'));
		execFileSync('mkfifo', [path.join(dir, 'kcon', 'config.json')]);
		const d = await runKcon(['describe', 'brokers'], env);
		assert.deepEqual(d, {code: 2, stderr: `kcon: config file ${path.join(dir, 'kcon', 'config.json')} is not a regular file\n`});
	} finally {
		fs.rmSync(dir, {recursive: true, force: true});
	}
});
