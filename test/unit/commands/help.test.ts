// Help rendered from the command specs, as a process: every command in the table has specs, each
// spec's `--help`, `-h` and `kcon help …` answer on stdout with exit 0, the top-level help names
// every command, every line fits 80 columns, and the readme's reference is the specs' rendering.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {commands} from '../../../source/commands/registry.js';
import {loadSpecs} from '../../../source/commands/load-specs.js';
import {findSpec, renderReference, usageLine} from '../../../source/commands/help-render.js';
import {connectionFlags} from '../../../source/commands/connection-spec.js';
import {connectionOptions} from '../../../source/config/args.js';
import {helpText} from '../../../source/commands/help.js';
import {route} from '../../../source/commands/route.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.resolve(here, '../../../source/cli.js');
const root = path.resolve(here, '..', '..', '..', '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kcon-help-'));

function kcon(args: string[]) {
	const r = spawnSync(process.execPath, [cli, ...args], {
		encoding: 'utf8',
		timeout: 20_000,
		env: {...process.env, KCON_BROKERS: '127.0.0.1:1', XDG_CONFIG_HOME: tmp, KCON_STATE_DIR: tmp},
	});
	return {code: r.status, stdout: r.stdout, stderr: r.stderr};
}

const columns = (line: string) => [...line].length;

test('every entry of the command table exports specs, named under its command word', async () => {
	for (const [word, load] of Object.entries(commands)) {
		const module = await load();
		assert.ok(module.specs.length > 0, `${word} exports no specs`);
		for (const spec of module.specs) {
			assert.ok(spec.summary && spec.examples.length > 0, `${spec.name}: a summary and an example`);
			for (const f of spec.flags) assert.ok(f.description, `${spec.name} --${f.name}: a description`);
		}
	}
});

test("every spec's --help, -h and `kcon help` print its usage, flags and examples on stdout, exit 0, within 80 columns", async () => {
	const specs = await loadSpecs(commands);
	const firsts = new Set(Object.keys(commands).map((word) => specs.find((s) => s.name.split(' ')[0] === word)));
	for (const spec of specs) {
		const words = spec.name.split(' ');
		const long = kcon([...words, '--help']);
		assert.equal(long.code, 0, `${spec.name} --help: ${long.stderr}`);
		assert.equal(long.stderr, '');
		assert.match(long.stdout, /^Usage\n/);
		assert.ok(long.stdout.replace(/\n\s+/g, ' ').includes(usageLine(spec)), `${spec.name}: its usage line`);
		for (const f of spec.flags) assert.ok(long.stdout.includes(`--${f.name}`), `${spec.name}: --${f.name}`);
		for (const e of spec.examples) assert.ok(long.stdout.includes(`$ ${e}`), `${spec.name}: example ${e}`);
		if (spec.connection) assert.match(long.stdout, /Connection options\n {2}-b, --brokers/);
		for (const line of long.stdout.split('\n')) assert.ok(columns(line) <= 80, `${spec.name}: '${line}' is wider than 80`);
		// -h and `kcon help` take the same path for every spec: checked on one spec of each command word
		if (!firsts.has(spec)) continue;
		assert.equal(kcon([...words, '-h']).stdout, long.stdout, `${spec.name} -h`);
		assert.equal(kcon(['help', ...words]).stdout, long.stdout, `help ${spec.name}`);
	}
});

test('--help after arguments and flags of a half-typed command shows that command', async () => {
	const specs = await loadSpecs(commands);
	const tail = kcon(['tail', 'resource', '--from', 'beginning', '--help']);
	assert.equal(tail.code, 0);
	assert.ok(tail.stdout.replace(/\n\s+/g, ' ').includes(usageLine(findSpec(specs, ['tail'])!)));
	const generate = kcon(['reassign', 'generate', '--topics', 'a', '-h']);
	assert.equal(generate.code, 0);
	assert.ok(generate.stdout.includes('--rack-aware'));
	// a command word with subcommands lists them
	const reassign = kcon(['reassign', '--help']);
	assert.equal(reassign.code, 0);
	for (const sub of ['generate', 'execute', 'verify', 'cancel', 'list']) assert.ok(reassign.stdout.includes(`kcon reassign ${sub}`));
	// after `--` a --help is an argument, not a request for help
	assert.notEqual(kcon(['tail', '--', '--help']).stdout.slice(0, 5), 'Usage');
});

test('--help or -h right after any flag that takes a value shows the help of the command typed; --flag=--help is a value', async () => {
	const specs = await loadSpecs(commands);
	let checked = 0;
	for (const spec of specs) {
		const words = spec.name.split(' ');
		const expected = await helpText(commands, words);
		const valueFlags = [...spec.flags, ...(spec.connection ? connectionFlags : [])].filter((f) => f.type === 'string');
		for (const f of valueFlags) {
			for (const argv of [
				[...words, `--${f.name}`, '--help'],
				[...words, ...(f.short ? [`-${f.short}`] : [`--${f.name}`]), '-h'],
			]) {
				const r = route(argv);
				assert.equal(r.name, 'help', argv.join(' '));
				assert.equal(await helpText(commands, r.argv), expected, argv.join(' '));
				checked++;
			}
		}
	}
	assert.ok(checked > 100, `${checked} command lines`);
	// as a process: the help on stdout, exit 0; with '=' the word is --grep's value (and tail then
	// wants its topic)
	const help = kcon(['tail', '--grep', '--help']);
	assert.deepEqual([help.code, help.stderr], [0, '']);
	assert.equal(help.stdout, kcon(['tail', '--help']).stdout);
	assert.deepEqual(kcon(['tail', '--grep=--help']), {code: 2, stdout: '', stderr: 'kcon: kcon tail needs a TOPIC\n'});
});

test('help for what does not exist is a usage error of one line', () => {
	for (const args of [['help', 'nope'], ['nope', '--help']]) {
		const r = kcon(args);
		assert.equal(r.code, 2);
		assert.equal(r.stdout, '');
		assert.equal(r.stderr, "kcon: no command 'nope'; see 'kcon --help'\n");
	}
});

test('the top-level help (meow for --help, the help command for -h and `kcon help`) names every command and what scripts need', async () => {
	const specs = await loadSpecs(commands);
	const meow = kcon(['--help']);
	assert.equal(meow.code, 0);
	const help = kcon(['help']);
	assert.equal(help.code, 0);
	assert.equal(meow.stdout.trim(), help.stdout.trim());
	assert.equal(kcon(['-h']).stdout, help.stdout);
	const flat = help.stdout.replace(/\n\s+/g, ' ');
	for (const spec of specs) assert.ok(flat.includes(usageLine(spec)), usageLine(spec));
	for (const needle of ['kcon lab fetch', '--json', '--bootstrap-server', '--command-config', 'KCON_READ_ONLY', 'KCON_DEBUG', 'KCON_BROKERS', '"currentContext"', 'use-context', 'kcon completion bash|zsh']) {
		assert.ok(help.stdout.includes(needle), needle);
	}
	for (const line of help.stdout.split('\n')) assert.ok(columns(line) <= 80, `'${line}' is wider than 80`);
});

test('--version prints the manifest version, from the installed entry and from cli.js alike', () => {
	const version = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {version: string}).version;
	const bin = spawnSync(process.execPath, [path.resolve(here, '../../../source/bin.js'), '--version'], {encoding: 'utf8', timeout: 20_000});
	assert.deepEqual([bin.status, bin.stdout, bin.stderr], [0, `${version}\n`, '']);
	const direct = kcon(['--version']);
	assert.deepEqual([direct.code, direct.stdout, direct.stderr], [0, `${version}\n`, '']);
	// only the whole command line: elsewhere it is an option the command does not know
	assert.equal(kcon(['describe', '--version']).code, 2);
});

test('the help flags list exactly the connection flags every command parses', () => {
	assert.deepEqual(connectionFlags.map((f) => f.name).sort(), Object.keys(connectionOptions).sort());
	for (const f of connectionFlags) {
		const option = connectionOptions[f.name as keyof typeof connectionOptions] as {type: string; short?: string; multiple?: boolean};
		assert.equal(f.type, option.type, f.name);
		assert.equal(f.short, option.short, f.name);
		assert.equal(Boolean(f.multiple), Boolean(option.multiple), f.name);
	}
});

test("readme's command reference equals the specs' rendering", async () => {
	const readme = fs.readFileSync(path.join(root, 'readme.md'), 'utf8');
	const m = /<!-- commands:start -->\n([\s\S]*?)\n<!-- commands:end -->/.exec(readme);
	assert.ok(m, 'readme has the commands markers');
	assert.equal(m[1]!.trim(), renderReference(await loadSpecs(commands)).trim(), 'regenerate with renderReference() from source/commands/help-render.ts');
});
