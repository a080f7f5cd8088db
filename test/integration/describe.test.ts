// kcon describe on the shared lab (Kafka 4.x) against kcat and Kafka's own tools.
import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import {runKcon, sharedLab} from '../helpers/lab.js';
import {assertLiveGroupsAgree, assertQuietGroupAgrees, assertTopicsAgree, kconJson, topicCommand} from './describe-checks.js';

after(async () => {
	const lab = await sharedLab();
	await topicCommand(lab, ['--delete', '--topic', 'describe-quiet', '--if-exists']).catch(() => {});
});

test('describe topics agrees with kcat -L -J and TopicCommand (leaders, replicas, ISR, text)', async () => {
	await assertTopicsAgree(await sharedLab());
});

test('a lagging group of our own: rows and text identical to ConsumerGroupCommand', async () => {
	await assertQuietGroupAgrees(await sharedLab(), 'describe-quiet', 'describe-quiet-group');
});

test("the lab's groups tower and tower-backup agree with ConsumerGroupCommand", async () => {
	await assertLiveGroupsAgree(await sharedLab(), ['tower', 'tower-backup']);
});

test('describe (everything) and describe brokers: exit 0, every broker reachable, --lab works', async () => {
	const lab = await sharedLab();
	const r = await runKcon(['describe', '--lab'], {env: lab.env});
	assert.equal(r.code, 0, r.stderr);
	assert.match(r.stdout, /^ID +HOST:PORT +RACK +REACHABLE +LEADERS +REPLICAS +UNDER-REPLICATED\n/);
	assert.match(r.stdout, /\nTopic: resource\tTopicId: \S+\tPartitionCount: 3\tReplicationFactor: 3\t/);
	assert.match(r.stdout, /\nGROUP +TOPIC +PARTITION +CURRENT-OFFSET/);
	const doc = await kconJson(['describe', 'brokers'], lab);
	assert.deepEqual(doc.brokers.map((b: any) => [b.id, b.reachable]), [[3, true], [4, true], [5, true]]);
	assert.deepEqual(doc.topics, []);
	const missing = await runKcon(['describe', 'topic', 'no-such-topic', '-b', lab.bootstrap]);
	assert.equal(missing.code, 2);
	assert.equal(missing.stderr, "kcon: topic 'no-such-topic' does not exist\n");
});

test('offsets in JSON: earliest ≤ latest, the high watermark as kcat reports it', async () => {
	const lab = await sharedLab();
	const doc = await kconJson(['describe', 'topic', 'describe-quiet'], lab);
	const parts = doc.topics[0].partitions;
	assert.equal(parts.reduce((n: number, p: any) => n + p.latestOffset, 0), 85);
	for (const p of parts) assert.ok(p.earliestOffset <= p.latestOffset);
});
