// Operator actions on a real lab of their own (they kill brokers): broker kill/start with the
// impact preview and guards, preferred leader election, throttled reassignment, cancel, invalid
// plans, read-only mode, and the protocol extensions on the wire. Judged by Kafka's own Java tools
// (TopicCommand, ConfigCommand, ReassignPartitionsCommand) and kcat.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {eventually, javaTool, startLab, type TestLab} from '../helpers/lab.js';
import {PORTS} from '../helpers/ports.js';
import {createTopic} from './describe-checks.js';
import {
	assertCancelRestores,
	assertKillStartElect,
	assertThrottledReassign,
	configCommand,
	createMovesTopic,
	kcatAssignment,
	labKcon,
	topicRows,
	writePlan,
} from './actions-checks.js';
import {processAlive} from '../../source/lab/state.js';
import {offsetsPartitionFor} from '../../source/domain/impact.js';
import {readAudit} from '../../source/ops/audit.js';
import {BrokerLink} from '../../source/kafka/connection/broker-link.js';
import {describeLogDirs} from '../../source/kafka/codec/describe-log-dirs.js';
import {electLeaders} from '../../source/kafka/codec/elect-leaders.js';
import {incrementalAlterConfigs, OP_SET, RESOURCE_TOPIC} from '../../source/kafka/codec/incremental-alter-configs.js';
import {alterPartitionReassignments} from '../../source/kafka/codec/alter-partition-reassignments.js';
import {listPartitionReassignments} from '../../source/kafka/codec/list-partition-reassignments.js';

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

const kcon = (args: string[], timeoutMs?: number) => labKcon(lab, args, timeoutMs);
const brokerPid = (id: number) => lab.state().nodes.find((n) => n.id === id)!;

test('protocol extensions answer on the real cluster', async () => {
	const link = new BrokerLink(lab.bootstrap.split(',')[0]!, {readOnly: false});
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
		assert.doesNotMatch(await configCommand(lab, 'topics', 'resource'), /retention\.ms=3600000/, 'validateOnly changed nothing');

		assert.deepEqual((await link.send(listPartitionReassignments(null))).reassignments, []);
		const cancel = await link.send(alterPartitionReassignments([{topic: 'resource', partition: 0, replicas: null}]));
		assert.equal(cancel.partitions[0]!.error, 'NO_REASSIGNMENT_IN_PROGRESS');
	} finally {
		await link.close();
	}
});

test('read-only mode: every mutating command exits 3 and changes nothing', async () => {
	const pid = brokerPid(4).pid;
	const plan = writePlan(work, 'ro.json', {version: 1, partitions: [{topic: 'resource', partition: 0, replicas: [5, 3, 4]}]});
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
	const config = writePlan(work, 'config.json', {contexts: {ro: {brokers: lab.bootstrap, readOnly: true}}});
	const r = await kcon(['elect', '--all', '--config', config, '--context', 'ro', '-o', 'json']);
	assert.equal(r.code, 3);
	assert.equal(JSON.parse(r.stdout).error.code, 'read-only');
	assert.ok(processAlive(pid, brokerPid(4).marker));
	const audit = readAudit(path.join(lab.stateDir, 'audit.jsonl'));
	assert.ok(audit.filter((e) => e.result === 'refused' && /read-only/.test(e.detail ?? '')).length >= 6);
	assert.ok(audit.every((e) => e.user && e.time && e.context && e.action));
});

test('a kill that would take an RF 1 partition offline is refused without --force, and nothing happens', async () => {
	await createTopic(lab, 'single', ['--replica-assignment', '3,4,5']);
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
	assert.deepEqual((await topicRows(lab, 'single')).map((p) => p.leader), [3, 4, 5]);
});

test('kill a broker: leaders move and ISR shrinks; start it: it rejoins; kcon elect restores preferred leaders', async () => {
	// the preview names the groups whose coordinator lives on the killed broker (offsets topic RF 1)
	const offsets = await kcatAssignment(lab, '__consumer_offsets');
	const towerBroker = offsets.get(offsetsPartitionFor('tower', offsets.size))![0]!;
	const victim = 4;
	const result = await assertKillStartElect(lab, victim, 'resource');
	const lost = result.impact.coordinators.filter((c: {effect: string}) => c.effect === 'lost').map((c: {groupId: string}) => c.groupId);
	assert.equal(lost.includes('tower'), towerBroker === victim, `tower's coordinator is on broker ${towerBroker}`);
});

test('invalid plans exit non-zero, name every problem, and change nothing', async () => {
	await createMovesTopic(lab, 'moves');
	const beforeMoves = await kcatAssignment(lab, 'moves');
	const unknown = writePlan(work, 'unknown.json', {version: 1, partitions: [{topic: 'moves', partition: 0, replicas: [3, 99]}]});
	const dupes = writePlan(work, 'dupes.json', {version: 1, partitions: [{topic: 'moves', partition: 0, replicas: [3, 3]}]});
	const missing = writePlan(work, 'missing.json', {version: 1, partitions: [{topic: 'ghost', partition: 0, replicas: [3, 4]}]});
	const rf = writePlan(work, 'rf.json', {version: 1, partitions: [{topic: 'moves', partition: 0, replicas: [3, 4, 5]}]});
	const all = writePlan(work, 'all.json', {
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
		[writePlan(work, 'junk.json', '{"version":1,"partitions":[{"topic":"moves"'), /not valid JSON/],
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
	assert.deepEqual(await kcatAssignment(lab, 'moves'), beforeMoves);
	assert.doesNotMatch(await configCommand(lab, 'topics', 'moves'), /throttled/);
	const list = await kcon(['reassign', 'list', '--lab', '-o', 'json']);
	assert.deepEqual(JSON.parse(list.stdout).reassignments, []);
});

test('reassign a 6-partition RF 2 topic with a throttle: verify until done, matches the plan, throttles gone, other configs kept', async () => {
	await assertThrottledReassign(lab, 'moves', work);
});

test("kcon executes the Java tool's --generate output, and cancel really cancels", async () => {
	const topicsFile = writePlan(work, 'topics.json', {version: 1, topics: [{topic: 'moves'}]});
	const gen = await javaTool(lab, 'org.apache.kafka.tools.reassign.ReassignPartitionsCommand', ['--bootstrap-server', lab.bootstrap, '--topics-to-move-json-file', topicsFile, '--broker-list', '3,4', '--generate']);
	assert.equal(gen.code, 0, gen.stderr);
	const lines = gen.stdout.split('\n');
	const proposed = lines[lines.findIndex((l) => /Proposed partition reassignment configuration/.test(l)) + 1]!;
	const javaPlan = writePlan(work, 'java-plan.json', proposed);
	const exec = await kcon(['reassign', 'execute', javaPlan, '--lab', '--yes']);
	assert.equal(exec.code, 0, exec.stderr);
	await eventually(async () => JSON.parse((await kcon(['reassign', 'verify', javaPlan, '--lab', '-o', 'json'])).stdout).complete, {timeoutMs: 120_000, intervalMs: 1000});
	const assignment = await kcatAssignment(lab, 'moves');
	for (const e of JSON.parse(proposed).partitions) assert.deepEqual(assignment.get(e.partition), e.replicas);

	// after the Java plan moves-0 lives on 3 and 4: the crawling move puts it on broker 5
	await assertCancelRestores(lab, 'moves', work);
});
