// End to end: the real console in a real terminal (tmux, 160×45) against a lab of its own
// (base port PORTS.console). Navigate to `resource` and compare leaders/replicas/ISR with kcat -L -J;
// open group `tower`; filter; R: reassign a topic onto all brokers with a throttle (judged by kcat -L
// and ConfigCommand) and cancel a crawling one with c, y; SIGKILL the JVM of a partition leader and
// watch the console show it; `q` restores the terminal. The tmux server is ours, on our own socket,
// and is killed by that socket only.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {CLI, eventually, runKcon, runProcess, startLab, type TestLab} from '../helpers/lab.js';
import {configCommand, createMovesTopic, kcatAssignment} from './actions-checks.js';
import {createTopic} from './describe-checks.js';
import {PORTS} from '../helpers/ports.js';
import {readAudit} from '../../source/ops/audit.js';
import {parsePlan} from '../../source/domain/reassign-plan.js';
import {tmuxTerminal} from '../helpers/tmux.js';

const {tmux, screen, keys, see, kill} = tmuxTerminal('console');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let lab: TestLab;

before(async () => {
	lab = await startLab({basePort: PORTS.console, pis: 1});
	// `kcon --lab` as an operator runs it: brokers and SNMP agents from this lab's state dir
	const cmd = `env -u CI KCON_STATE_DIR=${lab.stateDir} ${process.execPath} ${CLI} --lab --refresh 1; echo KCON-EXITED $?; sleep 120`;
	tmux('new-session', '-d', '-s', 'console', '-x', '160', '-y', '45', cmd);
}, {timeout: 600_000});

after(async () => {
	kill();
	await lab?.stop();
}, {timeout: 180_000});

interface KcatPartition {
	partition: number;
	leader: number;
	replicas: {id: number}[];
	isrs: {id: number}[];
}

/** Data rows of the partitions table: partition, leader, replica badges, ISR. */
function partitionRows(s: string): Map<number, {leader: string; replicas: string[]; isr: string}> {
	const rows = new Map<number, {leader: string; replicas: string[]; isr: string}>();
	for (const line of s.split('\n')) {
		// leader (right-aligned) + one space + badges separated by single spaces + padding + ISR
		const m = /^\s+(\d+)\s+(\S+) ((?:\d+[*!]? ?)+?)\s{2,}([\d,]+|-)\s/.exec(line);
		if (m) rows.set(Number(m[1]), {leader: m[2]!, replicas: m[3]!.trim().split(/\s+/), isr: m[4]!});
	}
	return rows;
}

/** No throttle left on the topic or on any broker (ConfigCommand). */
async function assertNoThrottles(topic: string): Promise<void> {
	assert.doesNotMatch(await configCommand(lab, 'topics', topic), /throttled/);
	for (const b of ['3', '4', '5']) assert.doesNotMatch(await configCommand(lab, 'brokers', b), /throttled/, `broker ${b}`);
}

/** R on the topic of the current list, through the targets (after `targetKeys`), preview, throttle and the typed confirmation. */
async function startReassign(topic: string, targetKeys: string[], throttle: string): Promise<string> {
	keys('R');
	await see(/› \[x\] broker 3/);
	assert.match(screen(), new RegExp(`polling paused: reassign ${topic}`));
	if (targetKeys.length) keys(...targetKeys);
	keys('Enter');
	const preview = await see(/partitions change, \d+ replica move\(s\) onto \[/);
	keys('Enter');
	await see(/Throttle per broker/);
	keys(throttle, 'Enter');
	await see(/Type 'reassign'/);
	keys('reassign', 'Enter');
	return preview;
}

test('R in the console: a throttled reassignment onto every broker runs to the end; kcat and ConfigCommand agree', {timeout: 300_000}, async () => {
	await see(/brokers up 3\/3/, 120_000);
	// six partitions, RF 2, all on brokers 3 and 4, with some data and a config of its own
	await createMovesTopic(lab, 'console-moves');
	const produce = await runProcess('sh', ['-c', `seq 1 3000 | kcat -P -b ${lab.bootstrap} -t console-moves`]);
	assert.equal(produce.code, 0, produce.stderr);

	keys(':topics', 'Enter');
	await see(/Topics \d+/);
	keys('/', 'console-moves', 'Enter');
	await see(/Topics 1\/\d+\s+\/console-moves/, 30_000);
	const preview = await startReassign('console-moves', [], '1MB/s');
	assert.match(preview, /of 6 partitions change, \d+ replica move\(s\) onto \[3,4,5\]/);
	assert.match(preview, /p\d+ {2}\[\d,\d\] → \[(5,\d|\d,5)\]/);
	await see(/reassignment of console-moves complete; throttles: removed/, 180_000);

	// the plan the console saved is what the cluster now has
	const dir = path.join(lab.stateDir, 'reassign');
	const planFile = fs.readdirSync(dir).filter((f) => f.startsWith('plan-')).sort().pop()!;
	const plan = parsePlan(fs.readFileSync(path.join(dir, planFile), 'utf8'));
	const now = await kcatAssignment(lab, 'console-moves');
	for (const e of plan.partitions) assert.deepEqual(now.get(e.partition), e.replicas, `partition ${e.partition} as planned`);
	assert.ok([...now.values()].some((r) => r.includes(5)), 'broker 5 holds replicas now');
	// the throttles are gone, the topic's own config stays
	assert.match(await configCommand(lab, 'topics', 'console-moves'), /retention\.ms=86400000/);
	await assertNoThrottles('console-moves');
	const audit = readAudit(path.join(lab.stateDir, 'audit.jsonl')).filter((e) => e.arguments['via'] === 'console');
	assert.ok(audit.some((e) => e.action === 'reassign.execute' && e.result === 'ok' && e.arguments['throttle'] === 1_000_000), 'the start is audited');
	assert.ok(audit.some((e) => e.action === 'reassign.verify' && e.result === 'ok'), 'the throttle removal is audited');

	// leaving the flow: polling resumes
	keys('Escape');
	await see(/Topics 1\/\d+/);
	await see(/every 1s/);
});

test('R then c, y in the console: a crawling move is cancelled, the replicas go back, the throttles go', {timeout: 300_000}, async () => {
	// one partition on 3,4 with 8 MB: at 10 KB/s its copy onto broker 5 crawls
	await createTopic(lab, 'console-back', ['--replica-assignment', '3:4']);
	const big = Array.from({length: 10000}, (_, i) => `${i} ${'y'.repeat(800)}`).join('\n') + '\n';
	assert.equal((await runProcess('kcat', ['-P', '-b', lab.bootstrap, '-t', 'console-back', '-p', '0', '-z', 'none'], {input: big})).code, 0);
	keys('Escape');
	await sleep(400);
	// `:topic` opens only topics the console's last snapshot has: wait until a poll brought the new one
	await see(/\n\s*console-back\s+1\s+2\s/);
	keys(':topic console-back', 'Enter');
	await see(/Partitions of console-back 1/);
	await startReassign('console-back', ['Space'], '10KB/s'); // broker 3 off: onto 4 and 5
	await see(/c cancels the moves still running/, 60_000);
	const moving = JSON.parse((await runKcon(['reassign', 'list', '--lab', '-o', 'json'], {env: lab.env})).stdout).reassignments;
	assert.equal(moving.length, 1, 'the move runs');
	keys('c');
	await see(/y cancels \(the replicas go back\)/);
	keys('y');
	await see(/cancelled 1 move\(s\); throttles: removed/, 60_000);
	assert.deepEqual(JSON.parse((await runKcon(['reassign', 'list', '--lab', '-o', 'json'], {env: lab.env})).stdout).reassignments, []);
	await eventually(async () => JSON.stringify([...((await kcatAssignment(lab, 'console-back')).get(0) ?? [])].sort()) === '[3,4]');
	await assertNoThrottles('console-back');
	assert.ok(readAudit(path.join(lab.stateDir, 'audit.jsonl')).some((e) => e.action === 'reassign.cancel' && e.result === 'ok' && e.arguments['via'] === 'console'));
	keys('Escape');
	await sleep(400);
	keys(':brokers', 'Enter');
	await see(/Brokers 3/);
});

test('the console on a real lab: navigate, compare with kcat, open a group, filter, survive a broker kill, quit cleanly', {timeout: 300_000}, async () => {
	await see(/brokers up 3\/3/, 60_000);
	let s = await see(/Brokers 3/);
	// the lab's Pi agent answers SNMP: the health strip counts it
	await see(/agents up 1\/1/, 30_000);
	assert.match(s, new RegExp(`127\\.0\\.0\\.1:${PORTS.console}\\s+yes`));

	// partitions of resource, as kcat sees them
	keys(':topic resource', 'Enter');
	s = await see(/Partitions of resource 3/);
	const kcat = await runProcess('kcat', ['-L', '-J', '-b', lab.bootstrap, '-t', 'resource']);
	assert.equal(kcat.code, 0, kcat.stderr);
	const meta = JSON.parse(kcat.stdout) as {topics: {topic: string; partitions: KcatPartition[]}[]};
	const expected = meta.topics[0]!.partitions;
	s = await eventually(() => {
		const cur = screen();
		return partitionRows(cur).size === 3 ? cur : null;
	});
	const rows = partitionRows(s);
	for (const p of expected) {
		const row = rows.get(p.partition)!;
		assert.equal(row.leader, String(p.leader), `leader of partition ${p.partition}`);
		assert.deepEqual(row.replicas, p.replicas.map((r) => String(r.id)), `replicas of ${p.partition} (all in sync: no badge marks)`);
		assert.deepEqual(row.isr.split(',').map(Number).sort(), p.isrs.map((r) => r.id).sort(), `ISR of ${p.partition}`);
	}

	// groups, a filter, one group's partitions
	// the lab's groups: tower (live), tower-backup (Empty) and, on Kafka 4.2, the share group lab-share
	// and the streams group lab-streams
	keys(':groups', 'Enter');
	await see(/Groups 4\b/, 60_000);
	s = await see(/^tower\s+Stable\s+1\s+resource.*\bclassic\s*$/m, 60_000);
	assert.match(s, /^tower-backup\s+Empty\s+0\s+resource.*\bclassic\s*$/m);
	assert.match(s, /^lab-share\s+\S+\s+\d+\s+resource.*\bshare\s*$/m);
	s = await see(/^lab-streams\s+Stable\s+1\s+resource\s+\d+.*\bstreams\s*$/m, 60_000);
	keys('/', 'b', 'a', 'c', 'k');
	s = await see(/Groups 1\/4\s+\/back/);
	assert.doesNotMatch(s, /^tower\s+Stable/m);
	keys('Enter', 'Escape');
	await see(/Groups 4\b/);
	keys(':group tower', 'Enter');
	s = await see(/Group tower 3/);
	assert.match(s, /TOPIC\s+PARTITION\s+CURRENT-OFFSET\s+LOG-END-OFFSET\s+LAG/);
	s = await see(/^resource\s+2\s+\d+\s+\d+\s+\d+/m);
	assert.equal(s.split('\n').filter((l) => /^resource\s+\d\s+\d+\s+\d+\s+\d+\s/.test(l)).length, 3);

	// kill the JVM leading partition 0 of resource, by its PID, while the console watches
	keys(':topic resource', 'Enter');
	s = await eventually(() => {
		const cur = screen();
		return /Partitions of resource/.test(cur) && partitionRows(cur).size === 3 ? cur : null;
	});
	const victim = Number(partitionRows(s).get(0)!.leader);
	const node = lab.state().nodes.find((n) => n.id === victim && n.roles.includes('broker'))!;
	assert.ok(node.pid, 'the lab knows the leader JVM pid');
	process.kill(node.pid!, 'SIGKILL');
	s = await see(/brokers up 2\/3/, 20_000);
	// then the controller fences it: leaders move off it and it leaves every ISR
	s = await eventually(() => {
		const cur = screen();
		const r = partitionRows(cur);
		if (r.size !== 3) return null;
		const moved = [...r.values()].every((p) => p.leader !== String(victim) && p.leader !== `${victim}!`);
		const shrunk = [...r.values()].every((p) => !p.isr.split(',').includes(String(victim)));
		return moved && shrunk ? cur : null;
	}, {timeoutMs: 60_000, intervalMs: 500});
	const after = partitionRows(s);
	for (const p of after.values()) assert.ok(p.replicas.includes(`${victim}!`), `replica ${victim} shown offline: ${p.replicas.join(' ')}`);
	// resource (3 partitions) at least; __consumer_offsets partitions (RF 1 in the lab) go offline too
	assert.match(s, /under-replicated ([3-9]|\d\d+)  offline \d+/);
	keys(':brokers', 'Enter');
	s = await see(new RegExp(`^\\s+${victim}\\s.*\\bno — `, 'm'));

	// quit: the shell is back, the alternate screen is left, the cursor is visible
	keys('q');
	s = await see(/KCON-EXITED 0/, 15_000);
	assert.doesNotMatch(s, /brokers up/);
	assert.equal(tmux('display-message', '-p', '-t', 'console', '#{alternate_on}').trim(), '0');
	assert.equal(tmux('display-message', '-p', '-t', 'console', '#{cursor_flag}').trim(), '1');
});

test('without a terminal the console refuses with exit 2', async () => {
	const r = await runKcon(['-b', '127.0.0.1:1']);
	assert.equal(r.code, 2);
	assert.equal(r.stderr.trim(), "kcon: the console needs a terminal; try 'kcon describe'");
	const bad = await runKcon(['-b', '127.0.0.1:1', '--refresh', '0.5']);
	assert.equal(bad.code, 2);
	assert.match(bad.stderr, /--refresh must be a number of seconds from 1 to 3600/);
});
