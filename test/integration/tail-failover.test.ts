// A tail keeps going, with no gap and no duplicate, across a SIGKILL of the partition's leader.
// Needs a lab of its own (base port 21690): a broker JVM is killed by its PID from the lab state.
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {after, before, test} from 'node:test';
import {ensureTopic, labProducer} from '../../source/kafka/lab-clients.js';
import {CLI, eventually, runProcess, startLab, type TestLab} from '../helpers/lab.js';
import {PORTS} from '../helpers/ports.js';

const BASE_PORT = PORTS.tailFailover;
const topic = 'tail-failover';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let lab: TestLab | undefined;

before(async () => {
	lab = await startLab({basePort: BASE_PORT, pis: 0});
});

after(async () => {
	await lab?.stop();
});

async function leaderOf(bootstrap: string): Promise<number> {
	const r = await runProcess('kcat', ['-L', '-J', '-b', bootstrap, '-t', topic], {timeoutMs: 20_000});
	const meta = JSON.parse(r.stdout) as {topics: Array<{partitions: Array<{partition: number; leader: number}>}>};
	return meta.topics[0]!.partitions[0]!.leader;
}

test('tail across a SIGKILL of the partition leader: every offset once, payloads equal kcat', {timeout: 300_000}, async () => {
	const l = lab!;
	await ensureTopic(l.bootstrap, topic, 1, 3);
	const producer = await labProducer(l.bootstrap, 'tail-failover-producer', topic);
	let seq = 0;
	let producing = true;
	let sendFailures = 0;
	const produceLoop = (async () => {
		while (producing) {
			try {
				await producer.send(String(seq));
				seq++;
			} catch {
				sendFailures++; // same sequence number again after the election
				await sleep(200);
			}
			await sleep(10);
		}
	})();

	const child = spawn(process.execPath, [CLI, 'tail', topic, '-b', l.bootstrap, '--from', 'beginning', '-o', 'json'], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (d) => (stdout += d));
	child.stderr.on('data', (d) => (stderr += d));
	const lines = () =>
		stdout
			.split('\n')
			.filter((x) => x.trim())
			.map((x) => JSON.parse(x) as {offset: number; payload: string; broker: number});
	try {
		await eventually(() => lines().length >= 50, {timeoutMs: 60_000});
		const leader = await leaderOf(l.bootstrap);
		const node = l.state().nodes.find((n) => n.id === leader)!;
		assert.ok(node?.pid, `pid of broker ${leader}`);
		process.kill(node.pid!, 'SIGKILL');
		const killedAt = lines().length;
		// keep producing through the election and after it
		await eventually(async () => (await leaderOf(l.bootstrap.split(',').filter((b) => !b.endsWith(`:${node.port}`)).join(','))) !== leader, {
			timeoutMs: 90_000,
			intervalMs: 1000,
		});
		const afterElection = seq;
		await eventually(() => seq >= afterElection + 100, {timeoutMs: 60_000});
		producing = false;
		await produceLoop;
		await producer.close().catch(() => {});
		// everything in the log, read by kcat from the surviving brokers
		const survivors = l.bootstrap.split(',').filter((b) => !b.endsWith(`:${node.port}`)).join(',');
		let reference: Array<{offset: number; payload: string}> = [];
		await eventually(
			async () => {
				const r = await runProcess('kcat', ['-C', '-e', '-J', '-q', '-b', survivors, '-t', topic, '-o', 'beginning'], {timeoutMs: 60_000});
				reference = r.stdout
					.split('\n')
					.filter((x) => x.trim())
					.map((x) => JSON.parse(x) as {offset: number; payload: string});
				return reference.length > 0 && lines().length >= reference.length;
			},
			{timeoutMs: 60_000, intervalMs: 1000},
		);
		const got = lines();
		// at least the 100 produced after the election (the ones sent while it ran may all have failed)
		assert.ok(killedAt > 0 && got.length >= killedAt + 100, `records after the kill: ${got.length - killedAt}`);
		assert.deepEqual(
			got.map((r) => r.offset),
			got.map((_, i) => i),
			'offsets 0..N-1, each once, in order',
		);
		assert.deepEqual(
			got.map((r) => [r.offset, r.payload]),
			reference.map((r) => [r.offset, r.payload]),
			'same records as kcat reads from the survivors',
		);
		// every sequence number the producer got acknowledged is there
		const payloads = new Set(got.map((r) => r.payload));
		for (let i = 0; i < seq; i++) assert.ok(payloads.has(String(i)), `sequence ${i} missing`);
		assert.ok(new Set(got.map((r) => r.broker)).size >= 2, 'records came from the old and the new leader');
		assert.match(stderr, new RegExp(`partition 0: leader ${leader} → \\d, resuming at offset \\d+`));
		assert.ok(stderr.split('\n').filter((x) => x.includes(`broker ${leader} `)).length <= 2, `one notice per outage:\n${stderr}`);
		void sendFailures;
	} finally {
		producing = false;
		child.kill('SIGTERM');
		await new Promise((r) => child.once('close', r));
	}
});
