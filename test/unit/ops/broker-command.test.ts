// brokerCommands argv templates: values from the cluster's metadata ({host}, {port}) are checked
// before anything is spawned, and the child does not see the variables the context's secrets came from.
import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {childEnv, expandArgv, runCommand, validHost} from '../../../source/ops/broker-command.js';
import {startBroker} from '../../../source/ops/broker-start.js';
import {resolveSettings} from '../../../source/config/settings.js';
import {readAudit} from '../../../source/ops/audit.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcon-broker-command-'));
after(() => fs.rmSync(dir, {recursive: true, force: true}));
process.env['KCON_STATE_DIR'] = dir;
const ssh = ['ssh', '{host}', 'sudo', 'systemctl', 'stop', 'kafka'];

test('a hostile advertised host is refused before anything runs, with the reason', () => {
	for (const host of ['-oProxyCommand=touch /tmp/pwned', '--', '-', 'a b', 'kafka1\n', 'kafka1\u001b[31m', 'a;b', '$(id)', 'kafka..x', '-kafka', 'x'.repeat(254), '']) {
		assert.equal(validHost(host), false, JSON.stringify(host));
		assert.throws(
			() => expandArgv(ssh, {id: 3, host, port: 9092, signal: 'TERM'}),
			(e: Error & {exitCode?: number}) => e.exitCode === 2 && /refusing to run ssh: .*nothing was run/.test(e.message),
			JSON.stringify(host),
		);
	}
	for (const host of ['kafka1', 'kafka-1.example.com', 'kafka1.example.com.', 'broker_3', '10.0.0.7', '::1', 'fe80::1', '[2001:db8::5]']) {
		assert.equal(validHost(host), true, host);
		assert.deepEqual(expandArgv(ssh, {id: 3, host, port: 9092, signal: 'TERM'}), ['ssh', host, 'sudo', 'systemctl', 'stop', 'kafka']);
	}
});

test('ids and ports must be numbers, and only the placeholders a template uses are checked', () => {
	assert.throws(() => expandArgv(['docker', 'kill', 'broker{id}'], {id: Number.NaN, host: '', port: '', signal: ''}), /broker id .* not a whole number/);
	assert.throws(() => expandArgv(['nc', '{host}', '{port}'], {id: 3, host: 'k', port: '-e/bin/sh', signal: ''}), /port "-e\/bin\/sh", which is not a port number/);
	assert.throws(() => expandArgv(['nc', '{host}', '{port}'], {id: 3, host: 'k', port: 70000, signal: ''}), /not a port number/);
	// docker kill by id: the advertised host plays no part, so it does not matter what it is
	assert.deepEqual(expandArgv(['docker', 'kill', '--signal', '{signal}', 'broker{id}'], {id: 4, host: '-oProxyCommand=x', port: '', signal: 'KILL'}), ['docker', 'kill', '--signal', 'KILL', 'broker4']);
	// a start has no metadata of the stopped broker: a {host} template cannot be filled in
	assert.throws(() => expandArgv(ssh, {id: 3, host: '', port: '', signal: ''}), /the host of broker 3 is not known/);
});

test('the console start path refuses an unfillable {host} template: audited, nothing spawned', async () => {
	const marker = path.join(dir, 'spawned');
	const config = path.join(dir, 'config.json');
	fs.writeFileSync(config, JSON.stringify({contexts: {ops: {brokers: '127.0.0.1:1', brokerCommands: {start: [process.execPath, '-e', `require('fs').writeFileSync(${JSON.stringify(marker)}, '')`, '{host}']}}}}));
	const settings = resolveSettings({context: 'ops', config}, {env: {}});
	await assert.rejects(startBroker(settings, {id: 3, via: 'console'}), /the host of broker 3 is not known; nothing was run/);
	assert.equal(fs.existsSync(marker), false, 'nothing was spawned');
	const last = readAudit(path.join(dir, 'audit.jsonl')).at(-1)!;
	assert.equal(last.action, 'broker.start');
	assert.equal(last.result, 'refused');
});

function contextSettings(brokerCommands: Record<string, unknown>) {
	const config = path.join(dir, `config-${Object.keys(brokerCommands).join('-')}.json`);
	fs.writeFileSync(
		config,
		JSON.stringify({
			contexts: {
				prod: {
					brokers: 'kafka1:9093',
					sasl: {mechanism: 'scram-sha-512', username: 'ops', password: {env: 'KCON_TEST_KAFKA_PASSWORD'}},
					tls: {passphrase: {env: 'KCON_TEST_KEY_PASS'}},
					brokerCommands: {kill: ['true'], ...brokerCommands},
				},
			},
		}),
	);
	return resolveSettings({context: 'prod', config}, {env: {KCON_TEST_KAFKA_PASSWORD: 'pw-secret-1', KCON_TEST_KEY_PASS: 'key-pass-2'}});
}

test("the child's environment lacks the context's secrets unless brokerCommands.passSecrets", async () => {
	process.env['KCON_TEST_KAFKA_PASSWORD'] = 'pw-secret-1';
	process.env['KCON_TEST_KEY_PASS'] = 'key-pass-2';
	process.env['KCON_TEST_COPY'] = 'pw-secret-1';
	process.env['KCON_TEST_HARMLESS'] = 'visible';
	try {
		const dump = [process.execPath, '-e', 'process.stdout.write(JSON.stringify(process.env))'];
		const settings = contextSettings({});
		assert.deepEqual(settings.secretEnv, ['KCON_TEST_KAFKA_PASSWORD', 'KCON_TEST_KEY_PASS']);
		const output: string[] = [];
		await runCommand(dump, 10_000, {settings}, output);
		const seen = JSON.parse(output.join('')) as Record<string, string>;
		for (const name of ['KCON_TEST_KAFKA_PASSWORD', 'KCON_TEST_KEY_PASS', 'KCON_TEST_COPY']) assert.equal(seen[name], undefined, name);
		assert.ok(!JSON.stringify(seen).includes('pw-secret-1'), 'the password is nowhere in the child environment');
		assert.equal(seen['KCON_TEST_HARMLESS'], 'visible');
		assert.equal(seen['PATH'], process.env['PATH']);

		const opted = contextSettings({passSecrets: true});
		const passed: string[] = [];
		await runCommand(dump, 10_000, {settings: opted}, passed);
		assert.equal(JSON.parse(passed.join(''))['KCON_TEST_KAFKA_PASSWORD'], 'pw-secret-1', 'passSecrets hands them on');
		assert.throws(() => contextSettings({passSecrets: 'yes'}), /brokerCommands.passSecrets must be true or false/);
		assert.equal(childEnv(settings, {A: '1', KCON_TEST_KEY_PASS: 'x'})['KCON_TEST_KEY_PASS'], undefined);
	} finally {
		for (const name of ['KCON_TEST_KAFKA_PASSWORD', 'KCON_TEST_KEY_PASS', 'KCON_TEST_COPY', 'KCON_TEST_HARMLESS']) delete process.env[name];
	}
});
