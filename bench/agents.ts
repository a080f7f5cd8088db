// Benchmark: kcon's SNMP poller watching 100 Pi agents at 1 Hz.
// The agents (embedded net-snmp agents, Pi-like load) run in a child process, so the numbers are
// the poller's own: CPU % of one core (process CPU time / wall time over the measured window), peak
// RSS, requests per agent per tick, answers, latency. Prints one JSON line on stdout.
//
//   node dist/bench/agents.js [--agents 100] [--seconds 30] [--interval-ms 1000]
// UDP 127.0.2.100-… port 29499 (apart from the lab's and the tests' agent addresses).
import {emit} from './lib/result.js';
import {benchAgentPort} from './lib/ports.js';
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import {startEmbeddedAgent, type EmbeddedAgent} from '../source/snmp/embedded-agent.js';
import {AgentPoller, type AgentSpec} from '../source/snmp/poller.js';

const PORT = benchAgentPort();

/** CPU seconds (user + system) a process used so far, from /proc (Linux); null elsewhere. */
function processCpuSeconds(pid: number): number | null {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
	} catch {
		return null;
	}
}
const hostOf = (i: number) => `127.0.2.${100 + i}`;

async function serve(count: number): Promise<void> {
	const agents: EmbeddedAgent[] = [];
	for (let i = 0; i < count; i++) agents.push(await startEmbeddedAgent({host: hostOf(i), port: PORT, name: `pi${i + 1}`}));
	process.stdout.write('ready\n');
	const stop = async () => {
		await Promise.all(agents.map((a) => a.stop()));
		process.exit(0);
	};
	process.on('SIGTERM', () => void stop());
	process.stdin.on('end', () => void stop()); // parent gone
	process.stdin.resume();
}

export interface AgentsBenchResult {
	bench: 'agents';
	agents: number;
	intervalMs: number;
	seconds: number;
	ticks: number;
	cpuPercentOfOneCore: number;
	rssMB: number;
	heapUsedMB: number;
	requestsPerAgentPerTick: number;
	answeredRatio: number;
	skippedTicks: number;
	latencyP50Ms: number;
	latencyP95Ms: number;
	agentsOk: number;
	/** the child process serving the embedded agents (not kcon), for context */
	agentHostCpuPercentOfOneCore: number | null;
	/** 1-minute load average / cores during the run: > 1 means the numbers include CPU contention */
	loadPerCore: number;
}

export async function runAgentsBench(count = 100, seconds = 30, intervalMs = 1000): Promise<AgentsBenchResult> {
	if (count > 150) throw new Error('at most 150 agents (addresses 127.0.2.100-249)');
	const self = fileURLToPath(import.meta.url);
	const child = spawn(process.execPath, [self, '--serve', String(count)], {stdio: ['pipe', 'pipe', 'inherit']});
	try {
		await new Promise<void>((resolve, reject) => {
			let out = '';
			child.stdout!.on('data', (d) => {
				out += d;
				if (out.includes('ready')) resolve();
			});
			child.once('exit', (code) => reject(new Error(`agent host exited (${code}) before it was ready`)));
		});
		const specs: AgentSpec[] = Array.from({length: count}, (_, i) => ({name: `pi${i + 1}`, host: hostOf(i), port: PORT}));
		const poller = new AgentPoller(specs, {intervalMs});
		const latencies: number[] = [];
		let answers = 0;
		let measuring = false;
		poller.subscribe((s) => {
			if (!measuring) return;
			if (s.status === 'ok' || s.status === 'slow' || s.status === 'partial') {
				answers++;
				if (s.latencyMs !== null) latencies.push(s.latencyMs);
			}
		});
		poller.start();
		// warm-up: ifDescr discovery, JIT, first answers
		await new Promise((r) => setTimeout(r, Math.min(3000, intervalMs * 3)));
		const requests0 = poller.states().reduce((a, s) => a + s.requests, 0);
		const ticks0 = poller.ticks;
		const cpu0 = process.cpuUsage();
		const host0 = processCpuSeconds(child.pid!);
		const t0 = performance.now();
		measuring = true;
		let rss = process.memoryUsage().rss;
		const rssTimer = setInterval(() => (rss = Math.max(rss, process.memoryUsage().rss)), 500);
		await new Promise((r) => setTimeout(r, seconds * 1000));
		measuring = false;
		clearInterval(rssTimer);
		const wallMs = performance.now() - t0;
		const cpu = process.cpuUsage(cpu0);
		const host1 = processCpuSeconds(child.pid!);
		const ticks = poller.ticks - ticks0;
		const states = poller.states();
		const requests = states.reduce((a, s) => a + s.requests, 0) - requests0;
		poller.close();
		latencies.sort((a, b) => a - b);
		const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
		return {
			bench: 'agents',
			agents: count,
			intervalMs,
			seconds,
			ticks,
			cpuPercentOfOneCore: Number((((cpu.user + cpu.system) / 1000 / wallMs) * 100).toFixed(2)),
			rssMB: Number((rss / 1024 / 1024).toFixed(1)),
			heapUsedMB: Number((process.memoryUsage().heapUsed / 1024 / 1024).toFixed(1)),
			requestsPerAgentPerTick: Number((requests / (count * Math.max(1, ticks))).toFixed(3)),
			answeredRatio: Number((answers / (count * Math.max(1, ticks))).toFixed(3)),
			skippedTicks: states.reduce((a, s) => a + s.skipped, 0),
			latencyP50Ms: q(0.5),
			latencyP95Ms: q(0.95),
			agentsOk: states.filter((s) => s.status === 'ok').length,
			agentHostCpuPercentOfOneCore:
				host0 === null || host1 === null ? null : Number((((host1 - host0) * 1000) / wallMs * 100).toFixed(1)),
			loadPerCore: Number((os.loadavg()[0]! / os.cpus().length).toFixed(2)),
		};
	} finally {
		child.kill('SIGTERM');
		await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
	}
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
	const {values} = parseArgs({
		options: {
			serve: {type: 'string'},
			agents: {type: 'string'},
			seconds: {type: 'string'},
			'interval-ms': {type: 'string'},
		},
	});
	if (values.serve) {
		await serve(Number(values.serve));
	} else {
		const result = await runAgentsBench(
			Number(values.agents ?? 100),
			Number(values.seconds ?? 30),
			Number(values['interval-ms'] ?? 1000),
		);
		process.stderr.write(JSON.stringify(result) + '\n');
		const one = (value: number, unit: string) => ({median: value, min: value, max: value, runs: 1, unit});
		emit({
			bench: 'agents',
			rows: [
				{
					workload: `agents: ${result.agents} embedded agents at ${1000 / result.intervalMs} Hz for ${result.seconds} s (RSS ${result.rssMB} MB, ${result.requestsPerAgentPerTick} requests/agent/tick, p95 ${result.latencyP95Ms} ms)`,
					tools: {kcon: one(result.cpuPercentOfOneCore, '% of a core')},
					ratios: {},
					aim: '< 5 % of one core, one request per agent per tick',
					met: result.cpuPercentOfOneCore < 5 && result.requestsPerAgentPerTick <= 1,
				},
			],
		});
	}
}
