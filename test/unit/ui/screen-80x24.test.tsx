// The console in the smallest terminal operators use, 80×24: the footer keeps `? help` and `q quit`,
// the `?` overlay scrolls to its last key, the disconnected banner leads with the cause, and a view
// without data says what to check.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {render} from 'ink-testing-library';
import {Screen} from '../../../source/ui/screen.js';
import {initialState, type Action, type ConsoleState} from '../../../source/state/reducer.js';
import {reducer} from '../../../source/ui/console-state.js';
import {setColorLevel} from '../../../source/ui/theme.js';
import {activeCommands, helpScroll} from '../../../source/ui/keys.js';
import {keyCommands} from '../../../source/ui/console-tables.js';
import {connectionCause} from '../../../source/present/connection-cause.js';
import {labSnapshot} from '../ui-fixtures.js';

const W = 80;
const H = 24;
const commands = activeCommands(false, keyCommands);
const stateWith = (actions: Action[]): ConsoleState => actions.reduce(reducer, initialState({width: W, height: H}));
function frame(state: ConsoleState): string[] {
	const {lastFrame, unmount} = render(<Screen state={state} width={W} height={H} commands={commands} />);
	const out = lastFrame() ?? '';
	unmount();
	const lines = out.split('\n');
	assert.equal(lines.length, H);
	for (const l of lines) assert.ok([...l].length <= W, `wider than ${W}: ${l}`);
	return lines;
}

test('at 80 columns the footer keeps ? help and q quit in every list view', () => {
	setColorLevel(0);
	for (const view of ['brokers', 'topics', 'groups']) {
		const footer = frame(stateWith([{type: 'snapshot', snapshot: labSnapshot()}, {type: 'goto', view}])).at(-1)!;
		assert.match(footer, /<\?> help/, `${view}: ${footer}`);
		assert.match(footer, /<q> quit/, `${view}: ${footer}`);
	}
});

test('the ? overlay scrolls with j/k/G/g to every key of the table', () => {
	setColorLevel(0);
	const visible = H - 5;
	assert.ok(commands.length > visible, 'the key table is longer than 24 rows hold');
	const max = commands.length - visible;
	let s = stateWith([{type: 'snapshot', snapshot: labSnapshot()}, {type: 'mode', mode: 'help'}]);
	const press = (input: string, key = {}) => {
		const to = helpScroll(input, key, s.helpOffset, visible, max);
		assert.notEqual(to, null, input);
		s = reducer(s, {type: 'help-scroll', offset: to!, max});
	};
	const last = commands.at(-1)!.description;
	const first = commands[0]!.description;
	let out = frame(s).join('\n');
	assert.ok(out.includes(first.slice(0, 30)));
	assert.ok(!out.includes(last.slice(0, 30)), 'the last key is below the fold at first');
	assert.match(out, new RegExp(`1-${visible} of ${commands.length}, j/k scroll`));
	press('G');
	out = frame(s).join('\n');
	assert.ok(out.includes(last.slice(0, 30)), 'G shows the last key');
	assert.ok(!out.includes(first.slice(0, 30)));
	press('j');
	assert.equal(s.helpOffset, max, 'j stops at the end');
	press('k');
	assert.equal(s.helpOffset, max - 1);
	press('g');
	assert.equal(s.helpOffset, 0);
	press('', {pageDown: true});
	assert.equal(s.helpOffset, Math.min(max, visible));
	// closing and opening again starts at the top
	s = reducer(reducer(s, {type: 'mode', mode: 'normal'}), {type: 'mode', mode: 'help'});
	assert.equal(s.helpOffset, 0);
});

test('the disconnected banner leads with the cause, each address once', () => {
	setColorLevel(0);
	const error = 'no broker reachable (tried 127.0.0.1:9092): 127.0.0.1:9092: connect ECONNREFUSED 127.0.0.1:9092';
	assert.equal(connectionCause(error), 'ECONNREFUSED 127.0.0.1:9092');
	assert.equal(
		connectionCause('no broker reachable (tried a:1, b:2): a:1: connect ECONNREFUSED a:1; b:2: connect ECONNREFUSED b:2'),
		'ECONNREFUSED a:1, b:2',
	);
	assert.equal(connectionCause('no broker reachable (tried a:1): a:1: broker a:1 did not answer ApiVersions within 6 s'), 'broker did not answer ApiVersions within 6 s a:1');
	assert.equal(connectionCause('something else'), 'something else');
	const s = stateWith([{type: 'poll-failed', error, attempt: 3, retryInMs: 8000}]);
	const lines = frame(s);
	assert.match(lines[2]!, /^ ECONNREFUSED 127\.0\.0\.1:9092 — disconnected, retrying \(3\), next try in 8s$/);
});

test('a view without data while no broker answers says what to check', () => {
	setColorLevel(0);
	const out = frame(stateWith([{type: 'poll-failed', error: 'no broker reachable (tried h:1)', attempt: 1, retryInMs: 2000}])).join('\n');
	assert.match(out, /no broker answered: check the address \(-b host:port, --bootstrap-server\),/);
	assert.match(out, /--context NAME; kcon config get-contexts\) or --lab/);
});

test('the title tells the cadence the console keeps: the back-off while the cluster is unreachable, the interval again once it answers', () => {
	setColorLevel(0);
	const up = labSnapshot();
	const down = {...up, takenAt: up.takenAt + 2000, brokers: up.brokers.map((b) => ({...b, reachable: false}))};
	let s = stateWith([{type: 'snapshot', snapshot: up}]);
	assert.match(frame(s)[0]!, / every 2s · \d\d:\d\d:\d\d UTC\s*$/);
	// a poll that finds every broker unreachable, then two that fail outright, as the poller reports them
	s = reducer(s, {type: 'snapshot', snapshot: down, retryInMs: 2000});
	assert.match(frame(s)[0]!, / every 2s · /, 'the first failure still waits the interval');
	s = reducer(s, {type: 'poll-failed', error: 'no broker reachable (tried 127.0.0.1:9092)', attempt: 2, retryInMs: 4000});
	assert.match(frame(s)[0]!, / every 4s \(backoff\) · /);
	s = reducer(s, {type: 'snapshot', snapshot: down, retryInMs: 8000});
	const title = frame(s)[0]!;
	assert.match(title, / every 8s \(backoff\) · \d\d:\d\d:\d\d UTC\s*$/);
	assert.doesNotMatch(title, /every 2s/);
	s = reducer(s, {type: 'snapshot', snapshot: {...up, takenAt: up.takenAt + 20_000}, retryInMs: 2000});
	assert.match(frame(s)[0]!, / every 2s · /);
});
