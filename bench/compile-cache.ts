// Start-up with and without Node's on-disk compile cache (module.enableCompileCache, Node ≥ 22.1),
// no lab needed: `kcon --version` and `kcon describe -b 127.0.0.1:1` (refused at once, so the time
// is loading kcon, not the network). Each Node binary given (default: this one) runs the installed
// entry (the package's bin, dist/bundle/bin.js) 20 times with the cache and 20 times with NODE_DISABLE_COMPILE_CACHE=1,
// interleaved so a busy machine slows both alike; prints a markdown table of the medians.
//   node dist/bench/compile-cache.js [NODE_BINARY…]
import {spawnSync} from 'node:child_process';
import {kconBin} from './lib/kcon-bin.js';

const bin = kconBin;
const runs = Number(process.env['BENCH_RUNS'] ?? 20);
const nodes = process.argv.length > 2 ? process.argv.slice(2) : [process.execPath];
const workloads: Array<{name: string; args: string[]}> = [
	{name: 'kcon --version', args: ['--version']},
	{name: 'kcon describe -b 127.0.0.1:1', args: ['describe', '-b', '127.0.0.1:1']},
];

function wallMs(node: string, args: string[], env: NodeJS.ProcessEnv): number {
	const started = performance.now();
	spawnSync(node, [bin, ...args], {env, stdio: 'ignore'});
	return performance.now() - started;
}

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const rows = ['| Node | workload | cache on (ms) | cache off (ms) | saved |', '|---|---|---:|---:|---:|'];
for (const node of nodes) {
	const version = spawnSync(node, ['--version'], {encoding: 'utf8'}).stdout.trim();
	// the cache kcon's own call enables (NODE_COMPILE_CACHE would enable one without it)
	const on = {...process.env};
	delete on['NODE_COMPILE_CACHE'];
	delete on['NODE_DISABLE_COMPILE_CACHE'];
	const off = {...process.env, NODE_DISABLE_COMPILE_CACHE: '1'};
	for (const {name, args} of workloads) {
		wallMs(node, args, on); // fills the cache (and the page cache)
		wallMs(node, args, off);
		const withCache: number[] = [];
		const without: number[] = [];
		for (let i = 0; i < runs; i++) {
			withCache.push(wallMs(node, args, on));
			without.push(wallMs(node, args, off));
		}
		const a = median(withCache);
		const b = median(without);
		rows.push(`| ${version} | ${name} | ${a.toFixed(0)} | ${b.toFixed(0)} | ${(((b - a) / b) * 100).toFixed(0)} % |`);
	}
}
process.stdout.write(rows.join('\n') + '\n');
