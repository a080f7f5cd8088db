// Colour on or off: --no-color, NO_COLOR (no-color.org), FORCE_COLOR, else the terminal — decided by
// terminal-color.ts; with it off a console frame and `kcon describe` text carry no SGR sequence.
import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawn, spawnSync} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import React from 'react';
import {render} from 'ink-testing-library';
import {colorLevel} from '../../source/terminal-color.js';
import {Screen} from '../../source/ui/screen.js';
import {setColorLevel} from '../../source/ui/theme.js';
import {initialState, type Action} from '../../source/state/reducer.js';
import {reducer} from '../../source/ui/console-state.js';
import {labSnapshot} from './ui-fixtures.js';
import {startFakeKafka} from '../helpers/fake-kafka.js';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(dist, 'source', 'cli.js');
// eslint-disable-next-line no-control-regex
const SGR = /\u001b\[[0-9;]*m/;

test('colorLevel: --no-color, then FORCE_COLOR, then a non-empty NO_COLOR, then the terminal', () => {
	assert.equal(colorLevel({}, [], 3), 3);
	assert.equal(colorLevel({NO_COLOR: '1'}, [], 3), 0);
	assert.equal(colorLevel({NO_COLOR: 'false'}, [], 2), 0, 'any non-empty value');
	assert.equal(colorLevel({NO_COLOR: ''}, [], 2), 2, 'an empty NO_COLOR is unset');
	assert.equal(colorLevel({NO_COLOR: '1', FORCE_COLOR: '1'}, [], 1), 1, 'FORCE_COLOR outranks NO_COLOR');
	assert.equal(colorLevel({FORCE_COLOR: '3'}, ['node', 'cli.js', 'describe', '--no-color'], 3), 0, 'the flag outranks both');
	assert.equal(colorLevel({}, ['node', 'cli.js', '--no-color'], 3), 0);
});

function frame(level: 0 | 1 | 2 | 3): string {
	setColorLevel(level);
	const actions: Action[] = [{type: 'snapshot', snapshot: labSnapshot()}];
	const state = actions.reduce(reducer, initialState({width: 160, height: 30}));
	const {lastFrame, unmount} = render(<Screen state={state} width={160} height={30} target="lab" />);
	const f = lastFrame() ?? '';
	unmount();
	setColorLevel(0);
	return f;
}

test('a console frame on a colour terminal has colours, and none at all with NO_COLOR or --no-color', () => {
	assert.match(frame(colorLevel({}, [], 3)), SGR, 'the control: colours on a colour terminal');
	const noColor = frame(colorLevel({NO_COLOR: '1'}, [], 3));
	assert.doesNotMatch(noColor, SGR);
	assert.ok(noColor.includes('127.0.0.1:29594'), 'the same frame, only plain');
	assert.doesNotMatch(frame(colorLevel({}, ['--no-color'], 3)), SGR);
});

test('the console theme reads NO_COLOR, FORCE_COLOR and --no-color when it loads', () => {
	const theme = pathToFileURL(path.join(dist, 'source', 'ui', 'theme.js')).href;
	const script = `const {paint} = await import(${JSON.stringify(theme)}); process.stdout.write(paint('bad', 'x'));`;
	const run = (env: NodeJS.ProcessEnv, args: string[] = []) => {
		const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, ...args], {env: {...process.env, NO_COLOR: '', FORCE_COLOR: undefined, ...env}, encoding: 'utf8'});
		assert.equal(r.status, 0, r.stderr);
		return r.stdout;
	};
	assert.match(run({FORCE_COLOR: '1'}), SGR, 'FORCE_COLOR colours a pipe');
	assert.match(run({FORCE_COLOR: '1', NO_COLOR: '1'}), SGR, 'FORCE_COLOR stays meaningful next to NO_COLOR');
	assert.equal(run({FORCE_COLOR: '0'}), 'x');
	assert.equal(run({FORCE_COLOR: '3'}, ['--', '--no-color']), 'x');
});

const peer = await startFakeKafka({brokers: [{id: 1, rack: 'r1'}], topics: [{name: 'orders', leaders: [1, 1]}]});
after(() => peer.close());

for (const what of ['brokers', 'topics']) {
	test(`kcon describe ${what} writes no SGR sequence under NO_COLOR, FORCE_COLOR or --no-color`, async () => {
		for (const [env, flags] of [[{NO_COLOR: '1'}, []], [{FORCE_COLOR: '3'}, []], [{FORCE_COLOR: '3'}, ['--no-color']]] as const) {
			const child = spawn(process.execPath, [cli, 'describe', what, '-b', peer.bootstrap, ...flags], {env: {...process.env, ...env}, stdio: ['ignore', 'pipe', 'pipe']});
			let stdout = '';
			let stderr = '';
			child.stdout.on('data', (d) => (stdout += d));
			child.stderr.on('data', (d) => (stderr += d));
			const code = await new Promise((resolve) => child.on('close', resolve));
			assert.equal(code, 0, stderr);
			assert.match(stdout, /orders|127\.0\.0\.1/);
			assert.doesNotMatch(stdout, SGR);
			assert.doesNotMatch(stderr, SGR);
		}
	});
}
