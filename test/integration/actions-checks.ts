// Checks of kcon's operator actions on a lab (broker kill/start, preferred leader election,
// throttled reassignment), judged by Kafka's own Java tools and kcat; shared by the Kafka 4.x and
// 3.9.x integration tests. The lab's brokers are 3, 4 and 5.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {kafkaConfigs, eventually, javaTool, runKcon, runProcess, type RunResult, type TestLab} from '../helpers/lab.js';
import {processAlive} from '../../source/lab/state.js';
import {readAudit} from '../../source/ops/audit.js';
import {createTopic, javaPartitions, kcatPartitions, topicCommand, type PartitionView} from './describe-checks.js';

export interface Row extends PartitionView {
	partition: number;
}

/** `kcon ARGS` against the lab (`--lab` finds it through lab.env). */
export function labKcon(lab: TestLab, args: string[], timeoutMs = 180_000): Promise<RunResult> {
	return runKcon(args, {env: lab.env, timeoutMs});
}

/** TopicCommand --describe of one topic, by partition. */
export async function topicRows(lab: TestLab, topic: string): Promise<Row[]> {
	const rows: Row[] = [];
	for (const [key, view] of javaPartitions(await topicCommand(lab, ['--describe', '--topic', topic]))) {
		const slash = key.lastIndexOf('/');
		if (key.slice(0, slash) === topic) rows.push({partition: Number(key.slice(slash + 1)), ...view});
	}
	return rows.sort((a, b) => a.partition - b.partition);
}

/** kcat -L -J: partition → replica ids. */
export async function kcatAssignment(lab: TestLab, topic: string): Promise<Map<number, number[]>> {
	const r = await runProcess('kcat', ['-L', '-J', '-b', lab.bootstrap, '-t', topic]);
	assert.equal(r.code, 0, r.stderr);
	const assignment = new Map<number, number[]>();
	for (const [key, view] of kcatPartitions(r.stdout)) assignment.set(Number(key.slice(key.lastIndexOf('/') + 1)), view.replicas);
	return assignment;
}

/** ConfigCommand --describe of a topic or a broker (its dynamic configs). */
export async function configCommand(lab: TestLab, type: 'topics' | 'brokers', name: string): Promise<string> {
	const r = await kafkaConfigs(lab, ['--bootstrap-server', lab.bootstrap, '--describe', '--entity-type', type, '--entity-name', name]);
	assert.equal(r.code, 0, r.stderr);
	return r.stdout;
}

/** Write a plan (JSON value or raw text) into `dir`; returns its path. */
export function writePlan(dir: string, name: string, plan: unknown): string {
	const file = path.join(dir, name);
	fs.writeFileSync(file, typeof plan === 'string' ? plan : JSON.stringify(plan));
	return file;
}

/** A 6-partition RF 2 topic on brokers 3 and 4 only (3:4,4:3,…) with retention.ms=86400000. */
export async function createMovesTopic(lab: TestLab, topic: string): Promise<void> {
	await createTopic(lab, topic, ['--replica-assignment', '3:4,4:3,3:4,4:3,3:4,4:3', '--config', 'retention.ms=86400000']);
}

/**
 * Reassign `topic` (from createMovesTopic, still where it was created) over brokers 3,4,5 with a
 * 100 KB/s throttle: `kcon reassign generate` moves only the 4 replicas balance needs, `execute`
 * starts them and prints the rollback, `verify` shows byte progress and keeps the throttles while it
 * runs, then reports complete and removes them. Afterwards kcat -L shows the plan, ConfigCommand
 * shows no throttle on the topic or any broker but the topic's retention.ms, and Kafka's own
 * ReassignPartitionsCommand --verify accepts kcon's plan as completed.
 */
export async function assertThrottledReassign(lab: TestLab, topic: string, workDir: string): Promise<void> {
	// ~2 MB in every partition: a follower fetches up to 1 MB per partition before the replication
	// quota (measured over an 11 s window) holds it back, so the 100 KB/s throttle keeps the move
	// visible. Written partition by partition: kcat's sticky partitioner once left the moving
	// partitions with ≤ 1 MB each, and the move was over before verify could see it.
	const payload = Array.from({length: 2500}, (_, i) => `${i} ${'x'.repeat(800)}`).join('\n') + '\n';
	for (let p = 0; p < 6; p++) {
		const produced = await runProcess('kcat', ['-P', '-b', lab.bootstrap, '-t', topic, '-p', String(p), '-z', 'none'], {input: payload});
		assert.equal(produced.code, 0, produced.stderr);
	}

	const gen = await labKcon(lab, ['reassign', 'generate', '--topics', topic, '--brokers', '3,4,5', '--lab', '-o', 'json']);
	assert.equal(gen.code, 0, gen.stderr);
	const generated = JSON.parse(gen.stdout);
	assert.equal(generated.replicaMoves, 4, 'only the 4 replicas that balance needs move');
	const planFile = writePlan(workDir, `plan-${topic}.json`, generated.proposed);
	const exec = await labKcon(lab, ['reassign', 'execute', planFile, '--lab', '--throttle', '100KB/s', '--yes', '-o', 'json']);
	assert.equal(exec.code, 0, exec.stderr);
	const started = JSON.parse(exec.stdout);
	assert.equal(started.started.length, 4);
	assert.deepEqual(started.rollback.partitions.map((e: {replicas: number[]}) => e.replicas), [[3, 4], [4, 3], [3, 4], [4, 3], [3, 4], [4, 3]]);
	assert.match(exec.stderr, /Current partition replica assignment/);

	let sawProgress = false;
	const done = await eventually(
		async () => {
			const v = await labKcon(lab, ['reassign', 'verify', planFile, '--lab', '-o', 'json']);
			const report = JSON.parse(v.stdout);
			assert.equal(v.code, report.complete ? 0 : 4, `exit 0 when complete, 4 while moving: ${v.stderr}${v.stdout}`);
			if (report.partitions.some((p: {state: string; bytesTotal: number | null}) => p.state === 'moving' && p.bytesTotal !== null)) sawProgress = true;
			if (!report.complete) assert.match(report.throttles, /kept/);
			return report.complete ? report : null;
		},
		{timeoutMs: 180_000, intervalMs: 1000},
	);
	assert.equal(done.throttles, 'removed');
	assert.ok(sawProgress, 'verify showed byte progress while the throttled move ran');
	const assignment = await kcatAssignment(lab, topic);
	for (const e of generated.proposed.partitions) assert.deepEqual(assignment.get(e.partition), e.replicas, `${topic}-${e.partition}`);
	const topicConfig = await configCommand(lab, 'topics', topic);
	assert.doesNotMatch(topicConfig, /throttled/);
	assert.match(topicConfig, /retention\.ms=86400000/);
	for (const b of ['3', '4', '5']) assert.doesNotMatch(await configCommand(lab, 'brokers', b), /throttled/);

	// the Java tool accepts kcon's plan and agrees it is complete
	const java = await javaTool(lab, 'org.apache.kafka.tools.reassign.ReassignPartitionsCommand', ['--bootstrap-server', lab.bootstrap, '--reassignment-json-file', planFile, '--verify']);
	assert.equal(java.code, 0, java.stderr);
	assert.equal((java.stdout.match(new RegExp(`Reassignment of partition ${topic}-\\d is completed`, 'g')) ?? []).length, 6, java.stdout);
}

/**
 * A crawling move (8 MB more at 10 KB/s) of `topic`-0 onto the one broker of 3,4,5 that does not
 * hold it yet: `kcon reassign list` shows it running, `kcon reassign cancel` cancels it (null target
 * replicas) and removes the throttles, `list` is then empty, kcat -L shows every partition back on
 * its replica set from before, and ConfigCommand shows no throttle on the topic or any broker.
 */
export async function assertCancelRestores(lab: TestLab, topic: string, workDir: string): Promise<void> {
	const big = Array.from({length: 10000}, (_, i) => `${i} ${'y'.repeat(800)}`).join('\n') + '\n';
	assert.equal((await runProcess('kcat', ['-P', '-b', lab.bootstrap, '-t', topic, '-p', '0', '-z', 'none'], {input: big})).code, 0);
	const beforeCancel = await kcatAssignment(lab, topic);
	const from = beforeCancel.get(0)!;
	assert.equal(from.length, 2);
	const spare = [3, 4, 5].find((b) => !from.includes(b))!; // it must copy the whole partition
	const slow = writePlan(workDir, `slow-${topic}.json`, {version: 1, partitions: [{topic, partition: 0, replicas: [spare, from[1]!]}]});
	const exec = await labKcon(lab, ['reassign', 'execute', slow, '--lab', '--yes', '--throttle', '10KB/s']);
	assert.equal(exec.code, 0, exec.stderr);
	const listed = JSON.parse((await labKcon(lab, ['reassign', 'list', '--lab', '-o', 'json'])).stdout).reassignments;
	assert.ok(listed.length > 0, 'the throttled move is still running');
	const cancel = await labKcon(lab, ['reassign', 'cancel', '--lab', '--yes', '-o', 'json']);
	assert.equal(cancel.code, 0, cancel.stderr);
	const cancelled = JSON.parse(cancel.stdout);
	assert.ok(cancelled.cancelled.length > 0, cancel.stdout);
	assert.equal(cancelled.throttles, 'removed');
	assert.deepEqual(JSON.parse((await labKcon(lab, ['reassign', 'list', '--lab', '-o', 'json'])).stdout).reassignments, []);
	// the controller reverts to the original replica set (KRaft keeps the in-flight order, so the
	// preferred leader may differ: compare sets)
	const sorted = (r: number[] | undefined) => JSON.stringify([...(r ?? [])].sort());
	await eventually(async () => {
		const now = await kcatAssignment(lab, topic);
		return [...beforeCancel.entries()].every(([p, r]) => sorted(now.get(p)) === sorted(r));
	});
	assert.doesNotMatch(await configCommand(lab, 'topics', topic), /throttled/);
	for (const b of ['3', '4', '5']) assert.doesNotMatch(await configCommand(lab, 'brokers', b), /throttled/);
}

/**
 * `kcon broker kill VICTIM --force --signal KILL` (VICTIM leads a partition of `topic`, an RF 3
 * topic on brokers 3,4,5): the process is gone, and TopicCommand shows every leader off the victim
 * (the one the preview predicted where it predicted one) and every ISR shrunk to the two live
 * replicas. `kcon broker start` brings it back into every ISR; `kcon elect --topic` restores the
 * preferred leaders, the victim among them. The audit log has all three. Returns kcon's kill result.
 */
export async function assertKillStartElect(lab: TestLab, victim: number, topic: string): Promise<any> {
	const before = await topicRows(lab, topic);
	assert.ok(before.some((p) => p.leader === victim), `broker ${victim} leads a ${topic} partition (preferred leaders)`);
	const node = lab.state().nodes.find((n) => n.id === victim)!;
	const r = await labKcon(lab, ['broker', 'kill', String(victim), '--lab', '--yes', '--force', '--signal', 'KILL', '-o', 'json']);
	assert.equal(r.code, 0, r.stderr);
	const result = JSON.parse(r.stdout);
	assert.equal(result.result, 'ok');
	assert.ok(!processAlive(node.pid, node.marker), 'the broker process is gone');
	const predicted = new Map(
		result.impact.leaderMoves.filter((m: {topic: string}) => m.topic === topic).map((m: {partition: number; to: number}) => [m.partition, m.to]),
	);
	for (const p of before.filter((x) => x.leader === victim)) assert.ok(predicted.has(p.partition), `the preview moves the leader of ${topic}-${p.partition}`);

	const moved = await eventually(
		async () => {
			const rows = await topicRows(lab, topic);
			return rows.every((p) => p.leader !== victim && p.leader !== null && !p.isr.includes(victim)) ? rows : null;
		},
		{timeoutMs: 60_000, intervalMs: 2000},
	);
	for (const p of moved) {
		assert.equal(p.isr.length, 2, 'ISR shrank to the two live brokers');
		if (predicted.has(p.partition)) assert.equal(p.leader, predicted.get(p.partition), `the preview predicted the new leader of ${topic}-${p.partition}`);
	}

	const start = await labKcon(lab, ['broker', 'start', String(victim), '--lab'], 200_000);
	assert.equal(start.code, 0, start.stderr + start.stdout);
	assert.match(start.stdout, /rejoined the cluster/);
	await eventually(async () => (await topicRows(lab, topic)).every((p) => p.isr.includes(victim)), {timeoutMs: 120_000, intervalMs: 2000});

	const elect = await labKcon(lab, ['elect', '--topic', topic, '--lab', '-o', 'json']);
	assert.equal(elect.code, 0, elect.stderr);
	assert.ok(JSON.parse(elect.stdout).elected.length >= 1);
	const after = await eventually(async () => {
		const rows = await topicRows(lab, topic);
		return rows.every((p) => p.leader === p.replicas[0]) ? rows : null;
	});
	assert.ok(after.some((p) => p.leader === victim));
	const audit = readAudit(path.join(lab.stateDir, 'audit.jsonl')).filter((e) => e.result === 'ok').map((e) => e.action);
	for (const a of ['broker.kill', 'broker.start', 'elect']) assert.ok(audit.includes(a), a);
	return result;
}
