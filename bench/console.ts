// Console frame-time benchmark (not a test): the real App (reducer, key table, virtualised table,
// Ink) on a fixture snapshot with one 10,000-partition topic, keys fed through a fake stdin and
// frames caught on a fake 160×45 stdout. Prints one JSON line:
//   firstFrameMs  start -> first frame showing the cluster
//   frame.p50/p95/max  keypress -> frame written, while scrolling the 10,000 partitions (j, PgDn, G, g)
//   filterMs      typing a filter over 10,000 rows (keypress -> frame), p95
//   rssMB         resident set size at the end
// Aim (issue 4): p95 frame under 16 ms, RSS under 150 MB.
import {emit} from './lib/result.js';
import {EventEmitter} from 'node:events';
import os from 'node:os';
import {performance} from 'node:perf_hooks';
import {bigSnapshot} from '../test/unit/ui-fixtures.js';

class FakeStdout extends EventEmitter {
	columns = 160;
	rows = 45;
	isTTY = false;
	last = '';
	waiters: ((frame: string) => void)[] = [];
	write = (frame: string) => {
		this.last = frame;
		const w = this.waiters;
		this.waiters = [];
		for (const f of w) f(frame);
		return true;
	};
	next(): Promise<string> {
		return new Promise((resolve) => this.waiters.push(resolve));
	}
}

class FakeStdin extends EventEmitter {
	isTTY = true;
	private data: string | null = null;
	write(data: string) {
		this.data = data;
		this.emit('readable');
		this.emit('data', data);
	}
	read = () => {
		const d = this.data;
		this.data = null;
		return d;
	};
	setEncoding() {}
	setRawMode() {}
	resume() {}
	pause() {}
	ref() {}
	unref() {}
}

function pct(values: number[], p: number): number {
	const s = [...values].sort((a, b) => a - b);
	return Number(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!.toFixed(2));
}

async function until(stdout: FakeStdout, re: RegExp, timeoutMs = 20_000): Promise<void> {
	const end = Date.now() + timeoutMs;
	while (!re.test(stdout.last)) {
		if (Date.now() > end) throw new Error(`no frame matched ${re}`);
		await Promise.race([stdout.next(), new Promise((r) => setTimeout(r, 50))]);
	}
}

/** CPU time (user + system, all threads: GC included) per keypress → frame, in ms. */
const cpuMs: number[] = [];

async function key(stdin: FakeStdin, stdout: FakeStdout, data: string): Promise<number> {
	const frame = stdout.next();
	const c = process.cpuUsage();
	const t = performance.now();
	stdin.write(data);
	// the timer is cleared: a pending 2 s timer would keep the race, and with it this frame's text,
	// alive for 2 s, and the console's memory would be measured with 600 frames held by the bench
	let timer: NodeJS.Timeout | undefined;
	await Promise.race([frame, new Promise((r) => (timer = setTimeout(r, 2000)))]);
	clearTimeout(timer);
	const wall = performance.now() - t;
	const used = process.cpuUsage(c);
	cpuMs.push((used.user + used.system) / 1000);
	return wall;
}

async function main(): Promise<void> {
	// as the console runs (commands/console.ts): React's production build, set before React loads
	process.env['NODE_ENV'] ??= 'production';
	// and V8's memory-saving mode, which the console command sets before it loads a snapshot
	const [{default: React}, {render}, {App}, {favourMemoryOverSpeed}] = await Promise.all([
		import('react'),
		import('ink'),
		import('../source/ui/app.js'),
		import('../source/ui/heap-mode.js'),
	]);
	favourMemoryOverSpeed();
	// argv: partitions of the big topic, topics (the others have 3 partitions each), groups
	const big = Number(process.argv[2] ?? 10_000);
	const topicCount = Number(process.argv[3] ?? 2000);
	const groupCount = Number(process.argv[4] ?? 1000);
	const snapshot = bigSnapshot(big, topicCount, groupCount);
	const partitions = snapshot.topics.reduce((n, t) => n + t.partitions.length, 0);
	const source = {snapshot: async () => ({...snapshot, takenAt: Date.now()})};
	const stdout = new FakeStdout();
	const stdin = new FakeStdin();
	const t0 = performance.now();
	const instance = render(React.createElement(App, {source, refreshMs: 3_600_000, readOnly: false, width: 160, height: 44}), {
		stdout: stdout as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		debug: true,
		exitOnCtrlC: false,
		patchConsole: false,
	});
	await until(stdout, /Brokers 3/);
	const firstFrameMs = performance.now() - t0;

	await key(stdin, stdout, ':');
	for (const ch of 'topic big') await key(stdin, stdout, ch);
	await key(stdin, stdout, '\r');
	await until(stdout, /Partitions of big \d+/);

	const frames: number[] = [];
	cpuMs.length = 0;
	for (let i = 0; i < 300; i++) frames.push(await key(stdin, stdout, 'j'));
	for (let i = 0; i < 100; i++) frames.push(await key(stdin, stdout, '\x1b[6~'));
	frames.push(await key(stdin, stdout, 'G'));
	for (let i = 0; i < 100; i++) frames.push(await key(stdin, stdout, 'k'));
	frames.push(await key(stdin, stdout, 'g'));

	const scrollCpu = [...cpuMs];
	const filter: number[] = [];
	await key(stdin, stdout, '/');
	for (const ch of '99') filter.push(await key(stdin, stdout, ch));
	await key(stdin, stdout, '\x1b');
	await key(stdin, stdout, ':');
	for (const ch of 'topics') await key(stdin, stdout, ch);
	await key(stdin, stdout, '\r');
	cpuMs.length = 0;
	for (let i = 0; i < 100; i++) frames.push(await key(stdin, stdout, 'j'));
	scrollCpu.push(...cpuMs);
	await key(stdin, stdout, '/');
	for (const ch of 'topic-1') filter.push(await key(stdin, stdout, ch));

	global.gc?.();
	const rssMB = Math.round(process.memoryUsage().rss / 1024 / 1024);
	const heapMB = Math.round(process.memoryUsage().heapUsed / 1024 / 1024);
	instance.unmount();
	const one = (value: number, unit: string) => ({median: value, min: value, max: value, runs: 1, unit});
	const load = `load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`;
	const scale = `${partitions} partitions (${snapshot.topics.length} topics, ${snapshot.groups.length} groups; the big topic ${big})`;
	emit({
		bench: process.env['BENCH_STEP'] ?? 'console',
		rows: [
			{
				workload: `console: first full frame, ${scale}`,
				tools: {kcon: one(Number(firstFrameMs.toFixed(1)), 'ms')},
				ratios: {},
				aim: 'first frame < 1 s',
				met: firstFrameMs < 1000,
				note: load,
			},
			{
				workload: `console: frame time scrolling ${scale} (p95; p50 ${pct(frames, 50)} ms)`,
				tools: {kcon: one(pct(frames, 95), 'ms')},
				ratios: {'CPU ms per frame p50': pct(scrollCpu, 50), 'CPU ms per frame p95': pct(scrollCpu, 95)},
				aim: 'p95 frame < 16 ms',
				met: pct(frames, 95) < 16,
				note: `${load}: wall time per frame includes waiting for a core; CPU per frame does not`,
			},
			{
				workload: `console: RSS at ${scale} (JS heap ${heapMB} MB)`,
				tools: {kcon: one(rssMB, 'MB')},
				ratios: {},
				aim: partitions > 50_000 ? 'RSS < 300 MB' : 'RSS < 150 MB',
				met: rssMB < (partitions > 50_000 ? 300 : 150),
			},
		],
	});
	console.error(
		JSON.stringify({
			bench: 'console',
			partitions,
			topics: snapshot.topics.length,
			groups: snapshot.groups.length,
			firstFrameMs: Number(firstFrameMs.toFixed(1)),
			frame: {n: frames.length, p50: pct(frames, 50), p95: pct(frames, 95), max: pct(frames, 100)},
			cpuPerFrame: {p50: pct(scrollCpu, 50), p95: pct(scrollCpu, 95)},
			filterMs: {n: filter.length, p50: pct(filter, 50), p95: pct(filter, 95)},
			rssMB,
			heapMB,
			// frame times scale with CPU contention: record it with the numbers
			loadavg1: Number(os.loadavg()[0]!.toFixed(1)),
			cpus: os.cpus().length,
		}),
	);
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
