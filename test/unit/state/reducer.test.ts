// The console reducer: cursor that survives refreshes, filter, sort, stack, offsets carried over.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {viewTable} from '../../../source/present/view-table.js';
import {carryOffsets, current, initialState, type Action, type ConsoleState} from '../../../source/state/reducer.js';
import {resolveCursor} from '../../../source/state/select.js';
import {reducer, snapshotRequest} from '../../../source/ui/console-state.js';
import {bigSnapshot, labSnapshot} from '../ui-fixtures.js';

const run = (actions: Action[], s: ConsoleState = initialState({width: 120, height: 30})) => actions.reduce(reducer, s);
const selected = (s: ConsoleState) => {
	const vt = viewTable(s, current(s))!;
	return vt.rows[resolveCursor(current(s), vt.rows)]!.key;
};

test('the cursor stays on the same row when a refresh reorders or removes rows', () => {
	let s = run([{type: 'snapshot', snapshot: labSnapshot()}, {type: 'goto', view: 'topics'}, {type: 'move', delta: 1}]);
	assert.equal(selected(s), 'single');
	const next = labSnapshot(2000);
	next.topics = [next.topics[2]!, next.topics[1]!, next.topics[0]!];
	s = reducer(s, {type: 'snapshot', snapshot: next});
	assert.equal(selected(s), 'single');
	const gone = labSnapshot(3000);
	gone.topics = gone.topics.filter((t) => t.name !== 'single');
	s = reducer(s, {type: 'snapshot', snapshot: gone});
	assert.equal(resolveCursor(current(s), viewTable(s, current(s))!.rows), 1);
});

test('filter keeps per-view state; esc-style pop returns to the list with its filter', () => {
	let s = run([{type: 'snapshot', snapshot: labSnapshot()}, {type: 'goto', view: 'topics'}, {type: 'filter', text: 'res'}]);
	assert.deepEqual(viewTable(s, current(s))!.rows.map((r) => r.key), ['resource']);
	s = reducer(s, {type: 'push', view: 'partitions', arg: 'resource'});
	assert.equal(current(s).filter, '');
	s = reducer(s, {type: 'pop'});
	assert.equal(current(s).filter, 'res');
	assert.equal(reducer(run([]), {type: 'pop'}).stack.length, 1, 'the root view is never popped');
});

test('shift-o sort cycles columns; numeric columns sort largest first', () => {
	let s = run([{type: 'snapshot', snapshot: labSnapshot()}, {type: 'goto', view: 'groups'}]);
	s = reducer(s, {type: 'sort-next'});
	assert.equal(current(s).sort, 0);
	for (let i = 0; i < 4; i++) s = reducer(s, {type: 'sort-next'});
	assert.equal(current(s).sort, 4, 'LAG');
	assert.deepEqual(viewTable(s, current(s))!.rows.map((r) => r.key), ['tower-backup', 'tower']);
	for (let i = 0; i < 5; i++) s = reducer(s, {type: 'sort-next'});
	assert.equal(current(s).sort, null, 'back to natural order after the last column (TYPE)');
});

test('shift-i inverts the order: numbers smallest first, names Z→A, natural order backwards; the cursor stays on its row', () => {
	let s = run([{type: 'snapshot', snapshot: labSnapshot()}, {type: 'goto', view: 'groups'}]);
	const keys = () => viewTable(s, current(s))!.rows.map((r) => r.key);
	const natural = keys();
	s = reducer(s, {type: 'sort-reverse'});
	assert.deepEqual(keys(), [...natural].reverse());
	for (let i = 0; i < 5; i++) s = reducer(s, {type: 'sort-next'});
	assert.equal(current(s).sort, 4, 'LAG');
	assert.deepEqual(keys(), ['tower', 'tower-backup'], 'smallest lag first');
	s = reducer(s, {type: 'move-to', where: 'top'});
	s = reducer(s, {type: 'sort-reverse'});
	assert.deepEqual(keys(), ['tower-backup', 'tower']);
	assert.equal(keys()[resolveCursor(current(s), viewTable(s, current(s))!.rows)], 'tower', 'the cursor followed its row');
	s = run([{type: 'goto', view: 'topics'}], s);
	s = reducer(reducer(s, {type: 'sort-next'}), {type: 'sort-reverse'});
	const names = keys();
	assert.deepEqual(names, [...names].sort().reverse(), 'names Z→A');
});

test('offsets not fetched this time keep their previous values', () => {
	const prev = labSnapshot(1000);
	const next = labSnapshot(2000);
	for (const p of next.topics[0]!.partitions) {
		p.earliestOffset = null;
		p.latestOffset = null;
	}
	const merged = carryOffsets(prev, next, ['single']);
	assert.equal(merged.topics[0]!.partitions[0]!.latestOffset, 1200n);
	const asked = carryOffsets(prev, next, ['resource']);
	assert.equal(asked.topics[0]!.partitions[0]!.latestOffset, null, 'asked and unknown stays unknown');
});

test('snapshot requests ask offsets only for the topics on screen', () => {
	let s = run([{type: 'snapshot', snapshot: bigSnapshot(3, 500)}, {type: 'goto', view: 'topics'}], initialState({width: 120, height: 16}));
	const req = snapshotRequest(s).request;
	assert.deepEqual(req.offsets, {topics: viewTable(s, current(s))!.rows.slice(0, 10).map((r) => r.key)});
	s = reducer(s, {type: 'move-to', where: 'bottom'});
	const bottom = snapshotRequest(s).request.offsets as {topics: string[]};
	assert.equal(bottom.topics.length, 10);
	assert.equal(bottom.topics.at(-1), 'topic-0499');
	s = run([{type: 'push', view: 'partitions', arg: 'big'}], s);
	assert.deepEqual(snapshotRequest(s).request.offsets, {topics: ['big']});
	assert.deepEqual(snapshotRequest(initialState()).request.offsets, true, 'the first poll fetches everything');
});

test('a fenced broker that drops out of the metadata is still counted, as missing', () => {
	const before = labSnapshot(1000);
	const after = labSnapshot(3000);
	after.brokers = after.brokers.filter((b) => b.id !== 5);
	const s = run([{type: 'snapshot', snapshot: before}, {type: 'snapshot', snapshot: after}]);
	assert.deepEqual(s.missing.map((b) => [b.id, b.reachable]), [[5, false]]);
	const rows = viewTable(s, current(s))!.rows;
	assert.deepEqual(rows.map((r) => r.key), ['3', '4', '5']);
	assert.ok(s.marks.has({kind: 'broker', id: 5, field: 'reachable'}));
	// when the gateway lists it itself (registered: false) it is counted once
	const listed = labSnapshot(5000);
	listed.brokers[2] = {id: 5, host: '', port: 0, rack: null, reachable: false, registered: false, error: 'not in the cluster metadata'};
	const s2 = reducer(s, {type: 'snapshot', snapshot: listed});
	assert.deepEqual(s2.missing, []);
	assert.deepEqual(viewTable(s2, current(s2))!.rows.map((r) => r.key), ['3', '4', '5']);
});

test('connection: failures count up, all brokers unreachable counts as down, a snapshot recovers', () => {
	let s = run([{type: 'poll-failed', error: 'x', attempt: 1, retryInMs: 2000}]);
	assert.equal(s.connection.status, 'connecting');
	s = run([{type: 'snapshot', snapshot: labSnapshot()}, {type: 'poll-failed', error: 'no broker reachable', attempt: 1, retryInMs: 2000}], s);
	assert.equal(s.connection.status, 'down');
	const dead = labSnapshot();
	for (const b of dead.brokers) b.reachable = false;
	s = reducer(s, {type: 'snapshot', snapshot: dead});
	assert.equal(s.connection.status, 'down');
	s = reducer(s, {type: 'snapshot', snapshot: labSnapshot()});
	assert.deepEqual([s.connection.status, s.connection.attempt], ['up', 0]);
});

test('an action pauses nothing by itself but records what to refresh; the scoped snapshot replaces only that topic', () => {
	const first = labSnapshot(1_000);
	let s = run([{type: 'snapshot', snapshot: first, offsetsFor: 'all'}]);
	s = run([{type: 'action-start', id: 'elect:resource', label: 'electing'}], s);
	assert.deepEqual(s.actions.map((a) => a.id), ['elect:resource']);
	s = run([{type: 'action-end', id: 'elect:resource', refresh: {topics: ['resource']}}, {type: 'action-end', id: 'x', refresh: {topics: ['single']}}], s);
	assert.deepEqual(s.actions, []);
	assert.deepEqual(s.refreshScope, {topics: ['resource', 'single']});
	assert.deepEqual(run([{type: 'action-end', id: 'y', refresh: {topics: 'all'}}], s).refreshScope, {topics: 'all'});
	// the scoped poll: only `resource` (leader of p2 moved to 4, no configs read), no groups
	const scoped = labSnapshot(2_000);
	const resource = scoped.topics.find((t) => t.name === 'resource')!;
	resource.partitions[2] = {...resource.partitions[2]!, leader: 4};
	delete resource.minInsyncReplicas;
	const after = run([{type: 'snapshot', snapshot: {...scoped, topics: [resource], groups: []}, offsetsFor: ['resource'], scope: {topics: ['resource']}}], s);
	assert.equal(after.refreshScope, null);
	assert.deepEqual(after.snapshot!.topics.map((t) => t.name), first.topics.map((t) => t.name), 'other topics kept');
	const merged = after.snapshot!.topics.find((t) => t.name === 'resource')!;
	assert.equal(merged.partitions[2]!.leader, 4);
	assert.equal(merged.minInsyncReplicas, 2, 'configs carried over');
	assert.deepEqual(after.snapshot!.groups.map((g) => g.groupId), first.groups.map((g) => g.groupId), 'groups kept');
	assert.equal(after.lag, s.lag, 'no lag sample from carried groups');
	assert.ok(after.marks.has({kind: 'partition', topic: 'resource', partition: 2, field: 'leader'}), 'the moved leader is marked');
});
