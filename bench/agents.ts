// Benchmark: kcon's SNMP poller watching many Pi agents (default 1,000) at 1 Hz.
// The agents run in another process, so the numbers are the poller's own: CPU % of one core
// (process CPU time / wall time over the measured window), peak RSS, requests per agent per tick,
// answers, latency. Two kinds of agent host (--agent-host):
//   snmpd (default when /usr/sbin/snmpd is installed): ONE real Net-SNMP snmpd listening on every
//     agent address (one agentAddress entry each), so 1,000 agents cost one C process, not 1,000
//     JavaScript agents competing with the poller for the machine's two cores;
//   embedded: net-snmp agents (Pi-like synthetic load) in a child Node process.
// Prints one JSON line on stdout.
//
//   node dist/bench/agents.js [--agents 1000] [--seconds 30] [--interval-ms 1000] [--agent-host snmpd|embedded]
//     [--runs 3] [--before OTHER-BUILD/dist/source/snmp/poller.js [--concurrent]] [--warmup-seconds S]
//     [--cpu-prof-dir DIR]
// --warmup-seconds 610 measures the steady state, once the 10-minute metric history is full.
// UDP on 127.0.2.100-…: 100 agents per address, ports 29499…29598 moved by KCON_TEST_PORT_OFFSET
// (apart from the lab's and the tests' agent addresses).
import {emit} from './lib/result.js';
import {benchAgentPort} from './lib/ports.js';
import {spawn, type ChildProcess} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import {startEmbeddedAgent, type EmbeddedAgent} from '../source/snmp/embedded-agent.js';
import {AgentPoller, type AgentSpec} from '../source/snmp/poller.js';
import {snmpdConf, snmpdInstalled, SNMPD_PATH, stopPid, waitForAgent} from '../source/lab/snmpd.js';

const PORT = benchAgentPort();
const PER_ADDRESS = 100;
const MAX_AGENTS = 150 * PER_ADDRESS;

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
const hostOf = (i: number) => `127.0.2.${100 + Math.floor(i / PER_ADDRESS)}`;
const portOf = (i: number) => PORT + (i % PER_ADDRESS);

async function serve(count: number): Promise<void> {
	const agents: EmbeddedAgent[] = [];
	for (let i = 0; i < count; i++) agents.push(await startEmbeddedAgent({host: hostOf(i), port: portOf(i), name: `pi${i + 1}`}));
	process.stdout.write('ready\n');
	const stop = async () => {
		await Promise.all(agents.map((a) => a.stop()));
		process.exit(0);
	};
	process.on('SIGTERM', () => void stop());
	process.stdin.on('end', () => void stop()); // parent gone
	process.stdin.resume();
}

/** The agents' process: its pid and how to stop it. */
interface AgentHost {
	pid: number;
	stop(): Promise<void>;
}

async function embeddedHost(count: number): Promise<AgentHost> {
	const self = fileURLToPath(import.meta.url);
	const child: ChildProcess = spawn(process.execPath, [self, '--serve', String(count)], {stdio: ['pipe', 'pipe', 'inherit']});
	const stop = async () => {
		child.kill('SIGTERM');
		await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r)));
	};
	try {
		await new Promise<void>((resolve, reject) => {
			let out = '';
			child.stdout!.on('data', (d) => {
				out += d;
				if (out.includes('ready')) resolve();
			});
			child.once('exit', (code) => reject(new Error(`agent host exited (${code}) before it was ready`)));
		});
	} catch (error) {
		await stop();
		throw error;
	}
	return {pid: child.pid!, stop};
}

/** One snmpd serving every agent address; its config and log in a temporary directory. */
async function snmpdHost(count: number): Promise<AgentHost> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcon-bench-snmpd-'));
	// the transports go on the command line: snmpd joins agentAddress lines into one buffer of 2,560
	// characters (about a hundred transports), while its command-line list has no such bound
	const transports = Array.from({length: count}, (_, i) => `udp:${hostOf(i)}:${portOf(i)}`).join(',');
	const conf = snmpdConf({dir, host: hostOf(0), port: portOf(0), sysName: 'pi'})
		.split('\n')
		.filter((line) => !line.startsWith('agentAddress '));
	fs.mkdirSync(path.join(dir, 'persist'), {recursive: true});
	const confPath = path.join(dir, 'snmpd.conf');
	fs.writeFileSync(confPath, conf.join('\n'), {mode: 0o600});
	const log = fs.openSync(path.join(dir, 'snmpd.log'), 'a');
	const child = spawn(SNMPD_PATH, ['-f', '-Lo', '-C', '-c', confPath, '-M', dir, '-m', '', transports], {
		stdio: ['ignore', log, log],
		env: {...process.env, MIBS: '', MIBDIRS: dir},
	});
	fs.closeSync(log);
	const pid = child.pid;
	if (pid === undefined) throw new Error(`cannot start ${SNMPD_PATH}`);
	const stop = async () => {
		await stopPid(pid);
		fs.rmSync(dir, {recursive: true, force: true});
	};
	try {
		for (const i of [0, count - 1]) await waitForAgent({host: hostOf(i), port: portOf(i)}, 20_000, () => (child.exitCode !== null ? `snmpd exited: see ${dir}/snmpd.log` : undefined));
	} catch (error) {
		await stop();
		throw error;
	}
	return {pid, stop};
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
	/** the process serving the agents (not kcon), over the same window, for context */
	agentHostCpuPercentOfOneCore: number | null;
	/** 1-minute load average / cores during the run: > 1 means the numbers include CPU contention */
	loadPerCore: number;
}

type PollerClass = typeof AgentPoller;

/** One measured window of `poller` (kcon's AgentPoller, or another build's) against running agents. */
export async function measurePoller(Poller: PollerClass, count: number, seconds: number, intervalMs: number, hostPid: number, warmupMs = Math.min(3000, intervalMs * 3)): Promise<AgentsBenchResult> {
	const specs: AgentSpec[] = Array.from({length: count}, (_, i) => ({name: `pi${i + 1}`, host: hostOf(i), port: portOf(i)}));
	const poller = new Poller(specs, {intervalMs});
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
	// warm-up: ifDescr discovery, JIT, first answers; or long enough to fill the metric history's
	// window (10 minutes), the poller's steady state
	await new Promise((r) => setTimeout(r, warmupMs));
	const requests0 = poller.states().reduce((a, s) => a + s.requests, 0);
	const ticks0 = poller.ticks;
	const cpu0 = process.cpuUsage();
	const host0 = processCpuSeconds(hostPid);
	const t0 = performance.now();
	measuring = true;
	let rss = process.memoryUsage().rss;
	const rssTimer = setInterval(() => (rss = Math.max(rss, process.memoryUsage().rss)), 500);
	await new Promise((r) => setTimeout(r, seconds * 1000));
	measuring = false;
	clearInterval(rssTimer);
	const wallMs = performance.now() - t0;
	const cpu = process.cpuUsage(cpu0);
	const host1 = processCpuSeconds(hostPid);
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
		agentHostCpuPercentOfOneCore: host0 === null || host1 === null ? null : Number(((((host1 - host0) * 1000) / wallMs) * 100).toFixed(1)),
		loadPerCore: Number((os.loadavg()[0]! / os.cpus().length).toFixed(2)),
	};
}

/** A measured window in a fresh Node process (its CPU time is the poller's alone), `pollerModule` its poller. */
function measureInChild(pollerModule: string, count: number, seconds: number, intervalMs: number, hostPid: number, warmupSeconds: number | undefined, cpuProfDir?: string): Promise<AgentsBenchResult> {
	const self = fileURLToPath(import.meta.url);
	const args = [
		...(cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : []),
		self,
		'--measure',
		pollerModule,
		'--agents',
		String(count),
		'--seconds',
		String(seconds),
		'--interval-ms',
		String(intervalMs),
		'--host-pid',
		String(hostPid),
		...(warmupSeconds === undefined ? [] : ['--warmup-seconds', String(warmupSeconds)]),
	];
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, args, {stdio: ['ignore', 'pipe', 'inherit']});
		let out = '';
		child.stdout.on('data', (d) => (out += d));
		child.on('error', reject);
		child.on('close', (code) => {
			if (code !== 0) reject(new Error(`measuring ${pollerModule} exited ${code}`));
			else resolve(JSON.parse(out.trim().split('\n').at(-1)!) as AgentsBenchResult);
		});
	});
}

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const spread = (values: number[], unit: string) => ({median: median(values), min: Math.min(...values), max: Math.max(...values), runs: values.length, unit});

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
	const {values} = parseArgs({
		options: {
			serve: {type: 'string'},
			measure: {type: 'string'},
			'host-pid': {type: 'string'},
			agents: {type: 'string'},
			seconds: {type: 'string'},
			'interval-ms': {type: 'string'},
			'agent-host': {type: 'string'},
			runs: {type: 'string'},
			before: {type: 'string'},
			'cpu-prof-dir': {type: 'string'},
			'warmup-seconds': {type: 'string'},
			concurrent: {type: 'boolean'},
		},
	});
	const count = Number(values.agents ?? 1000);
	const seconds = Number(values.seconds ?? 30);
	const intervalMs = Number(values['interval-ms'] ?? 1000);
	if (values.serve) {
		await serve(Number(values.serve));
	} else if (values.measure) {
		const {AgentPoller: Poller} = (await import(path.resolve(values.measure))) as {AgentPoller: PollerClass};
		const warmup = values['warmup-seconds'] === undefined ? undefined : Number(values['warmup-seconds']) * 1000;
		const result = await measurePoller(Poller, count, seconds, intervalMs, Number(values['host-pid']), warmup);
		process.stdout.write(JSON.stringify(result) + '\n');
	} else {
		if (count > MAX_AGENTS) throw new Error(`at most ${MAX_AGENTS} agents (${PER_ADDRESS} ports on each of 127.0.2.100-249)`);
		const kind = values['agent-host'] === 'embedded' || values['agent-host'] === 'snmpd' ? values['agent-host'] : snmpdInstalled() ? 'snmpd' : 'embedded';
		const runs = Number(values.runs ?? 3);
		// this build's poller; --before names another build's poller.js, measured in the same run,
		// its windows interleaved with this build's so that both meet the same machine load
		const current = fileURLToPath(new URL('../source/snmp/poller.js', import.meta.url));
		const before = values.before ? path.resolve(values.before) : undefined;
		const host = kind === 'snmpd' ? await snmpdHost(count) : await embeddedHost(count);
		const after: AgentsBenchResult[] = [];
		const previous: AgentsBenchResult[] = [];
		try {
			const warmup = values['warmup-seconds'] === undefined ? undefined : Number(values['warmup-seconds']);
			const profile = (r: number) => (r === 0 ? values['cpu-prof-dir'] : undefined);
			for (let r = 0; r < runs; r++) {
				if (before && values.concurrent) {
					// both at once against the same agents (each agent then answers two pollers): for
					// windows after a long warm-up, which would take too long one after the other
					const [b, a] = await Promise.all([
						measureInChild(before, count, seconds, intervalMs, host.pid, warmup),
						measureInChild(current, count, seconds, intervalMs, host.pid, warmup, profile(r)),
					]);
					previous.push(b);
					after.push(a);
				} else {
					if (before) previous.push(await measureInChild(before, count, seconds, intervalMs, host.pid, warmup));
					after.push(await measureInChild(current, count, seconds, intervalMs, host.pid, warmup, profile(r)));
				}
				if (before) process.stderr.write(`agents bench: before ${JSON.stringify(previous.at(-1))}\n`);
				process.stderr.write(`agents bench: ${JSON.stringify(after.at(-1))}\n`);
			}
		} finally {
			await host.stop();
		}
		const cpu = spread(after.map((a) => a.cpuPercentOfOneCore), '% of a core');
		const perTick = Math.max(...after.map((a) => a.requestsPerAgentPerTick));
		const answered = Math.min(...after.map((a) => a.answeredRatio));
		const aimPercent = count >= 1000 ? 15 : 5;
		const tools: Record<string, ReturnType<typeof spread>> = {kcon: cpu};
		const ratios: Record<string, number> = {};
		if (previous.length) {
			const old = spread(previous.map((a) => a.cpuPercentOfOneCore), '% of a core');
			tools['before this change'] = old;
			ratios['before ÷ after (CPU)'] = Math.round((old.median / cpu.median) * 100) / 100;
			ratios['before: requests/agent/tick (max)'] = Math.max(...previous.map((a) => a.requestsPerAgentPerTick));
			ratios['RSS MB, before'] = median(previous.map((a) => a.rssMB));
			ratios['RSS MB, this build'] = median(after.map((a) => a.rssMB));
		}
		tools['agent host (not kcon)'] = spread(after.map((a) => a.agentHostCpuPercentOfOneCore ?? 0), '% of a core');
		emit({
			bench: 'agents',
			rows: [
				{
					workload: `agents: ${count} agents (${kind === 'snmpd' ? 'one real snmpd on every address' : 'embedded net-snmp agents in a child process'}) at ${1000 / intervalMs} Hz, ${seconds} s windows (RSS ${median(after.map((a) => a.rssMB))} MB, ${perTick} requests/agent/tick, answered ${answered}, p95 ${median(after.map((a) => a.latencyP95Ms))} ms)`,
					tools,
					ratios,
					aim: `< ${aimPercent} % of one core, one request per agent per tick`,
					met: cpu.median < aimPercent && perTick <= 1,
					note: `each window in its own Node process${values['warmup-seconds'] ? ` after ${values['warmup-seconds']} s of polling` : ''}${before && values.concurrent ? ', this build and the one before polling at the same time' : before ? ', interleaved with the build before' : ''}; load per core ${after.map((a) => a.loadPerCore).join(', ')}`,
				},
			],
		});
	}
}
