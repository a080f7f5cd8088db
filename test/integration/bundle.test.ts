// The bundled command (dist/bundle/bin.js, the package's bin) against the compiled files the rest
// of the suite drives (dist/source/cli.js): the same answers on the shared lab, with every library
// it bundles (kafkajs, net-snmp) taken from the bundle, one copy each, so the patched kafkajs
// internals are the ones its connections run on.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {runKcon, runProcess, sharedLab} from '../helpers/lab.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {version: string; bin: {kcon: string}};
const bin = path.join(root, manifest.bin.kcon);

// Preloaded into the bundled command: at exit, the CommonJS modules Node loaded from files (a
// bundled library is none of them) go to a file, one path per line.
function moduleListHook(dir: string, out: string): string {
	const hook = path.join(dir, 'list-modules.cjs');
	fs.writeFileSync(hook, `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(out)}, Object.keys(require.cache).join('\\n')));\n`);
	return hook;
}

function runBundle(args: string[], env: NodeJS.ProcessEnv, nodeArgs: string[] = []) {
	return runProcess(process.execPath, [...nodeArgs, bin, ...args], {env});
}

test('the package bin is the bundle, and it answers --version and --help', async () => {
	assert.equal(path.relative(root, bin), path.join('dist', 'bundle', 'bin.js'));
	const version = await runBundle(['--version'], {});
	assert.equal(version.code, 0, version.stderr);
	assert.equal(version.stdout, `${manifest.version}\n`);
	const help = await runBundle(['--help'], {});
	assert.equal(help.code, 0, help.stderr);
	assert.equal(help.stdout, (await runKcon(['--help'])).stdout);
});

test('describe and describe agents: the bundle prints what the compiled files print, with kafkajs and net-snmp from the bundle', async () => {
	const lab = await sharedLab();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcon-bundle-'));
	try {
		// the topics text has no moving numbers (leaders, replicas, ISR of a quiet lab)
		const list = path.join(dir, 'describe.txt');
		const bundled = await runBundle(['describe', 'topics', '--lab'], lab.env, ['--require', moduleListHook(dir, list)]);
		const compiled = await runKcon(['describe', 'topics', '--lab'], {env: lab.env});
		assert.equal(bundled.code, 0, bundled.stderr);
		assert.equal(bundled.stderr, '');
		assert.equal(bundled.stdout, compiled.stdout);
		assert.match(bundled.stdout, /^Topic: resource\t/m);
		const loaded = fs.readFileSync(list, 'utf8').split('\n');
		assert.deepEqual(
			loaded.filter((file) => file.includes(`${path.sep}node_modules${path.sep}`)),
			[],
			'the bundled describe loaded library files from node_modules',
		);

		// brokers as JSON: the same brokers, hosts and reachability
		const brokers = (r: {stdout: string}) =>
			(JSON.parse(r.stdout) as {brokers: Array<{id: number; host: string; port: number; reachable: boolean}>}).brokers.map((b) => [b.id, b.host, b.port, b.reachable]);
		const bundledBrokers = await runBundle(['describe', 'brokers', '--lab', '-o', 'json'], lab.env);
		assert.equal(bundledBrokers.code, 0, bundledBrokers.stderr);
		assert.deepEqual(brokers(bundledBrokers), brokers(await runKcon(['describe', 'brokers', '--lab', '-o', 'json'], {env: lab.env})));

		// the SNMP side is a chunk of its own, loaded only for this view
		const agentsList = path.join(dir, 'agents.txt');
		const agents = await runBundle(['describe', 'agents', '--lab', '-o', 'json', '--interval', '0.5'], lab.env, ['--require', moduleListHook(dir, agentsList)]);
		assert.equal(agents.code, 0, agents.stderr);
		const names = (JSON.parse(agents.stdout) as {agents: Array<{name: string; status: string}>}).agents.map((a) => a.name);
		assert.deepEqual(names, lab.state().agents.map((a) => a.name));
		assert.deepEqual(fs.readFileSync(agentsList, 'utf8').split('\n').filter((file) => file.includes('net-snmp')), []);
	} finally {
		fs.rmSync(dir, {recursive: true, force: true});
	}
});

test('the bundle tails a topic like the compiled files do (kafkajs internals patched in the bundle)', async () => {
	const lab = await sharedLab();
	const args = ['tail', 'resource', '--lab', '--partition', '0', '--from', 'beginning', '--limit', '5', '-o', 'json'];
	const bundled = await runBundle(args, lab.env);
	const compiled = await runKcon(args, {env: lab.env});
	assert.equal(bundled.code, 0, bundled.stderr);
	assert.equal(bundled.stderr, '');
	assert.equal(bundled.stdout.split('\n').filter(Boolean).length, 5);
	assert.equal(bundled.stdout, compiled.stdout);
});
