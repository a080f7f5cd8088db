import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {parseBrokers, redact, resolveSettings} from '../../../source/config/settings.js';
import {KconError, UsageError} from '../../../source/errors.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcon-settings-'));
after(() => fs.rmSync(dir, {recursive: true, force: true}));
const configFile = path.join(dir, 'config.json');
fs.writeFileSync(
	configFile,
	JSON.stringify({
		currentContext: 'lab',
		contexts: {
			lab: {brokers: 'localhost:9090,localhost:9091'},
			prod: {
				brokers: ['kafka1:9093', 'kafka2'],
				sasl: {mechanism: 'SCRAM-SHA-512', username: 'ops', password: {env: 'KAFKA_PASSWORD'}},
				tls: {ca: 'ca.pem', cert: '/etc/kcon/client.pem', key: 'client.key', passphrase: 'hunter2'},
				readOnly: true,
			},
			plain: {brokers: ['k:9092'], sasl: {mechanism: 'plain', username: 'u', password: 'p'}, tls: true},
			broken: {brokers: ['k:9092'], sasl: {mechanism: 'GSSAPI', username: 'u', password: 'p'}},
		},
	}),
);

test('-b wins over KCON_BROKERS; bare hosts get port 9092', () => {
	const s = resolveSettings({brokers: 'a:1, b'}, {env: {KCON_BROKERS: 'x:2'}});
	assert.deepEqual(s.brokers, ['a:1', 'b:9092']);
	assert.equal(s.source, 'flag');
	assert.equal(s.readOnly, false);
	const e = resolveSettings({config: path.join(dir, 'missing.json')}, {env: {KCON_BROKERS: 'x:2,y:3'}});
	assert.deepEqual(e.brokers, ['x:2', 'y:3']);
	assert.equal(e.source, 'env');
});

test('named context: SCRAM with the password from the environment, TLS paths relative to the file', () => {
	const s = resolveSettings({context: 'prod', config: configFile, 'read-only': false}, {env: {KAFKA_PASSWORD: 's3cret'}});
	assert.deepEqual(s.brokers, ['kafka1:9093', 'kafka2:9092']);
	assert.deepEqual(s.sasl, {mechanism: 'scram-sha-512', username: 'ops', password: 's3cret'});
	assert.equal(s.ssl?.ca, path.join(dir, 'ca.pem'));
	assert.equal(s.ssl?.cert, '/etc/kcon/client.pem');
	assert.equal(s.ssl?.key, path.join(dir, 'client.key'));
	assert.equal(s.ssl?.rejectUnauthorized, true);
	assert.equal(s.readOnly, true, 'context readOnly');
	assert.equal(s.context, 'prod');
	// -b overrides the brokers but keeps the context's auth
	const o = resolveSettings({context: 'prod', config: configFile, brokers: 'other:1'}, {env: {KAFKA_PASSWORD: 'x'}});
	assert.deepEqual(o.brokers, ['other:1']);
	assert.equal(o.sasl?.username, 'ops');
});

test('secrets are never printed: redact() and error messages', () => {
	const s = resolveSettings({context: 'prod', config: configFile}, {env: {KAFKA_PASSWORD: 's3cret'}});
	const shown = JSON.stringify(redact(s));
	assert.ok(!shown.includes('s3cret') && !shown.includes('hunter2'), shown);
	assert.match(shown, /"password":"\*\*\*"/);
	assert.equal(s.sasl?.password, 's3cret', 'redact copies, the original keeps the secret');
	assert.throws(
		() => resolveSettings({context: 'prod', config: configFile}, {env: {}}),
		(e: unknown) => e instanceof UsageError && /KAFKA_PASSWORD is not set/.test(e.message),
	);
});

test('PLAIN with tls: true; unknown mechanism and unknown context are usage errors', () => {
	const s = resolveSettings({context: 'plain', config: configFile}, {env: {}});
	assert.equal(s.sasl?.mechanism, 'plain');
	assert.deepEqual(s.ssl, {rejectUnauthorized: true});
	assert.throws(() => resolveSettings({context: 'broken', config: configFile}, {env: {}}), /sasl.mechanism must be one of/);
	assert.throws(() => resolveSettings({context: 'nope', config: configFile}, {env: {}}), /no context 'nope'.*known: lab, prod, plain, broken/);
});

test("the config file's currentContext is used when nothing else names brokers", () => {
	const s = resolveSettings({config: configFile}, {env: {}});
	assert.deepEqual(s.brokers, ['localhost:9090', 'localhost:9091']);
	assert.equal(s.context, 'lab');
	assert.throws(() => resolveSettings({config: path.join(dir, 'missing.json')}, {env: {}}), /cannot read config file/);
	assert.throws(
		() => resolveSettings({}, {env: {XDG_CONFIG_HOME: dir + '/none'}}),
		(e: unknown) => e instanceof UsageError,
	);
});

test('--lab reads bootstrap from the lab state file; no lab is exit 1; --lab with -b is a usage error', () => {
	const saved = process.env['KCON_STATE_DIR'];
	const state = fs.mkdtempSync(path.join(os.tmpdir(), 'kcon-state-'));
	process.env['KCON_STATE_DIR'] = state;
	try {
		assert.throws(
			() => resolveSettings({lab: true}, {env: {}}),
			(e: unknown) => e instanceof KconError && e.exitCode === 1 && /no lab is running/.test(e.message),
		);
		fs.mkdirSync(path.join(state, 'lab'));
		fs.writeFileSync(path.join(state, 'lab', 'state.json'), JSON.stringify({bootstrap: '127.0.0.1:31090,127.0.0.1:31091'}));
		const s = resolveSettings({lab: true}, {env: {}});
		assert.deepEqual(s.brokers, ['127.0.0.1:31090', '127.0.0.1:31091']);
		assert.equal(s.labStateDir, path.join(state, 'lab'));
		assert.equal(s.source, 'lab');
		assert.throws(() => resolveSettings({lab: true, brokers: 'a:1'}, {env: {}}), UsageError);
	} finally {
		if (saved === undefined) delete process.env['KCON_STATE_DIR'];
		else process.env['KCON_STATE_DIR'] = saved;
		fs.rmSync(state, {recursive: true, force: true});
	}
});

test('parseBrokers rejects what is not host:port', () => {
	assert.deepEqual(parseBrokers('[::1]:9092,h', 'x'), ['[::1]:9092', 'h:9092']);
	assert.throws(() => parseBrokers('a:b', '-b'), /'a:b' is not host:port/);
	assert.throws(() => parseBrokers('a:70000', '-b'), /bad port/);
	assert.throws(() => parseBrokers(' , ', '-b'), /at least one/);
});

test('--bootstrap-server gives the brokers as -b does; both at once is a usage error', () => {
	const resolve = resolveSettings;
	const s = resolve({'bootstrap-server': 'a:1,b'}, {env: {}});
	assert.deepEqual(s.brokers, ['a:1', 'b:9092']);
	assert.equal(s.source, 'flag');
	assert.throws(() => resolve({brokers: 'a:1', 'bootstrap-server': 'b:1'}, {env: {}}), /give the bootstrap brokers once/);
});

test('a config file past 1 MiB, or one that is no regular file, is one usage error, also as the default file', () => {
	const big = path.join(dir, 'big.json');
	// valid JSON, only too big to be a config: the size is refused, not the content
	fs.writeFileSync(big, '{"contexts":{}}' + ' '.repeat(1024 * 1024));
	const refused = (pattern: RegExp) => (e: unknown) => e instanceof UsageError && e.exitCode === 2 && pattern.test(e.message);
	assert.throws(() => resolveSettings({config: big}, {env: {}}), refused(/^config file .*big\.json is larger than 1 MiB; /));
	assert.throws(() => resolveSettings({config: '/dev/zero'}, {env: {}}), refused(/^config file \/dev\/zero is not a regular file$/));
	assert.throws(() => resolveSettings({config: dir, context: 'lab'}, {env: {}}), refused(/is not a regular file$/));
	const xdg = fs.mkdtempSync(path.join(os.tmpdir(), 'kcon-settings-xdg-'));
	const saved = process.env['XDG_CONFIG_HOME'];
	process.env['XDG_CONFIG_HOME'] = xdg;
	try {
		fs.mkdirSync(path.join(xdg, 'kcon'));
		fs.copyFileSync(big, path.join(xdg, 'kcon', 'config.json'));
		assert.throws(() => resolveSettings({}, {env: {}}), refused(/larger than 1 MiB/));
	} finally {
		if (saved === undefined) delete process.env['XDG_CONFIG_HOME'];
		else process.env['XDG_CONFIG_HOME'] = saved;
		fs.rmSync(xdg, {recursive: true, force: true});
	}
});

test('--lab: a lab state file past 1 MiB or not a regular file is one usage error', () => {
	const saved = process.env['KCON_STATE_DIR'];
	const state = fs.mkdtempSync(path.join(os.tmpdir(), 'kcon-state-'));
	process.env['KCON_STATE_DIR'] = state;
	try {
		fs.mkdirSync(path.join(state, 'lab'));
		const file = path.join(state, 'lab', 'state.json');
		fs.writeFileSync(file, JSON.stringify({bootstrap: '127.0.0.1:31090'}) + ' '.repeat(1024 * 1024));
		assert.throws(() => resolveSettings({lab: true}, {env: {}}), (e: unknown) => e instanceof UsageError && /state\.json is larger than 1 MiB/.test(e.message));
		fs.rmSync(file);
		fs.symlinkSync('/dev/zero', file);
		assert.throws(() => resolveSettings({lab: true}, {env: {}}), (e: unknown) => e instanceof UsageError && /state\.json is not a regular file$/.test(e.message));
	} finally {
		if (saved === undefined) delete process.env['KCON_STATE_DIR'];
		else process.env['KCON_STATE_DIR'] = saved;
		fs.rmSync(state, {recursive: true, force: true});
	}
});
