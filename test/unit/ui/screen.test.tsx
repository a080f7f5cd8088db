// View tests: fixture snapshots drawn at fixed sizes, asserting what an operator must see.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {render} from 'ink-testing-library';
import {Screen} from '../../../source/ui/screen.js';
import {initialState, type Action, type ConsoleState} from '../../../source/state/reducer.js';
import {reducer} from '../../../source/ui/console-state.js';
import {setColorLevel} from '../../../source/ui/theme.js';
import {activeCommands, navigationKeys as keyCommands, type KeyCommand} from '../../../source/ui/keys.js';
import {bigSnapshot, labSnapshot} from '../ui-fixtures.js';

function stateWith(actions: Action[], base: ConsoleState = initialState({width: 120, height: 30})): ConsoleState {
	return actions.reduce(reducer, base);
}

function frame(state: ConsoleState, width = 120, height = 30, commands?: KeyCommand[]): string {
	const {lastFrame, unmount} = render(<Screen state={state} width={width} height={height} commands={commands} />);
	const out = lastFrame() ?? '';
	unmount();
	return out;
}

const snap = (s = labSnapshot()): Action => ({type: 'snapshot', snapshot: s});
const lines = (out: string) => out.split('\n');
const row = (out: string, re: RegExp) => lines(out).find((l) => re.test(l)) ?? '';

test('brokers view: health strip counts and the unreachable broker with its connection error', () => {
	setColorLevel(0);
	const out = frame(stateWith([snap()]));
	assert.match(out, /brokers up 2\/3  under-replicated 3  offline 1  under-min-ISR 2  groups lagging/);
	assert.match(row(out, /29594/), /^\s+5 127\.0\.0\.1:29594\s+no — connect ECONNREFUSED 127\.0\.0\.1:29594\s+0\s+4\s+3/);
	assert.match(row(out, /29592/), /^\s+3 127\.0\.0\.1:29592\s+yes\s+3\s+4\s+0/);
	assert.match(out, /Brokers 3$/m);
	// exactly the frame height, no line wider than the terminal
	assert.equal(lines(out).length, 30);
	for (const l of lines(out)) assert.ok([...l].length <= 120, `too wide: ${l}`);
});

test('topics view: partitions, RF, under-replicated, offline, messages = log-end − earliest', () => {
	setColorLevel(0);
	const out = frame(stateWith([snap(), {type: 'goto', view: 'topics'}]));
	assert.match(out, /Topics 3$/m);
	// resource: (1200-0)+(1210-10)+(1190-0) = 3590
	assert.match(row(out, /^resource/), /^resource\s+3\s+3\s+3\s+0\s+3590$/);
	assert.match(row(out, /^single/), /^single\s+1\s+1\s+0\s+1\s+-$/);
});

test('partitions view: leader none, replica badges by ISR membership, ISR, offsets', () => {
	setColorLevel(0);
	const out = frame(stateWith([snap(), {type: 'goto', view: 'topics'}, {type: 'push', view: 'partitions', arg: 'resource'}]));
	assert.match(out, /Partitions of resource 3/);
	// partition 0: leader 3, replicas 3 4 in ISR, 5 on the unreachable broker shown offline
	assert.match(row(out, /^\s+0\s/), /^\s+0\s+3 3 4 5!\s+3,4\s+0\s+1200/);
	assert.match(row(out, /^\s+2\s/), /^\s+2\s+3 5! 3 4\*\s+3\s+0\s+1190/);
	const single = frame(stateWith([snap(), {type: 'push', view: 'partitions', arg: 'single'}]));
	assert.match(row(single, /^\s+0\s/), /^\s+0\s+none\s+5!/);
});

test('badges are coloured: green in sync, yellow out of sync, red offline', () => {
	setColorLevel(1);
	try {
		const out = frame(stateWith([snap(), {type: 'push', view: 'partitions', arg: 'resource'}]));
		const p2 = row(out, /1190/);
		assert.ok(p2.includes('\x1b[32m3\x1b[39m'), 'in-sync 3 is green');
		assert.ok(p2.includes('\x1b[33m4*\x1b[39m'), 'out-of-sync 4 is yellow');
		assert.ok(p2.includes('\x1b[31m5!\x1b[39m'), 'offline 5 is red');
	} finally {
		setColorLevel(0);
	}
});

test('groups and group detail: lag, state, Burrow status after two refreshes, consumer columns', () => {
	setColorLevel(0);
	const s = stateWith([snap(labSnapshot(1_000, 3n, 500n)), snap(labSnapshot(3_000, 0n, 520n)), {type: 'goto', view: 'groups'}]);
	const out = frame(s, 140);
	assert.match(row(out, /^tower-backup/), /^tower-backup\s+Empty\s+0\s+resource\s+1560\s+↑ growing\s+STOP\s+—/);
	assert.match(row(out, /^tower /), /^tower\s+Stable\s+1\s+resource\s+0\s+↓ draining\s+OK\s+0s/);
	const detail = frame(reducer(s, {type: 'push', view: 'group', arg: 'tower'}), 160);
	assert.match(out, /Groups 2$/m);
	assert.match(detail, /CURRENT-OFFSET LOG-END-OFFSET\s+LAG/);
	assert.match(row(detail, /^resource\s+1\s/), /^resource\s+1\s+1190\s+1190\s+0\s.*tower-1-abc\s+\/127\.0\.0\.1\s+tower-1/);
});

test('filter: regex narrows the rows and the title counts shown/total; invalid regex matched literally', () => {
	setColorLevel(0);
	const s = stateWith([snap(), {type: 'goto', view: 'topics'}, {type: 'filter', text: '^res|sing'}]);
	const out = frame(s);
	assert.match(out, /Topics 2\/3 /);
	assert.ok(!out.includes('__consumer_offsets'));
	const bad = frame(stateWith([snap(), {type: 'goto', view: 'topics'}, {type: 'filter', text: 'res('}]));
	assert.match(bad, /Topics 0\/3 +\/res\( \(literal\)/);
});

test('virtualisation: a 10,000-partition topic draws only the visible rows, and scrolls', () => {
	setColorLevel(0);
	const big = bigSnapshot(10_000);
	let s = stateWith([snap(big), {type: 'push', view: 'partitions', arg: 'big'}], initialState({width: 120, height: 30}));
	let out = frame(s);
	const dataRows = lines(out).filter((l) => /^\s+\d+\s+\d+\s+\d/.test(l));
	assert.equal(dataRows.length, 24, 'height 30 - 6 lines of chrome');
	assert.match(out, /Partitions of big 10000\s+1-24 of 10000/);
	s = [{type: 'move-to', where: 'bottom'} as Action].reduce(reducer, s);
	out = frame(s);
	assert.match(out, /9977-10000 of 10000/);
	assert.match(row(out, /^\s+9999\s/), /^\s+9999\s+3\s+3 4 5/);
	assert.ok(!out.includes(' 9975 '));
	s = reducer(s, {type: 'page', dir: -1});
	assert.equal(s.stack.at(-1)!.cursor, 9999 - 23);
});

test('disconnected banner while every broker is down, then recovery', () => {
	setColorLevel(0);
	let s = stateWith([snap()]);
	s = reducer(s, {type: 'poll-failed', error: 'no broker reachable (tried 127.0.0.1:29592)', attempt: 1, retryInMs: 2000});
	s = reducer(s, {type: 'poll-failed', error: 'no broker reachable (tried 127.0.0.1:29592)', attempt: 2, retryInMs: 4000});
	let out = frame(s);
	// the cause leads the banner (at 80 columns the rest is cut): see the 80×24 tests
	assert.match(out, /no broker reachable \(tried 127\.0\.0\.1:29592\) — disconnected, retrying \(2\), next try in 4s/);
	// the last snapshot stays on screen
	assert.match(out, /127\.0\.0\.1:29593/);
	s = reducer(s, snap(labSnapshot(2_000_000_000_000)));
	out = frame(s);
	assert.doesNotMatch(out, /disconnected/);
});

test('help overlay lists the key table; read-only drops dangerous commands', () => {
	setColorLevel(0);
	const danger: KeyCommand = {
		id: 'kill-broker',
		keys: ['K'],
		description: 'kill the selected broker',
		views: ['brokers'],
		dangerous: true,
		match: (i) => i === 'K',
		run: () => {},
	};
	const table = [...keyCommands, danger];
	const s = stateWith([snap(), {type: 'mode', mode: 'help'}]);
	const out = frame(s, 120, 40, activeCommands(false, table));
	assert.match(out, /ctrl-r\s+refresh now/);
	assert.match(out, /shift-o\s+sort by the next column/);
	assert.match(out, /K\s+kill the selected broker \[dangerous\]/);
	const ro = frame({...s, readOnly: true}, 120, 40, activeCommands(true, table));
	assert.doesNotMatch(ro, /kill the selected broker/);
	assert.match(ro, /READ-ONLY/);
});

test('changed values are marked (leader moved, broker became unreachable)', () => {
	setColorLevel(1);
	try {
		const before = labSnapshot(1_000);
		before.brokers[2] = {...before.brokers[2]!, reachable: true, error: undefined};
		const after = labSnapshot(3_000);
		after.topics[0]!.partitions[1] = {...after.topics[0]!.partitions[1]!, leader: 3};
		const s = stateWith([snap(before), snap(after), {type: 'push', view: 'partitions', arg: 'resource'}]);
		const out = frame(s);
		assert.ok(row(out, /1210/).includes('\x1b[7m\x1b[1m3'), 'new leader 3 of partition 1 in reverse video');
		const brokers = frame(stateWith([snap(before), snap(after)]));
		assert.ok(row(brokers, /29594/).includes('\x1b[7m\x1b[1mno — connect ECONNREFUSED'));
		const expired = frame(reducer(s, {type: 'expire-marks'}));
		assert.ok(!row(expired, /1210/).includes('\x1b[7m\x1b[1m3'));
	} finally {
		setColorLevel(0);
	}
});
