// The shared flag parsing of every command, as a process: a bad number is a usage error (exit 2,
// one line, a JSON error object under -o json) before anything connects, and -b is a flag of every
// command that talks to a cluster. A loopback listener given as -b counts the connections.
import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {assertNoNodeWarning} from '../helpers/lab.js';

const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../source/cli.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kcon-flags-'));
after(() => fs.rmSync(tmp, {recursive: true, force: true}));
const plan = path.join(tmp, 'plan.json');
fs.writeFileSync(plan, JSON.stringify({version: 1, partitions: [{topic: 't', partition: 0, replicas: [1]}]}));

interface Run {
	code: number | null;
	stdout: string;
	stderr: string;
	ms: number;
}

/** Runs kcon; `stop` resolving ends it early (SIGTERM by its PID). */
function kcon(args: string[], timeoutMs = 20_000, stop?: Promise<unknown>): Promise<Run> {
	const started = Date.now();
	return new Promise((resolve) => {
		const child = spawn(process.execPath, [cli, ...args], {
			env: {...process.env, KCON_BROKERS: '', KCON_READ_ONLY: '', XDG_CONFIG_HOME: tmp, KCON_STATE_DIR: tmp},
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		void stop?.then(() => child.kill('SIGTERM'));
		child.on('close', (code) => {
			clearTimeout(timer);
			assertNoNodeWarning(stderr, `kcon ${args.join(' ')}`);
			resolve({code, stdout, stderr, ms: Date.now() - started});
		});
	});
}

/** Accepts and drops every connection, counting them. */
async function listener() {
	let count = 0;
	let connected!: () => void;
	const firstConnection = new Promise<void>((resolve) => (connected = resolve));
	const server = net.createServer((s) => {
		count++;
		connected();
		s.on('error', () => {});
		s.destroy();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		address: `127.0.0.1:${(server.address() as net.AddressInfo).port}`,
		connections: () => count,
		firstConnection,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

const big = '9'.repeat(20);
/** Number('1…1') with 400 digits is Infinity: digits alone do not make a finite number */
const infinite = '1'.repeat(400);

// [argv (without -b), what the one line must say]
const badNumbers: Array<[string[], RegExp]> = [
	[['broker', 'kill', big, '--yes'], /^broker id must be a whole number from 0 to 2147483647, not '9{20}'$/],
	[['broker', 'start', '2147483648'], /^broker id must be a whole number from 0 to 2147483647/],
	[['broker', 'kill', '-1'], /^unknown option '-1'$/],
	[['elect', '--topic', 't', '--partition', '2147483648'], /^--partition must be a whole number from 0 to 2147483647, not '2147483648'$/],
	[['tail', 't', '--partition', '2147483648'], /^--partition must be a whole number from 0 to 2147483647/],
	[['tail', 't', '--partition', '0-2147483647'], /^--partition names more than 1,000,000 partitions; no topic has that many$/],
	[['tail', 't', '--from', `-${big}d`], /^--from: '-9{20}d' reaches back before 1970-01-01$/],
	[['tail', 't', '--from', big], /^--from \(an offset\) must be a whole number from 0 to 9223372036854775807/],
	[['tail', 't', '--from', `-${big}`], /^--from \(-N, a count\) must be a whole number from 0 to 9223372036854775807/],
	[['tail', 't', '--from', `@${big}`], /^--from \(@epoch milliseconds\) must be a whole number/],
	[['tail', 't', '--limit', '-1'], /^--limit needs a value, and '-1' looks like a flag; to give a value that starts with '-', write --limit=-1$/],
	[['tail', 't', '--limit=-1'], /^--limit must be a whole number from 1 to 9007199254740991, not '-1'$/],
	[['tail', 't', '--limit', '1e3'], /^--limit must be a whole number/],
	[['tail', 't', '--limit', big], /^--limit must be a whole number from 1 to 9007199254740991/],
	[['reassign', 'execute', plan, '--throttle', '99999999999GB/s', '--yes'], /^--throttle: the rate must be at most 9007199254740991 B\/s/],
	[['reassign', 'generate', '--topics', 't', '--broker-list', '1,2147483648'], /^--brokers must be a whole number from 0 to 2147483647/],
	[['console', '--refresh', '1e309'], /^--refresh must be a number of seconds from 1 to 3600, not '1e309'$/],
	[['console', '--refresh', infinite], /^--refresh must be a number of seconds from 1 to 3600/],
	[['console', '--refresh', '86400'], /^--refresh must be a number of seconds from 1 to 3600/],
	[['describe', 'agents', '--agent', 'a=127.0.0.1:1', '--interval', 'NaN'], /^--interval must be a number of seconds/],
	[['describe', 'agents', '--agent', 'a=127.0.0.1:1', '--interval', '99999999999'], /^--interval must be a number of seconds from 0.1 to 3600/],
	[['describe', 'agents', '--agent', 'a=127.0.0.1:1', '--timeout', infinite], /^--timeout must be a number of seconds/],
];

test('a bad number is a usage error before anything connects: exit 2, one line, JSON under -o json', async () => {
	const server = await listener();
	try {
		// rows alternate between text and -o json (every command family meets both)
		for (const [i, [args, message]] of badNumbers.entries()) {
			const json = i % 2 === 1;
			const argv = [...args, '-b', server.address, ...(json ? ['-o', 'json'] : [])];
			const r = await kcon(argv);
			const what = `kcon ${argv.join(' ')}`;
			assert.equal(r.code, 2, `${what}: ${r.stdout}${r.stderr}`);
			assert.ok(r.ms < 10_000, `${what} took ${r.ms} ms`);
			if (json) {
				assert.equal(r.stderr, '', what);
				const doc = JSON.parse(r.stdout) as {error: {code: string; exitCode: number; message: string}};
				assert.deepEqual([doc.error.code, doc.error.exitCode], ['usage', 2], what);
				assert.match(doc.error.message, message, what);
			} else {
				assert.equal(r.stdout, '', what);
				assert.match(r.stderr, /^kcon: [^\n]*\n$/, what);
				assert.match(r.stderr.slice('kcon: '.length, -1), message, what);
			}
		}
		assert.equal(server.connections(), 0, 'no command connected');
	} finally {
		await server.close();
	}
});

test('lab flags use the same parser', async () => {
	for (const [args, message] of [
		[['lab', 'up', '--pis', big], /^--pis must be a whole number from 0 to 20/],
		[['lab', 'up', '--base-port', big], /^--base-port must be a whole number from 1024 to 65535/],
	] as Array<[string[], RegExp]>) {
		const r = await kcon(args);
		assert.equal(r.code, 2, r.stderr);
		assert.match(r.stderr.slice('kcon: '.length, -1), message);
	}
});

// every command and subcommand that talks to a cluster, with what it says once -b was taken
const withBrokers: Array<[string[], 'connects' | RegExp]> = [
	[['describe'], 'connects'],
	[['describe', 'group', 'g'], 'connects'],
	[['describe', 'agents', '--agent', 'a=127.0.0.1:1', '--timeout', '0.2', '--interval', '0.1'], /^a\s+127\.0\.0\.1:1\s/m],
	[['tail', 't', '--until', 'end'], 'connects'],
	[['tail', 't', '--group', 'g', '--until', 'end'], 'connects'],
	[['console'], /^kcon: the console needs a terminal/],
	[['broker', 'kill', '1', '--yes'], /^kcon: don't know how to kill broker 1/],
	[['broker', 'start', '1'], /^kcon: don't know how to start broker 1/],
	[['elect', '--all'], 'connects'],
	[['reassign', 'generate', '--topics', 't', '--broker-list', '1'], 'connects'],
	// -b and --brokers are one flag: with -b given, the targets cannot also be --brokers
	[['reassign', 'generate', '--topics', 't', '--brokers', '1,2'], /^kcon: -b\/--brokers '127\.0\.0\.1:\d+' is the bootstrap here; give the target brokers as --broker-list 3,4,5$/m],
	[['reassign', 'execute', plan, '--yes'], 'connects'],
	[['reassign', 'verify', plan], 'connects'],
	[['reassign', 'cancel', '--yes'], 'connects'],
	[['reassign', 'list'], 'connects'],
];

test('-b is accepted by every command and subcommand and is where they connect', async () => {
	for (const [args, expected] of withBrokers) {
		const server = await listener();
		try {
			const argv = [...args, '-b', server.address];
			// a command that connects is stopped at its first connection: that it reached -b is the point
			const r = await kcon(argv, 60_000, expected === 'connects' ? server.firstConnection : undefined);
			const what = `kcon ${argv.join(' ')}`;
			assert.doesNotMatch(r.stderr, /unknown option/i, what);
			if (expected === 'connects') {
				assert.ok(server.connections() > 0, `${what} connected to -b: ${r.stderr}`);
			} else {
				assert.match(r.stdout + r.stderr, expected, what);
			}
		} finally {
			await server.close();
		}
	}
});
