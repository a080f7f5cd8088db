// `npm test`: the layer lint, then every unit and integration test in one node:test run, so the
// summary is one. Before the run, one shared lab (combined topology, base port 21090, a temporary
// KCON_STATE_DIR) is started and exported to the tests as KCON_TEST_LAB=<state dir>; it is always torn
// down afterwards (also on failure, Ctrl-C or SIGTERM).
// `npm run test:unit` (`--unit`): the lint and the tests under test/unit only, no lab.
// The tests run even when the lint fails (both reports are worth reading); the exit code is non-zero
// when either failed.
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {PORTS} from './helpers/ports.js';
import {pruneStaleOutput} from './helpers/stale-output.js';
import {tapFailures} from './helpers/tap-failures.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(here, '..');
const root = path.resolve(dist, '..');
const cli = path.resolve(dist, 'source', 'cli.js');
const unitOnly = process.argv.includes('--unit');
const stateDir = unitOnly ? '' : fs.mkdtempSync(path.join(os.tmpdir(), 'kcon-test-run-'));
const labEnv = {...process.env, KCON_STATE_DIR: stateDir};

// `group`: the child leads a process group of its own (node --test: the test files it runs and
// every tool they spawn), so a stop signal reaches all of them, not only the runner, which neither
// forwards it to a running test file nor waits for one.
function run(command: string, args: string[], env: NodeJS.ProcessEnv, {group = false} = {}): Promise<number> {
	return new Promise((resolve) => {
		const child = spawn(command, args, {stdio: ['ignore', 'inherit', 'inherit'], env, detached: group});
		current = {child, group};
		child.on('error', () => resolve(1));
		child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
	});
}

// The test files by name: Node 20 searches a directory given to --test, Node ≥ 22 takes every
// argument as a file or glob and fails on a directory (globs, in turn, are unknown to Node 20).
function testFiles(dir: string): string[] {
	return (fs.readdirSync(dir, {recursive: true}) as string[])
		.filter((name) => /\.test\.js$/.test(name))
		.sort()
		.map((name) => path.join(dir, name));
}

let current: {child: ReturnType<typeof spawn>; group: boolean} | undefined;
let tornDown: Promise<void> | undefined;
function tearDown(): Promise<void> {
	tornDown ??= (async () => {
		process.stderr.write('test: stopping the shared lab\n');
		await run(process.execPath, [cli, 'lab', 'down'], labEnv);
		fs.rmSync(stateDir, {recursive: true, force: true});
	})();
	return tornDown;
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.on(signal, () => {
		const stopping = current;
		let ended: Promise<unknown> = Promise.resolve();
		if (stopping && stopping.child.exitCode === null && stopping.child.signalCode === null) {
			// a test file stops the labs it started when the signal comes (test/helpers/lab.ts): wait
			// for that, within a deadline, before the runner exits
			ended = Promise.race([new Promise((resolve) => stopping.child.once('exit', resolve)), new Promise((resolve) => setTimeout(resolve, 60_000).unref())]);
			try {
				if (stopping.group && stopping.child.pid !== undefined) process.kill(-stopping.child.pid, signal);
				else stopping.child.kill(signal);
			} catch {
				// already gone
			}
		}
		void Promise.all([ended, unitOnly ? Promise.resolve() : tearDown()]).finally(() => process.exit(130));
	});
}

// spec for the reader, TAP into a file for the closing summary
const tapFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kcon-test-tap-')), 'run.tap');
const testArgs = ['--test', '--test-concurrency=1', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tapFile}`];

// The last lines of the run say what failed, so a log's tail is enough to know.
function summarise(linted: number, tested: number, labError?: string): void {
	const failures = fs.existsSync(tapFile) ? tapFailures(fs.readFileSync(tapFile, 'utf8')) : [];
	fs.rmSync(path.dirname(tapFile), {recursive: true, force: true});
	const lines: string[] = [];
	if (linted) lines.push(`test: the lint failed (exit ${linted}; its report is at the top)`);
	if (labError) lines.push(`test: the shared lab did not start: ${labError}`);
	for (const failure of failures) lines.push(`test: failed: ${failure.name} (${failure.location})${failure.error ? ` — ${failure.error}` : ''}`);
	if (tested && failures.length === 0) lines.push(`test: node --test exited ${tested} with no failed test in its report`);
	const text = lines.length ? lines.join('\n') + '\n' : 'test: every test passed\n';
	process.stderr.write(text);
	// a caller that runs several suites (CI, one per runtime) repeats each summary at its end
	const summaryFile = process.env['KCON_TEST_SUMMARY'];
	if (summaryFile) fs.writeFileSync(summaryFile, text);
}

async function lint(): Promise<number> {
	return run(process.execPath, [path.join(root, '.ci', 'lint.mjs')], process.env);
}

async function unit(): Promise<number> {
	const linted = await lint();
	const tested = await run(process.execPath, [...testArgs, ...testFiles(path.join(here, 'unit'))], process.env, {group: true});
	summarise(linted, tested);
	return linted || tested;
}

async function main(): Promise<number> {
	// an incremental build leaves the output of moved or deleted files behind; they must not run
	for (const stale of pruneStaleOutput(dist, root)) process.stderr.write(`test: removed stale ${path.relative(root, stale)}\n`);
	if (unitOnly) return unit();
	const linted = await lint();
	const testEnv: NodeJS.ProcessEnv = {...process.env};
	const started = Date.now();
	process.stderr.write(`test: starting the shared lab (combined, base port ${PORTS.shared}, state in ${stateDir})\n`);
	const up = await run(process.execPath, [cli, 'lab', 'up', '--topology', 'combined', '--base-port', String(PORTS.shared)], labEnv);
	if (up === 0) {
		process.stderr.write(`test: shared lab ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
		testEnv['KCON_TEST_LAB'] = stateDir;
	} else {
		// integration tests report this; unit tests still run
		testEnv['KCON_TEST_LAB_ERROR'] = `kcon lab up exited ${up} (see the output above)`;
	}
	try {
		const tested = await run(process.execPath, [...testArgs, ...testFiles(path.join(here, 'unit')), ...testFiles(path.join(here, 'integration'))], testEnv, {group: true});
		await tearDown();
		summarise(linted, tested, testEnv['KCON_TEST_LAB_ERROR']);
		return linted || tested;
	} finally {
		await tearDown();
	}
}

process.exitCode = await main();
