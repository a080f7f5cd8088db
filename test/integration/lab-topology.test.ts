// `--topology lab`: controllers 0,1,2 and brokers 3,4,5, as in the 2026 lab; idempotent `lab up`.
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {javaTool, runKcon, runProcess, startLab, type TestLab} from '../helpers/lab.js';
import {PORTS} from '../helpers/ports.js';

let lab: TestLab;
before(async () => {
	lab = await startLab({basePort: PORTS.labTopology, topology: 'lab', pis: 1, piAgent: 'embedded'});
});
after(async () => {
	await lab?.stop();
});

test('brokers are 3,4,5 on base…base+2 (kcat -L) and the quorum voters are controllers 0,1,2 (MetadataQuorumCommand)', async () => {
	const r = await runProcess('kcat', ['-L', '-J', '-b', lab.bootstrap]);
	assert.equal(r.code, 0, r.stderr);
	const brokers = JSON.parse(r.stdout).brokers.map((b: {id: number; name: string}) => [b.id, b.name]).sort();
	assert.deepEqual(brokers, [
		[3, `127.0.0.1:${PORTS.labTopology}`],
		[4, `127.0.0.1:${PORTS.labTopology + 1}`],
		[5, `127.0.0.1:${PORTS.labTopology + 2}`],
	]);
	const q = await javaTool(lab, 'org.apache.kafka.tools.MetadataQuorumCommand', ['--bootstrap-server', lab.bootstrap, 'describe', '--status']);
	assert.equal(q.code, 0, q.stderr);
	const voters = /CurrentVoters:\s*(\[.*\])/.exec(q.stdout)?.[1];
	assert.ok(voters, q.stdout);
	assert.deepEqual(JSON.parse(voters!).map((v: {id: number}) => v.id).sort(), [0, 1, 2]);
	const status = JSON.parse((await runKcon(['lab', 'status', '-o', 'json'], {env: lab.env})).stdout);
	assert.deepEqual(status.controllers.map((c: {id: number; port: number}) => [c.id, c.port]), [
		[0, PORTS.labTopology + 10000],
		[1, PORTS.labTopology + 10001],
		[2, PORTS.labTopology + 10002],
	]);
});

test('idempotent up: after kill -9 of broker 4, status exits 1 and `lab up` starts only that broker', async () => {
	const before = lab.state();
	const victim = before.nodes.find((n) => n.id === 4)!;
	process.kill(victim.pid!, 'SIGKILL');
	await new Promise((r) => setTimeout(r, 500));
	const down = await runKcon(['lab', 'status', '-o', 'json'], {env: lab.env});
	assert.equal(down.code, 1);
	assert.equal(JSON.parse(down.stdout).brokers.find((b: {id: number}) => b.id === 4).alive, false);
	const up = await runKcon(['lab', 'up'], {env: lab.env, timeoutMs: 300_000});
	assert.equal(up.code, 0, up.stderr);
	assert.match(up.stderr, /starting broker1 \(id 4\)(?!,)/);
	const after = lab.state();
	for (const node of after.nodes) {
		if (node.id === 4) assert.notEqual(node.pid, victim.pid);
		else assert.equal(node.pid, before.nodes.find((n) => n.id === node.id)!.pid, `node ${node.id} kept its process`);
	}
	assert.deepEqual(after.workers.map((w) => w.pid), before.workers.map((w) => w.pid));
	assert.equal((await runKcon(['lab', 'status'], {env: lab.env})).code, 0);
});
