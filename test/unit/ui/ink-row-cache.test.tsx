// The console's frame output kept row by row (ui/ink-row-cache.ts) gives the very string Ink's own
// Output#get gives: on random writes (colours, wide and combined characters, stray escapes, offsets,
// overlapping writes, multi-line text, transformers), twice over (the second time from the cache),
// and on every frame the console's views draw, with colours and without.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {render} from 'ink-testing-library';
import {Chalk} from 'chalk';
import {cachedGet, inkGet, Output, patched} from '../../../source/ui/ink-row-cache.js';
import {Screen} from '../../../source/ui/screen.js';
import {initialState, type Action, type ConsoleState} from '../../../source/state/reducer.js';
import {reducer} from '../../../source/ui/console-state.js';
import {setColorLevel} from '../../../source/ui/theme.js';
import {bigSnapshot, labSnapshot} from '../ui-fixtures.js';

// a small deterministic generator: the same cases on every run
function prng(seed: number): () => number {
	let s = seed >>> 0;
	return () => {
		s = (s + 0x6d2b79f5) >>> 0;
		let t = Math.imul(s ^ (s >>> 15), 1 | s);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const chalk = new Chalk({level: 3});
const styles = [
	(t: string) => chalk.green(t),
	(t: string) => chalk.red.bold(t),
	(t: string) => chalk.inverse(t),
	(t: string) => chalk.dim(t),
	(t: string) => chalk.bold(`a${chalk.dim(t)}b`),
	(t: string) => chalk.inverse.bold(t),
	(t: string) => chalk.rgb(10, 200, 30)(t),
	(t: string) => chalk.bgBlue.yellow(t),
	(t: string) => `\x1b[1;31m${t}\x1b[0m`,
	(t: string) => `\x1b[38;5;208m${t}`,
	(t: string) => `${t}\x1b[m`,
];
const pieces = ['abc', ' ', '   ', '12345', 'x', 'xx', 'topic-7', '漢字', 'ｶﾅ', '한', '😀', '👍🏽', 'e\u0301', '\u200d', '\t', '\x1b', '\x1b[', '\x1b[9', '\x1b]8;;http://a\x07l\x1b]8;;\x07', '…', '↓', '·', '─'];

// the first 7 pieces are printable ASCII: half the lines are of those only (a table row's kind)
function randomLine(r: () => number): string {
	let line = '';
	const n = Math.floor(r() * 12);
	const kinds = r() < 0.5 ? 7 : pieces.length;
	for (let i = 0; i < n; i++) {
		const piece = pieces[Math.floor(r() * kinds)]!.repeat(1 + Math.floor(r() * 3));
		line += r() < 0.5 ? styles[Math.floor(r() * styles.length)]!(piece) : piece;
	}
	return line;
}

function outputWith(width: number, height: number, writes: Array<{x: number; y: number; text: string; upper?: boolean}>) {
	const out = new Output({width, height});
	for (const w of writes) {
		out.operations.push({type: 'write', x: w.x, y: w.y, text: w.text, transformers: w.upper ? [(line: string, i: number) => (i % 2 ? line.toUpperCase() : line)] : []});
	}
	return out;
}

test('the row cache is active for this Ink version', () => {
	assert.equal(patched, true);
});

test('random writes: the same frame as Ink, the first time and from the cache', () => {
	const r = prng(42);
	for (let frame = 0; frame < 400; frame++) {
		const width = 1 + Math.floor(r() * 40);
		const height = 1 + Math.floor(r() * 6);
		const writes = [];
		const count = Math.floor(r() * 6);
		for (let i = 0; i < count; i++) {
			const lines = 1 + Math.floor(r() * 3);
			const text = Array.from({length: lines}, () => randomLine(r)).join('\n');
			const x = [0, 0, 0, 1, 3, width - 1, width, width + 2][Math.floor(r() * 8)]!;
			const y = Math.floor(r() * (height + 2)) - 1;
			if (text) writes.push({x, y, text, upper: r() < 0.2});
		}
		const expected = inkGet.call(outputWith(width, height, writes));
		for (const pass of ['first', 'cached']) {
			assert.deepEqual(cachedGet.call(outputWith(width, height, writes)), expected, `${pass}: ${JSON.stringify({width, height, writes})}`);
		}
	}
});

test('a frame with clipping is Ink’s own', () => {
	const out = outputWith(10, 2, [{x: 0, y: 0, text: chalk.green('abcdefghijklmnop')}]);
	out.operations.unshift({type: 'clip', clip: {x1: 0, x2: 5, y1: 0, y2: 2}});
	out.operations.push({type: 'unclip'});
	const copy = outputWith(10, 2, [{x: 0, y: 0, text: chalk.green('abcdefghijklmnop')}]);
	copy.operations.unshift({type: 'clip', clip: {x1: 0, x2: 5, y1: 0, y2: 2}});
	copy.operations.push({type: 'unclip'});
	assert.deepEqual(cachedGet.call(out), inkGet.call(copy));
});

test('every frame of the console views equals Ink’s own output, with colours and without', () => {
	const Proto = Output.prototype as {get: typeof inkGet};
	const active = Proto.get;
	let compared = 0;
	Proto.get = function (this: InstanceType<typeof Output>) {
		const mine = cachedGet.call(this);
		assert.deepEqual(mine, inkGet.call(this));
		compared++;
		return mine;
	};
	const snap = (s = labSnapshot()): Action => ({type: 'snapshot', snapshot: s});
	const keys: Action[][] = [
		[snap()],
		[snap(), {type: 'goto', view: 'topics'}],
		[snap(), {type: 'push', view: 'partitions', arg: 'resource'}],
		[snap(labSnapshot(1_000, 3n, 500n)), snap(labSnapshot(3_000, 0n, 520n)), {type: 'goto', view: 'groups'}],
		[snap(bigSnapshot(500, 3, 2)), {type: 'push', view: 'partitions', arg: 'big'}],
		[snap(), {type: 'mode', mode: 'help'}],
	];
	try {
		for (const level of [0, 1, 3] as const) {
			setColorLevel(level);
			for (const actions of keys) {
				let state: ConsoleState = actions.reduce(reducer, initialState({width: 120, height: 30}));
				const {rerender, unmount} = render(<Screen state={state} width={120} height={30} />);
				// scroll: the cursor moves, the window slides, a page down (30)
				for (const move of [1, 1, 25, 1, -1, 30, 1]) {
					state = reducer(state, move === 30 ? {type: 'page', dir: 1} : {type: 'move', delta: move});
					rerender(<Screen state={state} width={120} height={30} />);
				}
				unmount();
			}
		}
	} finally {
		Proto.get = active;
		setColorLevel(0);
	}
	assert.ok(compared > 50, `compared ${compared} frames`);
});
