// Start-up: `kcon --version` and `kcon describe brokers` against Node's bare start-up and `kcat -L`.
// Runs against the lab named by KCON_STATE_DIR (bench/run.ts brings it up).
import {bootstrapOf, readLabState} from '../source/lab/state.js';
import {measure, stats} from './lib/measure.js';
import {emit, speedup, type BenchRow} from './lib/result.js';
import {kconBin} from './lib/kcon-bin.js';

const cli = kconBin;
const runs = Number(process.env['BENCH_RUNS'] ?? 7);

const lab = readLabState();
if (!lab) throw new Error('no lab is running (bench/run.ts brings one up)');
const bootstrap = bootstrapOf(lab);

const ms = async (command: string, args: string[]) => {
	const samples = await measure(command, args, {runs});
	return {...stats(samples.map((s) => s.wallMs)), unit: 'ms'};
};

const node = await ms(process.execPath, ['-e', '0']);
const version = await ms(process.execPath, [cli, '--version']);
const describe = await ms(process.execPath, [cli, 'describe', 'brokers', '-b', bootstrap]);
const kcat = await ms('kcat', ['-L', '-b', bootstrap]);

const rows: BenchRow[] = [
	{
		workload: 'start-up: kcon --version',
		tools: {kcon: version, 'node -e 0': node},
		ratios: {'kcon − node floor (ms)': Math.round(version.median - node.median)},
		note: 'Node’s bare start-up is the floor no Node CLI can beat',
		aim: 'within 30 ms of node -e 0',
		met: version.median - node.median <= 30,
	},
	{
		workload: 'start-up: kcon describe brokers',
		tools: {kcon: describe, 'kcat -L': kcat, 'node -e 0': node},
		ratios: {'kcat ÷ kcon': speedup(describe, kcat), 'kcon − node floor (ms)': Math.round(describe.median - node.median)},
		aim: 'within 80 ms of node -e 0',
		met: describe.median - node.median <= 80,
	},
];
emit({bench: 'startup', rows});
