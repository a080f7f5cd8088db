// Kafka 3.9.x still works for the lab (combined topology, reload4j logging).
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {runProcess, startLab, type TestLab} from '../helpers/lab.js';
import {PORTS} from '../helpers/ports.js';

let lab: TestLab;
before(async () => {
	lab = await startLab({basePort: PORTS.kafka39, topology: 'combined', kafka: '3.9.1', pis: 0});
});
after(async () => {
	await lab?.stop();
});

test('lab up --kafka 3.9.1: kcat sees brokers 3,4,5 and resource with RF 3, and the brokers run 3.9.1', async () => {
	const r = await runProcess('kcat', ['-L', '-J', '-b', lab.bootstrap, '-t', 'resource']);
	assert.equal(r.code, 0, r.stderr);
	const meta = JSON.parse(r.stdout);
	assert.deepEqual(meta.brokers.map((b: {id: number}) => b.id).sort(), [3, 4, 5]);
	const topic = meta.topics.find((t: {topic: string}) => t.topic === 'resource');
	assert.equal(topic.partitions.length, 3);
	for (const p of topic.partitions) assert.equal(p.replicas.length, 3);
	assert.equal(lab.state().kafkaVersion, '3.9.1');
	assert.match(lab.state().classpath, /kafka\/3\.9\.1\/libs/);
});
