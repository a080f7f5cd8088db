// `npm run bench`: bring up (or reuse) the lab, run every benchmark side by side with its peers,
// write bench/results.json and bench/results.md. Nothing here is a test; nothing asserts a duration.
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {RESULT_PREFIX, type BenchResult} from './lib/result.js';
import {renderMarkdown} from './lib/markdown.js';
import {benchBasePort} from './lib/ports.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const cli = path.join(root, 'dist', 'source', 'cli.js');
// a step is a file in bench/ and its arguments; console-100000 is the console at 100,000 partitions
// (one 94,003-partition topic and 1,999 of 3 partitions, 5,000 groups; a fixture snapshot, no lab).
// `noLab`: the step draws a fixture and needs no cluster, so `npm run bench -- console` starts none.
const steps: Record<string, {file: string; args: string[]; noLab?: boolean}> = {
	startup: {file: 'startup', args: []},
	describe: {file: 'describe', args: []},
	// describe groups at 2,000 groups on one 10-partition topic, beside ConsumerGroupCommand
	'groups-2000': {file: 'groups', args: ['2000', '10']},
	tail: {file: 'tail', args: []},
	console: {file: 'console', args: [], noLab: true},
	'console-100000': {file: 'console', args: ['94003', '2000', '5000'], noLab: true},
	agents: {file: 'agents', args: []},
	failover: {file: 'failover', args: []},
};
const all = Object.keys(steps);
const only = process.argv.slice(2);
const unknown = only.filter((b) => !all.includes(b));
if (unknown.length) {
	process.stderr.write(`bench: no such benchmark: ${unknown.join(', ')} (there are ${all.join(', ')})\n`);
	process.exit(2);
}
const benches = only.length ? all.filter((b) => only.includes(b)) : all;
// BENCH_STEP_ARGS: more arguments (space-separated) for the one step named, e.g.
// `BENCH_STEP_ARGS='--before ../old/dist/source/snmp/poller.js' npm run bench -- agents`
const extra = (process.env['BENCH_STEP_ARGS'] ?? '').split(' ').filter(Boolean);
if (extra.length && benches.length !== 1) {
	process.stderr.write('bench: BENCH_STEP_ARGS needs exactly one benchmark named\n');
	process.exit(2);
}

function run(command: string, args: string[], onLine?: (line: string) => void): Promise<number> {
	return new Promise((resolve) => {
		const child = spawn(command, args, {stdio: ['ignore', 'pipe', 'inherit']});
		let buffered = '';
		child.stdout.on('data', (chunk: Buffer) => {
			buffered += chunk;
			const lines = buffered.split('\n');
			buffered = lines.pop()!;
			for (const line of lines) onLine ? onLine(line) : process.stderr.write(line + '\n');
		});
		child.on('close', (code) => resolve(code ?? 1));
	});
}

const basePort = benchBasePort();
if (benches.some((b) => !steps[b]!.noLab)) {
	process.stderr.write(`bench: bringing the lab up (or reusing it)${basePort ? ` on base port ${basePort}` : ''}\n`);
	if ((await run(process.execPath, [cli, 'lab', 'up', ...(basePort ? ['--base-port', String(basePort)] : [])])) !== 0) {
		process.stderr.write('bench: the lab did not come up\n');
		process.exit(1);
	}
}

const results: Array<BenchResult & {error?: string}> = [];
const failed: string[] = [];
for (const bench of benches) {
	const file = path.join(here, `${steps[bench]!.file}.js`);
	if (!fs.existsSync(file)) {
		failed.push(bench);
		results.push({bench, rows: [], error: 'no such benchmark in this build'});
		continue;
	}
	process.stderr.write(`bench: ${bench}\n`);
	process.env['BENCH_STEP'] = bench; // the name a step with arguments reports its rows under
	const found: BenchResult[] = [];
	const code = await run(process.execPath, [file, ...steps[bench]!.args, ...extra], (line) => {
		if (line.startsWith(RESULT_PREFIX)) found.push(JSON.parse(line.slice(RESULT_PREFIX.length)) as BenchResult);
		else process.stderr.write(`  ${line}\n`);
	});
	// a step that exits non-zero failed, even when it printed rows first (its clean-up may not have run)
	if (code !== 0) {
		failed.push(bench);
		results.push({bench, rows: [], error: found.length ? `exited ${code} after ${found.length} result(s)` : `exited ${code} without a result`});
	} else if (found.length === 0) {
		failed.push(bench);
		results.push({bench, rows: [], error: 'exited 0 without a result'});
	} else results.push(...found.map((result) => ({...result, measuredAt: new Date().toISOString(), load: os.loadavg()[0]})));
}

// a partial run (`npm run bench -- tail`) replaces only its benchmarks in the last results
const resultsFile = path.join(root, 'bench', 'results.json');
if (only.length && fs.existsSync(resultsFile)) {
	const previous = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as {takenAt: string; results: typeof results};
	// rows kept from an earlier run keep the date they were measured at
	const kept = previous.results.filter((r) => !benches.includes(r.bench));
	// (the load average is per step only from this build on: an older run recorded it once, at its end)
	results.unshift(...kept.map((r) => ({...r, measuredAt: r.measuredAt ?? previous.takenAt})));
	results.sort((a, b) => all.indexOf(a.bench) - all.indexOf(b.bench));
}
const document = {takenAt: new Date().toISOString(), node: process.version, loadavg: os.loadavg(), results};
fs.writeFileSync(resultsFile, JSON.stringify(document, null, 2) + '\n');
fs.writeFileSync(path.join(root, 'bench', 'results.md'), renderMarkdown(document));
process.stderr.write('bench: wrote bench/results.md and bench/results.json\n');
if (failed.length) {
	process.stderr.write(`bench: FAILED: ${failed.join(', ')} (see their output above; results.md marks them not run)\n`);
	process.exit(1);
}
