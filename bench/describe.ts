// describe at scale: topics at 1,000 and 10,000 partitions and 200 groups with committed offsets,
// side by side with `kcat -L` and Kafka's TopicCommand / ConsumerGroupCommand (JVM start-up
// included: that is what an operator waits for). Runs against the lab named by KCON_STATE_DIR
// (bench/run.ts brings it up); creates its topics (RF 1, 100 partitions each, prefix
// bench-describe-) and groups (bench-describe-group-NNN), and deletes the topics at the end.
// Also counts the requests kcon's gateway sends for `describe groups`: the same at 100 and at 500
// partitions per group (batched per broker/coordinator, never per partition or per group).
// BENCH_RUNS (default 5) runs for kcon and kcat, BENCH_JAVA_RUNS (default 3) for the Java tools.
import {bootstrapOf, readLabState} from '../source/lab/state.js';
import {createKafka} from '../source/kafka/connection/client-config.js';
import {SnapshotGateway} from '../source/kafka/gateway/snapshot-gateway.js';
import {waitForTopicsGoneFromEveryBroker, waitForTopicsOnEveryBroker} from '../source/kafka/lab-clients.js';
import type {Settings} from '../source/config/settings.js';
import {measure, stats} from './lib/measure.js';
import {emit, speedup, type BenchRow, type Measurement} from './lib/result.js';
import {kconBin} from './lib/kcon-bin.js';

const cli = kconBin;
const runs = Number(process.env['BENCH_RUNS'] ?? 5);
const javaRuns = Number(process.env['BENCH_JAVA_RUNS'] ?? 3);
const GROUPS = 200;
const PER_TOPIC = 100;

const lab = readLabState();
if (!lab) throw new Error('no lab is running (bench/run.ts brings one up)');
const bootstrap = bootstrapOf(lab);
const settings: Settings = {brokers: bootstrap.split(','), readOnly: false, source: 'flag'};
const java = ['-Xmx512m', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', lab.toolLoggingFlag, '-cp', lab.classpath];
const log = (line: string) => process.stderr.write(`describe bench: ${line}\n`);

const ms = async (command: string, args: string[], n = runs): Promise<Measurement> => {
	const samples = await measure(command, args, {runs: n});
	return {...stats(samples.map((s) => s.wallMs)), unit: 'ms'};
};

const topicName = (i: number) => `bench-describe-${String(i).padStart(3, '0')}`;
const groupName = (i: number) => `bench-describe-group-${String(i).padStart(3, '0')}`;

const kafka = await createKafka(settings, {requestTimeout: 120_000});
const admin = kafka.admin();
await admin.connect();

async function ensureTopics(count: number): Promise<void> {
	const existing = new Set(await admin.listTopics());
	const missing = Array.from({length: count}, (_, i) => topicName(i)).filter((t) => !existing.has(t));
	for (let i = 0; i < missing.length; i += 10) {
		await admin.createTopics({
			topics: missing.slice(i, i + 10).map((topic) => ({topic, numPartitions: PER_TOPIC, replicationFactor: 1})),
			waitForLeaders: false,
			timeout: 120_000,
		});
	}
}

/**
 * Until every broker's own metadata has every partition of the first `count` bench topics with a
 * leader: the timed tools may ask any broker, and one the creation has not reached yet answers
 * UNKNOWN_TOPIC_OR_PARTITION.
 */
async function waitForTopics(count: number): Promise<void> {
	const wanted = Array.from({length: count}, (_, i) => topicName(i));
	await waitForTopicsOnEveryBroker(bootstrap, wanted, PER_TOPIC, 120_000);
}

async function retry<T>(what: () => Promise<T>): Promise<T> {
	for (let attempt = 0; ; attempt++) {
		try {
			return await what();
		} catch (error) {
			if (attempt >= 10) throw error;
			await new Promise((r) => setTimeout(r, 1000));
		}
	}
}

/** Every group commits offset 0 on every partition of the first `topics` topics (idempotent). */
async function commitGroups(topics: number, from = 0): Promise<void> {
	const partitions = Array.from({length: PER_TOPIC}, (_, partition) => ({partition, offset: '0'}));
	for (let g = 0; g < GROUPS; g += 100) {
		await Promise.all(
			Array.from({length: Math.min(100, GROUPS - g)}, async (_, k) => {
				for (let t = from; t < topics; t++) {
					await retry(() => admin.setOffsets({groupId: groupName(g + k), topic: topicName(t), partitions}));
				}
			}),
		);
	}
}

async function groupRequests(): Promise<number> {
	const gateway = new SnapshotGateway(settings, {});
	try {
		const snapshot = await gateway.snapshot({groups: true, offsets: false, configs: false, reassignments: false});
		const ours = snapshot.groups.filter((g) => g.groupId.startsWith('bench-describe-group-'));
		if (ours.length !== GROUPS) throw new Error(`expected ${GROUPS} bench groups, kcon saw ${ours.length}`);
		return gateway.requestCount();
	} finally {
		await gateway.close();
	}
}

const rows: BenchRow[] = [];
let committedTopics = 0;
const requests: Record<string, number> = {};
try {
	for (const [topics, groupTopics] of [
		[10, 1],
		[100, 2],
	] as const) {
		const partitions = topics * PER_TOPIC;
		log(`creating ${topics} topics × ${PER_TOPIC} partitions and ${GROUPS} groups over ${groupTopics * PER_TOPIC} partitions each`);
		await ensureTopics(topics);
		await waitForTopics(topics);
		await commitGroups(groupTopics, committedTopics);
		committedTopics = groupTopics;
		log(`timing topics at ${partitions} partitions`);
		const kconJson = await ms(process.execPath, [cli, 'describe', 'topics', '-o', 'json', '-b', bootstrap]);
		const kconText = await ms(process.execPath, [cli, 'describe', 'topics', '-b', bootstrap]);
		const kcat = await ms('kcat', ['-L', '-b', bootstrap]);
		const topicCommand = await ms('java', [...java, 'org.apache.kafka.tools.TopicCommand', '--bootstrap-server', bootstrap, '--describe'], javaRuns);
		rows.push({
			workload: `describe topics, ${partitions} partitions (text, like kafka-topics.sh --describe)`,
			tools: {kcon: kconText, 'kcon -o json (with offsets)': kconJson, 'kcat -L': kcat, TopicCommand: topicCommand},
			ratios: {'TopicCommand ÷ kcon': speedup(kconText, topicCommand), 'kcon ÷ kcat': Math.round((kconText.median / kcat.median) * 100) / 100},
			aim: '≥ 10× faster than the Java tool, within 3× of kcat',
			met: topicCommand.median >= 10 * kconText.median && kconText.median <= 3 * kcat.median,
		});
		log(`timing ${GROUPS} groups × ${groupTopics * PER_TOPIC} partitions`);
		const kconGroups = await ms(process.execPath, [cli, 'describe', 'groups', '-o', 'json', '-b', bootstrap]);
		const groupCommand = await ms(
			'java',
			[...java, 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand', '--bootstrap-server', bootstrap, '--describe', '--all-groups'],
			javaRuns,
		);
		const key = `${groupTopics * PER_TOPIC} partitions per group`;
		requests[key] = await groupRequests();
		rows.push({
			workload: `describe groups, ${GROUPS} groups × ${groupTopics * PER_TOPIC} committed partitions (cluster of ${partitions})`,
			tools: {kcon: kconGroups, ConsumerGroupCommand: groupCommand},
			ratios: {'ConsumerGroupCommand ÷ kcon': speedup(kconGroups, groupCommand), 'kcon requests': requests[key]!},
			aim: '≥ 10× faster than the Java tool; requests independent of partitions per group',
			met: groupCommand.median >= 10 * kconGroups.median,
		});
	}
	const counts = Object.values(requests);
	rows.push({
		workload: 'kcon requests for describe groups (Metadata, ListGroups, FindCoordinator, DescribeGroups, OffsetFetch, ListOffsets)',
		tools: Object.fromEntries(Object.entries(requests).map(([k, v]) => [k === Object.keys(requests)[0] ? 'kcon' : `kcon, ${k}`, {median: v, min: v, max: v, runs: 1, unit: 'requests'}])),
		ratios: {'growth factor': counts.length > 1 ? counts[1]! / counts[0]! : 1},
		aim: 'the same count at 100 and 200 partitions per group',
		met: counts.every((c) => c === counts[0]),
		note: Object.entries(requests).map(([k, v]) => `${k}: ${v}`).join(', '),
	});
	emit({bench: 'describe', rows});
} finally {
	log('deleting the bench topics');
	const topics = (await admin.listTopics()).filter((t) => t.startsWith('bench-describe-'));
	for (let i = 0; i < topics.length; i += 20) await admin.deleteTopics({topics: topics.slice(i, i + 20), timeout: 60_000}).catch(() => {});
	await admin.deleteGroups(Array.from({length: GROUPS}, (_, i) => groupName(i))).catch(() => {});
	await admin.disconnect();
	// the next step (tail) must not meet a broker that still lists these topics: wait until the
	// deletion has reached every broker, and fail this step (not the next) when it does not
	log('waiting until every broker has dropped the bench topics');
	await waitForTopicsGoneFromEveryBroker(bootstrap, (t) => t.startsWith('bench-describe-'), 120_000);
}
