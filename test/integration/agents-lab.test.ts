// `kcon describe agents --lab` against the shared test lab's Pi agents, checked with snmpget.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {runKcon, sharedLab} from '../helpers/lab.js';
import {OID} from '../../source/snmp/oids.js';

function snmpget(host: string, port: number, oids: string[]): Promise<Map<string, string>> {
	return new Promise((resolve, reject) =>
		execFile('snmpget', ['-v2c', '-c', 'public', '-On', '-OQ', '-Ot', `${host}:${port}`, ...oids], {timeout: 10_000}, (error, stdout, stderr) => {
			if (error) return reject(new Error(stderr || error.message));
			const values = new Map<string, string>();
			for (const line of stdout.trim().split('\n')) {
				const m = /^\.?([\d.]+) = "?([^"]*)"?$/.exec(line);
				if (m) values.set(m[1]!, m[2]!);
			}
			resolve(values);
		}),
	);
}

test('describe agents --lab: one reachable row per lab agent, values equal snmpget\'s', async () => {
	const lab = await sharedLab();
	const agents = lab.state().agents;
	assert.ok(agents.length >= 1, 'the lab has Pi agents');
	const result = await runKcon(['describe', 'agents', '--lab', '-o', 'json'], {env: lab.env, timeoutMs: 60_000});
	assert.equal(result.code, 0, result.stderr + result.stdout);
	const rows = (JSON.parse(result.stdout) as {agents: Array<Record<string, unknown>>}).agents;
	assert.deepEqual(
		rows.map((r) => [r['name'], r['address']]),
		agents.map((a) => [a.name, `${a.host}:${a.port}`]),
	);
	for (const agent of agents) {
		const row = rows.find((r) => r['name'] === agent.name)!;
		assert.equal(row['reachable'], true);
		assert.equal(row['status'], 'ok', String(row['error']));
		const truth = await snmpget(agent.host, agent.port, [OID.sysName, OID.memTotalReal, OID.dskPercent1, OID.sysUpTime]);
		assert.equal(row['sysName'], truth.get(OID.sysName));
		assert.equal(row['memTotalKB'], Number(truth.get(OID.memTotalReal)));
		assert.equal(row['diskPercent'], Number(truth.get(OID.dskPercent1)));
		assert.ok(Math.abs((row['uptimeSeconds'] as number) - Number(truth.get(OID.sysUpTime)) / 100) < 30);
		assert.equal(typeof row['cpuPercent'], 'number', 'CPU % from two ssCpuRaw samples');
		assert.equal(typeof row['rxBytesPerSec'], 'number');
		// found by ifDescr: eth0 on the embedded agent and on this host's snmpd, never the loopback
		assert.equal(typeof row['interface'], 'string');
		assert.notEqual(row['interface'], 'lo');
	}
});
