// KIP-848 consumer groups (group.protocol=consumer, a lab of its own on base 21990, default Kafka):
// two real Java ConsoleConsumers form the group; `kcon describe group` (offsets, --members, --state)
// must print what ConsumerGroupCommand prints, byte for byte, while they run and after they leave.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {emptyLagHistory} from '../../source/domain/lag-history.js';
import {createGateway} from '../../source/kafka/gateway/gateway.js';
import {cellText} from '../../source/present/cells.js';
import {groupDetailTable} from '../../source/present/group-detail-rows.js';
import {groupsTable} from '../../source/present/groups-rows.js';
import {eventually, runKcon, startLab, type RunResult, type TestLab} from '../helpers/lab.js';
import {startConsoleConsumer, type JavaConsumer} from '../helpers/java-consumer.js';
import {PORTS} from '../helpers/ports.js';
import {createTopic, groupCommand, kconJson, produce} from './describe-checks.js';

const TOPIC = 'kip848';
const GROUP = 'kip848-group';
const VARIANTS = [[], ['--members'], ['--state']];

let lab: TestLab;
let consumers: JavaConsumer[] = [];

before(async () => {
	lab = await startLab({basePort: PORTS.kip848, topology: 'combined', pis: 0});
});
after(async () => {
	for (const c of consumers) await c.stop();
	await lab?.stop();
});

/** kcon's and the Java tool's stdout for each variant, once all agree (or the last tries, to fail on). */
async function agreeWithJava(group: string): Promise<Map<string, {kcon: RunResult; java: RunResult}>> {
	let last = new Map<string, {kcon: RunResult; java: RunResult}>();
	await eventually(
		async () => {
			last = new Map();
			for (const flags of VARIANTS) {
				const kcon = await runKcon(['describe', 'group', group, ...flags, '-b', lab.bootstrap], {timeoutMs: 60_000});
				const java = await groupCommand(lab, ['--describe', '--group', group, ...flags]);
				last.set(flags.join(' '), {kcon, java});
			}
			return [...last.values()].every(({kcon, java}) => kcon.code === 0 && java.code === 0 && kcon.stdout === java.stdout);
		},
		{timeoutMs: 90_000, intervalMs: 2000},
	).catch(() => false);
	for (const [flags, {kcon, java}] of last) {
		assert.equal(kcon.code, 0, kcon.stderr);
		assert.equal(java.code, 0, java.stderr);
		assert.equal(kcon.stdout, java.stdout, `describe group ${group} ${flags}: stdout byte for byte like kafka-consumer-groups.sh`);
	}
	return last;
}

const records = () => consumers.flatMap((c) => c.records()).filter((line) => /^v\d+$/.test(line));

test('two KIP-848 members: Stable, uniform assignor, text/--members/--state identical to ConsumerGroupCommand, JSON fields', async () => {
	await createTopic(lab, TOPIC, ['--partitions', '3', '--replication-factor', '2']);
	await produce(lab, TOPIC, 60);
	const properties = {'group.protocol': 'consumer'};
	consumers = [startConsoleConsumer(lab, {topic: TOPIC, group: GROUP, properties}), startConsoleConsumer(lab, {topic: TOPIC, group: GROUP, properties})];
	// both members hold partitions and everything read is committed (auto-commit)
	let seen = '';
	const doc = await eventually(
		async () => {
			const d = await kconJson(['describe', 'group', GROUP], lab);
			const g = d.groups[0];
			seen = `${records().length} records; ${JSON.stringify(g)}`;
			const committed = g.offsets.reduce((n: number, o: any) => n + (o.committed ?? 0), 0);
			const ready = g.state === 'Stable' && g.members.length === 2 && g.members.every((m: any) => m.assignments.length > 0) && committed === 60;
			return ready && records().length >= 60 ? d : null;
		},
		{timeoutMs: 120_000, intervalMs: 2000},
	).catch((e: Error) => assert.fail(`the group never settled with 2 members and 60 committed: ${seen || e.message}`));
	const g = doc.groups[0];
	assert.equal(g.groupType, 'consumer');
	assert.equal(g.protocolType, 'consumer');
	assert.equal(g.assignmentStrategy, 'uniform'); // the broker's default assignor (group.consumer.assignors)
	assert.equal(g.totalLag, 0);
	for (const m of g.members) assert.deepEqual([m.clientId, m.host], ['console-consumer', '/127.0.0.1']);
	const owned = g.members.flatMap((m: any) => m.assignments.flatMap((a: any) => a.partitions.map((p: number) => `${a.topic}-${p}`)));
	assert.deepEqual(owned.sort(), [`${TOPIC}-0`, `${TOPIC}-1`, `${TOPIC}-2`], 'each partition owned by exactly one member');
	assert.ok(g.offsets.every((o: any) => g.members.some((m: any) => m.memberId === o.consumerId)));

	const outputs = await agreeWithJava(GROUP);
	// the peers' own words: member ids and coordinator as ConsumerGroupCommand prints them
	const javaMembers = outputs.get('--members')!.java.stdout.split('\n').filter((l) => l.startsWith(GROUP + ' ')).map((l) => l.split(/\s+/)[1]);
	assert.deepEqual(javaMembers.sort(), g.members.map((m: any) => m.memberId).sort());
	assert.equal(Number(/\((\d+)\)/.exec(outputs.get('--state')!.java.stdout)![1]), g.coordinator);
	assert.match(outputs.get('--state')!.kcon.stdout, new RegExp(`\\n${GROUP} +\\S+ +\\(\\d+\\) +uniform +Stable +2\\n`));
});

test("the console's groups views (its gateway snapshot, every group listed) show the live KIP-848 group", async () => {
	const gateway = createGateway({brokers: lab.bootstrap.split(','), readOnly: true, source: 'flag'});
	const snapshot = await gateway.snapshot().finally(() => gateway.close());
	const row = groupsTable(snapshot, emptyLagHistory).rows.find((r) => r.key === GROUP);
	assert.ok(row, `the groups view lists ${GROUP}`);
	// GROUP, STATE, MEMBERS, TOPICS, LAG
	assert.deepEqual(row.cells.slice(0, 5).map(cellText), [GROUP, 'Stable', '2', TOPIC, '0']);
	const detail = groupDetailTable(snapshot, emptyLagHistory, GROUP)!;
	const members = snapshot.groups.find((g) => g.groupId === GROUP)!.members.map((m) => m.memberId);
	// TOPIC, PARTITION, … CONSUMER-ID: each partition with its member
	assert.deepEqual(detail.rows.map((r) => [cellText(r.cells[0]!), cellText(r.cells[1]!)]), [0, 1, 2].map((p) => [TOPIC, String(p)]));
	for (const r of detail.rows) assert.ok(members.includes(cellText(r.cells[9]!)), `member of ${cellText(r.cells[1]!)}`);
});

test("the lab's classic group beside it stays classic: --state identical to ConsumerGroupCommand", async () => {
	const doc = await eventually(
		async () => {
			const d = await kconJson(['describe', 'groups'], lab);
			return d.groups.find((x: any) => x.groupId === 'tower')?.state === 'Stable' ? d : null;
		},
		{timeoutMs: 60_000, intervalMs: 2000},
	);
	const types = Object.fromEntries(doc.groups.map((x: any) => [x.groupId, x.groupType]));
	assert.equal(types[GROUP], 'consumer');
	assert.equal(types['tower'], 'classic');
	const tower = doc.groups.find((x: any) => x.groupId === 'tower');
	assert.equal(tower.members.length, 1);
	const kcon = await runKcon(['describe', 'group', 'tower', '--state', '-b', lab.bootstrap]);
	const java = await groupCommand(lab, ['--describe', '--group', 'tower', '--state']);
	assert.equal(kcon.stdout, java.stdout);
	assert.match(kcon.stdout, new RegExp(`\\ntower +\\S+ +\\(\\d+\\) +${tower.assignmentStrategy} +Stable +1\\n`));
});

test('members stopped by PID leave: Empty, lag 25, identical to ConsumerGroupCommand with its note', async () => {
	for (const c of consumers) await c.stop();
	await eventually(async () => (await kconJson(['describe', 'group', GROUP], lab)).groups[0].state === 'Empty', {timeoutMs: 60_000, intervalMs: 1000});
	await produce(lab, TOPIC, 25, 60);
	const outputs = await agreeWithJava(GROUP);
	for (const [flags, {kcon, java}] of outputs) {
		const note = new RegExp(`Consumer group '${GROUP}' has no active members\\.`);
		assert.match(java.stderr, note, `Java ${flags}`);
		assert.match(kcon.stderr, note, `kcon ${flags}`);
	}
	const g = (await kconJson(['describe', 'group', GROUP], lab)).groups[0];
	assert.deepEqual([g.state, g.groupType, g.assignmentStrategy, g.members, g.totalLag], ['Empty', 'consumer', 'uniform', [], 25]);
	assert.ok(g.offsets.every((o: any) => o.consumerId === null && o.committed !== null));
});

test('a group that exists nowhere: kcon exit 2 "does not exist", the Java tool says not found', async () => {
	const kcon = await runKcon(['describe', 'group', 'kip848-nobody', '-b', lab.bootstrap]);
	assert.equal(kcon.code, 2);
	assert.equal(kcon.stderr, "kcon: group 'kip848-nobody' does not exist\n");
	const java = await groupCommand(lab, ['--describe', '--group', 'kip848-nobody']);
	assert.match(java.stdout + java.stderr, /GroupIdNotFoundException: Group kip848-nobody not found\./);
});
