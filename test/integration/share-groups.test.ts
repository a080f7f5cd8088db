// Share groups (KIP-932) on the shared lab (its default Kafka, 4.2 or newer): the lab's own `lab-share` (a
// ConsoleShareConsumer `kcon lab up` starts) and one of this test's on a quiet topic, judged by
// Kafka's ShareGroupCommand (kafka-share-groups.sh --describe, --members, --state) byte for byte.
// Every wait is for the state asserted, with a deadline: `lab up` returns before the share member
// has its assignment.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {emptyLagHistory} from '../../source/domain/lag-history.js';
import {createGateway} from '../../source/kafka/gateway/gateway.js';
import {cellText} from '../../source/present/cells.js';
import {groupDetailTable} from '../../source/present/group-detail-rows.js';
import {groupsTable} from '../../source/present/groups-rows.js';
import {eventually, javaTool, runKcon, sharedLab, type RunResult, type TestLab} from '../helpers/lab.js';
import {startConsoleConsumer, type JavaConsumer} from '../helpers/java-consumer.js';
import {createTopic, kconJson, produce} from './describe-checks.js';

const SHARE_COMMAND = 'org.apache.kafka.tools.consumer.group.ShareGroupCommand';
const LAB_GROUP = 'lab-share';
// of this process: the shared lab outlives a single file run
const TOPIC = `share-quiet-${process.pid}`;
const GROUP = `share-judge-${process.pid}`;
const VARIANTS = [[], ['--members'], ['--state']];

let lab: TestLab;
let consumer: JavaConsumer | undefined;

before(async () => {
	lab = await sharedLab();
});
after(async () => {
	await consumer?.stop();
});

const shareCommand = (args: string[]): Promise<RunResult> => javaTool(lab, SHARE_COMMAND, ['--bootstrap-server', lab.bootstrap, ...args]);
const kcon = (args: string[]) => runKcon([...args, '-b', lab.bootstrap], {timeoutMs: 60_000});

/** The group's JSON once `ready` holds for it (fails with the last one seen at the deadline). */
async function groupWhen(group: string, ready: (g: any) => boolean, what: string): Promise<any> {
	let seen = '';
	return eventually(
		async () => {
			const g = (await kconJson(['describe', 'group', group], lab)).groups[0];
			seen = JSON.stringify(g);
			return ready(g) ? g : null;
		},
		{timeoutMs: 120_000, intervalMs: 2000},
	).catch(() => assert.fail(`${group} never was ${what}: ${seen}`));
}

/** kcon's and ShareGroupCommand's output for `flags`, once their stdout agree (or the last, to fail on). */
async function agree(group: string, flags: string[]): Promise<{kcon: RunResult; java: RunResult}> {
	let last!: {kcon: RunResult; java: RunResult};
	await eventually(
		async () => {
			last = {kcon: await kcon(['describe', 'group', group, ...flags]), java: await shareCommand(['--describe', '--group', group, ...flags])};
			return last.kcon.code === 0 && last.java.code === 0 && last.kcon.stdout === last.java.stdout;
		},
		{timeoutMs: 60_000, intervalMs: 2000},
	).catch(() => false);
	assert.equal(last.java.code, 0, last.java.stderr);
	assert.equal(last.kcon.code, 0, last.kcon.stderr);
	assert.equal(last.kcon.stdout, last.java.stdout, `describe group ${group} ${flags.join(' ')}: stdout byte for byte like kafka-share-groups.sh`);
	return last;
}

const assigned = (g: any) => g.state === 'Stable' && g.members.length === 1 && g.members[0].assignments.length > 0;

test("the lab's share group: type share, Stable with its member; --members and --state identical to ShareGroupCommand", async () => {
	const g = await groupWhen(LAB_GROUP, assigned, 'Stable with an assigned member');
	assert.deepEqual([g.groupType, g.protocolType, g.assignmentStrategy], ['share', 'share', 'simple']);
	assert.deepEqual([g.members[0].clientId, g.members[0].host], ['kcon-lab-share', '/127.0.0.1']);
	assert.deepEqual(g.members[0].assignments, [{topic: 'resource', partitions: [0, 1, 2]}]);
	await agree(LAB_GROUP, ['--members']);
	const state = await agree(LAB_GROUP, ['--state']);
	assert.match(state.kcon.stdout, new RegExp(`\\n${LAB_GROUP} +\\S+ +\\(${g.coordinator}\\) +Stable +1\\n`));
	// the start offsets of the busy topic move every second: kcon's rows are the partitions of resource
	const offsets = await kcon(['describe', 'group', LAB_GROUP]);
	assert.equal(offsets.code, 0, offsets.stderr);
	assert.match(offsets.stdout, /^\nGROUP +TOPIC +PARTITION +START-OFFSET +LAG\n(lab-share +resource +[0-2] +\d+ +\d+\n){3}$/);
	// listed with its type beside the classic groups, whose text stays kafka-consumer-groups.sh's
	const doc = await kconJson(['describe', 'groups'], lab);
	const types = Object.fromEntries(doc.groups.map((x: any) => [x.groupId, x.groupType]));
	assert.deepEqual([types[LAB_GROUP], types['tower'], types['tower-backup']], ['share', 'classic', 'classic']);
});

test('a share group of its own on a quiet topic: offsets, --members, --state identical to ShareGroupCommand once its records are read', async () => {
	await createTopic(lab, TOPIC, ['--partitions', '2', '--replication-factor', '2']);
	consumer = startConsoleConsumer(lab, {topic: TOPIC, group: GROUP, share: true});
	await groupWhen(GROUP, assigned, 'Stable with an assigned member');
	await produce(lab, TOPIC, 40);
	await eventually(() => consumer!.records().length === 40, {timeoutMs: 120_000, intervalMs: 1000}).catch(() =>
		assert.fail(`the share consumer printed ${consumer!.records().length} of 40 records`),
	);
	// the start offsets and lag are the share coordinator's persisted state, which may trail what
	// the member acknowledged: kcon shows what the broker says, as the tool does
	const g = await groupWhen(GROUP, (g) => g.offsets.length === 2, 'described with both partitions');
	assert.deepEqual(g.offsets.map((o: any) => [o.topic, o.partition]), [[TOPIC, 0], [TOPIC, 1]]);
	assert.equal(g.offsets.reduce((n: number, o: any) => n + o.logEnd, 0), 40);
	for (const flags of VARIANTS) await agree(GROUP, flags);
});

test("the console's groups view and group detail show the share group: TYPE share, the broker's lag, START-OFFSET", async () => {
	const gateway = createGateway({brokers: lab.bootstrap.split(','), readOnly: true, source: 'flag'});
	const snapshot = await gateway.snapshot().finally(() => gateway.close());
	const table = groupsTable(snapshot, emptyLagHistory);
	const row = table.rows.find((r) => r.key === GROUP);
	assert.ok(row, `the groups view lists ${GROUP}`);
	const cell = (title: string) => cellText(row.cells[table.columns.findIndex((c) => c.title === title)]!);
	const total = String(snapshot.groups.find((x) => x.groupId === GROUP)!.totalLag);
	assert.deepEqual([cell('GROUP'), cell('STATE'), cell('MEMBERS'), cell('TOPICS'), cell('LAG'), cell('TYPE')], [GROUP, 'Stable', '1', TOPIC, total, 'share']);
	assert.equal(cellText(table.rows.find((r) => r.key === 'tower')!.cells[table.columns.findIndex((c) => c.title === 'TYPE')]!), 'classic');
	const detail = groupDetailTable(snapshot, emptyLagHistory, GROUP)!;
	assert.equal(detail.columns[2]!.title, 'START-OFFSET');
	const lags = snapshot.groups.find((x) => x.groupId === GROUP)!.offsets.map((o) => String(o.lag ?? '-'));
	assert.deepEqual(detail.rows.map((r) => [cellText(r.cells[0]!), cellText(r.cells[1]!), cellText(r.cells[4]!)]), [[TOPIC, '0', lags[0]], [TOPIC, '1', lags[1]]]);
});

test('share-group writes are refused with the reason (exit 2), nothing sent', async () => {
	const before = (await kconJson(['describe', 'group', GROUP], lab)).groups[0].offsets.map((o: any) => o.committed);
	const reset = await kcon(['group', 'reset-offsets', GROUP, '--topic', TOPIC, '--to-earliest', '--execute', '--yes']);
	assert.equal(reset.code, 2);
	assert.equal(reset.stderr, `kcon: group '${GROUP}' is a share group: kcon group reset-offsets, delete-offsets and delete serve classic and consumer groups only (for a share group: kafka-share-groups.sh --reset-offsets, --delete-offsets or --delete)\n`);
	const json = await kcon(['group', 'reset-offsets', GROUP, '--topic', TOPIC, '--to-earliest', '-o', 'json']);
	assert.equal(json.code, 2);
	assert.equal(JSON.parse(json.stdout).error.code, 'usage');
	assert.deepEqual((await kconJson(['describe', 'group', GROUP], lab)).groups[0].offsets.map((o: any) => o.committed), before);
});

test('its member stopped by PID: Empty; text identical to ShareGroupCommand with its note; no such group still does not exist', async () => {
	await consumer!.stop();
	await groupWhen(GROUP, (g) => g.state === 'Empty' && g.members.length === 0, 'Empty');
	for (const flags of VARIANTS) {
		const {kcon: k, java} = await agree(GROUP, flags);
		if (flags[0] === '--members' || flags[0] === '--state') {
			const note = new RegExp(`Share group '${GROUP}' has no active members\\.`);
			assert.match(java.stderr, note, `Java ${flags.join(' ')}`);
			assert.match(k.stderr, note, `kcon ${flags.join(' ')}`);
		}
	}
	const nobody = await kcon(['describe', 'group', 'share-nobody']);
	assert.deepEqual([nobody.code, nobody.stderr], [2, "kcon: group 'share-nobody' does not exist\n"]);
});
