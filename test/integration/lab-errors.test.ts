// `kcon lab up` errors name the fix: a taken port names the port and the process holding it, and
// nothing is left running.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {test} from 'node:test';
import {runKcon} from '../helpers/lab.js';
import {PORTS} from '../helpers/ports.js';

test('lab up on a taken port: exit 1, names the port and its owner (ss -ltnp), starts nothing', async () => {
	const port = PORTS.labErrors + 1;
	const server = net.createServer();
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcon-lab-errors-'));
	try {
		const r = await runKcon(['lab', 'up', '--topology', 'combined', '--base-port', String(PORTS.labErrors), '--pis', '0'], {
			env: {KCON_STATE_DIR: stateDir},
		});
		assert.equal(r.code, 1, r.stdout + r.stderr);
		assert.match(r.stderr, new RegExp(`TCP port ${port} \\(node1 PLAINTEXT\\) is taken by node \\(pid ${process.pid}\\)`));
		assert.match(r.stderr, /--base-port/);
		const status = await runKcon(['lab', 'status', '-o', 'json'], {env: {KCON_STATE_DIR: stateDir}});
		assert.equal(status.code, 1);
		const s = JSON.parse(status.stdout);
		assert.ok([...s.brokers, ...s.controllers].every((p: {pid: number | null}) => p.pid === null), 'no node was started');
	} finally {
		server.close();
		await runKcon(['lab', 'down'], {env: {KCON_STATE_DIR: stateDir}});
		fs.rmSync(stateDir, {recursive: true, force: true});
	}
});

test('lab up with bad flags: usage errors (exit 2) before anything starts', async () => {
	const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcon-lab-errors-'));
	try {
		for (const [args, message] of [
			[['--topology', 'mesh'], /--topology must be lab or combined/],
			[['--kafka', '3.8.1'], /3\.9 or newer/],
			[['--base-port', '60000'], /controller ports/],
			[['--pi-agent', 'docker'], /--pi-agent must be snmpd or embedded/],
		] as const) {
			const r = await runKcon(['lab', 'up', ...args], {env: {KCON_STATE_DIR: stateDir}});
			assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
			assert.match(r.stderr, message);
		}
		assert.equal(fs.existsSync(path.join(stateDir, 'lab', 'state.json')), false);
	} finally {
		fs.rmSync(stateDir, {recursive: true, force: true});
	}
});
