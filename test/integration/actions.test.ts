// Operator actions on a real lab of their own (they kill brokers): broker kill/start with the
// impact preview and guards, preferred leader election, throttled reassignment, cancel, invalid
// plans, read-only mode, and the protocol extensions on the wire. Judged by Kafka's own Java tools
// (TopicCommand, ConfigCommand, ReassignPartitionsCommand) and kcat.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {eventually, javaTool, runKcon, runProcess, startLab, type TestLab} from '../helpers/lab.js';
import {PORTS} from '../helpers/ports.js';
import {processAlive} from '../../source/lab/state.js';
import {offsetsPartitionFor} from '../../source/domain/impact.js';
import {readAudit} from '../../source/state/audit.js';
import {BrokerLink} from '../../source/kafka/protocol/transport.js';
import {describeLogDirs} from '../../source/kafka/protocol/describe-log-dirs.js';
import {electLeaders} from '../../source/kafka/protocol/elect-leaders.js';
import {incrementalAlterConfigs, OP_SET, RESOURCE_TOPIC} from '../../source/kafka/protocol/incremental-alter-configs.js';
import {alterPartitionReassignments, listPartitionReassignments} from '../../source/kafka/protocol/partition-reassignments.js';

let lab: TestLab;
let work: string;

before(async () => {
	lab = await startLab({basePort: PORTS.actions, topology: 'combined', pis: 1});
	work = fs.mkdtempSync(path.join(os.tmpdir(), 'kcon-actions-'));
});

after(async () => {
	await lab?.stop();
	if (work) fs.rmSync(work, {recursive: true, force: true});
});

const kcon = (args: string[], timeoutMs = 180_000) => runKcon(args, {env: lab.env, timeoutMs});
const brokerPid = (id: number) => lab.state().nodes.find((n) => n.id === id)!;

interface Row {
	partition: number;
	leader: number | null;
	replicas: number[];
	isr: number[];
}

/** Kafka's TopicCommand --describe, parsed. */
async function topicCommand(topic: string): Promise<Row[]> {
	const r = await javaTool(lab, 'org.apache.kafka.tools.TopicCommand', ['--bootstrap-server', lab.bootstrap, '--describe', '--topic', topic]);
	assert.equal(r.code, 0, r.stderr);
	const ids = (s: string) => (s.trim() ? s.trim().split(',').map(Number) : []);
	return r.stdout
		.split('\n')
		.filter((l) => /\tPartition: \d+/.test(l))
		.map((l) => {
			const f = (name: string) => new RegExp(`${name}: ([^\\t]*)`).exec(l)![1]!;
			const leader = f('Leader');
			return {partition: Number(f('Partition')), leader: leader === 'none' ? null : Number(leader), replicas: ids(f('Replicas')), isr: ids(f('Isr'))};
		})
		.sort((a, b) => a.partition - b.partition);
}

/** kcat -L -J: partition → replica ids. */
async function kcatAssignment(topic: string): Promise<Map<number, number[]>> {
	const r = await runProcess('kcat', ['-L', '-J', '-b', lab.bootstrap, '-t', topic]);
	assert.equal(r.code, 0, r.stderr);
	const meta = JSON.parse(r.stdout) as {topics: Array<{topic: string; partitions: Array<{partition: number; replicas: Array<{id: number}>}>}>};
	const t = meta.topics.find((x) => x.topic === topic)!;
	return new Map(t.partitions.map((p) => [p.partition, p.replicas.map((x) => x.id)]));
}

async function configCommand(type: 'topics' | 'brokers', name: string): Promise<string> {
	const r = await javaTool(lab, 'kafka.admin.ConfigCommand', ['--bootstrap-server', lab.bootstrap, '--describe', '--entity-type', type, '--entity-name', name]);
	assert.equal(r.code, 0, r.stderr);
	return r.stdout;
}

async function createTopic(args: string[]): Promise<void> {
	const r = await javaTool(lab, 'org.apache.kafka.tools.TopicCommand', ['--bootstrap-server', lab.bootstrap, '--create', ...args]);
	assert.equal(r.code, 0, r.stderr + r.stdout);
}

function writePlan(name: string, plan: unknown): string {
	const file = path.join(work, name);
	fs.writeFileSync(file, typeof plan === 'string' ? plan : JSON.stringify(plan));
	return file;
}

test('protocol extensions answer on the real cluster', async () => {
	const link = new BrokerLink(lab.bootstrap.split(',')[0]!);
	try {
		const dirs = await link.send(describeLogDirs([{topic: 'resource', partitions: [0, 1, 2]}]));
		assert.equal(dirs.dirs[0]!.errorCode, 0);
		assert.deepEqual([...new Set(dirs.replicas.map((r) => r.partition))].sort(), [0, 1, 2]);
		assert.ok(dirs.replicas.every((r) => typeof r.size === 'bigint' && r.size >= 0n));

		const elect = await link.send(electLeaders({topicPartitions: [{topic: 'resource', partitions: [0]}, {topic: 'no-such-topic', partitions: [0]}]}));
		const byTopic = new Map(elect.results.map((r) => [r.topic, r.error]));
		assert.equal(byTopic.get('resource'), 'ELECTION_NOT_NEEDED');
		assert.equal(byTopic.get('no-such-topic'), 'UNKNOWN_TOPIC_OR_PARTITION');

		const bad = await link.send(incrementalAlterConfigs([{type: RESOURCE_TOPIC, name: 'resource', configs: [{name: 'retention.ms', op: OP_SET, value: 'soon'}]}], true));
		assert.equal(bad.resources[0]!.error, 'INVALID_CONFIG');
		const ok = await link.send(incrementalAlterConfigs([{type: RESOURCE_TOPIC, name: 'resource', configs: [{name: 'retention.ms', op: OP_SET, value: '3600000'}]}], true));
		assert.equal(ok.resources[0]!.errorCode, 0);
		assert.doesNotMatch(await configCommand('topics', 'resource'), /retention\.ms=3600000/, 'validateOnly changed nothing');

		assert.deepEqual((await link.send(listPartitionReassignments(null))).reassignments, []);
		const cancel = await link.send(alterPartitionReassignments([{topic: 'resource', partition: 0, replicas: null}]));
		assert.equal(cancel.partitions[0]!.error, 'NO_REASSIGNMENT_IN_PROGRESS');
	} finally {
		await link.close();
	}
});

test('read-only mode: every mutating command exits 3 and changes nothing', async () => {
	const pid = brokerPid(4).pid;
	const plan = writePlan('ro.json', {version: 1, partitions: [{topic: 'resource', partition: 0, replicas: [5, 3, 4]}]});
	for (const args of [
		['broker', 'kill', '4', '--lab', '--read-only', '--yes', '--force'],
		['broker', 'start', '4', '--lab', '--read-only'],
		['elect', '--all', '--lab', '--read-only'],
		['reassign', 'execute', plan, '--lab', '--read-only', '--yes'],
		['reassign', 'cancel', '--lab', '--read-only', '--yes'],
	]) {
		const r = await kcon(args);
		assert.equal(r.code, 3, `${args.join(' ')}: ${r.stderr}`);
		assert.match(r.stderr, /read-only/);
	}
	// the context setting does the same, and -o json gives a JSON error
	const config = writePlan('config.json', {contexts: {ro: {brokers: lab.bootstrap, readOnly: true}}});
	const r = await kcon(['elect', '--all', '--config', config, '--context', 'ro', '-o', 'json']);
	assert.equal(r.code, 3);
	assert.equal(JSON.parse(r.stdout).error.code, 'read-only');
	assert.ok(processAlive(pid, brokerPid(4).marker));
	const audit = readAudit(path.join(lab.stateDir, 'audit.jsonl'));
	assert.ok(audit.filter((e) => e.result === 'refused' && /read-only/.test(e.detail ?? '')).length >= 6);
	assert.ok(audit.every((e) => e.user && e.time && e.context && e.action));
});

test('a kill that would take an RF 1 partition offline is refused without --force, and nothing happens', async () => {
	await createTopic(['--topic', 'single', '--replica-assignment', '3,4,5']);
	const node = brokerPid(4);
	const r = await kcon(['broker', 'kill', '4', '--lab', '--yes']);
	assert.notEqual(r.code, 0);
	assert.match(r.stdout, /partitions that go OFFLINE:\n\s+single-1 {2}replicas \[4\] {2}replication factor 1\n/, 'user topics come before the RF 1 offsets partitions');
	assert.match(r.stderr, /takes \d+ partitions? offline: refusing without --force/);
	// without --yes and without a terminal: refused with a clear line, even with --force
	const noTty = await kcon(['broker', 'kill', '4', '--lab', '--force']);
	assert.equal(noTty.code, 2);
	assert.match(noTty.stderr, /without --yes: no terminal to confirm on/);
	// bad input: one line, no side effects
	const bad = await kcon(['broker', 'kill', 'four', '--lab', '--yes', '--force']);
	assert.equal(bad.code, 2);
	assert.equal(bad.stderr.trim().split('\n').length, 1);
	await new Promise((res) => setTimeout(res, 1000));
	assert.ok(processAlive(node.pid, node.marker), 'broker 4 still runs');
	assert.deepEqual((await topicCommand('single')).map((p) => p.leader), [3, 4, 5]);
});

test('kill a broker: leaders move and ISR shrinks; start it: it rejoins; kcon elect restores preferred leaders', async () => {
	// the preview names the groups whose coordinator lives on the killed broker (offsets topic RF 1)
	const offsets = await kcatAssignment('__consumer_offsets');
	const towerBroker = offsets.get(offsetsPartitionFor('tower', offsets.size))![0]!;
	const victim = 4;
	const before = await topicCommand('resource');
	assert.ok(before.some((p) => p.leader === victim), 'broker 4 leads a resource partition (preferred leaders)');
	const node = brokerPid(victim);
	const r = await kcon(['broker', 'kill', String(victim), '--lab', '--yes', '--force', '--signal', 'KILL', '-o', 'json']);
	assert.equal(r.code, 0, r.stderr);
	const result = JSON.parse(r.stdout);
	assert.equal(result.result, 'ok');
	const lost = result.impact.coordinators.filter((c: {effect: string}) => c.effect === 'lost').map((c: {groupId: string}) => c.groupId);
	assert.equal(lost.includes('tower'), towerBroker === victim, `tower's coordinator is on broker ${towerBroker}`);
	assert.ok(!processAlive(node.pid, node.marker), 'the broker process is gone');
	const predicted = new Map(result.impact.leaderMoves.map((m: {partition: number; to: number}) => [m.partition, m.to]));

	const moved = await eventually(
		async () => {
			const rows = await topicCommand('resource');
			return rows.every((p) => p.leader !== victim && p.leader !== null && !p.isr.includes(victim)) ? rows : null;
		},
		{timeoutMs: 60_000, intervalMs: 2000},
	);
	for (const p of moved) {
		assert.equal(p.isr.length, 2, 'ISR shrank to the two live brokers');
		if (predicted.has(p.partition)) assert.equal(p.leader, predicted.get(p.partition), 'the preview predicted the new leader');
	}

	const start = await kcon(['broker', 'start', String(victim), '--lab'], 200_000);
	assert.equal(start.code, 0, start.stderr + start.stdout);
	assert.match(start.stdout, /rejoined the cluster/);
	await eventually(async () => (await topicCommand('resource')).every((p) => p.isr.includes(victim)), {timeoutMs: 120_000, intervalMs: 2000});

	const elect = await kcon(['elect', '--topic', 'resource', '--lab', '-o', 'json']);
	assert.equal(elect.code, 0, elect.stderr);
	assert.ok(JSON.parse(elect.stdout).elected.length >= 1);
	const after = await eventually(async () => {
		const rows = await topicCommand('resource');
		return rows.every((p) => p.leader === p.replicas[0]) ? rows : null;
	});
	assert.ok(after.some((p) => p.leader === victim));
	const audit = readAudit(path.join(lab.stateDir, 'audit.jsonl')).filter((e) => e.result === 'ok').map((e) => e.action);
	for (const a of ['broker.kill', 'broker.start', 'elect']) assert.ok(audit.includes(a), a);
});

test('invalid plans exit non-zero, name every problem, and change nothing', async () => {
	await createTopic(['--topic', 'moves', '--replica-assignment', '3:4,4:3,3:4,4:3,3:4,4:3', '--config', 'retention.ms=86400000']);
	const beforeMoves = await kcatAssignment('moves');
	const unknown = writePlan('unknown.json', {version: 1, partitions: [{topic: 'moves', partition: 0, replicas: [3, 99]}]});
	const dupes = writePlan('dupes.json', {version: 1, partitions: [{topic: 'moves', partition: 0, replicas: [3, 3]}]});
	const missing = writePlan('missing.json', {version: 1, partitions: [{topic: 'ghost', partition: 0, replicas: [3, 4]}]});
	const rf = writePlan('rf.json', {version: 1, partitions: [{topic: 'moves', partition: 0, replicas: [3, 4, 5]}]});
	const all = writePlan('all.json', {
		version: 1,
		partitions: [
			{topic: 'moves', partition: 0, replicas: [3, 99]},
			{topic: 'ghost', partition: 0, replicas: [3, 4]},
			{topic: 'moves', partition: 9, replicas: [3, 4]},
			{topic: 'moves', partition: 1, replicas: [5, 4]},
		],
	});
	const cases: Array<[string, RegExp]> = [
		[unknown, /broker 99 is unknown/],
		[dupes, /duplicate replica 3/],
		[missing, /topic 'ghost' does not exist/],
		[rf, /replication factor would change from 2 to 3 \(use --allow-rf-change\)/],
		[writePlan('junk.json', '{"version":1,"partitions":[{"topic":"moves"'), /not valid JSON/],
	];
	for (const [file, message] of cases) {
		const r = await kcon(['reassign', 'execute', file, '--lab', '--yes', '--throttle', '1MB/s']);
		assert.equal(r.code, 2, `${file}: ${r.stderr}`);
		assert.match(r.stderr, message);
	}
	const r = await kcon(['reassign', 'execute', all, '--lab', '--yes', '--throttle', '1MB/s', '-o', 'json']);
	assert.equal(r.code, 2);
	const error = JSON.parse(r.stdout).error.message as string;
	for (const m of [/broker 99 is unknown/, /topic 'ghost' does not exist/, /partition moves-9 does not exist/]) assert.match(error, m);
	assert.deepEqual(await kcatAssignment('moves'), beforeMoves);
	assert.doesNotMatch(await configCommand('topics', 'moves'), /throttled/);
	const list = await kcon(['reassign', 'list', '--lab', '-o', 'json']);
	assert.deepEqual(JSON.parse(list.stdout).reassignments, []);
});

test('reassign a 6-partition RF 2 topic with a throttle: verify until done, matches the plan, throttles gone, other configs kept', async () => {
	// ~2 MB per partition: a follower fetches up to 1 MB per partition before the replication quota
	// (measured over an 11 s window) holds it back, so the 100 KB/s throttle keeps the move visible
	const payload = Array.from({length: 15000}, (_, i) => `${i} ${'x'.repeat(800)}`).join('\n') + '\n';
	const produced = await runProcess('kcat', ['-P', '-b', lab.bootstrap, '-t', 'moves', '-z', 'none'], {input: payload});
	assert.equal(produced.code, 0, produced.stderr);

	const gen = await kcon(['reassign', 'generate', '--topics', 'moves', '--brokers', '3,4,5', '--lab', '-o', 'json']);
	assert.equal(gen.code, 0, gen.stderr);
	const generated = JSON.parse(gen.stdout);
	assert.equal(generated.replicaMoves, 4, 'only the 4 replicas that balance needs move');
	const planFile = writePlan('plan.json', generated.proposed);
	const exec = await kcon(['reassign', 'execute', planFile, '--lab', '--throttle', '100KB/s', '--yes', '-o', 'json']);
	assert.equal(exec.code, 0, exec.stderr);
	const started = JSON.parse(exec.stdout);
	assert.equal(started.started.length, 4);
	assert.deepEqual(started.rollback.partitions.map((e: {replicas: number[]}) => e.replicas), [[3, 4], [4, 3], [3, 4], [4, 3], [3, 4], [4, 3]]);
	assert.match(exec.stderr, /Current partition replica assignment/);

	let sawProgress = false;
	const done = await eventually(
		async () => {
			const v = await kcon(['reassign', 'verify', planFile, '--lab', '-o', 'json']);
			assert.equal(v.code, 0, v.stderr);
			const report = JSON.parse(v.stdout);
			if (report.partitions.some((p: {state: string; bytesTotal: number | null}) => p.state === 'in progress' && p.bytesTotal !== null)) sawProgress = true;
			if (!report.complete) assert.match(report.throttles, /kept/);
			return report.complete ? report : null;
		},
		{timeoutMs: 180_000, intervalMs: 1000},
	);
	assert.equal(done.throttles, 'removed');
	assert.ok(sawProgress, 'verify showed byte progress while the throttled move ran');
	const assignment = await kcatAssignment('moves');
	for (const e of generated.proposed.partitions) assert.deepEqual(assignment.get(e.partition), e.replicas, `moves-${e.partition}`);
	const topicConfig = await configCommand('topics', 'moves');
	assert.doesNotMatch(topicConfig, /throttled/);
	assert.match(topicConfig, /retention\.ms=86400000/);
	for (const b of ['3', '4', '5']) assert.doesNotMatch(await configCommand('brokers', b), /throttled/);

	// the Java tool accepts kcon's plan and agrees it is complete
	const java = await javaTool(lab, 'org.apache.kafka.tools.reassign.ReassignPartitionsCommand', ['--bootstrap-server', lab.bootstrap, '--reassignment-json-file', planFile, '--verify']);
	assert.equal(java.code, 0, java.stderr);
	assert.equal((java.stdout.match(/Reassignment of partition moves-\d is completed/g) ?? []).length, 6, java.stdout);
});

test("kcon executes the Java tool's --generate output, and cancel really cancels", async () => {
	const topicsFile = writePlan('topics.json', {version: 1, topics: [{topic: 'moves'}]});
	const gen = await javaTool(lab, 'org.apache.kafka.tools.reassign.ReassignPartitionsCommand', ['--bootstrap-server', lab.bootstrap, '--topics-to-move-json-file', topicsFile, '--broker-list', '3,4', '--generate']);
	assert.equal(gen.code, 0, gen.stderr);
	const lines = gen.stdout.split('\n');
	const proposed = lines[lines.findIndex((l) => /Proposed partition reassignment configuration/.test(l)) + 1]!;
	const javaPlan = writePlan('java-plan.json', proposed);
	const exec = await kcon(['reassign', 'execute', javaPlan, '--lab', '--yes']);
	assert.equal(exec.code, 0, exec.stderr);
	await eventually(async () => JSON.parse((await kcon(['reassign', 'verify', javaPlan, '--lab', '-o', 'json'])).stdout).complete, {timeoutMs: 120_000, intervalMs: 1000});
	const assignment = await kcatAssignment('moves');
	for (const e of JSON.parse(proposed).partitions) assert.deepEqual(assignment.get(e.partition), e.replicas);

	// a crawling move (8 MB at 10 KB/s) cancelled with null target replicas goes back to where it was
	const big = Array.from({length: 10000}, (_, i) => `${i} ${'y'.repeat(800)}`).join('\n') + '\n';
	assert.equal((await runProcess('kcat', ['-P', '-b', lab.bootstrap, '-t', 'moves', '-p', '0', '-z', 'none'], {input: big})).code, 0);
	const beforeCancel = await kcatAssignment('moves');
	const from = beforeCancel.get(0)!;
	const to = [5, from[1]!]; // after the Java plan the partition lives on 3 and 4: broker 5 must copy it all
	const slow = writePlan('slow.json', {version: 1, partitions: [{topic: 'moves', partition: 0, replicas: to}]});
	const exec2 = await kcon(['reassign', 'execute', slow, '--lab', '--yes', '--throttle', '10KB/s']);
	assert.equal(exec2.code, 0, exec2.stderr);
	const listed = JSON.parse((await kcon(['reassign', 'list', '--lab', '-o', 'json'])).stdout).reassignments;
	assert.ok(listed.length > 0, 'the throttled move is still running');
	const cancel = await kcon(['reassign', 'cancel', '--lab', '--yes', '-o', 'json']);
	assert.equal(cancel.code, 0, cancel.stderr);
	const cancelled = JSON.parse(cancel.stdout);
	assert.ok(cancelled.cancelled.length > 0, cancel.stdout);
	assert.equal(cancelled.throttles, 'removed');
	assert.deepEqual(JSON.parse((await kcon(['reassign', 'list', '--lab', '-o', 'json'])).stdout).reassignments, []);
	// the controller reverts to the original replica set (KRaft keeps the in-flight order, so the
	// preferred leader may differ: compare sets)
	const sorted = (r: number[] | undefined) => JSON.stringify([...(r ?? [])].sort());
	await eventually(async () => {
		const now = await kcatAssignment('moves');
		return [...beforeCancel.entries()].every(([p, r]) => sorted(now.get(p)) === sorted(r));
	});
	assert.doesNotMatch(await configCommand('topics', 'moves'), /throttled/);
	assert.doesNotMatch(await configCommand('brokers', '5'), /throttled/);
});
