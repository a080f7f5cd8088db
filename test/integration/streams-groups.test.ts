// Kafka Streams groups (KIP-1071) on the shared Kafka 4.2.1 lab: the lab's own `lab-streams` (the
// LabStreams application `kcon lab up` starts on `resource`) and one of this test's on a quiet topic
// (the same application with a counting sub-topology, so it also reads a repartition topic), judged
// by Kafka's StreamsGroupCommand (kafka-streams-groups.sh --describe, --members, --state) byte for
// byte. Every wait is for the state asserted, with a deadline: `lab up` returns before the streams
// member has its tasks, and the broker creates the internal topics only once the topology is known.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {emptyLagHistory} from '../../source/domain/lag-history.js';
import {createGateway} from '../../source/kafka/gateway/gateway.js';
import {cellText} from '../../source/present/cells.js';
import {groupsTable} from '../../source/present/groups-rows.js';
import {eventually, javaTool, runKcon, sharedLab, type RunResult, type TestLab} from '../helpers/lab.js';
import {startStreamsApp, type JavaConsumer} from '../helpers/java-consumer.js';
import {createTopic, kconJson, produce} from './describe-checks.js';

const STREAMS_COMMAND = 'org.apache.kafka.tools.streams.StreamsGroupCommand';
const LAB_GROUP = 'lab-streams';
// of this process: the shared lab outlives a single file run
const TOPIC = `streams-quiet-${process.pid}`;
const GROUP = `streams-judge-${process.pid}`;
const REPARTITION = `${GROUP}-sizes-repartition`;
const VARIANTS = [[], ['--members'], ['--state']];

let lab: TestLab;
let app: JavaConsumer | undefined;
let appState: string | undefined;

before(async () => {
	lab = await sharedLab();
});
after(async () => {
	await app?.stop();
	if (appState) fs.rmSync(appState, {recursive: true, force: true});
});

const streamsCommand = (args: string[]): Promise<RunResult> => javaTool(lab, STREAMS_COMMAND, ['--bootstrap-server', lab.bootstrap, ...args]);
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

/** kcon's and StreamsGroupCommand's output for `flags`, once their stdout agree (or the last, to fail on). */
async function agree(group: string, flags: string[], shown: (stdout: string) => string = (s) => s): Promise<{kcon: RunResult; java: RunResult}> {
	let last!: {kcon: RunResult; java: RunResult};
	await eventually(
		async () => {
			last = {kcon: await kcon(['describe', 'group', group, ...flags]), java: await streamsCommand(['--describe', '--group', group, ...flags])};
			return last.kcon.code === 0 && last.java.code === 0 && shown(last.kcon.stdout) === shown(last.java.stdout);
		},
		{timeoutMs: 60_000, intervalMs: 2000},
	).catch(() => false);
	assert.equal(last.java.code, 0, last.java.stderr);
	assert.equal(last.kcon.code, 0, last.kcon.stderr);
	assert.equal(shown(last.kcon.stdout), shown(last.java.stdout), `describe group ${group} ${flags.join(' ')}: stdout byte for byte like kafka-streams-groups.sh`);
	return last;
}

/** The OFFSET-LAG column (the last) of a busy group moves between two calls: it alone is masked. */
const lagMasked = (stdout: string) => stdout.replace(/ -?\d+\n/g, ' <lag>\n');

/** (topic, partition, lag) of each row StreamsGroupCommand printed, in its order. */
function javaRows(stdout: string): [string, number, number][] {
	return stdout
		.trim()
		.split('\n')
		.slice(1)
		.map((line) => {
			const [, topic, partition, lag] = line.split(/ +/);
			return [topic!, Number(partition), Number(lag)];
		});
}

const tasked = (inputs: number) => (g: any) =>
	g.state === 'Stable' && g.members.length === 1 && g.offsets.length === inputs && g.offsets.every((o: any) => o.committed !== null);

test("the lab's streams group: type streams, Stable with its member; offsets, --members and --state like StreamsGroupCommand", async () => {
	const g = await groupWhen(LAB_GROUP, tasked(3), 'Stable with a member processing the 3 partitions of resource');
	assert.deepEqual([g.groupType, g.protocolType], ['streams', 'streams']);
	assert.deepEqual([g.members[0].clientId, g.members[0].host], ['kcon-lab-streams-StreamThread-1-consumer', '/127.0.0.1']);
	assert.deepEqual(g.members[0].assignments, [{topic: 'resource', partitions: [0, 1, 2]}]);
	assert.deepEqual(g.streams.subtopologies, [{subtopologyId: '0', sourceTopics: ['resource'], repartitionSourceTopics: []}]);
	assert.deepEqual(g.streams.members[0].activeTasks, [{subtopologyId: '0', partitions: [0, 1, 2]}]);
	await agree(LAB_GROUP, ['--members']);
	const state = await agree(LAB_GROUP, ['--state']);
	// (Kafka 4.4's tool and kcon on a 4.4 cluster name the assignor between the coordinator and the state)
	assert.match(state.kcon.stdout, new RegExp(`\\n${LAB_GROUP} +\\S+ \\(${g.coordinator}\\) +(?:\\S+ +)?Stable +1\\n$`));
	// the collectors write to resource every second, so its lag moves between two calls
	const offsets = await agree(LAB_GROUP, [], lagMasked);
	assert.match(offsets.kcon.stdout, /^GROUP +TOPIC +PARTITION +OFFSET-LAG\n(lab-streams +resource +[0-2] +\d+\n){3}$/);
	// listed with its type beside the other groups
	const doc = await kconJson(['describe', 'groups'], lab);
	const listed = doc.groups.find((x: any) => x.groupId === LAB_GROUP);
	assert.deepEqual([listed?.groupType, listed?.state], ['streams', 'Stable']);
	const types = Object.fromEntries(doc.groups.map((x: any) => [x.groupId, x.groupType]));
	assert.deepEqual([types['lab-share'], types['tower'], types['tower-backup']], ['share', 'classic', 'classic']);
});

test('a streams group of its own on a quiet topic (two sub-topologies): offsets, --members, --state identical to StreamsGroupCommand, JSON with its values', async () => {
	await createTopic(lab, TOPIC, ['--partitions', '2', '--replication-factor', '2']);
	appState = fs.mkdtempSync(path.join(os.tmpdir(), 'kcon-streams-test-'));
	app = startStreamsApp(lab, {applicationId: GROUP, input: TOPIC, output: `${TOPIC}-sizes`, stateDir: appState});
	await produce(lab, TOPIC, 40);
	// every input partition (the topic's and the repartition topic's) committed up to its end
	const g = await groupWhen(
		GROUP,
		(g) => tasked(4)(g) && g.totalLag === 0 && g.offsets.filter((o: any) => o.topic === TOPIC).reduce((n: number, o: any) => n + o.committed, 0) === 40,
		`Stable with its 40 records processed (${app.stderr().slice(-2000)})`,
	);
	assert.deepEqual(g.offsets.map((o: any) => [o.topic, o.partition]), [[REPARTITION, 0], [REPARTITION, 1], [TOPIC, 0], [TOPIC, 1]]);
	assert.deepEqual(
		g.streams.subtopologies.map((s: any) => [s.subtopologyId, s.sourceTopics, s.repartitionSourceTopics]),
		[['0', [TOPIC], []], ['1', [], [REPARTITION]]],
	);
	const results = new Map<string, {kcon: RunResult; java: RunResult}>();
	for (const flags of VARIANTS) results.set(flags.join(''), await agree(GROUP, flags));
	// the JSON says what the tool printed: each row's partition and lag (the tool's order is its hash map's)
	const rows = javaRows(results.get('')!.java.stdout);
	assert.equal(rows.length, 4);
	const json = (await kconJson(['describe', 'group', GROUP], lab)).groups[0];
	assert.deepEqual(
		json.offsets.map((o: any) => [o.topic, o.partition, o.logEnd - o.committed]),
		[...rows].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1])),
	);
	const member = results.get('--members')!.java.stdout.trim().split('\n')[1]!.split(/ +/);
	assert.deepEqual([member[1], member[2], member[3]], [json.members[0].memberId, json.streams.members[0].processId, json.members[0].clientId]);
	assert.deepEqual(json.streams.members[0].activeTasks, [{subtopologyId: '0', partitions: [0, 1]}, {subtopologyId: '1', partitions: [0, 1]}]);
});

test("the console's groups view shows the streams groups: TYPE streams, their state and lag", async () => {
	const gateway = createGateway({brokers: lab.bootstrap.split(','), readOnly: true, source: 'flag'});
	const snapshot = await gateway.snapshot().finally(() => gateway.close());
	const table = groupsTable(snapshot, emptyLagHistory);
	for (const id of [GROUP, LAB_GROUP]) {
		const row = table.rows.find((r) => r.key === id);
		assert.ok(row, `the groups view lists ${id}`);
		const cell = (title: string) => cellText(row.cells[table.columns.findIndex((c) => c.title === title)]!);
		const total = String(snapshot.groups.find((x) => x.groupId === id)!.totalLag);
		assert.deepEqual([cell('GROUP'), cell('STATE'), cell('MEMBERS'), cell('LAG'), cell('TYPE')], [id, 'Stable', '1', total, 'streams']);
	}
});

test('streams-group writes are refused with the reason (exit 2), nothing sent', async () => {
	const before = (await kconJson(['describe', 'group', GROUP], lab)).groups[0].offsets.map((o: any) => o.committed);
	const reason = `kcon: group '${GROUP}' is a streams group: kcon group reset-offsets, delete-offsets and delete serve classic and consumer groups only (for a streams group: kafka-streams-groups.sh --reset-offsets, --delete-offsets or --delete, with its application stopped)\n`;
	const reset = await kcon(['group', 'reset-offsets', GROUP, '--topic', TOPIC, '--to-earliest', '--execute', '--yes']);
	assert.deepEqual([reset.code, reset.stderr], [2, reason]);
	const del = await kcon(['group', 'delete', GROUP, '--yes']);
	assert.deepEqual([del.code, del.stderr], [2, reason]);
	const json = await kcon(['group', 'reset-offsets', GROUP, '--topic', TOPIC, '--to-earliest', '-o', 'json']);
	assert.equal(json.code, 2);
	assert.equal(JSON.parse(json.stdout).error.code, 'usage');
	assert.deepEqual((await kconJson(['describe', 'group', GROUP], lab)).groups[0].offsets.map((o: any) => o.committed), before);
});

test('its application stopped by PID: Empty; text identical to StreamsGroupCommand (no table, --state with its note); no such group still does not exist', async () => {
	await app!.stop();
	await groupWhen(GROUP, (g) => g.state === 'Empty' && g.members.length === 0, 'Empty');
	for (const flags of VARIANTS) {
		const {kcon: k, java} = await agree(GROUP, flags);
		if (flags[0] === '--state') {
			assert.match(java.stdout, new RegExp(`^\\nError: Streams group '${GROUP}' has no active members\\.\\n`));
		} else {
			assert.equal(java.stdout, '');
			assert.match(k.stderr, new RegExp(`Streams group '${GROUP}' has no active members\\.`), `kcon ${flags.join(' ')}`);
		}
	}
	const nobody = await kcon(['describe', 'group', 'streams-nobody']);
	assert.deepEqual([nobody.code, nobody.stderr], [2, "kcon: group 'streams-nobody' does not exist\n"]);
});
