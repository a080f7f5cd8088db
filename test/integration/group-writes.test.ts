// Consumer group writes on the shared lab, judged by Kafka's own ConsumerGroupCommand: groups with
// offsets committed by real Java consumers (classic and KIP-848 group.protocol=consumer) are reset;
// kcon's dry run prints exactly what `--reset-offsets --dry-run` prints for the same arguments, and
// after --execute the committed offsets are what `--describe` shows. A group with a live member is
// refused; every write under --read-only exits 3 and changes nothing; delete-offsets and delete
// are seen by the Java tool.
import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import {eventually, runKcon, sharedLab, type RunResult, type TestLab} from '../helpers/lab.js';
import {startConsoleConsumer, type JavaConsumer} from '../helpers/java-consumer.js';
import {createTopic, groupCommand, javaGroupRows, produce} from './describe-checks.js';

const TOPIC = 'group-writes';
// longer than 15: the Java tool widens the TOPIC column to it
const OTHER = 'group-writes-second-topic';
const CLASSIC = 'group-writes-classic';
const MODERN = 'group-writes-kip848';

const live: JavaConsumer[] = [];
after(async () => {
	for (const c of live) await c.stop();
});

async function kcon(lab: TestLab, args: string[]): Promise<RunResult> {
	return runKcon([...args, '-b', lab.bootstrap], {timeoutMs: 60_000});
}

/** "topic partition" → committed offset, from ConsumerGroupCommand --describe. */
async function javaCommitted(lab: TestLab, group: string): Promise<Map<string, string>> {
	const r = await groupCommand(lab, ['--describe', '--group', group]);
	assert.equal(r.code, 0, r.stderr);
	const out = new Map<string, string>();
	for (const [k, cells] of javaGroupRows(r.stdout)) out.set(k.slice(group.length + 1), cells[0]!);
	return out;
}

/** Consume everything of `topics` as `group` with Kafka's console consumer, then stop it (it commits and leaves). */
async function consumeAndStop(lab: TestLab, group: string, topic: string, count: number, properties: Record<string, string> = {}): Promise<void> {
	const consumer = startConsoleConsumer(lab, {topic, group, properties});
	live.push(consumer);
	await eventually(() => consumer.records().length >= count, {timeoutMs: 90_000});
	// the commit of what was read is asynchronous: wait until the Java tool sees it all
	await eventually(async () => {
		const committed = await javaCommitted(lab, group);
		return [...committed.values()].reduce((n, v) => n + (v === '-' ? 0 : Number(v)), 0) >= count;
	}, {timeoutMs: 60_000});
	await consumer.stop();
}

test('reset-offsets: dry runs equal ConsumerGroupCommand byte for byte; --execute commits what --describe then shows', {timeout: 600_000}, async () => {
	const lab = await sharedLab();
	await createTopic(lab, TOPIC, ['--partitions', '3', '--replication-factor', '3']);
	await createTopic(lab, OTHER, ['--partitions', '2', '--replication-factor', '2']);
	await produce(lab, TOPIC, 60);
	await produce(lab, OTHER, 10);

	// a live member: kcon refuses the reset and the delete before sending, saying why
	const consumer = startConsoleConsumer(lab, {topic: TOPIC, group: CLASSIC});
	live.push(consumer);
	await eventually(() => consumer.records().length >= 60, {timeoutMs: 90_000});
	await eventually(async () => (await javaCommitted(lab, CLASSIC)).size === 3, {timeoutMs: 60_000});
	for (const args of [
		['group', 'reset-offsets', CLASSIC, '--topic', TOPIC, '--to-earliest', '--execute', '--yes'],
		['group', 'reset-offsets', CLASSIC, '--topic', TOPIC, '--to-earliest'],
		['group', 'delete', CLASSIC, '--yes'],
	]) {
		const r = await kcon(lab, args);
		assert.equal(r.code, 1, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
		assert.match(r.stderr, new RegExp(`group '${CLASSIC}' is inactive, but the current state is Stable`));
	}
	await consumer.stop();
	await consumeAndStop(lab, CLASSIC, OTHER, 10);
	const before = await javaCommitted(lab, CLASSIC);
	assert.equal(before.size, 5);

	const variants = [
		['--topic', TOPIC, '--to-earliest'],
		['--topic', TOPIC, '--to-latest'],
		['--topic', `${TOPIC}:0,2`, '--to-offset', '7'],
		['--all-topics', '--to-offset', '100000'],
		['--all-topics', '--shift-by', '-5'],
		['--topic', TOPIC, '--topic', OTHER, '--shift-by', '+2'],
		['--all-topics', '--to-datetime', '2020-01-01T00:00:00.000'],
	];
	for (const args of variants) {
		const ours = await kcon(lab, ['group', 'reset-offsets', CLASSIC, ...args]);
		assert.equal(ours.code, 0, ours.stderr);
		const theirs = await groupCommand(lab, ['--group', CLASSIC, '--reset-offsets', ...args, '--dry-run']);
		assert.equal(theirs.code, 0, theirs.stderr);
		assert.ok(theirs.stdout.includes('NEW-OFFSET'), theirs.stdout);
		assert.equal(ours.stdout, theirs.stdout, args.join(' '));
	}
	// the clamped ones are said so
	const clamped = await kcon(lab, ['group', 'reset-offsets', CLASSIC, '--all-topics', '--to-offset', '100000']);
	assert.match(clamped.stderr, /requested 100000 is higher than the latest offset/);
	assert.deepEqual(await javaCommitted(lab, CLASSIC), before, 'dry runs change nothing');

	// a datetime in the future is bad input: exit 2, nothing sent
	const future = await kcon(lab, ['group', 'reset-offsets', CLASSIC, '--all-topics', '--to-datetime', '2999-01-01T00:00:00.000', '--execute', '--yes']);
	assert.equal(future.code, 2, future.stderr);

	const executed = await kcon(lab, ['group', 'reset-offsets', CLASSIC, '--all-topics', '--shift-by', '-4', '--execute', '--yes', '-o', 'json']);
	assert.equal(executed.code, 0, executed.stderr);
	const result = JSON.parse(executed.stdout) as {executed: boolean; partitions: Array<{topic: string; partition: number; newOffset: number}>};
	assert.equal(result.executed, true);
	const after = await javaCommitted(lab, CLASSIC);
	assert.equal(result.partitions.length, 5);
	for (const p of result.partitions) {
		assert.equal(after.get(`${p.topic} ${p.partition}`), String(p.newOffset), `${p.topic}-${p.partition}`);
		assert.equal(Number(before.get(`${p.topic} ${p.partition}`)) - 4, p.newOffset);
	}
});

test('read-only: every group write exits 3 and the committed offsets stay', {timeout: 300_000}, async () => {
	const lab = await sharedLab();
	const before = await javaCommitted(lab, CLASSIC);
	assert.ok(before.size > 0);
	for (const args of [
		['group', 'reset-offsets', CLASSIC, '--all-topics', '--to-earliest', '--execute', '--yes'],
		['group', 'delete-offsets', CLASSIC, '--topic', TOPIC, '--yes'],
		['group', 'delete', CLASSIC, '--yes'],
	]) {
		const r = await kcon(lab, [...args, '--read-only']);
		assert.equal(r.code, 3, `${args.join(' ')}: ${r.stderr}`);
		assert.match(r.stderr, /^kcon: read-only mode: refusing group /);
	}
	assert.deepEqual(await javaCommitted(lab, CLASSIC), before);
});

test('a KIP-848 group (group.protocol=consumer): refused while live, reset when stopped, then delete-offsets and delete', {timeout: 600_000}, async () => {
	const lab = await sharedLab();
	const consumer = startConsoleConsumer(lab, {topic: TOPIC, group: MODERN, properties: {'group.protocol': 'consumer'}});
	live.push(consumer);
	await eventually(() => consumer.records().length >= 60, {timeoutMs: 90_000});
	await eventually(async () => (await javaCommitted(lab, MODERN)).size === 3, {timeoutMs: 60_000});
	const refused = await kcon(lab, ['group', 'reset-offsets', MODERN, '--topic', TOPIC, '--to-earliest', '--execute', '--yes']);
	assert.equal(refused.code, 1, refused.stderr);
	assert.match(refused.stderr, /is inactive, but the current state is Stable \(1 member\)/);
	await consumer.stop();

	const args = ['--topic', `${TOPIC}:1,0`, '--to-offset', '3'];
	const dry = await kcon(lab, ['group', 'reset-offsets', MODERN, ...args]);
	const java = await groupCommand(lab, ['--group', MODERN, '--reset-offsets', ...args, '--dry-run']);
	assert.equal(dry.stdout, java.stdout);
	const executed = await kcon(lab, ['group', 'reset-offsets', MODERN, ...args, '--execute', '--yes']);
	assert.equal(executed.code, 0, executed.stderr);
	const committed = await javaCommitted(lab, MODERN);
	assert.equal(committed.get(`${TOPIC} 0`), '3');
	assert.equal(committed.get(`${TOPIC} 1`), '3');

	const deleted = await kcon(lab, ['group', 'delete-offsets', MODERN, '--topic', `${TOPIC}:1`, '--yes']);
	assert.equal(deleted.code, 0, deleted.stderr);
	const left = await javaCommitted(lab, MODERN);
	assert.equal(left.get(`${TOPIC} 1`), undefined);
	assert.equal(left.get(`${TOPIC} 0`), '3');

	const gone = await kcon(lab, ['group', 'delete', MODERN, '--yes']);
	assert.equal(gone.code, 0, gone.stderr);
	const list = await groupCommand(lab, ['--list']);
	assert.ok(!list.stdout.split('\n').includes(MODERN), list.stdout);
	const again = await kcon(lab, ['group', 'delete', MODERN, '--yes']);
	assert.equal(again.code, 2, again.stderr);
});
