// The contexts of the config file: listed without secrets, switched by an atomic rewrite that keeps
// every other key, an unknown name refused with nothing written.
import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {listContexts, useContext} from '../../../source/config/context-file.js';
import {UsageError} from '../../../source/errors.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcon-contexts-'));
after(() => fs.rmSync(dir, {recursive: true, force: true}));

const config = {
	theme: {keep: 'me'},
	currentContext: 'prod',
	contexts: {
		prod: {brokers: ['k1:9093', 'k2:9093'], sasl: {mechanism: 'scram-sha-512', username: 'ops', password: {env: 'PW'}}, tls: {ca: 'ca.pem'}, readOnly: true},
		local: {brokers: 'localhost:9092'},
	},
	extra: [1, 2],
};

test('listed: current marked, brokers, how each authenticates, never a secret', () => {
	const file = path.join(dir, 'list.json');
	fs.writeFileSync(file, JSON.stringify(config));
	const view = listContexts(file);
	assert.equal(view.current, 'prod');
	assert.deepEqual(view.contexts, [
		{name: 'prod', current: true, brokers: 'k1:9093,k2:9093', security: ['SASL/SCRAM-SHA-512', 'TLS'], readOnly: true},
		{name: 'local', current: false, brokers: 'localhost:9092', security: [], readOnly: false},
	]);
	assert.ok(!JSON.stringify(view).includes('PW'));
	assert.deepEqual(listContexts(path.join(dir, 'missing.json')).contexts, []);
	assert.throws(() => listContexts(path.join(dir, 'missing.json'), true), (e: unknown) => e instanceof UsageError && /ENOENT/.test(e.message));
});

test('use-context rewrites currentContext only, in place, with the mode kept and no temporary file left', () => {
	const file = path.join(dir, 'use.json');
	fs.writeFileSync(file, JSON.stringify(config), {mode: 0o600});
	useContext(file, 'local');
	const after = JSON.parse(fs.readFileSync(file, 'utf8'));
	assert.deepEqual(after, {...config, currentContext: 'local'});
	assert.deepEqual(Object.keys(after), Object.keys(config), 'the keys keep their order');
	assert.equal(fs.statSync(file).mode & 0o777, 0o600);
	assert.deepEqual(fs.readdirSync(dir).filter((f) => f.includes('.tmp')), []);
});

test('use-context through a symlink writes the target, the link stays', () => {
	const target = path.join(dir, 'target.json');
	const link = path.join(dir, 'link.json');
	fs.writeFileSync(target, JSON.stringify(config));
	fs.symlinkSync(target, link);
	useContext(link, 'local');
	assert.ok(fs.lstatSync(link).isSymbolicLink());
	assert.equal(JSON.parse(fs.readFileSync(target, 'utf8')).currentContext, 'local');
});

test('an unknown name is a usage error naming the known ones, and nothing is written', () => {
	const file = path.join(dir, 'unknown.json');
	const text = JSON.stringify(config);
	fs.writeFileSync(file, text);
	assert.throws(() => useContext(file, 'nope'), (e: unknown) => e instanceof UsageError && e.message === `no context 'nope' in ${file} (known: prod, local)`);
	assert.equal(fs.readFileSync(file, 'utf8'), text);
	fs.writeFileSync(file, '{"contexts": [');
	assert.throws(() => useContext(file, 'prod'), /is not valid JSON/);
});
