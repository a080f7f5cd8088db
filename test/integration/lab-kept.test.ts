// A lab kept by `kcon lab down --keep` and started again: as it was, on a newer Kafka (an upgrade of
// the same data: the records and the cluster id survive, the finalized metadata.version stays at the
// level of the Kafka that formatted it, as FeatureCommand shows), back on the version that formatted
// it, and never on an older one or with other ports — refused in one line, the kept data untouched.
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {javaTool, runKcon, startLab, type TestLab} from '../helpers/lab.js';
import {PORTS} from '../helpers/ports.js';

let lab: TestLab;
before(async () => {
	lab = await startLab({basePort: PORTS.keptLab, topology: 'combined', kafka: '4.2.1', pis: 0});
});
after(async () => {
	await lab?.stop();
});

async function finalizedMetadataVersion(): Promise<string> {
	const r = await javaTool(lab, 'org.apache.kafka.tools.FeatureCommand', ['--bootstrap-server', lab.bootstrap, 'describe']);
	assert.equal(r.code, 0, r.stderr);
	const line = r.stdout.split('\n').find((l) => l.startsWith('Feature: metadata.version'));
	const level = /FinalizedVersionLevel: (\S+)/.exec(line ?? '')?.[1];
	assert.ok(level, r.stdout);
	return level;
}

async function readBack(offset: number): Promise<string> {
	const r = await runKcon(['tail', 'resource', '-b', lab.bootstrap, '--partition', '0', '--from', String(offset), '--until', 'end', '-o', 'json'], {env: lab.env});
	assert.equal(r.code, 0, r.stderr);
	const first = JSON.parse(r.stdout.split('\n')[0]!) as {offset: number; payload: string};
	assert.equal(first.offset, offset);
	return first.payload;
}

test('a kept lab: refused on an older Kafka or other ports, as it was without --kafka, upgraded in place to 4.4.0, and back on 4.2.1', async () => {
	const produced = await runKcon(['produce', 'resource', '-b', lab.bootstrap, '--partition', '0', '--value', 'kept-record', '-o', 'json'], {env: lab.env});
	assert.equal(produced.code, 0, produced.stderr);
	const {offset} = JSON.parse(produced.stdout) as {offset: number};
	const clusterId = lab.state().clusterId;
	assert.equal(await finalizedMetadataVersion(), '4.2-IV1');

	const down = await runKcon(['lab', 'down', '--keep'], {env: lab.env, timeoutMs: 120_000});
	assert.equal(down.code, 0, down.stderr);

	for (const [flags, says] of [
		[['--kafka', '3.9.1'], /^kcon: the lab kept in .* was formatted by Kafka 4\.2\.1, whose metadata Kafka 3\.9\.1 cannot read/],
		[['--base-port', String(PORTS.keptLab + 100)], /^kcon: the lab kept in .* has base port \d+: `kcon lab up` without those flags starts it as it was/],
		[['--topology', 'lab'], /^kcon: the lab kept in .* has the combined topology/],
	] as const) {
		const refused = await runKcon(['lab', 'up', ...flags], {env: lab.env, timeoutMs: 120_000});
		assert.equal(refused.code, 1, `${flags.join(' ')}: ${refused.stderr}`);
		assert.match(refused.stderr, says);
		assert.equal(refused.stderr.trim().split('\n').length, 1, refused.stderr);
		assert.equal(lab.state().kafkaVersion, '4.2.1', 'the kept state is unchanged');
		assert.ok(lab.state().nodes.every((n) => n.pid === null), 'nothing was started');
	}

	// without --kafka it starts as it was, on the Kafka it last ran — not on kcon's (newer) default
	const asItWas = await runKcon(['lab', 'up'], {env: lab.env, timeoutMs: 600_000});
	assert.equal(asItWas.code, 0, asItWas.stderr);
	assert.doesNotMatch(asItWas.stderr, /starting the kept lab on Kafka/);
	assert.equal(lab.state().kafkaVersion, '4.2.1');
	assert.match(lab.state().classpath, /kafka\/4\.2\.1\/libs/);
	assert.equal(await readBack(offset), 'kept-record');
	assert.equal((await runKcon(['lab', 'down', '--keep'], {env: lab.env, timeoutMs: 120_000})).code, 0);

	const upgraded = await runKcon(['lab', 'up', '--kafka', '4.4.0'], {env: lab.env, timeoutMs: 600_000});
	assert.equal(upgraded.code, 0, upgraded.stderr);
	assert.match(upgraded.stderr, /starting the kept lab on Kafka 4\.4\.0 \(was 4\.2\.1\); its finalized metadata\.version stays at Kafka 4\.2\.1's/);
	assert.equal(lab.state().kafkaVersion, '4.4.0');
	assert.match(lab.state().classpath, /kafka\/4\.4\.0\/libs/);
	assert.equal(lab.state().clusterId, clusterId);
	assert.equal(await readBack(offset), 'kept-record');
	assert.equal(await finalizedMetadataVersion(), '4.2-IV1');

	assert.equal((await runKcon(['lab', 'down', '--keep'], {env: lab.env, timeoutMs: 120_000})).code, 0);
	const back = await runKcon(['lab', 'up', '--kafka', '4.2.1'], {env: lab.env, timeoutMs: 600_000});
	assert.equal(back.code, 0, back.stderr);
	assert.equal(lab.state().kafkaVersion, '4.2.1');
	assert.equal(await readBack(offset), 'kept-record');
});
