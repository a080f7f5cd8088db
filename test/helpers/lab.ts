// Test helpers for the real lab. One lab per `npm test` run (test/run.ts starts it and exports
// KCON_TEST_LAB=<its KCON_STATE_DIR>); a single file run starts its own and stops it at exit.
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import type {LabState} from '../../source/lab/state.js';
import {PORTS} from './ports.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** dist/source/cli.js */
export const CLI = path.resolve(here, '..', '..', 'source', 'cli.js');

export interface RunResult {
	stdout: string;
	stderr: string;
	code: number;
}

/** A Node runtime warning line, `(node:1234) TimeoutNegativeWarning: …`, as Node writes it to stderr. */
export const NODE_WARNING = /^\(node:\d+\) (\[[A-Z]+\d+\] )?[A-Za-z]*Warning: .*$/m;

/** Throws when a kcon process wrote a Node runtime warning: each one is a bug of kcon's (or of its
 *  use of a library), and on a user's terminal it is noise in front of kcon's own output. */
export function assertNoNodeWarning(stderr: string, what: string): void {
	const warning = NODE_WARNING.exec(stderr);
	if (warning) throw new Error(`${what} wrote a Node runtime warning: ${warning[0]}\n${stderr}`);
}

/** Run a command to completion; never throws for a non-zero exit. A Node process (process.execPath)
 *  that wrote a Node runtime warning rejects. */
export function runProcess(
	command: string,
	args: string[],
	{env, timeoutMs = 120_000, input}: {env?: NodeJS.ProcessEnv; timeoutMs?: number; input?: string} = {},
): Promise<RunResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {env: {...process.env, ...env}, stdio: ['pipe', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		// A child that is done before it reads its stdin (kcat -L answers in a few ms) closes the pipe
		// under the write of `input`, which then fails with EPIPE: not a failure of the run, whose exit
		// code and output say how it went. Any other error on the pipe fails the run.
		let stdinError: Error | undefined;
		child.stdin.on('error', (error: NodeJS.ErrnoException) => {
			if (error.code !== 'EPIPE') stdinError = error;
		});
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			child.kill('SIGKILL');
		}, timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		// After a timeout the child is gone, but a process it started (`bash -c 'kcon … | head'`)
		// may still hold the pipes, so 'close' would never come: the run ends at the child's exit.
		child.on('exit', () => {
			if (timedOut) resolve({stdout, stderr: `${stderr}\n(killed after ${timeoutMs} ms)`, code: 137});
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			if (stdinError) {
				reject(new Error(`${[path.basename(command), ...args].join(' ')}: writing its stdin failed: ${stdinError.message}`));
				return;
			}
			// a Node process of ours (kcon, a lab process) must not write a runtime warning
			if (command === process.execPath && NODE_WARNING.test(stderr)) {
				reject(new Error(`${[path.basename(command), ...args].join(' ')} wrote a Node runtime warning: ${NODE_WARNING.exec(stderr)![0]}\n${stderr}`));
				return;
			}
			resolve({stdout, stderr, code: code ?? (signal ? 128 : 1)});
		});
		child.stdin.end(input ?? '');
	});
}

/** `kcon ARGS` (dist/source/cli.js) with extra env, e.g. `{env: lab.env}`; a Node runtime warning on
 *  its stderr fails the test that ran it (runProcess rejects). */
export function runKcon(args: string[], opts: {env?: NodeJS.ProcessEnv; timeoutMs?: number; input?: string} = {}): Promise<RunResult> {
	return runProcess(process.execPath, [CLI, ...args], opts);
}

export interface TestLab {
	/** the KCON_STATE_DIR of this lab */
	stateDir: string;
	/** env for runKcon so `--lab` and `kcon lab …` address this lab */
	env: NodeJS.ProcessEnv;
	/** "127.0.0.1:21090,…" */
	bootstrap: string;
	/** the state file as it is now (PIDs change when brokers are restarted) */
	state(): LabState;
	/** stop it (only for labs from startLab) */
	stop(): Promise<void>;
}

// Labs this test process started and has not stopped yet. A stop signal (the run being cancelled,
// a timeout killing the file) stops all of them before the process exits: otherwise their JVMs
// outlive the test and hold its ports for the next run.
const running = new Set<() => Promise<void>>();
let signalsWatched = false;
function stopOnSignal(stop: () => Promise<void>): void {
	running.add(stop);
	if (signalsWatched) return;
	signalsWatched = true;
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.once(signal, () => void Promise.allSettled([...running].map((s) => s())).finally(() => process.exit(130)));
	}
}

function labAt(stateDir: string, owned: boolean): TestLab {
	const env = {KCON_STATE_DIR: stateDir};
	const state = () => JSON.parse(fs.readFileSync(path.join(stateDir, 'lab', 'state.json'), 'utf8')) as LabState;
	const brokers = state().nodes.filter((n) => n.roles.includes('broker'));
	const lab: TestLab = {
		stateDir,
		env,
		bootstrap: brokers.map((n) => `${n.host}:${n.port}`).join(','),
		state,
		stop: async () => {
			if (!owned) throw new Error('the shared lab is stopped by test/run.ts, not by a test');
			await stopLab();
		},
	};
	async function stopLab(): Promise<void> {
		running.delete(stopLab);
		await runKcon(['lab', 'down'], {env, timeoutMs: 120_000});
		fs.rmSync(stateDir, {recursive: true, force: true});
	}
	if (owned) stopOnSignal(stopLab);
	return lab;
}

export interface StartOptions {
	basePort: number;
	topology?: 'lab' | 'combined';
	kafka?: string;
	pis?: number;
	piAgent?: 'snmpd' | 'embedded';
	collectorFormat?: 'fluentd' | 'flume';
}

/** Start a lab of its own (take a base port from test/helpers/ports.ts); stop it with `lab.stop()` in `after`. */
export async function startLab(options: StartOptions): Promise<TestLab> {
	const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), `kcon-test-lab-${options.basePort}-`));
	const args = ['lab', 'up', '--base-port', String(options.basePort), '--topology', options.topology ?? 'combined'];
	if (options.kafka) args.push('--kafka', options.kafka);
	if (options.pis !== undefined) args.push('--pis', String(options.pis));
	if (options.piAgent) args.push('--pi-agent', options.piAgent);
	if (options.collectorFormat) args.push('--collector-format', options.collectorFormat);
	const result = await runKcon(args, {env: {KCON_STATE_DIR: stateDir}, timeoutMs: 600_000});
	if (result.code !== 0) {
		await runKcon(['lab', 'down'], {env: {KCON_STATE_DIR: stateDir}});
		fs.rmSync(stateDir, {recursive: true, force: true});
		throw new Error(`kcon ${args.join(' ')} failed (exit ${result.code}):\n${result.stderr}${result.stdout}`);
	}
	return labAt(stateDir, true);
}

let shared: Promise<TestLab> | undefined;

/**
 * The one lab of this test run (combined topology, base 21090, 2 Pis). Under `npm test` it is
 * already up (KCON_TEST_LAB); a single file run (`node --test dist/test/integration/x.test.js`)
 * starts one on first use and stops it when the process is about to exit.
 */
export function sharedLab(): Promise<TestLab> {
	if (process.env['KCON_TEST_LAB_ERROR']) {
		return Promise.reject(new Error(`the shared test lab did not start:\n${process.env['KCON_TEST_LAB_ERROR']}`));
	}
	const dir = process.env['KCON_TEST_LAB'];
	shared ??= dir
		? Promise.resolve(labAt(dir, false))
		: startLab({basePort: PORTS.shared}).then((lab) => {
				// stopped when the process is about to exit; a stop signal stops it like every owned lab
				let stopping = false;
				process.once('beforeExit', () => {
					if (!stopping) {
						stopping = true;
						void lab.stop();
					}
				});
				return lab;
			});
	return shared;
}

/** The `java` arguments that run one of Kafka's own CLIs on the lab's classpath. */
export function javaArgs(lab: TestLab, mainClass: string, args: string[]): string[] {
	const state = lab.state();
	return ['-Xmx256m', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', state.toolLoggingFlag, '-cp', state.classpath, mainClass, ...args];
}

/** Run one of Kafka's own CLIs (e.g. org.apache.kafka.tools.TopicCommand) on the lab's classpath. */
export function javaTool(lab: TestLab, mainClass: string, args: string[], opts: {timeoutMs?: number} = {}): Promise<RunResult> {
	return runProcess('java', javaArgs(lab, mainClass, args), {timeoutMs: opts.timeoutMs ?? 120_000});
}

/**
 * The main class of kafka-configs.sh on this lab's Kafka: org.apache.kafka.tools.ConfigCommand
 * (kafka-tools) from Kafka 4.4, kafka.admin.ConfigCommand (kafka_2.13, Scala) before. Read from the
 * jars themselves: a zip's central directory holds each entry's name uncompressed.
 */
export function configCommandClass(lab: TestLab): string {
	const state = lab.state();
	const toolsJar = path.join(state.kafkaHome, 'libs', `kafka-tools-${state.kafkaVersion}.jar`);
	const moved = fs.existsSync(toolsJar) && fs.readFileSync(toolsJar).includes('org/apache/kafka/tools/ConfigCommand.class');
	return moved ? 'org.apache.kafka.tools.ConfigCommand' : 'kafka.admin.ConfigCommand';
}

/** kafka-configs.sh ARGS on the lab's classpath. */
export function kafkaConfigs(lab: TestLab, args: string[], opts: {timeoutMs?: number} = {}): Promise<RunResult> {
	return javaTool(lab, configCommandClass(lab), args, opts);
}

/** Poll `check` until it returns a truthy value (returned) or the time is up (throws with the last error). */
export async function eventually<T>(
	check: () => Promise<T | null | undefined | false> | T | null | undefined | false,
	{timeoutMs = 30_000, intervalMs = 500} = {},
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let last: unknown;
	for (;;) {
		try {
			const value = await check();
			if (value) return value;
		} catch (error) {
			last = error;
		}
		if (Date.now() > deadline) throw last instanceof Error ? last : new Error(`condition not met within ${timeoutMs} ms`);
		await new Promise((r) => setTimeout(r, intervalMs));
	}
}
