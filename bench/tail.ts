// Tail throughput: 1,000,000 small messages read to a pipe as JSON lines with `--until end`,
// side by side with `kcat -C -e -J` and Kafka's Java ConsoleConsumer, in one run.
// The messages are produced once (kcat -P, librdkafka batching) into a 3-partition bench topic and
// reused by later runs. Runs against the lab named by KCON_STATE_DIR (bench/run.ts brings it up).
import {spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {bootstrapOf, readLabState} from '../source/lab/state.js';
import {ensureTopic} from '../source/kafka/lab-clients.js';
import {stats} from './lib/measure.js';
import {emit, type BenchRow, type Measurement} from './lib/result.js';
import {kconBin} from './lib/kcon-bin.js';

const cli = kconBin;
const runs = Number(process.env['BENCH_RUNS'] ?? 3);
const COUNT = Number(process.env['BENCH_TAIL_MESSAGES'] ?? 1_000_000);
const topic = process.env['BENCH_TAIL_TOPIC'] ?? 'kcon-bench-tail';

const lab = readLabState();
if (!lab) throw new Error('no lab is running (bench/run.ts brings one up)');
const bootstrap = bootstrapOf(lab);
const log = (m: string) => process.stderr.write(`tail bench: ${m}\n`);

/** Messages in the topic now: sum of the end offsets (kcat -Q with -1 = end). */
function messagesInTopic(): number {
	const args = ['-Q', '-J', '-b', bootstrap];
	for (const p of [0, 1, 2]) args.push('-t', `${topic}:${p}:-1`);
	const r = spawnSync('kcat', args, {encoding: 'utf8'});
	if (r.status !== 0) return 0;
	const doc = JSON.parse(r.stdout) as Record<string, Record<string, unknown>>;
	let total = 0;
	for (const parts of Object.values(doc)) {
		for (const [key, value] of Object.entries(parts)) {
			const offset = (value as {offset?: unknown} | null)?.offset;
			if (/^\d+$/.test(key) && typeof offset === 'number') total += offset;
		}
	}
	return total;
}

await ensureTopic(bootstrap, topic, 3, 3);
let present = messagesInTopic();
if (present < COUNT) {
	log(`producing ${COUNT - present} messages into ${topic}`);
	const file = path.join(os.tmpdir(), `kcon-bench-tail-${process.pid}.txt`);
	const lines: string[] = [];
	for (let i = present; i < COUNT; i++) lines.push(`{"seq":${i},"v":"small-message-payload"}`);
	fs.writeFileSync(file, lines.join('\n') + '\n');
	const started = Date.now();
	const r = spawnSync('kcat', ['-P', '-b', bootstrap, '-t', topic, '-X', 'linger.ms=20', '-X', 'batch.num.messages=10000', '-l', file], {
		encoding: 'utf8',
	});
	fs.rmSync(file, {force: true});
	if (r.status !== 0) throw new Error(`kcat -P failed: ${r.stderr}`);
	present = messagesInTopic();
	log(`produced in ${((Date.now() - started) / 1000).toFixed(1)} s; ${present} messages in the topic`);
}
const total = present;

/** One run: wall time, CPU time (user + sys, from GNU time) and peak RSS; stdout drained like a pipe reader. */
interface Sample {
	wallMs: number;
	cpuMs: number;
	maxRssKb: number;
	stdoutBytes: number;
}

function runOnce(command: string, args: string[]): Promise<Sample> {
	return new Promise((resolve, reject) => {
		const started = process.hrtime.bigint();
		const child = spawn('/usr/bin/time', ['-f', '%U %S %M', command, ...args], {stdio: ['ignore', 'pipe', 'pipe']});
		let stdoutBytes = 0;
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdoutBytes += chunk.length));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
		child.on('error', reject);
		child.on('close', (code) => {
			const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
			const last = stderr.trimEnd().split('\n').at(-1)!.split(' ').map(Number);
			if (code !== 0) return reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr.slice(0, 400)}`));
			resolve({wallMs, cpuMs: (last[0]! + last[1]!) * 1000, maxRssKb: last[2]!, stdoutBytes});
		});
	});
}

async function measure(command: string, args: string[], {runs}: {runs: number}): Promise<Sample[]> {
	const out: Sample[] = [];
	for (let i = 0; i < runs; i++) out.push(await runOnce(command, args));
	return out;
}

const perCpuSecond = (samples: Sample[]) => Math.round(total / (stats(samples.map((x) => x.cpuMs)).median / 1000));

const rate = (samples: Sample[]): Measurement => {
	const s = stats(samples.map((x) => total / (x.wallMs / 1000)));
	return {...s, median: Math.round(s.median), min: Math.round(s.min), max: Math.round(s.max), unit: 'msg/s'};
};

log(`reading ${total} messages: kcon, kcat, ConsoleConsumer (${runs} runs each)`);
const kconSamples = await measure(process.execPath, [cli, 'tail', topic, '-b', bootstrap, '--from', 'beginning', '--until', 'end', '-o', 'json'], {runs});
const kcatSamples = await measure('kcat', ['-C', '-e', '-J', '-q', '-b', bootstrap, '-t', topic, '-o', 'beginning'], {runs});
const javaSamples = await measure(
	'java',
	[
		'-Xmx384m',
		'-XX:+UseSerialGC',
		lab.toolLoggingFlag,
		'-cp',
		lab.classpath,
		'org.apache.kafka.tools.consumer.ConsoleConsumer',
		'--bootstrap-server',
		bootstrap,
		'--topic',
		topic,
		'--from-beginning',
		'--max-messages',
		String(total),
		'--timeout-ms',
		'30000',
	],
	{runs: Math.min(runs, 2)},
);

const kcon = rate(kconSamples);
const kcat = rate(kcatSamples);
const java = rate(javaSamples);
const bytes = (s: Sample[]) => s[0]!.stdoutBytes;
const medianOf = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const peakRss = (s: Sample[]) => medianOf(s.map((x) => x.maxRssKb));
const cpuRatio = Math.round((perCpuSecond(kconSamples) / perCpuSecond(kcatSamples)) * 100) / 100;
const rssRatio = Math.round((peakRss(kconSamples) / peakRss(kcatSamples)) * 100) / 100;
const rateRatio = Math.round((kcon.median / kcat.median) * 100) / 100;
const rows: BenchRow[] = [
	{
		workload: `tail: ${total.toLocaleString('en')} small messages to a pipe as JSON lines (--until end)`,
		tools: {kcon, 'kcat -C -e -J': kcat, 'Java ConsoleConsumer': java},
		ratios: {
			'kcon ÷ kcat (rate)': rateRatio,
			'kcon ÷ kcat (msg per CPU-second)': cpuRatio,
			'kcon ÷ kcat (peak RSS, median)': rssRatio,
			'kcon ÷ ConsoleConsumer (rate)': Math.round((kcon.median / java.median) * 100) / 100,
			'kcon msg per CPU-second': perCpuSecond(kconSamples),
			'kcat msg per CPU-second': perCpuSecond(kcatSamples),
			'ConsoleConsumer msg per CPU-second': perCpuSecond(javaSamples),
		},
		aim: '≥ 1× kcat per CPU-second, peak RSS < 2× kcat’s, rate ≥ 1.5× kcat’s',
		met: cpuRatio >= 1 && rssRatio < 2 && rateRatio >= 1.5,
		note:
			`stdout bytes: kcon ${bytes(kconSamples)}, kcat ${bytes(kcatSamples)} (the same kcat -J lines), ` +
			`ConsoleConsumer ${bytes(javaSamples)} (values only); load average at the end ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores; peak RSS (median) kcon ${peakRss(kconSamples)} kB, kcat ${peakRss(kcatSamples)} kB, java ${peakRss(javaSamples)} kB`,
	},
];
emit({bench: 'tail', rows});
