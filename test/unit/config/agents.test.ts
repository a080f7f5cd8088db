import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describeAgentSpec, parseAgent, redactAgent, resolveAgents} from '../../../source/config/agents.js';
import {UsageError} from '../../../source/errors.js';

test('--agent NAME=HOST[:PORT] with default port 161 and --community', () => {
	const s = resolveAgents({agent: ['pi1=127.0.1.1:1161', 'pi2=172.29.0.12'], community: 'lab'}, {});
	assert.equal(s.source, 'flag');
	assert.deepEqual(s.agents, [
		{name: 'pi1', host: '127.0.1.1', port: 1161, community: 'lab'},
		{name: 'pi2', host: '172.29.0.12', port: 161, community: 'lab'},
	]);
	assert.throws(() => parseAgent('pi1', '--agent'), UsageError);
	assert.throws(() => parseAgent('pi1=host:99999', '--agent'), UsageError);
	assert.throws(() => resolveAgents({agent: ['a=h', 'a=g']}, {}), /used twice/);
});

test('KCON_AGENTS is used when no flag names agents', () => {
	const s = resolveAgents({}, {
		KCON_AGENTS: 'pi1=127.0.2.1:29401, pi2=127.0.2.2:29402',
	});
	assert.equal(s.source, 'env');
	assert.deepEqual(
		s.agents.map((a) => `${a.name}@${a.host}:${a.port}`),
		['pi1@127.0.2.1:29401', 'pi2@127.0.2.2:29402'],
	);
});

test('--lab reads agents[] from the lab state file', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcon-agents-'));
	fs.mkdirSync(path.join(dir, 'lab'));
	fs.writeFileSync(
		path.join(dir, 'lab', 'state.json'),
		JSON.stringify({version: 1, agents: [{name: 'pi1', host: '127.0.1.1', port: 1161, community: 'public', pid: 1}]}),
	);
	const before = process.env['KCON_STATE_DIR'];
	process.env['KCON_STATE_DIR'] = dir;
	try {
		const s = resolveAgents({lab: true}, {});
		assert.equal(s.source, 'lab');
		assert.deepEqual(s.agents, [{name: 'pi1', host: '127.0.1.1', port: 1161, community: 'public'}]);
	} finally {
		if (before === undefined) delete process.env['KCON_STATE_DIR'];
		else process.env['KCON_STATE_DIR'] = before;
		fs.rmSync(dir, {recursive: true, force: true});
	}
});

test('config context agents with SNMPv3 keys from the environment; redaction hides secrets', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcon-agents-'));
	const file = path.join(dir, 'config.json');
	fs.writeFileSync(
		file,
		JSON.stringify({
			currentContext: 'lab',
			contexts: {
				lab: {
					brokers: 'localhost:9090',
					agents: [
						{name: 'pi1', host: '172.29.0.11'},
						{
							name: 'pi2',
							host: '172.29.0.12',
							port: 1161,
							v3: {user: 'kcon', authProtocol: 'SHA-256', authKey: {env: 'PI_AUTH'}, privProtocol: 'aes', privKey: 'literalpriv'},
						},
					],
				},
			},
		}),
	);
	try {
		const s = resolveAgents({config: file}, {PI_AUTH: 'authsecret'});
		assert.equal(s.source, 'context');
		assert.deepEqual(s.agents[1], {
			name: 'pi2',
			host: '172.29.0.12',
			port: 1161,
			v3: {name: 'kcon', authProtocol: 'sha256', authKey: 'authsecret', privProtocol: 'aes', privKey: 'literalpriv'},
		});
		const shown = JSON.stringify(redactAgent(s.agents[1]!)) + describeAgentSpec(s.agents[1]!);
		assert.ok(!shown.includes('authsecret') && !shown.includes('literalpriv'), shown);
		assert.throws(() => resolveAgents({config: file}, {}), /PI_AUTH is not set/);
		assert.throws(() => resolveAgents({config: file, context: 'nope'}, {}), /no context 'nope'/);
	} finally {
		fs.rmSync(dir, {recursive: true, force: true});
	}
});

test('no agents anywhere: empty list, source none; a missing explicit config file is an error', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcon-agents-'));
	const before = process.env['XDG_CONFIG_HOME'];
	process.env['XDG_CONFIG_HOME'] = dir;
	try {
		assert.deepEqual(resolveAgents({}, {}), {agents: [], source: 'none'});
		assert.throws(() => resolveAgents({config: path.join(dir, 'missing.json')}, {}), /cannot read config file/);
	} finally {
		if (before === undefined) delete process.env['XDG_CONFIG_HOME'];
		else process.env['XDG_CONFIG_HOME'] = before;
		fs.rmSync(dir, {recursive: true, force: true});
	}
});

test('a config file past 1 MiB or not a regular file is one usage error; so is such a lab state file', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcon-agents-'));
	const before = {xdg: process.env['XDG_CONFIG_HOME'], state: process.env['KCON_STATE_DIR']};
	process.env['XDG_CONFIG_HOME'] = dir;
	process.env['KCON_STATE_DIR'] = dir;
	const refused = (pattern: RegExp) => (e: unknown) => e instanceof UsageError && e.exitCode === 2 && pattern.test(e.message);
	try {
		const big = path.join(dir, 'big.json');
		fs.writeFileSync(big, '{"contexts":{}}' + ' '.repeat(1024 * 1024));
		assert.throws(() => resolveAgents({config: big}, {}), refused(/^config file .*big\.json is larger than 1 MiB; /));
		assert.throws(() => resolveAgents({config: '/dev/zero'}, {}), refused(/^config file \/dev\/zero is not a regular file$/));
		// the default file, read without --config or --context, is held to the same
		fs.mkdirSync(path.join(dir, 'kcon'));
		fs.copyFileSync(big, path.join(dir, 'kcon', 'config.json'));
		assert.throws(() => resolveAgents({}, {}), refused(/larger than 1 MiB/));
		fs.mkdirSync(path.join(dir, 'lab'));
		fs.symlinkSync('/dev/zero', path.join(dir, 'lab', 'state.json'));
		assert.throws(() => resolveAgents({lab: true}, {}), refused(/state\.json is not a regular file$/));
	} finally {
		for (const [name, value] of [['XDG_CONFIG_HOME', before.xdg], ['KCON_STATE_DIR', before.state]] as const) {
			if (value === undefined) delete process.env[name];
			else process.env[name] = value;
		}
		fs.rmSync(dir, {recursive: true, force: true});
	}
});
