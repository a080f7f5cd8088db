// Detached processes of the lab: start with output to a log file, stop by PID (TERM, then KILL),
// wait for a port, and name whoever holds a port we need.
import {spawn, spawnSync} from 'node:child_process';
import dgram from 'node:dgram';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import {processAlive} from './state.js';

/** Start `command args` detached (survives kcon), stdout+stderr appended to `logFile`; returns the PID. */
export function spawnDetached(command: string, args: string[], logFile: string, env?: NodeJS.ProcessEnv): number {
	fs.mkdirSync(path.dirname(logFile), {recursive: true});
	const fd = fs.openSync(logFile, 'a');
	try {
		const child = spawn(command, args, {detached: true, stdio: ['ignore', fd, fd], env: env ?? process.env});
		if (!child.pid) throw new Error(`could not start ${command}`);
		child.on('error', () => {});
		child.unref();
		return child.pid;
	} finally {
		fs.closeSync(fd);
	}
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Stop a process the lab started: `signal` (TERM by default), then KILL after `timeoutMs`.
 * With a marker, a PID whose command line lacks it is left alone (it is not ours any more).
 * Resolves true when the process is gone.
 */
export async function stopProcess(
	pid: number | null,
	signal: NodeJS.Signals = 'SIGTERM',
	{timeoutMs = 15000, marker}: {timeoutMs?: number; marker?: string} = {},
): Promise<boolean> {
	if (!pid || !processAlive(pid, marker)) return true;
	try {
		process.kill(pid, signal);
	} catch {
		return !processAlive(pid);
	}
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (!processAlive(pid)) return true;
		await sleep(100);
	}
	try {
		process.kill(pid, 'SIGKILL');
	} catch {}
	for (let i = 0; i < 50 && processAlive(pid); i++) await sleep(100);
	return !processAlive(pid);
}

/** True when something accepts TCP connections on host:port. */
export function canConnect(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = net.connect({host, port});
		const done = (ok: boolean) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(timeoutMs, () => done(false));
		socket.once('connect', () => done(true));
		socket.once('error', () => done(false));
	});
}

/** True when we could bind host:port ourselves (so nobody else has it). */
export function portFree(host: string, port: number, protocol: 'tcp' | 'udp' = 'tcp'): Promise<boolean> {
	return new Promise((resolve) => {
		if (protocol === 'udp') {
			const socket = dgram.createSocket('udp4');
			socket.once('error', () => resolve(false));
			socket.bind(port, host, () => socket.close(() => resolve(true)));
			return;
		}
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen({port, host, exclusive: true}, () => server.close(() => resolve(true)));
	});
}

/** "java (pid 1234)" for whoever listens on `port`, from `ss -ltnp`/`ss -lunp`; null when unknown. */
export function portOwner(port: number, protocol: 'tcp' | 'udp' = 'tcp'): string | null {
	const result = spawnSync('ss', [protocol === 'tcp' ? '-ltnpH' : '-lunpH', `sport = :${port}`], {encoding: 'utf8'});
	if (result.error || result.status !== 0) return null;
	const m = /users:\(\("([^"]+)",pid=(\d+)/.exec(result.stdout);
	if (m) return `${commandName(m[2]!) ?? m[1]} (pid ${m[2]})`;
	return result.stdout.trim() ? 'another process (ss shows no owner: not ours to see)' : null;
}

/** The program a process runs (the base name of its argv[0], from the first 4 KiB of
 *  /proc/PID/cmdline). ss names a process by its thread's name, which Node ≥ 22 sets to
 *  "MainThread": that names no program an operator could look for. */
function commandName(pid: string): string | null {
	let fd: number | undefined;
	try {
		fd = fs.openSync(`/proc/${pid}/cmdline`, 'r');
		const buf = Buffer.alloc(4096);
		const n = fs.readSync(fd, buf, 0, buf.length, 0);
		const argv0 = buf.subarray(0, n).toString('utf8').split('\0')[0] ?? '';
		return path.basename(argv0) || null;
	} catch {
		return null;
	} finally {
		if (fd !== undefined) fs.closeSync(fd);
	}
}

/** The last `n` lines of a log file, for error messages. */
export function lastLines(file: string, n = 15): string {
	try {
		const text = fs.readFileSync(file, 'utf8');
		return text.trimEnd().split('\n').slice(-n).join('\n');
	} catch {
		return '(no log)';
	}
}

/** Wait until `check()` is true, `alive()` false (→ 'died') or the deadline (→ 'timeout'). */
export async function waitFor(
	check: () => Promise<boolean> | boolean,
	{timeoutMs, alive = () => true, intervalMs = 250}: {timeoutMs: number; alive?: () => boolean; intervalMs?: number},
): Promise<'ok' | 'died' | 'timeout'> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (await check()) return 'ok';
		if (!alive()) return 'died';
		if (Date.now() > deadline) return 'timeout';
		await sleep(intervalMs);
	}
}
