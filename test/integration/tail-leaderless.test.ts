// A degraded cluster still shows what it can: with the only replica of one partition SIGKILLed,
// `kcon tail --until end` prints the records of the other partitions (the same ones kcat reads),
// names the leaderless one once and exits 1; a running follow tail takes that partition up again
// when `kcon lab up` restarts its broker. Needs a lab of its own (base port 22490).
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {after, before, test} from 'node:test';
import {ensureTopic} from '../../source/kafka/lab-clients.js';
import {eventually, CLI, runKcon, runProcess, startLab, type TestLab} from '../helpers/lab.js';
import {PORTS} from '../helpers/ports.js';

const BASE_PORT = PORTS.tailLeaderless;
const topic = 'solo';
const counts = [10, 20, 30];

let lab: TestLab | undefined;

before(async () => {
	lab = await startLab({basePort: BASE_PORT, pis: 0});
});

after(async () => {
	await lab?.stop();
});

async function leaders(bootstrap: string): Promise<Map<number, number>> {
	const r = await runProcess('kcat', ['-L', '-J', '-b', bootstrap, '-t', topic], {timeoutMs: 20_000});
	const meta = JSON.parse(r.stdout) as {topics: Array<{partitions: Array<{partition: number; leader: number}>}>};
	return new Map(meta.topics[0]!.partitions.map((p) => [p.partition, p.leader]));
}

async function kcatCount(bootstrap: string, partition: number): Promise<number> {
	const r = await runProcess('kcat', ['-C', '-e', '-q', '-b', bootstrap, '-t', topic, '-p', String(partition), '-o', 'beginning', '-f', '%o\\n'], {timeoutMs: 30_000});
	return r.stdout.split('\n').filter((x) => x.trim()).length;
}

type Line = {partition?: number; payload?: string; error?: {code: string; message: string}};
const parse = (stdout: string) =>
	stdout
		.split('\n')
		.filter((x) => x.trim())
		.map((x) => JSON.parse(x) as Line);

test('tail on a topic with a leaderless partition: the others are read, the lost one named, and taken up again after lab up', {timeout: 400_000}, async () => {
	const l = lab!;
	await ensureTopic(l.bootstrap, topic, 3, 1);
	for (const [p, n] of counts.entries()) {
		const input = Array.from({length: n}, (_, i) => `p${p}-${i}`).join('\n') + '\n';
		const r = await runProcess('kcat', ['-P', '-b', l.bootstrap, '-t', topic, '-p', String(p)], {input, timeoutMs: 30_000});
		assert.equal(r.code, 0, r.stderr);
	}
	const before = await leaders(l.bootstrap);
	const lost = 2;
	const victim = l.state().nodes.find((n) => n.id === before.get(lost))!;
	process.kill(victim.pid!, 'SIGKILL');
	const survivors = l.bootstrap.split(',').filter((b) => !b.endsWith(`:${victim.port}`)).join(',');
	// the controller fences the dead broker: from then on its partitions have no leader
	await eventually(async () => (await leaders(survivors)).get(lost) === -1, {timeoutMs: 90_000, intervalMs: 1000});
	const readable = [...before].filter(([, leader]) => leader !== victim.id).map(([p]) => p);
	assert.ok(!readable.includes(lost));

	const started = Date.now();
	const once = await runKcon(['tail', topic, '-b', l.bootstrap, '--from', 'beginning', '--until', 'end', '-o', 'json'], {timeoutMs: 60_000});
	const elapsed = Date.now() - started;
	const lines = parse(once.stdout);
	const records = lines.filter((x) => !x.error);
	for (const p of readable) {
		assert.equal(records.filter((r) => r.partition === p).length, await kcatCount(survivors, p), `partition ${p}: as many records as kcat -C -e reads`);
	}
	assert.equal(records.filter((r) => r.partition === lost).length, 0);
	const unlucky = [0, 1, 2].filter((p) => before.get(p) === victim.id);
	assert.equal(once.code, 1, 'not every partition was read');
	assert.deepEqual(lines.at(-1)?.error?.code, 'partial');
	assert.match(lines.at(-1)!.error!.message, new RegExp(`of 'solo' (was|were) not read`));
	const notices = once.stderr.split('\n').filter((x) => x.includes('no leader'));
	assert.equal(notices.length, 1, once.stderr);
	assert.equal(
		notices[0],
		unlucky.length === 1 ? `kcon: partition ${lost} of solo has no leader; not read until it has one` : `kcon: partitions ${unlucky.join(', ')} of solo have no leader; not read until they have one`,
	);
	assert.ok(elapsed < 30_000, `--until end took ${elapsed} ms`);

	// follow mode: started while the partition has no leader, it takes it up once the broker is back
	const child = spawn(process.execPath, [CLI, 'tail', topic, '-b', l.bootstrap, '--from', 'beginning', '-o', 'json'], {stdio: ['ignore', 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (d) => (stdout += d));
	child.stderr.on('data', (d) => (stderr += d));
	const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
	try {
		const readableCount = records.length;
		await eventually(() => parse(stdout).length >= readableCount, {timeoutMs: 60_000});
		const up = await runKcon(['lab', 'up', '--base-port', String(BASE_PORT), '--topology', 'combined', '--pis', '0'], {env: l.env, timeoutMs: 300_000});
		assert.equal(up.code, 0, up.stderr + up.stdout);
		await eventually(async () => (await leaders(l.bootstrap)).get(lost) === victim.id, {timeoutMs: 90_000, intervalMs: 1000});
		const input = Array.from({length: 5}, (_, i) => `after-${i}`).join('\n') + '\n';
		const produced = await runProcess('kcat', ['-P', '-b', l.bootstrap, '-t', topic, '-p', String(lost)], {input, timeoutMs: 30_000});
		assert.equal(produced.code, 0, produced.stderr);
		// its old records and the new ones: everything of every partition
		const total = counts.reduce((a, b) => a + b, 0) + 5;
		await eventually(() => parse(stdout).length >= total, {timeoutMs: 60_000});
		const got = parse(stdout);
		assert.equal(got.length, total);
		assert.deepEqual(
			got.filter((r) => r.partition === lost).map((r) => r.payload),
			[...Array.from({length: counts[lost]!}, (_, i) => `p${lost}-${i}`), ...Array.from({length: 5}, (_, i) => `after-${i}`)],
		);
		assert.match(stderr, new RegExp(`partition ${lost} of solo has a leader again \\(broker ${victim.id}\\); reading from offset 0`));
	} finally {
		child.kill('SIGTERM');
	}
	assert.equal(await exited, 143);
});
