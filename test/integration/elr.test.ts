// Eligible leader replicas (KIP-966, on by default in Kafka 4.x: eligible.leader.replicas.version=1)
// on a lab of its own (base 22090): a replica the ISR loses below min.insync.replicas is eligible;
// `kcon describe topic` prints Elr/LastKnownElr exactly as TopicCommand does, the JSON carries the
// same sets, and the partitions view tells a leaderless partition with an eligible replica from one
// without. One broker is killed (SIGKILL by PID): the combined quorum keeps 2 of 3 voters.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {createGateway} from '../../source/kafka/gateway/gateway.js';
import {cellText} from '../../source/present/cells.js';
import {partitionsTable} from '../../source/present/partitions-rows.js';
import {eventually, runKcon, startLab, type TestLab} from '../helpers/lab.js';
import {PORTS} from '../helpers/ports.js';
import {createTopic, kconJson, produce, topicCommand} from './describe-checks.js';

let lab: TestLab;
before(async () => {
	lab = await startLab({basePort: PORTS.elr, topology: 'combined', pis: 0});
});
after(async () => {
	await lab?.stop();
});

const KILLED = 5;

test('SIGKILL of broker 5: its replicas become eligible; describe topic text equals TopicCommand; JSON and the partitions view agree', async () => {
	// every replica must be in sync to accept a write: losing broker 5 drops the ISR below it
	await createTopic(lab, 'elr', ['--replica-assignment', '3:4:5', '--config', 'min.insync.replicas=3']);
	// its only replica on broker 5: leaderless after the kill
	await createTopic(lab, 'elr-solo', ['--replica-assignment', String(KILLED)]);
	await produce(lab, 'elr', 10);
	await produce(lab, 'elr-solo', 10);
	const node = lab.state().nodes.find((n) => n.id === KILLED)!;
	assert.ok(node.pid);
	process.kill(node.pid, 'SIGKILL');

	let seen = '';
	const doc = await eventually(
		async () => {
			const d = await kconJson(['describe', 'topics'], lab);
			const p = (name: string) => d.topics.find((t: any) => t.name === name).partitions[0];
			seen = JSON.stringify([p('elr'), p('elr-solo')]);
			return p('elr').elr?.includes(KILLED) && !p('elr').isr.includes(KILLED) && p('elr-solo').leader === null ? d : null;
		},
		{timeoutMs: 120_000, intervalMs: 2000},
	).catch(() => assert.fail(`broker ${KILLED} never left the ISR into the ELR: ${seen}`));

	for (const topic of ['elr', 'elr-solo']) {
		let last = {kcon: '', java: ''};
		await eventually(
			async () => {
				const k = await runKcon(['describe', 'topic', topic, '-b', lab.bootstrap]);
				last = {kcon: k.stdout, java: await topicCommand(lab, ['--describe', '--topic', topic])};
				return k.code === 0 && last.kcon === last.java;
			},
			{timeoutMs: 60_000, intervalMs: 3000},
		).catch(() => false);
		assert.equal(last.kcon, last.java, `describe topic ${topic}: byte for byte like TopicCommand`);
		assert.match(last.java, /\tElr: [^\t]*\tLastKnownElr: [^\t]*\n/);
	}
	const elr = doc.topics.find((t: any) => t.name === 'elr').partitions[0];
	assert.match((await topicCommand(lab, ['--describe', '--topic', 'elr'])), new RegExp(`\\tElr: ${elr.elr.join(',')}\\t`));

	const gateway = createGateway({brokers: lab.bootstrap.split(','), readOnly: true, source: 'flag'});
	// as the console asks while its partitions view is shown
	const snapshot = await gateway.snapshot({elr: true}).finally(() => gateway.close());
	const solo = snapshot.topics.find((t) => t.name === 'elr-solo')!.partitions[0]!;
	const table = partitionsTable(snapshot, 'elr-solo')!;
	const elrColumn = table.columns.findIndex((c) => c.title === 'ELR');
	assert.equal(cellText(table.rows[0]!.cells[1]!), 'none');
	// the view's verdict follows what the broker says of the leaderless partition
	if (solo.elr?.length) {
		assert.equal(table.rows[0]!.tone, 'warn');
		assert.equal(cellText(table.rows[0]!.cells[elrColumn]!), solo.elr.join(','));
	} else {
		assert.equal(table.rows[0]!.tone, 'bad');
		assert.match(cellText(table.rows[0]!.cells[elrColumn]!), /^-( \(last [\d,]+\))?$/);
	}
	const shared = partitionsTable(snapshot, 'elr')!;
	assert.equal(cellText(shared.rows[0]!.cells[elrColumn]!), elr.elr.join(','));
});
