// `kcon describe` as a process: exit codes, one-line errors, and the import graph (no Ink/React).
import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../source/cli.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kcon-describe-'));
after(() => fs.rmSync(tmp, {recursive: true, force: true}));

function kcon(args: string[], extraNodeArgs: string[] = [], env: NodeJS.ProcessEnv = {}) {
	const r = spawnSync(process.execPath, [...extraNodeArgs, cli, ...args], {
		encoding: 'utf8',
		timeout: 20_000,
		env: {...process.env, KCON_BROKERS: '', XDG_CONFIG_HOME: tmp, KCON_STATE_DIR: tmp, ...env},
	});
	return {code: r.status, stdout: r.stdout, stderr: r.stderr};
}

test('no broker reachable: exit 1, one line naming every address tried, no stack trace', () => {
	const r = kcon(['describe', '-b', '127.0.0.1:1,127.0.0.1:2']);
	assert.equal(r.code, 1);
	assert.equal(r.stdout, '');
	const lines = r.stderr.trimEnd().split('\n');
	assert.equal(lines.length, 1, r.stderr);
	assert.match(lines[0]!, /^kcon: no broker reachable \(tried 127\.0\.0\.1:1, 127\.0\.0\.1:2\)/);
	assert.match(lines[0]!, /ECONNREFUSED/);
	assert.doesNotMatch(r.stderr, /\n\s+at /);
});

test('-o json: the failure is one JSON error object on stdout', () => {
	const r = kcon(['describe', 'topics', '-b', '127.0.0.1:1', '-o', 'json']);
	assert.equal(r.code, 1);
	const doc = JSON.parse(r.stdout) as {error: {code: string; exitCode: number; message: string}};
	assert.equal(doc.error.code, 'unreachable');
	assert.equal(doc.error.exitCode, 1);
});

test('usage errors exit 2 before any connection', () => {
	for (const args of [
		['describe', 'nonsense', '-b', '127.0.0.1:1'],
		['describe', 'topic', '-b', '127.0.0.1:1'],
		['describe', 'groups', '--under-replicated', '-b', '127.0.0.1:1'],
		['describe', 'group', 'g', '--members', '--state', '-b', '127.0.0.1:1'],
		['describe', 'topics', '--bogus', '-b', '127.0.0.1:1'],
		['describe', 'topics', '-o', 'yaml', '-b', '127.0.0.1:1'],
		['describe', 'topics'],
	]) {
		const r = kcon(args);
		assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
		assert.match(r.stderr, /^kcon: .+\n$/);
	}
});

test('describe loads neither Ink nor React (ESM resolve hook records every import)', () => {
	const log = path.join(tmp, 'imports.log');
	const hooks = path.join(tmp, 'hooks.mjs');
	const register = path.join(tmp, 'register.mjs');
	fs.writeFileSync(
		hooks,
		`import fs from 'node:fs';\nexport async function resolve(s, c, next) {\n\tconst r = await next(s, c);\n\tfs.appendFileSync(${JSON.stringify(log)}, r.url + '\\n');\n\treturn r;\n}\n`,
	);
	fs.writeFileSync(register, `import {register} from 'node:module';\nregister(${JSON.stringify('file://' + hooks)});\n`);
	const r = kcon(['describe', 'topics', '-b', '127.0.0.1:1'], ['--import', 'file://' + register]);
	assert.equal(r.code, 1, r.stderr);
	const urls = fs.readFileSync(log, 'utf8').split('\n').filter(Boolean);
	// the hook sees the modules describe really uses…
	assert.ok(urls.some((u) => u.endsWith('/commands/describe.js')), 'describe.js was loaded');
	assert.ok(urls.some((u) => u.endsWith('/source/kafka/gateway/gateway.js')), 'the gateway was loaded');
	// …and nothing of the console stack
	const ui = urls.filter((u) => /\/node_modules\/(ink|react|react-reconciler|yoga-layout)\//.test(u) || u.includes('/source/ui/'));
	assert.deepEqual(ui, []);
});
