// SIGINT/SIGTERM end any kcon command within two seconds with 130/143, also while it is stuck
// connecting (a peer that never answers, a peer that hangs up and is retried), and the console
// leaves the alternate screen on an external SIGINT. No lab: fake peers and a tmux terminal.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync, spawn} from 'node:child_process';
import {CLI, eventually} from '../helpers/lab.js';
import {misbehavingPeer} from '../helpers/misbehaving-peer.js';
import {tmuxTerminal} from '../helpers/tmux.js';

const CODES = {SIGINT: 130, SIGTERM: 143} as const;

/** Start kcon, wait until it is talking to the peer, signal it; the time to exit, its code and stderr. */
async function signalWhileConnecting(args: string[], peer: {connected: Promise<void>}, signal: 'SIGINT' | 'SIGTERM') {
	const child = spawn(process.execPath, [CLI, ...args], {stdio: ['ignore', 'pipe', 'pipe']});
	let stderr = '';
	child.stderr.on('data', (d) => (stderr += d));
	const exited = new Promise<{code: number | null; signal: NodeJS.Signals | null}>((resolve) =>
		child.once('exit', (code, sig) => resolve({code, signal: sig})),
	);
	const guard = setTimeout(() => child.kill('SIGKILL'), 120_000);
	try {
		await peer.connected;
		// the handlers are installed before any command runs, so by now they are in place
		const sentAt = Date.now();
		child.kill(signal);
		const result = await exited;
		return {...result, ms: Date.now() - sentAt, stderr};
	} finally {
		clearTimeout(guard);
	}
}

for (const kind of ['silent', 'hang-up'] as const) {
	for (const group of [false, true]) {
		for (const signal of ['SIGTERM', 'SIGINT'] as const) {
			test(`tail${group ? ' --group' : ''} against a peer that ${kind === 'silent' ? 'never answers' : 'hangs up (retried)'}: ${signal} ends it within 2 s with ${CODES[signal]}`, async () => {
				const peer = await misbehavingPeer(kind);
				try {
					const args = ['tail', 'solo', '-b', peer.address, ...(group ? ['--group', 'g'] : [])];
					const r = await signalWhileConnecting(args, peer, signal);
					assert.equal(r.signal, null, 'exited by itself, not killed by the signal');
					assert.equal(r.code, CODES[signal]);
					assert.ok(r.ms < 2000, `exited ${r.ms} ms after ${signal}`);
					assert.equal(r.stderr, '', 'a requested stop is not reported as an error');
				} finally {
					await peer.close();
				}
			});
		}
	}
}

for (const args of [['describe', 'brokers'], ['elect', '--all']]) {
	test(`kcon ${args.join(' ')} against a peer that never answers: SIGTERM ends it at once with 143`, async () => {
		const peer = await misbehavingPeer('silent');
		try {
			const r = await signalWhileConnecting([...args, '-b', peer.address], peer, 'SIGTERM');
			assert.equal(r.signal, null, 'exited by itself, not killed by the signal');
			assert.equal(r.code, 143);
			assert.ok(r.ms < 2000, `exited ${r.ms} ms after SIGTERM`);
		} finally {
			await peer.close();
		}
	});
}

test('tail --group that cannot connect prints its error and exits (no client left connecting)', async () => {
	const peer = await misbehavingPeer('hang-up');
	try {
		const child = spawn(process.execPath, [CLI, 'tail', 'solo', '--group', 'g', '-b', peer.address], {stdio: ['ignore', 'pipe', 'pipe']});
		let stderr = '';
		let errorAt = 0;
		child.stderr.on('data', (d) => {
			errorAt ||= Date.now();
			stderr += d;
		});
		const guard = setTimeout(() => child.kill('SIGKILL'), 120_000);
		const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
		clearTimeout(guard);
		assert.equal(code, 1);
		assert.match(stderr, /^kcon: cannot reach any broker of 127\.0\.0\.1:\d+: /);
		assert.ok(Date.now() - errorAt < 1000, `exited ${Date.now() - errorAt} ms after printing the error`);
	} finally {
		await peer.close();
	}
});

test('the console restores the terminal on an external SIGINT (kill -INT) and exits 130', async () => {
	const peer = await misbehavingPeer('silent');
	const {tmux, see, kill} = tmuxTerminal('stop');
	try {
		tmux('new-session', '-d', '-s', 'stop', '-x', '120', '-y', '30', `env -u CI ${process.execPath} ${CLI} -b ${peer.address}; echo KCON-EXITED $?; sleep 120`);
		await see(/brokers up/);
		assert.equal(tmux('display-message', '-p', '-t', 'stop', '#{alternate_on}').trim(), '1');
		// the pane runs a shell; kcon is its only child
		const shell = Number(tmux('display-message', '-p', '-t', 'stop', '#{pane_pid}').trim());
		const pid = await eventually(() => childOf(shell), {timeoutMs: 5000, intervalMs: 100});
		process.kill(pid, 'SIGINT');
		const s = await see(/KCON-EXITED \d+/, 5000);
		assert.match(s, /KCON-EXITED 130/);
		assert.equal(tmux('display-message', '-p', '-t', 'stop', '#{alternate_on}').trim(), '0', 'back on the normal screen');
		assert.equal(tmux('display-message', '-p', '-t', 'stop', '#{cursor_flag}').trim(), '1', 'cursor visible');
	} finally {
		kill();
		await peer.close();
	}
});

function childOf(pid: number): number | null {
	const out = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], {encoding: 'utf8'}).trim();
	return out ? Number(out.split('\n')[0]) : null;
}
