// Agreement checks between `kcon describe` and real peers (kcat, Kafka's TopicCommand and
// ConsumerGroupCommand), shared by the Kafka 4.x and 3.9.x integration tests.
import assert from 'node:assert/strict';
import {eventually, javaTool, runKcon, runProcess, type RunResult, type TestLab} from '../helpers/lab.js';

const TOPIC_COMMAND = 'org.apache.kafka.tools.TopicCommand';
const GROUP_COMMAND = 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand';

export interface PartitionView {
	leader: number | null;
	replicas: number[];
	isr: number[];
}

async function kcon(args: string[], lab: TestLab): Promise<RunResult> {
	return runKcon([...args, '-b', lab.bootstrap], {timeoutMs: 60_000});
}

export async function kconJson(args: string[], lab: TestLab): Promise<any> {
	const r = await kcon([...args, '-o', 'json'], lab);
	assert.equal(r.code, 0, `kcon ${args.join(' ')}: ${r.stderr}${r.stdout}`);
	return JSON.parse(r.stdout);
}

export async function topicCommand(lab: TestLab, args: string[]): Promise<string> {
	const r = await javaTool(lab, TOPIC_COMMAND, ['--bootstrap-server', lab.bootstrap, ...args]);
	assert.equal(r.code, 0, `TopicCommand ${args.join(' ')}: ${r.stderr}${r.stdout}`);
	return r.stdout;
}

/**
 * TopicCommand --create, then wait until every broker's metadata lists the topic with a leader for
 * each partition: a producer that asks a broker the new topic has not reached yet sees 0 partitions
 * and drops its records ("Local: Unknown partition", seen on a busy 3.9.1 lab).
 */
export async function createTopic(lab: TestLab, topic: string, args: string[]): Promise<void> {
	await topicCommand(lab, ['--create', '--topic', topic, ...args]);
	await eventually(
		async () => {
			for (const broker of lab.bootstrap.split(',')) {
				const r = await runProcess('kcat', ['-L', '-J', '-b', broker, '-t', topic]);
				if (r.code !== 0) return false;
				const t = (JSON.parse(r.stdout) as {topics: Array<{topic: string; partitions?: Array<{leader: number}>}>}).topics.find((x) => x.topic === topic);
				if (!t?.partitions?.length || t.partitions.some((x) => x.leader < 0)) return false;
			}
			return true;
		},
		{timeoutMs: 60_000, intervalMs: 500},
	);
}

export async function groupCommand(lab: TestLab, args: string[]): Promise<RunResult> {
	return javaTool(lab, GROUP_COMMAND, ['--bootstrap-server', lab.bootstrap, ...args]);
}

/** "topic/partition" -> leader/replicas/isr, from `kcon describe topics -o json`. */
export function kconPartitions(doc: any): Map<string, PartitionView> {
	const map = new Map<string, PartitionView>();
	for (const t of doc.topics) {
		for (const p of t.partitions) map.set(`${t.name}/${p.partition}`, {leader: p.leader, replicas: p.replicas, isr: p.isr});
	}
	return map;
}

/** The same from TopicCommand's partition lines. */
export function javaPartitions(text: string): Map<string, PartitionView> {
	const map = new Map<string, PartitionView>();
	for (const line of text.split('\n')) {
		const m = /^\tTopic: (\S+)\tPartition: (\d+)\tLeader: (\S+)\tReplicas: ([\d,]*)\tIsr: ([\d,]*)/.exec(line);
		if (!m) continue;
		const ids = (s: string) => (s ? s.split(',').map(Number) : []);
		map.set(`${m[1]}/${m[2]}`, {leader: m[3] === 'none' ? null : Number(m[3]), replicas: ids(m[4]!), isr: ids(m[5]!)});
	}
	return map;
}

/** The same from kcat -L -J. */
export function kcatPartitions(json: string): Map<string, PartitionView> {
	const meta = JSON.parse(json) as {topics: {topic: string; partitions: {partition: number; leader: number; replicas: {id: number}[]; isrs: {id: number}[]}[]}[]};
	const map = new Map<string, PartitionView>();
	for (const t of meta.topics) {
		for (const p of t.partitions) {
			map.set(`${t.topic}/${p.partition}`, {
				leader: p.leader >= 0 ? p.leader : null,
				replicas: p.replicas.map((r) => r.id),
				isr: p.isrs.map((r) => r.id),
			});
		}
	}
	return map;
}

function sortedEntries(map: Map<string, PartitionView>) {
	return [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, {...v, isr: [...v.isr].sort()}]);
}

/**
 * TopicCommand prints topics in Java HashMap order; kcon sorts them by name. Compare the blocks
 * (header + its partition lines) as sets, the lines inside each block in order.
 */
export function topicBlocks(text: string): string[] {
	const blocks: string[] = [];
	for (const line of text.split('\n').filter(Boolean)) {
		if (!line.startsWith('\t') || blocks.length === 0) blocks.push(line);
		else blocks[blocks.length - 1] += '\n' + line;
	}
	return blocks.sort();
}

/** Partition lines of a filtered describe (no headers), sorted. */
export function sortedLines(text: string): string[] {
	return text.split('\n').filter(Boolean).sort();
}

/** kcon's topics agree with kcat -L -J and TopicCommand on leaders, replicas and ISR, and the text is TopicCommand's. */
export async function assertTopicsAgree(lab: TestLab): Promise<void> {
	// the cluster can move between the three reads (ISR changes); a few tries until all agree
	await eventually(
		async () => {
			const doc = await kconJson(['describe', 'topics', '--include-internal'], lab);
			const kcat = await runProcess('kcat', ['-L', '-J', '-b', lab.bootstrap]);
			assert.equal(kcat.code, 0, kcat.stderr);
			const javaText = await topicCommand(lab, ['--describe']);
			const ours = kconPartitions(doc);
			assert.ok(ours.size > 0);
			assert.deepEqual(sortedEntries(ours), sortedEntries(kcatPartitions(kcat.stdout)), 'kcon vs kcat -L -J');
			assert.deepEqual(sortedEntries(ours), sortedEntries(javaPartitions(javaText)), 'kcon vs TopicCommand');
			// replicas in the same order as both peers, not only the same set
			for (const [key, p] of javaPartitions(javaText)) assert.deepEqual(ours.get(key)!.replicas, p.replicas, key);
			const text = await kcon(['describe', 'topics', '--include-internal'], lab);
			assert.equal(text.code, 0, text.stderr);
			assert.deepEqual(topicBlocks(text.stdout), topicBlocks(javaText), 'text like kafka-topics.sh --describe');
			return true;
		},
		{timeoutMs: 90_000, intervalMs: 2000},
	);
}

/** Produce `count` keyed records to `topic` with kcat (keys k0…, spread over partitions). */
export async function produce(lab: TestLab, topic: string, count: number, from = 0): Promise<void> {
	const input = Array.from({length: count}, (_, i) => `k${from + i}:v${from + i}`).join('\n') + '\n';
	const r = await runProcess('kcat', ['-P', '-b', lab.bootstrap, '-t', topic, '-K:'], {input});
	assert.equal(r.code, 0, r.stderr);
}

/** Consume everything in `topic` as group `group` with kcat (balanced consumer), committing on close. */
export async function consumeAll(lab: TestLab, topic: string, group: string): Promise<void> {
	const r = await runProcess(
		'kcat',
		['-b', lab.bootstrap, '-G', group, '-X', 'auto.offset.reset=earliest', '-X', 'client.id=describe-test', '-e', '-q', topic],
		{timeoutMs: 60_000},
	);
	assert.equal(r.code, 0, r.stderr);
}

/** Rows of ConsumerGroupCommand --describe: "group topic partition" -> [current, logEnd, lag, consumer, host, client]. */
export function javaGroupRows(text: string): Map<string, string[]> {
	const rows = new Map<string, string[]>();
	for (const line of text.split('\n')) {
		const cells = line.trim().split(/\s+/);
		if (cells.length < 9 || cells[0] === 'GROUP') continue;
		rows.set(`${cells[0]} ${cells[1]} ${cells[2]}`, cells.slice(3, 9));
	}
	return rows;
}

export function kconGroupRows(doc: any): Map<string, string[]> {
	const rows = new Map<string, string[]>();
	const s = (v: unknown) => (v === null || v === undefined ? '-' : String(v));
	for (const g of doc.groups) {
		for (const o of g.offsets) {
			rows.set(`${g.groupId} ${o.topic} ${o.partition}`, [s(o.committed), s(o.logEnd), s(o.lag), s(o.consumerId), s(o.host), s(o.clientId)]);
		}
	}
	return rows;
}

/**
 * A group of our own on a quiet topic (nothing else produces to it), consumed then left lagging:
 * kcon and ConsumerGroupCommand must give identical rows, and kcon's text must be the Java tool's.
 */
export async function assertQuietGroupAgrees(lab: TestLab, topic: string, group: string): Promise<void> {
	await createTopic(lab, topic, ['--partitions', '3', '--replication-factor', '2']);
	await produce(lab, topic, 60);
	await consumeAll(lab, topic, group);
	await produce(lab, topic, 25, 60); // lag 25 in total
	const doc = await kconJson(['describe', 'group', group], lab);
	assert.equal(doc.groups.length, 1);
	const g = doc.groups[0];
	assert.equal(g.groupId, group);
	assert.equal(g.state, 'Empty');
	assert.equal(g.totalLag, 25);
	assert.equal(g.offsets.length, 3);
	for (const o of g.offsets) {
		assert.equal(typeof o.committed, 'number');
		assert.equal(o.lag, o.logEnd - o.committed);
	}
	const java = await groupCommand(lab, ['--describe', '--group', group]);
	assert.equal(java.code, 0, java.stderr);
	assert.deepEqual([...kconGroupRows(doc)].sort(), [...javaGroupRows(java.stdout)].sort());
	const text = await kcon(['describe', 'group', group], lab);
	assert.equal(text.code, 0, text.stderr);
	// kcon prints Kafka 4.x's layout; 3.9's tool leaves committed-only rows in HashMap order and
	// omits the last newline, so there the lines are compared as a set
	const exact = lab.state().kafkaVersion.startsWith('4.');
	if (exact) assert.equal(text.stdout, java.stdout, 'stdout byte for byte like kafka-consumer-groups.sh');
	else assert.deepEqual(sortedLines(text.stdout), sortedLines(java.stdout), 'the same lines as kafka-consumer-groups.sh');
	assert.match(text.stderr, new RegExp(`Consumer group '${group}' has no active members\\.`));
	// --only-with-lag keeps it; --state names its coordinator like the Java tool
	const lagging = await kconJson(['describe', 'groups', '--only-with-lag'], lab);
	assert.ok(
		lagging.groups.some((x: any) => x.groupId === group),
		`--only-with-lag lists ${group}; saw ${JSON.stringify(lagging.groups.map((x: any) => [x.groupId, x.totalLag, x.error]))}, warnings ${JSON.stringify(lagging.warnings)}`,
	);
	assert.ok(lagging.groups.every((x: any) => x.totalLag > 0));
	const state = await kcon(['describe', 'group', group, '--state'], lab);
	const javaState = await groupCommand(lab, ['--describe', '--group', group, '--state']);
	if (exact) assert.equal(state.stdout, javaState.stdout, '--state like the Java tool');
	else {
		// 3.9 pads other widths and leaves an empty strategy blank: compare the words
		const words = (t: string) => sortedLines(t).map((l) => l.split(/\s+/).filter((w) => w !== '-'));
		assert.deepEqual(words(state.stdout), words(javaState.stdout), '--state like the Java tool');
	}
}

/** kcon's group rows for live groups agree with the Java tool's where nothing moves between the two reads. */
export async function assertLiveGroupsAgree(lab: TestLab, groups: string[]): Promise<void> {
	// A coordinator can move while the three reads run (the controller's automatic preferred-leader
	// rebalance, every 300 s, also moves __consumer_offsets leaders); kcon then reports the group's
	// error for that read. Retry the whole comparison a few times before failing on the last error.
	let last: unknown;
	for (let attempt = 0; attempt < 4; attempt++) {
		try {
			return await compareLiveGroups(lab, groups);
		} catch (error) {
			last = error;
			await new Promise((r) => setTimeout(r, 3000));
		}
	}
	throw last;
}

async function compareLiveGroups(lab: TestLab, groups: string[]): Promise<void> {
	const before = kconGroupRows(await kconJson(['describe', 'groups'], lab));
	const java = await groupCommand(lab, ['--describe', '--all-groups']);
	assert.equal(java.code, 0, java.stderr);
	const after = kconGroupRows(await kconJson(['describe', 'groups'], lab));
	const javaRows = javaGroupRows(java.stdout);
	for (const group of groups) {
		const keys = [...javaRows.keys()].filter((k) => k.startsWith(group + ' '));
		assert.ok(keys.length > 0, `the Java tool shows group ${group}`);
		assert.deepEqual(
			[...before.keys()].filter((k) => k.startsWith(group + ' ')).sort(),
			keys.sort(),
			`${group}: the same topic-partitions`,
		);
		for (const key of keys) {
			const j = javaRows.get(key)!;
			const b = before.get(key)!;
			const a = after.get(key);
			assert.ok(a, `${key}: kcon's second read has the row`);
			// consumer id, host and client id are the same
			assert.deepEqual(b.slice(3), j.slice(3), key);
			// committed and log-end offsets only grow: before ≤ java ≤ after
			for (const i of [0, 1]) {
				if (j[i] === '-') continue;
				assert.ok(BigInt(b[i]!) <= BigInt(j[i]!) && BigInt(j[i]!) <= BigInt(a[i]!), `${key} col ${i}: ${b[i]} ≤ ${j[i]} ≤ ${a[i]}`);
			}
		}
	}
}

/**
 * SIGKILL the JVM of broker `id` (the first bootstrap address, so kcon must fall back), with an
 * RF-1 topic having a partition on it. kcon exits 0 throughout, and once the cluster has fenced the
 * broker, kcon's unavailable / under-replicated / min-ISR sets equal TopicCommand's.
 */
export async function assertBrokerKillAgrees(lab: TestLab, id: number): Promise<void> {
	const brokers = lab.state().nodes.filter((n) => n.roles.includes('broker')).map((n) => n.id);
	await createTopic(lab, 'solo', ['--replica-assignment', brokers.join(',')]);
	await produce(lab, 'solo', 30);
	const node = lab.state().nodes.find((n) => n.id === id)!;
	assert.ok(node.pid);
	process.kill(node.pid, 'SIGKILL');

	// right after the kill: still exit 0, the broker unreachable with the connection error
	const early = await kconJson(['describe'], lab);
	const dead = early.brokers.find((b: any) => b.id === id);
	assert.equal(dead.reachable, false);
	assert.match(dead.error, /ECONNREFUSED|not in the cluster metadata/);

	const filters: [string, string][] = [
		['--unavailable', '--unavailable-partitions'],
		['--under-replicated', '--under-replicated-partitions'],
		['--under-min-isr', '--under-min-isr-partitions'],
		['--at-min-isr', '--at-min-isr-partitions'],
	];
	// wait (cheaply, with kcon alone) until the controller has fenced the broker
	await eventually(
		async () => {
			const doc = await kconJson(['describe', 'topic', 'solo'], lab);
			const offline = doc.topics[0].partitions.find((p: any) => p.replicas[0] === id);
			return offline.leader === null && doc.brokers.find((b: any) => b.id === id)?.registered === false;
		},
		{timeoutMs: 60_000, intervalMs: 1000},
	);
	await eventually(
		async () => {
			for (const [ours, theirs] of filters) {
				const k = await kcon(['describe', 'topics', '--include-internal', ours], lab);
				assert.equal(k.code, 0, k.stderr);
				assert.doesNotMatch(k.stderr, /\n\s+at /);
				const j = await topicCommand(lab, ['--describe', theirs]);
				assert.deepEqual(sortedLines(k.stdout), sortedLines(j), `${ours} vs TopicCommand ${theirs}`);
				if (ours === '--unavailable') assert.ok(sortedLines(j).some((l) => l.includes('Topic: solo') && l.includes('Leader: none')));
			}
			return true;
		},
		{timeoutMs: 120_000, intervalMs: 3000},
	);
	// the JSON sets agree with the text filters; the whole describe still exits 0 with Leader: none
	const unavailable = await kconJson(['describe', 'topics', '--include-internal', '--unavailable'], lab);
	assert.ok(unavailable.topics.some((t: any) => t.name === 'solo' && t.partitions.every((p: any) => p.leader === null)));
	const all = await kcon(['describe'], lab);
	assert.equal(all.code, 0, all.stderr);
	assert.match(all.stdout, /Topic: solo\tPartition: \d+\tLeader: none/);
	assert.match(all.stderr, /kcon: warning: broker \d/);
	assert.doesNotMatch(all.stderr, /\n\s+at /);
}
