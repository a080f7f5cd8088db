// describe groups at many groups: 2,000 groups (default) with committed offsets on one small topic,
// kcon side by side with Kafka's ConsumerGroupCommand (`kafka-consumer-groups.sh --describe
// --all-groups`, JVM start-up included). The offsets are written straight with OffsetCommit v8, one
// request per group from outside the group (as a reset does), so setting up 2,000 groups takes
// seconds rather than a consumer join per group. Also counts the requests kcon's gateway sends for
// `describe groups` at a tenth of the groups and at all of them: the same count (per coordinator,
// never per group). Runs against the lab named by KCON_STATE_DIR; creates topic bench-groups (RF 1)
// and groups bench-groups-NNNN, and deletes both at the end.
//
//   node dist/bench/groups.js [groups, default 2000] [partitions of the topic, default 10]
// BENCH_RUNS (default 5) runs for kcon, BENCH_JAVA_RUNS (default 2) for ConsumerGroupCommand, whose
// run at 2,000 groups takes tens of seconds on a busy 2-core machine; the Java runs have no warm-up
// run. BENCH_CPU_PROF_DIR: one more kcon run with `node --cpu-prof` writing its profile there.
// BENCH_KEEP=1 keeps the topic and groups (to profile by hand).
// KCON_BENCH_BEFORE: another build's cli.js, timed the same way in the same run (before a change).
import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import os from 'node:os';
import {bootstrapOf, readLabState} from '../source/lab/state.js';
import {SnapshotGateway} from '../source/kafka/gateway/snapshot-gateway.js';
import {ClusterActions} from '../source/kafka/actions/cluster-actions.js';
import {findCoordinatorsRequest} from '../source/kafka/codec/find-coordinator.js';
import {offsetCommitRequest} from '../source/kafka/codec/offset-commit.js';
import {deleteGroupsRequest} from '../source/kafka/codec/delete-groups.js';
import {createKafka} from '../source/kafka/connection/client-config.js';
import {waitForTopicsGoneFromEveryBroker, waitForTopicsOnEveryBroker} from '../source/kafka/lab-clients.js';
import type {Settings} from '../source/config/settings.js';
import {measure, stats} from './lib/measure.js';
import {emit, speedup, type BenchRow, type Measurement} from './lib/result.js';
import {kconBin} from './lib/kcon-bin.js';

const cli = kconBin;
const runs = Number(process.env['BENCH_RUNS'] ?? 5);
const javaRuns = Number(process.env['BENCH_JAVA_RUNS'] ?? 2);
const GROUPS = Number(process.argv[2] ?? 2000);
const PARTITIONS = Number(process.argv[3] ?? 10);
const TOPIC = 'bench-groups';
const PREFIX = 'bench-groups-';

const execFileAsync = promisify(execFile);
const lab = readLabState();
if (!lab) throw new Error('no lab is running (bench/run.ts brings one up)');
const bootstrap = bootstrapOf(lab);
const settings: Settings = {brokers: bootstrap.split(','), readOnly: false, source: 'flag'};
const java = ['-Xmx512m', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', lab.toolLoggingFlag, '-cp', lab.classpath];
const log = (line: string) => process.stderr.write(`groups bench: ${line}\n`);
const groupName = (i: number) => `${PREFIX}${String(i).padStart(4, '0')}`;

/** CPU ms (user + system) of each command's runs, by tool: the comparison the machine's load distorts least */
const cpu: Record<string, number[]> = {};
const cpuMedian = (tool: string) => (cpu[tool]?.length ? stats(cpu[tool]!).median : Number.NaN);

async function ensureTopic(): Promise<void> {
	const kafka = await createKafka(settings, {requestTimeout: 60_000});
	const admin = kafka.admin();
	await admin.connect();
	try {
		if (!(await admin.listTopics()).includes(TOPIC)) {
			await admin.createTopics({topics: [{topic: TOPIC, numPartitions: PARTITIONS, replicationFactor: 1}], waitForLeaders: false, timeout: 60_000});
		}
	} finally {
		await admin.disconnect();
	}
	await waitForTopicsOnEveryBroker(bootstrap, [TOPIC], PARTITIONS, 120_000);
}

async function withActions<T>(what: (actions: ClusterActions) => Promise<T>): Promise<T> {
	const gateway = new SnapshotGateway(settings, {});
	let snapshot;
	try {
		snapshot = await gateway.snapshot({topics: [TOPIC], offsets: false, groups: false, reassignments: false});
	} finally {
		await gateway.close();
	}
	const actions = new ClusterActions(settings, {brokers: snapshot.brokers});
	try {
		return await what(actions);
	} finally {
		await actions.close();
	}
}

/** Groups [from, to) commit offset 0 on every partition of the topic: one FindCoordinator, one OffsetCommit per group. */
async function commitGroups(from: number, to: number): Promise<void> {
	const ids = Array.from({length: to - from}, (_, i) => groupName(from + i));
	const offsets = Array.from({length: PARTITIONS}, (_, partition) => ({topic: TOPIC, partition, offset: 0n}));
	await withActions(async (actions) => {
		const coordinators = await actions.any(findCoordinatorsRequest(ids));
		const queue = coordinators.map((c) => {
			if (c.errorCode !== 0) throw new Error(`no coordinator for ${c.key}: error ${c.errorCode}`);
			return c;
		});
		// 32 requests in flight: quick, and no burst a busy broker answers with timeouts
		await Promise.all(
			Array.from({length: 32}, async () => {
				for (let c = queue.pop(); c; c = queue.pop()) {
					const answers = await actions.toBroker(c.nodeId, offsetCommitRequest(c.key, offsets));
					const failed = answers.find((a) => a.errorCode !== 0);
					if (failed) throw new Error(`OffsetCommit of ${c.key} failed: ${failed.error}`);
				}
			}),
		);
	});
}

async function deleteGroups(): Promise<void> {
	const ids = Array.from({length: GROUPS}, (_, i) => groupName(i));
	await withActions(async (actions) => {
		const coordinators = await actions.any(findCoordinatorsRequest(ids));
		const byCoordinator = new Map<number, string[]>();
		for (const c of coordinators) if (c.errorCode === 0) byCoordinator.set(c.nodeId, [...(byCoordinator.get(c.nodeId) ?? []), c.key]);
		await Promise.all([...byCoordinator].map(([id, groups]) => actions.toBroker(id, deleteGroupsRequest(groups))));
	});
}

async function groupRequests(expected: number): Promise<number> {
	const gateway = new SnapshotGateway(settings, {});
	try {
		const snapshot = await gateway.snapshot({groups: true, offsets: false, configs: false, reassignments: false});
		const ours = snapshot.groups.filter((g) => g.groupId.startsWith(PREFIX));
		if (ours.length !== expected) throw new Error(`expected ${expected} bench groups, kcon saw ${ours.length}`);
		const rows = ours.reduce((n, g) => n + g.offsets.length, 0);
		if (rows !== expected * PARTITIONS) throw new Error(`expected ${expected * PARTITIONS} offset rows, kcon saw ${rows}`);
		return gateway.requestCount();
	} finally {
		await gateway.close();
	}
}

const rows: BenchRow[] = [];
try {
	log(`creating ${TOPIC} (${PARTITIONS} partitions) and ${GROUPS} groups`);
	await ensureTopic();
	await deleteGroups(); // a kept run's groups (BENCH_KEEP): the count at a tenth needs them gone
	const tenth = Math.max(1, Math.floor(GROUPS / 10));
	let t0 = performance.now();
	await commitGroups(0, tenth);
	const fewRequests = await groupRequests(tenth);
	await commitGroups(tenth, GROUPS);
	log(`committed offsets of ${GROUPS} groups in ${Math.round(performance.now() - t0)} ms`);
	const manyRequests = await groupRequests(GROUPS);
	const load0 = os.loadavg()[0]!;
	const beforeCli = process.env['KCON_BENCH_BEFORE'];
	if (beforeCli) {
		const [a, b] = await Promise.all([cli, beforeCli].map((c) => execFileAsync(process.execPath, [c, 'describe', 'groups', '-b', bootstrap], {maxBuffer: 1 << 28})));
		// the bench groups' rows only: the lab's own groups consume and commit while this runs
		const ours = (text: string) => text.split('\n').filter((line) => line.startsWith(PREFIX)).join('\n');
		if (ours(a!.stdout) !== ours(b!.stdout) || ours(a!.stdout).split('\n').length !== GROUPS * PARTITIONS) {
			throw new Error('this build and the one before print different describe groups rows');
		}
	}
	// round by round (kcon text, kcon -o json, the build before, then ConsumerGroupCommand in the
	// first rounds), so that a load that changes during the run meets every tool alike
	const commands: Record<string, string[]> = {
		kcon: [process.execPath, cli, 'describe', 'groups', '-b', bootstrap],
		'kcon -o json': [process.execPath, cli, 'describe', 'groups', '-o', 'json', '-b', bootstrap],
		...(beforeCli ? {'kcon before this change': [process.execPath, beforeCli, 'describe', 'groups', '-b', bootstrap]} : {}),
		ConsumerGroupCommand: ['java', ...java, 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand', '--bootstrap-server', bootstrap, '--describe', '--all-groups'],
	};
	const wall: Record<string, number[]> = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
	for (const k of Object.keys(commands)) cpu[k] = [];
	log(`timing ${Object.keys(commands).join(', ')}: ${runs} rounds (ConsumerGroupCommand in the first ${javaRuns}) after one warm-up run of kcon`);
	await measure(process.execPath, commands['kcon']!.slice(1), {runs: 1, warmup: 0});
	t0 = performance.now();
	for (let round = 0; round < Math.max(runs, javaRuns); round++) {
		for (const [tool, [command, ...args]] of Object.entries(commands)) {
			if (round >= (tool === 'ConsumerGroupCommand' ? javaRuns : runs)) continue;
			const [sample] = await measure(command!, args, {runs: 1, warmup: 0});
			wall[tool]!.push(sample!.wallMs);
			cpu[tool]!.push(sample!.cpuMs ?? Number.NaN);
		}
	}
	const timed = (tool: string): Measurement => ({...stats(wall[tool]!), unit: 'ms'});
	const kconText = timed('kcon');
	const kconJson = timed('kcon -o json');
	const before = beforeCli ? timed('kcon before this change') : undefined;
	const groupCommand = timed('ConsumerGroupCommand');
	log(`the rounds took ${Math.round(performance.now() - t0)} ms in all`);
	const load1 = os.loadavg()[0]!;
	// one more kcon run under the V8 profiler, for bench/profile-top.js (not timed)
	const profileDir = process.env['BENCH_CPU_PROF_DIR'];
	if (profileDir) await measure(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, cli, 'describe', 'groups', '-b', bootstrap], {runs: 1, warmup: 0});
	rows.push({
		workload: `describe groups, ${GROUPS} groups × ${PARTITIONS} committed partitions (one topic; text, like kafka-consumer-groups.sh --describe --all-groups)`,
		tools: {kcon: kconText, 'kcon -o json': kconJson, ...(before ? {'kcon before this change': before} : {}), ConsumerGroupCommand: groupCommand},
		ratios: {
			'ConsumerGroupCommand ÷ kcon': speedup(kconText, groupCommand),
			'ConsumerGroupCommand ÷ kcon -o json': speedup(kconJson, groupCommand),
			'CPU ms, kcon (median)': cpuMedian('kcon'),
			...(before ? {'CPU ms, kcon before this change (median)': cpuMedian('kcon before this change')} : {}),
			'CPU ms, ConsumerGroupCommand (median)': cpuMedian('ConsumerGroupCommand'),
			'kcon requests': manyRequests,
		},
		aim: '≥ 20× faster than the Java tool; requests independent of the number of groups',
		met: groupCommand.median >= 20 * kconText.median && manyRequests === fewRequests,
		note: `kcon requests: ${fewRequests} at ${tenth} groups, ${manyRequests} at ${GROUPS}; rounds interleaved, ConsumerGroupCommand without a warm-up run; 1-minute load average ${load0.toFixed(1)} before, ${load1.toFixed(1)} after, on 2 cores`,
	});
	emit({bench: process.env['BENCH_STEP'] ?? 'groups', rows});
} finally {
	if (process.env['BENCH_KEEP'] === '1') {
		log(`kept ${TOPIC} and its groups (BENCH_KEEP=1); a later run without it deletes them`);
		process.exit(0);
	}
	log('deleting the bench groups and topic');
	await deleteGroups().catch((error) => log(`deleting groups: ${String(error)}`));
	const kafka = await createKafka(settings, {requestTimeout: 60_000});
	const admin = kafka.admin();
	await admin.connect();
	await admin.deleteTopics({topics: [TOPIC], timeout: 60_000}).catch(() => {});
	await admin.disconnect();
	await waitForTopicsGoneFromEveryBroker(bootstrap, (t) => t === TOPIC, 120_000);
}
