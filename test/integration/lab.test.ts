// The shared lab against real peers: Debian snmpget, kcat, and Kafka's own ConsumerGroupCommand.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {before, describe, test} from 'node:test';
import {DEFAULT_KAFKA_VERSION} from '../../source/lab/fetch.js';
import {eventually, javaTool, runKcon, runProcess, sharedLab, type TestLab} from '../helpers/lab.js';

const NINE = [
	'1.3.6.1.2.1.2.2.1.16.2',
	'1.3.6.1.2.1.2.2.1.10.2',
	'1.3.6.1.2.1.2.2.1.19.2',
	'1.3.6.1.2.1.2.2.1.13.2',
	'1.3.6.1.2.1.2.2.1.20.2',
	'1.3.6.1.2.1.2.2.1.14.2',
	'1.3.6.1.4.1.2021.10.1.3.1',
	'1.3.6.1.4.1.2021.4.6.0',
	'1.3.6.1.4.1.2021.9.1.9.1',
];
const FLUENTD_KEYS = ['tx_bytes', 'rx_bytes', 'tx_drops', 'rx_drops', 'tx_errors', 'rx_errors', 'cpu_load', 'free_ram', 'disk_util', 'time'];

let lab: TestLab;
before(async () => {
	lab = await sharedLab();
});

describe('shared lab (combined topology)', () => {
	test('lab status -o json: every process up, exit 0, the documented shape', async () => {
		const result = await runKcon(['lab', 'status', '-o', 'json'], {env: lab.env});
		assert.equal(result.code, 0, result.stderr + result.stdout);
		const status = JSON.parse(result.stdout);
		assert.equal(status.bootstrap, lab.bootstrap);
		assert.equal(status.topology, 'combined');
		assert.deepEqual(status.brokers.map((b: {id: number}) => b.id), [3, 4, 5]);
		for (const b of status.brokers) {
			assert.equal(b.host, '127.0.0.1');
			assert.equal(typeof b.pid, 'number');
			assert.equal(b.alive, true);
		}
		assert.equal(status.controllers.length, 3);
		assert.equal(status.agents.length, 2);
		assert.deepEqual(status.agents.map((a: {host: string}) => a.host), ['127.0.1.1', '127.0.1.2']);
		assert.ok(fs.existsSync(status.classpath.replace(/\*$/, '')), 'classpath dir exists');
		// the shared lab is started without --kafka
		assert.equal(status.kafkaVersion, DEFAULT_KAFKA_VERSION);
	});

	test('lab status exits 1 when no lab runs in the state dir', async () => {
		const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'kcon-empty-'));
		try {
			const text = await runKcon(['lab', 'status'], {env: {KCON_STATE_DIR: empty}});
			assert.equal(text.code, 1);
			assert.match(text.stdout, /no lab/);
			const json = await runKcon(['lab', 'status', '-o', 'json'], {env: {KCON_STATE_DIR: empty}});
			assert.equal(json.code, 1);
			assert.equal(JSON.parse(json.stdout).up, false);
		} finally {
			fs.rmSync(empty, {recursive: true, force: true});
		}
	});

	test('Debian snmpget reads the nine lab OIDs from every agent', async () => {
		const agents = lab.state().agents;
		assert.equal(agents.length, 2);
		for (const agent of agents) {
			const result = await runProcess('snmpget', ['-v2c', '-c', 'public', '-Oqv', '-t', '2', '-r', '2', `${agent.host}:${agent.port}`, ...NINE]);
			assert.equal(result.code, 0, result.stderr);
			const lines = result.stdout.trim().split('\n');
			assert.equal(lines.length, 9, result.stdout);
			for (const [i, line] of lines.entries()) {
				assert.doesNotMatch(line, /No Such/, `${agent.name} ${NINE[i]}`);
				if (i === 6) assert.match(line, /^"?\d+\.\d\d"?$/, 'laLoad.1 is a load string');
				else assert.match(line, /^\d+$/, `${agent.name} ${NINE[i]} = ${line}`);
			}
		}
	});

	test('kcat -C reads parseable Fluentd records from resource, in the lab shape', async () => {
		const lines = await eventually(
			async () => {
				const r = await runProcess('kcat', ['-C', '-b', lab.bootstrap, '-t', 'resource', '-o', 'beginning', '-c', '6', '-e', '-q', '-f', '%k|%s\\n']);
				const out = r.stdout.trim().split('\n').filter(Boolean);
				return out.length >= 6 ? out : null;
			},
			{timeoutMs: 60_000, intervalMs: 1000},
		);
		for (const line of lines) {
			const [key, value] = [line.slice(0, line.indexOf('|')), line.slice(line.indexOf('|') + 1)];
			assert.equal(key, '', 'records carry no key');
			const record = JSON.parse(value);
			assert.deepEqual(Object.keys(record), FLUENTD_KEYS);
			assert.equal(typeof record.cpu_load, 'string');
			assert.match(record.cpu_load, /^\d+\.\d\d$/);
			assert.match(record.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/);
			for (const k of FLUENTD_KEYS.filter((k) => k !== 'cpu_load' && k !== 'time')) assert.equal(typeof record[k], 'number', k);
			assert.ok(record.free_ram > 0);
		}
	});

	test('kcat -L sees three brokers (ids 3,4,5) and resource with 3 partitions, RF 3', async () => {
		const r = await runProcess('kcat', ['-L', '-J', '-b', lab.bootstrap, '-t', 'resource']);
		assert.equal(r.code, 0, r.stderr);
		const meta = JSON.parse(r.stdout);
		assert.deepEqual(meta.brokers.map((b: {id: number}) => b.id).sort(), [3, 4, 5]);
		const topic = meta.topics.find((t: {topic: string}) => t.topic === 'resource');
		assert.equal(topic.partitions.length, 3);
		for (const p of topic.partitions) assert.equal(p.replicas.length, 3);
	});

	test('groups: tower consumes with a member; tower-backup is Empty and its lag grows', async () => {
		const describe = (group: string) =>
			javaTool(lab, 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand', ['--bootstrap-server', lab.bootstrap, '--describe', '--group', group]);
		const lagOf = (text: string) =>
			text
				.split('\n')
				.filter((l) => /^\S+\s+resource\s+\d+/.test(l))
				.reduce((sum, l) => sum + Number(l.trim().split(/\s+/)[5]), 0);
		const tower = await eventually(async () => {
			const r = await describe('tower');
			return /^tower\s+resource\s+\d+\s+\d+\s+\d+\s+\d+\s+\S*kcon-lab-tower/m.test(r.stdout) ? r.stdout : null;
		}, {timeoutMs: 60_000, intervalMs: 2000});
		assert.match(tower, /kcon-lab-tower/);
		const first = await describe('tower-backup');
		assert.match(first.stdout + first.stderr, /Consumer group 'tower-backup' has no active members/);
		const lag1 = lagOf(first.stdout);
		await new Promise((r) => setTimeout(r, 3000));
		const lag2 = lagOf((await describe('tower-backup')).stdout);
		assert.ok(lag2 > lag1, `lag grows: ${lag1} → ${lag2}`);
	});
});
