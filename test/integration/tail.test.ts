// kcon tail against the shared lab, with kcat and Kafka's own tools as the reference.
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {before, describe, test} from 'node:test';
import {ensureTopic} from '../../source/kafka/lab-clients.js';
import {CLI, javaTool, runKcon, runProcess, sharedLab, type TestLab} from '../helpers/lab.js';

let lab: TestLab;
const topic = `tail-it-${process.pid}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Line {
	topic: string;
	partition: number;
	offset: number;
	tstype: string;
	ts: number;
	broker: number;
	key: string | null;
	payload: string | null;
	headers?: Array<string | null>;
	payloadEncoding?: string;
}

const parseLines = (text: string): Line[] =>
	text
		.split('\n')
		.filter((l) => l.trim())
		.map((l) => JSON.parse(l) as Line);
const byPosition = (a: Line, b: Line) => a.partition - b.partition || a.offset - b.offset;

async function kcat(args: string[], input?: string) {
	const result = await runProcess('kcat', ['-b', lab.bootstrap, ...args], {input, timeoutMs: 60_000});
	assert.equal(result.code, 0, `kcat ${args.join(' ')}: ${result.stderr}`);
	return result;
}

async function tail(args: string[]) {
	return runKcon(['tail', topic, '-b', lab.bootstrap, ...args], {timeoutMs: 60_000});
}

/** kcat writes payloads raw; compare our base64 payloads after the same lossy UTF-8 decoding. */
function comparable(l: Line): Omit<Line, 'payloadEncoding'> {
	const {payloadEncoding, ...rest} = l;
	if (payloadEncoding === 'base64' && rest.payload !== null) rest.payload = Buffer.from(rest.payload, 'base64').toString('utf8');
	return rest;
}

let betweenMs = 0;
let total = 0;

before(async () => {
	lab = await sharedLab();
	await ensureTopic(lab.bootstrap, topic, 3, 3);
	// batch A: keyed lab records, headers, control characters, a binary payload
	const fluentd =
		'{"tx_bytes":1181107,"rx_bytes":121373944,"tx_drops":0,"rx_drops":0,"tx_errors":0,"rx_errors":0,"cpu_load":"1.35","free_ram":2925856,"disk_util":6,"time":"2026-02-20T11:56:54+0000"}';
	const a = Array.from({length: 30}, (_, i) => `pi${i % 4}\t${i % 5 === 0 ? fluentd : `message ${i}`}`).join('\n') + '\n';
	await kcat(['-P', '-t', topic, '-K', '\t'], a);
	await kcat(['-P', '-t', topic, '-p', '0', '-H', 'h1=v1', '-H', 'h2=v2', '-H', 'h1=v3'], 'with headers\n');
	await kcat(['-P', '-t', topic, '-p', '1'], 'esc \u001b[31mred\u0007\n');
	const binary = await runProcess('bash', ['-c', `printf '\\xde\\xad\\xbe\\xef\\x01' | kcat -P -b ${lab.bootstrap} -t ${topic} -p 2`]);
	assert.equal(binary.code, 0, binary.stderr);
	total = 33;
	await sleep(1500);
	betweenMs = Date.now();
	await sleep(1500);
	// batch B, strictly after `betweenMs`
	await kcat(['-P', '-t', topic, '-p', '1'], Array.from({length: 7}, (_, i) => `later ${i}`).join('\n') + '\n');
	total += 7;
});

describe('kcon tail (shared lab)', () => {
	test('--from beginning --until end -o json equals kcat -C -e -J, field by field', async () => {
		const ours = await tail(['--from', 'beginning', '--until', 'end', '-o', 'json']);
		assert.equal(ours.code, 0, ours.stderr);
		const theirs = await kcat(['-C', '-e', '-J', '-q', '-t', topic, '-o', 'beginning']);
		const a = parseLines(ours.stdout).sort(byPosition);
		const b = parseLines(theirs.stdout).sort(byPosition);
		assert.equal(a.length, total);
		assert.deepEqual(a.map(comparable), b);
		const binary = a.find((l) => l.payloadEncoding === 'base64');
		assert.ok(binary, 'the non-UTF-8 payload is base64');
		assert.deepEqual(Buffer.from(binary.payload!, 'base64'), Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x01]));
		const headers = a.find((l) => l.headers);
		assert.deepEqual(headers?.headers, ['h1', 'v1', 'h2', 'v2', 'h1', 'v3']);
		assert.equal(a.filter((l) => l.key === null).length, 10, 'unkeyed messages have key null');
		// partitions are read in parallel, but each partition's offsets come in order
		const raw = parseLines(ours.stdout);
		for (const p of [0, 1, 2]) {
			const offs = raw.filter((l) => l.partition === p).map((l) => l.offset);
			assert.deepEqual(offs, [...offs].sort((x, y) => x - y));
		}
	});

	test('an offset range on one partition equals kcat -o OFFSET -p P', async () => {
		const ours = await tail(['--from', '2', '--partition', '1', '--until', 'end', '-o', 'json']);
		assert.equal(ours.code, 0, ours.stderr);
		const theirs = await kcat(['-C', '-e', '-J', '-q', '-t', topic, '-p', '1', '-o', '2']);
		const a = parseLines(ours.stdout).map(comparable);
		assert.ok(a.length > 5);
		assert.equal(a[0]!.offset, 2);
		assert.deepEqual(a, parseLines(theirs.stdout));
		// -N: the last N of each partition, like kcat -o -N
		const lastThree = await tail(['--from', '-3', '--partition', '1', '--until', 'end', '-o', 'json']);
		const k3 = await kcat(['-C', '-e', '-J', '-q', '-t', topic, '-p', '1', '-o', '-3']);
		assert.deepEqual(parseLines(lastThree.stdout).map(comparable), parseLines(k3.stdout));
	});

	test('--from an ISO-8601 time starts where kcat -o s@MS starts', async () => {
		const iso = new Date(betweenMs).toISOString();
		const ours = await tail(['--from', iso, '--until', 'end', '-o', 'json']);
		assert.equal(ours.code, 0, ours.stderr);
		const theirs = await kcat(['-C', '-e', '-J', '-q', '-t', topic, '-o', `s@${betweenMs}`]);
		const a = parseLines(ours.stdout).sort(byPosition);
		assert.deepEqual(a.map((l) => l.payload), Array.from({length: 7}, (_, i) => `later ${i}`));
		assert.deepEqual(a.map(comparable), parseLines(theirs.stdout).sort(byPosition));
	});

	test('relative --from: -10m reads everything, a window after the last write reads nothing', async () => {
		const all = await tail(['--from', '-10m', '--until', 'end', '-o', 'json']);
		assert.equal(all.code, 0, all.stderr);
		assert.equal(parseLines(all.stdout).length, total);
		const ago = Math.max(1, Math.floor((Date.now() - betweenMs) / 1000) - 2);
		const recent = await tail([`--from=-${ago}s`, '--until', 'end', '-o', 'json']);
		assert.equal(recent.code, 0, recent.stderr);
		assert.ok(parseLines(recent.stdout).length <= 7, 'only batch B at most');
		await sleep(1100);
		const none = await tail(['--from', '-1s', '--until', 'end', '-o', 'json']);
		assert.equal(none.code, 0, none.stderr);
		assert.equal(none.stdout, '');
	});

	test('--until end exits with the right count; --limit, --key, --grep; text lines decode lab records and escape', async () => {
		const text = await tail(['--from', 'beginning', '--until', 'end']);
		assert.equal(text.code, 0, text.stderr);
		const lines = text.stdout.trimEnd().split('\n');
		assert.equal(lines.length, total);
		assert.ok(lines.some((l) => /p\d@\d+  pi0  \[fluentd\] cpu_load=1\.35 free_ram=2857\.3 MB disk_util=6% rx=115\.8 MiB tx=1\.1 MiB$/.test(l)));
		assert.ok(lines.some((l) => l.endsWith('esc \\e[31mred\\x07')));
		assert.doesNotMatch(text.stdout, /\u001b|\u0007/);
		const limited = await tail(['--from', 'beginning', '--limit', '4', '-o', 'json']);
		assert.equal(limited.code, 0);
		assert.equal(parseLines(limited.stdout).length, 4);
		const keyed = await tail(['--from', 'beginning', '--until', 'end', '--key', '^pi[12]$', '-o', 'json']);
		assert.deepEqual([...new Set(parseLines(keyed.stdout).map((l) => l.key))].sort(), ['pi1', 'pi2']);
		assert.equal(parseLines(keyed.stdout).length, 15);
		const grep = await tail(['--from', 'beginning', '--until', 'end', '--grep', 'cpu_load', '-o', 'json']);
		assert.equal(parseLines(grep.stdout).length, 6);
	});

	test('bad input: one line, exit 2; a JSON error object under -o json', async () => {
		const cases: Array<[string[], RegExp]> = [
			[['tail', 'no-such-topic-here', '-b', lab.bootstrap], /^kcon: topic 'no-such-topic-here' does not exist\n$/],
			[['tail', topic, '-b', lab.bootstrap, '--partition', '7'], /^kcon: topic '.*' has no partition 7 \(it has 3: 0-2\)\n$/],
			[['tail', topic, '-b', lab.bootstrap, '--from', 'yesterday'], /^kcon: --from must be .*'yesterday'\n$/],
			[['tail', topic, '-b', lab.bootstrap, '--limit', '0'], /^kcon: --limit must be a whole number from 1 to 9007199254740991, not '0'\n$/],
		];
		for (const [args, re] of cases) {
			const r = await runKcon(args);
			assert.equal(r.code, 2, args.join(' '));
			assert.match(r.stderr, re);
			assert.equal(r.stdout, '');
		}
		const json = await runKcon(['tail', 'no-such-topic-here', '-b', lab.bootstrap, '-o', 'json']);
		assert.equal(json.code, 2);
		assert.deepEqual(JSON.parse(json.stdout), {error: {code: 'usage', message: "topic 'no-such-topic-here' does not exist", exitCode: 2}});
		// the topic was not auto-created by asking for it
		const meta = await kcat(['-L', '-J']);
		assert.ok(!JSON.parse(meta.stdout).topics.some((t: {topic: string}) => t.topic === 'no-such-topic-here'));
	});

	test('a closed pipe ends quietly with exit 0: a reader that leaves after one line, and one gone before the first', async () => {
		// head -1 takes one line and leaves; the test topic's 40 lines fit in the pipe's buffer, so
		// kcon may have written them all before head leaves: --until end makes it end either way
		const script = `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} tail ${topic} -b ${lab.bootstrap} --from beginning --until end -o json | head -1; echo "rc=\${PIPESTATUS[0]}" >&2`;
		const r = await runProcess('bash', ['-c', script], {timeoutMs: 30_000});
		assert.equal(parseLines(r.stdout).length, 1);
		assert.match(r.stderr, /^rc=0\n$/, r.stderr);
		// a following tail learns that its reader is gone at its next write (as kcat does): with the
		// read end closed before kcon starts, its first write fails and it ends, quietly, with 0
		const child = spawn(process.execPath, [CLI, 'tail', topic, '-b', lab.bootstrap, '--from', 'beginning', '-o', 'json'], {stdio: ['ignore', 'pipe', 'pipe']});
		child.stdout.destroy();
		let stderr = '';
		child.stderr.on('data', (d) => (stderr += d));
		const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
		const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
		clearTimeout(timer);
		assert.equal(code, 0, stderr);
		assert.equal(stderr, '');
	});

	test('--group under --read-only or KCON_READ_ONLY=1: exit 3, one line, and the group never exists', async () => {
		const group = `tail-it-readonly-${process.pid}`;
		const r = await tail(['--group', group, '--from', 'beginning', '--until', 'end', '--read-only']);
		assert.equal(r.code, 3, r.stderr + r.stdout);
		assert.equal(r.stdout, '');
		assert.equal(r.stderr, `kcon: read-only mode: refusing to join group '${group}' and commit its offsets\n`);
		const env = await runKcon(['tail', topic, '-b', lab.bootstrap, '--group', group, '-o', 'json'], {env: {KCON_READ_ONLY: '1'}, timeoutMs: 60_000});
		assert.equal(env.code, 3, env.stderr + env.stdout);
		assert.deepEqual(JSON.parse(env.stdout), {error: {code: 'read-only', message: `read-only mode: refusing to join group '${group}' and commit its offsets`, exitCode: 3}});
		const list = await javaTool(lab, 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand', ['--bootstrap-server', lab.bootstrap, '--list']);
		assert.equal(list.code, 0, list.stderr);
		assert.ok(!list.stdout.split('\n').includes(group), `group ${group} was created:\n${list.stdout}`);
	});

	test('no group is left behind; --group consumes as a member and commits where it stopped', async () => {
		const group = `tail-it-group-${process.pid}`;
		const before = await javaTool(lab, 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand', ['--bootstrap-server', lab.bootstrap, '--list']);
		assert.equal(before.code, 0, before.stderr);
		const r = await tail(['--group', group, '--from', 'beginning', '--until', 'end', '-o', 'json']);
		assert.equal(r.code, 0, r.stderr + r.stdout);
		assert.equal(parseLines(r.stdout).length, total);
		const after = await javaTool(lab, 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand', ['--bootstrap-server', lab.bootstrap, '--list']);
		const newGroups = after.stdout.split('\n').filter((g) => g.trim() && !before.stdout.split('\n').includes(g));
		assert.deepEqual(newGroups, [group], 'only the --group run created a group (the other tails made none)');
		const described = await javaTool(lab, 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand', [
			'--bootstrap-server',
			lab.bootstrap,
			'--describe',
			'--group',
			group,
		]);
		const rows = described.stdout.split('\n').filter((l) => l.includes(topic));
		assert.equal(rows.length, 3, described.stdout);
		for (const row of rows) {
			const cols = row.trim().split(/\s+/);
			// GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG …
			assert.equal(cols[3], cols[4], `committed at the end: ${row}`);
			assert.equal(cols[5], '0');
		}
	});
});
