// Topic and config writes on the shared lab (brokers 3, 4, 5), judged by Kafka's own tools:
// TopicCommand --describe agrees with what `kcon topic create|add-partitions|delete` did,
// `kcon config describe` prints what ConfigCommand --describe prints, an alter changes only the
// named key (ConfigCommand shows the rest as it was), every write under --read-only exits 3, and
// invalid input exits 2; after both, TopicCommand and ConfigCommand show nothing changed.
import {before, test} from 'node:test';
import assert from 'node:assert/strict';
import {eventually, kafkaConfigs, runKcon, sharedLab, type RunResult, type TestLab} from '../helpers/lab.js';
import {topicRows} from './actions-checks.js';
import {topicCommand} from './describe-checks.js';
import {readAudit} from '../../source/ops/audit.js';

let lab: TestLab;

before(async () => {
	lab = await sharedLab();
});

const kcon = (args: string[]): Promise<RunResult> => runKcon([...args, '--lab'], {env: lab.env, timeoutMs: 120_000});

async function ok(args: string[]): Promise<RunResult> {
	const r = await kcon(args);
	assert.equal(r.code, 0, `kcon ${args.join(' ')}: ${r.stderr}${r.stdout}`);
	return r;
}

/** kafka-configs.sh --describe (dynamic configs, or every one with --all); the entity is a topic, a broker id, or the brokers' default. */
async function configCommand(type: 'topics' | 'brokers', name: string | null, all = false): Promise<string> {
	const entity = name === null ? ['--entity-default'] : ['--entity-name', name];
	const r = await kafkaConfigs(lab, ['--bootstrap-server', lab.bootstrap, '--describe', '--entity-type', type, ...entity, ...(all ? ['--all'] : [])]);
	assert.equal(r.code, 0, r.stderr);
	return r.stdout;
}

/** TopicCommand's header line of one topic: "PartitionCount: 3\tReplicationFactor: 2\tConfigs: …". */
async function topicHeader(topic: string): Promise<string> {
	const text = await topicCommand(lab, ['--describe', '--topic', topic]);
	const header = text.split('\n').find((line) => line.startsWith(`Topic: ${topic}\t`));
	assert.ok(header, text);
	return header.replace(/\tTopicId: \S+/, '');
}

async function topicList(): Promise<string[]> {
	return (await topicCommand(lab, ['--list'])).split('\n').filter(Boolean).sort();
}

const lines = (text: string) => text.split('\n').filter(Boolean);
/** Topic names of this run: a second run on the same lab does not meet the first one's topics. */
const RUN = `${process.pid}`;
const T = {counts: `tw-counts-${RUN}`, pinned: `tw-pinned-${RUN}`, configs: `tw-configs-${RUN}`, guarded: `tw-guarded-${RUN}`};

test('create (counts and configs, or a replica assignment), add-partitions and delete: TopicCommand agrees', {timeout: 600_000}, async () => {
	const created = JSON.parse((await ok(['topic', 'create', T.counts, '--partitions', '3', '--replication-factor', '2', '--config', 'retention.ms=3600000', '-o', 'json'])).stdout);
	assert.deepEqual([created.result, created.partitions, created.replicationFactor, created.configs], ['ok', 3, 2, [{name: 'retention.ms', value: '3600000'}]]);
	await ok(['topic', 'create', T.pinned, '--replica-assignment', '3:4,4:5,5:3']);

	const counts = await eventually(async () => {
		const rows = await topicRows(lab, T.counts);
		return rows.length === 3 && rows.every((r) => r.leader !== null) && rows;
	});
	assert.ok(counts.every((r) => r.replicas.length === 2 && new Set(r.replicas).size === 2), JSON.stringify(counts));
	// the lab sets min.insync.replicas as a cluster default, so TopicCommand lists it beside the topic's own
	assert.match(await topicHeader(T.counts), new RegExp(`^Topic: ${T.counts}\tPartitionCount: 3\tReplicationFactor: 2\tConfigs: (.*,)?retention\.ms=3600000(,|$)`));
	const pinned = await eventually(async () => {
		const rows = await topicRows(lab, T.pinned);
		return rows.length === 3 && rows;
	});
	assert.deepEqual(pinned.map((r) => r.replicas), [[3, 4], [4, 5], [5, 3]]);

	const grown = JSON.parse((await ok(['topic', 'add-partitions', T.counts, '--partitions', '5', '--yes', '-o', 'json'])).stdout);
	assert.deepEqual([grown.from, grown.to], [3, 5]);
	assert.match(grown.warning, /hash/);
	const after = await eventually(async () => {
		const rows = await topicRows(lab, T.counts);
		return rows.length === 5 && rows;
	});
	// the partitions that were there keep their replicas; the new ones have the topic's replication factor
	assert.deepEqual(after.slice(0, 3).map((r) => r.replicas), counts.map((r) => r.replicas));
	assert.ok(after.slice(3).every((r) => r.replicas.length === 2));

	const deleted = JSON.parse((await ok(['topic', 'delete', T.pinned, '--yes', '-o', 'json'])).stdout);
	assert.deepEqual([deleted.result, deleted.topic, deleted.partitions], ['ok', T.pinned, 3]);
	await eventually(async () => !(await topicList()).includes(T.pinned), {timeoutMs: 60_000, intervalMs: 1000});
	assert.ok((await topicList()).includes(T.counts));

	const audit = readAudit(`${lab.stateDir}/audit.jsonl`).filter((e) => e.action.startsWith('topic.') && e.result === 'ok');
	assert.deepEqual(audit.slice(-4).map((e) => `${e.action} ${(e.arguments as {topic: string}).topic}`), [`topic.create ${T.counts}`, `topic.create ${T.pinned}`, `topic.add-partitions ${T.counts}`, `topic.delete ${T.pinned}`]);
});

test('config describe prints what ConfigCommand --describe prints; alter changes only the named key', {timeout: 600_000}, async () => {
	await ok(['topic', 'create', T.configs, '-p', '1', '-r', '3', '--config', 'retention.ms=7200000', '--config', 'cleanup.policy=compact']);
	await eventually(async () => (await configCommand('topics', T.configs)).includes('cleanup.policy=compact'), {timeoutMs: 60_000, intervalMs: 1000});

	assert.deepEqual(lines((await ok(['config', 'describe', 'topic', T.configs])).stdout), lines(await configCommand('topics', T.configs)));
	const allBefore = await configCommand('topics', T.configs, true);
	assert.deepEqual(lines((await ok(['config', 'describe', 'topic', T.configs, '--all'])).stdout), lines(allBefore));
	assert.deepEqual(lines((await ok(['config', 'describe', 'broker', '4', '--all'])).stdout), lines(await configCommand('brokers', '4', true)));
	const json = JSON.parse((await ok(['config', 'describe', 'topic', T.configs, '-o', 'json'])).stdout);
	assert.deepEqual(
		json.configs.map((c: {name: string; value: string; source: string}) => `${c.name}=${c.value} ${c.source}`),
		['cleanup.policy=compact DYNAMIC_TOPIC_CONFIG', 'retention.ms=7200000 DYNAMIC_TOPIC_CONFIG'],
	);

	const altered = JSON.parse((await ok(['config', 'alter', 'topic', T.configs, '--set', 'segment.ms=3600000', '--delete', 'cleanup.policy', '--yes', '-o', 'json'])).stdout);
	assert.equal(altered.applied, true);
	assert.deepEqual(
		altered.changes.map((c: {name: string; before: {value: string}; after: {value: string; source: string}}) => [c.name, c.before.value, c.after.value, c.after.source]),
		[
			['segment.ms', '604800000', '3600000', 'DYNAMIC_TOPIC_CONFIG'],
			['cleanup.policy', 'compact', 'delete', 'DEFAULT_CONFIG'],
		],
	);
	const allAfter = await configCommand('topics', T.configs, true);
	const changed = (a: string[], b: string[]) => a.filter((line) => !b.includes(line)).map((line) => line.trim().split('=')[0]);
	assert.deepEqual(changed(lines(allAfter), lines(allBefore)).sort(), ['cleanup.policy', 'segment.ms'], 'ConfigCommand: only the named keys differ');
	assert.deepEqual(lines(await configCommand('topics', T.configs)), [
		`Dynamic configs for topic ${T.configs} are:`,
		'  retention.ms=7200000 sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:retention.ms=7200000}',
		'  segment.ms=3600000 sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:segment.ms=3600000}',
	]);

	// a dynamic broker config on one broker, and the cluster-wide default (not log.cleaner.*: a change
	// there restarts the log cleaner, whose new dedupe buffer does not fit the lab brokers' small heap)
	await ok(['config', 'alter', 'broker', '4', '--set', 'log.segment.delete.delay.ms=61000', '--yes']);
	await ok(['config', 'alter', 'broker', '--set', 'log.index.interval.bytes=8192', '--yes']);
	const broker4 = await configCommand('brokers', '4');
	assert.ok(lines(broker4).some((l) => l.startsWith('  log.segment.delete.delay.ms=61000 sensitive=false synonyms={DYNAMIC_BROKER_CONFIG:log.segment.delete.delay.ms=61000, ')), broker4);
	assert.deepEqual(lines((await ok(['config', 'describe', 'broker', '4'])).stdout), lines(broker4));
	const defaults = await configCommand('brokers', null);
	assert.ok(lines(defaults).includes('  log.index.interval.bytes=8192 sensitive=false synonyms={DYNAMIC_DEFAULT_BROKER_CONFIG:log.index.interval.bytes=8192}'), defaults);
	assert.deepEqual(lines((await ok(['config', 'describe', 'broker'])).stdout), lines(defaults));
	await ok(['config', 'alter', 'broker', '4', '--delete', 'log.segment.delete.delay.ms', '--yes']);
	await ok(['config', 'alter', 'broker', '--delete', 'log.index.interval.bytes', '--yes']);
	assert.ok(!(await configCommand('brokers', '4')).includes('log.segment.delete.delay.ms'));
	assert.ok(!(await configCommand('brokers', null)).includes('log.index.interval.bytes'));
});

test('every write under --read-only exits 3, every invalid input exits 2; TopicCommand and ConfigCommand show nothing changed', {timeout: 600_000}, async () => {
	await ok(['topic', 'create', T.guarded, '-p', '2', '-r', '2', '--config', 'retention.ms=5400000']);
	const rowsBefore = await eventually(async () => {
		const rows = await topicRows(lab, T.guarded);
		return rows.length === 2 && rows;
	});
	const topicsBefore = await topicList();
	const configsBefore = await configCommand('topics', T.guarded);
	const brokerBefore = await configCommand('brokers', '3');
	const auditBefore = readAudit(`${lab.stateDir}/audit.jsonl`).length;

	const readOnly = [
		['topic', 'create', 'tw-never', '-p', '1', '-r', '1'],
		['topic', 'delete', T.guarded, '--yes'],
		['topic', 'add-partitions', T.guarded, '-p', '4', '--yes'],
		['config', 'alter', 'topic', T.guarded, '--set', 'retention.ms=1000', '--yes'],
		['config', 'alter', 'broker', '3', '--set', 'log.segment.delete.delay.ms=62000', '--yes'],
		['config', 'alter', 'broker', '--set', 'log.index.interval.bytes=8192', '--yes'],
	];
	for (const args of readOnly) {
		const r = await kcon([...args, '--read-only', '-o', 'json']);
		assert.equal(r.code, 3, `${args.join(' ')}: ${r.stderr}`);
		assert.match(JSON.parse(r.stdout).error.message, /^read-only mode: refusing /);
	}
	const refusals = readAudit(`${lab.stateDir}/audit.jsonl`).slice(auditBefore);
	assert.equal(refusals.length, readOnly.length);
	assert.ok(refusals.every((e) => e.result === 'refused' && /read-only/.test(e.detail ?? '')));

	const invalid: Array<[string[], RegExp]> = [
		[['topic', 'create', 'tw-never', '-p', '1', '-r', '4'], /replication factor 4 is larger than the 3 broker/],
		[['topic', 'create', 'tw-never', '-p', '1', '-r', '1', '--config', 'no.such.config=1'], /INVALID_CONFIG/],
		[['topic', 'create', 'tw-never', '-p', '1', '-r', '1', '--config', 'retention.ms=soon'], /INVALID_CONFIG/],
		[['topic', 'create', 'tw-never', '--replica-assignment', '3:9'], /broker 9 is not in the cluster/],
		[['topic', 'create', 'tw-never', '--replica-assignment', '3:4,5'], /same number/],
		[['topic', 'create', T.guarded, '-p', '1', '-r', '1'], /already exists/],
		[['topic', 'create', 'tw never', '-p', '1', '-r', '1'], /may only contain/],
		[['topic', 'create', 'tw-never', '-p', '0', '-r', '1'], /--partitions/],
		[['topic', 'delete', 'tw-missing', '--yes'], /does not exist/],
		[['topic', 'delete', '__consumer_offsets', '--yes'], /internal topic/],
		[['topic', 'add-partitions', T.guarded, '-p', '2', '--yes'], /must be more than/],
		[['topic', 'add-partitions', 'tw-missing', '-p', '3', '--yes'], /does not exist/],
		[['config', 'alter', 'topic', T.guarded, '--set', 'no.such.config=1', '--yes'], /not a config of topic tw-guarded-/],
		[['config', 'alter', 'topic', T.guarded, '--set', 'retention.ms=soon', '--yes'], /INVALID_CONFIG/],
		[['config', 'alter', 'topic', T.guarded, '--delete', 'cleanup.policy', '--yes'], /no override/],
		[['config', 'alter', 'topic', 'tw-missing', '--set', 'retention.ms=1', '--yes'], /does not exist/],
		[['config', 'alter', 'broker', '3', '--set', 'broker.id=9', '--yes'], /Cannot update these configs dynamically/],
		[['config', 'alter', 'broker', '9', '--set', 'log.segment.delete.delay.ms=62000', '--yes'], /broker 9 is not in the cluster/],
		[['config', 'describe', 'topic', 'tw-missing'], /does not exist/],
	];
	for (const [args, message] of invalid) {
		const r = await kcon([...args, '-o', 'json']);
		assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}${r.stdout}`);
		assert.match(JSON.stringify(JSON.parse(r.stdout)), message, args.join(' '));
	}
	// without a terminal and without --yes, a destructive write is refused too
	for (const args of [['topic', 'delete', T.guarded], ['topic', 'add-partitions', T.guarded, '-p', '4']]) {
		const r = await kcon(args);
		assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
		assert.match(r.stderr, /^kcon: refusing to .* without --yes: no terminal to confirm on\n$/);
	}

	assert.deepEqual(await topicList(), topicsBefore);
	assert.deepEqual(await topicRows(lab, T.guarded), rowsBefore);
	assert.equal(await configCommand('topics', T.guarded), configsBefore);
	assert.equal(await configCommand('brokers', '3'), brokerBefore);
});
