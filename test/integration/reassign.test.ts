// kcon reassign on a real lab of its own (it kills a broker): verify's exit codes tell a script a
// throttled move that still runs (4) from one that is complete (0), --wait follows it to the end
// and ends at once on SIGINT; and an execute whose throttle step fails midway (a broker down) leaves
// every throttle as it found it — previous values put back — and says so in the error and the audit
// log. Judged by Kafka's ConfigCommand and kcat.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {CLI, kafkaConfigs, eventually, runProcess, startLab, type TestLab} from '../helpers/lab.js';
import {PORTS} from '../helpers/ports.js';
import {createTopic} from './describe-checks.js';
import {configCommand, kcatAssignment, labKcon, writePlan} from './actions-checks.js';
import {readAudit} from '../../source/ops/audit.js';

let lab: TestLab;
let work: string;

before(async () => {
	lab = await startLab({basePort: PORTS.reassign, topology: 'combined', pis: 0});
	work = fs.mkdtempSync(path.join(os.tmpdir(), 'kcon-reassign-'));
});

after(async () => {
	await lab?.stop();
	if (work) fs.rmSync(work, {recursive: true, force: true});
});

const kcon = (args: string[]) => labKcon(lab, args);

async function alterConfig(type: 'topics' | 'brokers', name: string, config: string): Promise<void> {
	const r = await kafkaConfigs(lab, ['--bootstrap-server', lab.bootstrap, '--alter', '--entity-type', type, '--entity-name', name, '--add-config', config]);
	assert.equal(r.code, 0, r.stderr);
}

test('verify exits 4 while a throttled move runs and 0 once complete; --wait follows it and ends at once on SIGINT', async () => {
	await createTopic(lab, 'crawl', ['--replica-assignment', '3:4,4:3']);
	// ~2 MB per partition: the first ~1 MB passes before the 100 KB/s throttle bites, the rest crawls
	const payload = Array.from({length: 2500}, (_, i) => `${i} ${'x'.repeat(800)}`).join('\n') + '\n';
	for (const p of [0, 1]) assert.equal((await runProcess('kcat', ['-P', '-b', lab.bootstrap, '-t', 'crawl', '-p', String(p), '-z', 'none'], {input: payload})).code, 0);
	const plan = {version: 1, partitions: [{topic: 'crawl', partition: 0, replicas: [5, 4]}, {topic: 'crawl', partition: 1, replicas: [5, 3]}]};
	const planFile = writePlan(work, 'crawl.json', plan);
	const exec = await kcon(['reassign', 'execute', planFile, '--lab', '--throttle', '100KB/s', '--yes']);
	assert.equal(exec.code, 0, exec.stderr);

	const moving = await kcon(['reassign', 'verify', planFile, '--lab', '-o', 'json']);
	const report = JSON.parse(moving.stdout);
	assert.equal(report.outcome, 'moving', moving.stdout);
	assert.equal(moving.code, 4, 'still moving: exit 4');
	assert.match(report.throttles, /^kept/);
	assert.match(await configCommand(lab, 'brokers', '5'), /follower\.replication\.throttled\.rate=100000/);

	// --wait, interrupted after its first progress line: exit 130 at once, nothing changed
	const child = spawn(process.execPath, [CLI, 'reassign', 'verify', planFile, '--lab', '--wait'], {env: {...process.env, ...lab.env}, stdio: ['ignore', 'pipe', 'pipe']});
	let stderr = '';
	child.stderr.on('data', (d) => (stderr += d));
	const exited = new Promise<{code: number | null; at: number}>((resolve) => child.on('close', (code) => resolve({code, at: Date.now()})));
	await eventually(() => /still moving: crawl-\d/.test(stderr), {timeoutMs: 30_000, intervalMs: 100});
	const sent = Date.now();
	child.kill('SIGINT');
	const end = await exited;
	assert.equal(end.code, 130, stderr);
	assert.ok(end.at - sent < 2000, `ended ${end.at - sent} ms after SIGINT`);
	assert.match(stderr, /kcon: interrupted; the reassignment goes on/);
	assert.match(await configCommand(lab, 'brokers', '5'), /throttled\.rate/, 'the interrupted verify removed nothing');

	const waited = await runProcess(process.execPath, [CLI, 'reassign', 'verify', planFile, '--lab', '--wait', '-o', 'json'], {env: lab.env, timeoutMs: 180_000});
	assert.equal(waited.code, 0, waited.stderr + waited.stdout);
	const final = JSON.parse(waited.stdout);
	assert.equal(final.outcome, 'complete');
	assert.equal(final.throttles, 'removed');
	assert.ok(final.partitions.every((p: {state: string}) => p.state === 'done'));
	assert.match(waited.stderr, /\d\d:\d\d:\d\d \d of 2 partition\(s\) still moving: crawl-/, 'progress lines on stderr');
	const assignment = await kcatAssignment(lab, 'crawl');
	for (const e of plan.partitions) assert.deepEqual(assignment.get(e.partition), e.replicas);
	for (const b of ['3', '4', '5']) assert.doesNotMatch(await configCommand(lab, 'brokers', b), /throttled/);
	assert.doesNotMatch(await configCommand(lab, 'topics', 'crawl'), /throttled/);
	const again = await kcon(['reassign', 'verify', planFile, '--lab']);
	assert.equal(again.code, 0);
	assert.match(again.stdout, /reassignment complete for all 2 partitions/);
});

test('a throttle step that fails midway (broker 5 down) puts back what it set, previous values included, and the audit says so', async () => {
	await createTopic(lab, 'off5', ['--replica-assignment', '4:5']);
	// what was there before: an operator's own throttle on the topic and on broker 3
	await alterConfig('topics', 'off5', 'leader.replication.throttled.replicas=0:4');
	await alterConfig('brokers', '3', 'follower.replication.throttled.rate=7777777');
	const kill = await kcon(['broker', 'kill', '5', '--lab', '--yes', '--force', '--signal', 'KILL']);
	assert.equal(kill.code, 0, kill.stderr);
	// moving the partition off the dead broker: the plan is valid, the throttle of broker 5 cannot be set
	const planFile = writePlan(work, 'off5.json', {version: 1, partitions: [{topic: 'off5', partition: 0, replicas: [4, 3]}]});
	const r = await kcon(['reassign', 'execute', planFile, '--lab', '--throttle', '1MB/s', '--yes', '-o', 'json']);
	assert.equal(r.code, 1, r.stderr + r.stdout);
	const message = JSON.parse(r.stdout).error.message as string;
	assert.match(message, /^setting the throttles failed: broker 5: /);
	assert.match(message, /the throttles it had set were undone: topic off5 \(leader\.replication\.throttled\.replicas back to 0:4, follower\.replication\.throttled\.replicas removed\); broker 3 \(leader\.replication\.throttled\.rate removed, follower\.replication\.throttled\.rate back to 7777777\); broker 4 .*; nothing is left changed/);

	const topic = await configCommand(lab, 'topics', 'off5');
	assert.match(topic, /leader\.replication\.throttled\.replicas=0:4/, 'the previous value is back');
	assert.doesNotMatch(topic, /follower\.replication\.throttled/);
	const broker3 = await configCommand(lab, 'brokers', '3');
	assert.match(broker3, /follower\.replication\.throttled\.rate=7777777/);
	assert.doesNotMatch(broker3, /leader\.replication\.throttled/);
	assert.doesNotMatch(await configCommand(lab, 'brokers', '4'), /throttled/);
	assert.deepEqual((await kcatAssignment(lab, 'off5')).get(0), [4, 5], 'no move started');
	assert.deepEqual(JSON.parse((await kcon(['reassign', 'list', '--lab', '-o', 'json'])).stdout).reassignments, []);

	const entry = readAudit(path.join(lab.stateDir, 'audit.jsonl')).filter((e) => e.action === 'reassign.execute').at(-1)!;
	assert.equal(entry.result, 'failed');
	assert.match(entry.detail ?? '', /setting the throttles failed: broker 5: .*undone/);
	assert.equal(entry.rollback?.['result'], 'undone');
	assert.equal((entry.rollback?.['undone'] as string[]).length, 3);
});
