// `kcon config get-contexts | current-context | use-context` as a process, on a config file of its own.
import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../source/cli.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcon-config-cmd-'));
after(() => fs.rmSync(dir, {recursive: true, force: true}));
const file = path.join(dir, 'kcon', 'config.json');
fs.mkdirSync(path.dirname(file));
fs.writeFileSync(file, JSON.stringify({contexts: {prod: {brokers: ['k1:9093'], sasl: {mechanism: 'plain', username: 'u', password: 'secret'}}, local: {brokers: 'localhost:9092'}}}));

const kcon = (...args: string[]) => {
	const r = spawnSync(process.execPath, [cli, 'config', ...args], {encoding: 'utf8', timeout: 20_000, env: {...process.env, XDG_CONFIG_HOME: dir}});
	return {code: r.status, stdout: r.stdout, stderr: r.stderr};
};

test('get-contexts, use-context, current-context on the default config file', () => {
	assert.deepEqual(kcon('current-context'), {code: 1, stdout: '', stderr: `kcon: no current context in ${file} (set one with: kcon config use-context NAME)\n`});
	assert.deepEqual(kcon('use-context', 'local'), {code: 0, stdout: `switched to context 'local' (${file})\n`, stderr: ''});
	assert.equal(kcon('current-context').stdout, 'local\n');
	const list = kcon('get-contexts');
	assert.equal(list.code, 0);
	assert.equal(list.stdout, ['CURRENT  NAME   BROKERS         AUTH        READ-ONLY', '         prod   k1:9093         SASL/PLAIN', '*        local  localhost:9092  none'].join('\n') + '\n');
	assert.ok(!list.stdout.includes('secret'));
	assert.equal(JSON.parse(kcon('get-contexts', '-ojson').stdout).current, 'local');
});

test('an unknown context or subcommand is a usage error (exit 2), the file unchanged', () => {
	const before = fs.readFileSync(file, 'utf8');
	const r = kcon('use-context', 'nope');
	assert.equal(r.code, 2);
	assert.match(r.stderr, /^kcon: no context 'nope' in .* \(known: prod, local\)\n$/);
	assert.equal(fs.readFileSync(file, 'utf8'), before);
	assert.deepEqual(kcon('frobnicate'), {code: 2, stdout: '', stderr: "kcon: unknown config command 'frobnicate'; usage: kcon config get-contexts|current-context|use-context|describe|alter\n"});
	assert.equal(kcon('use-context').code, 2);
});
