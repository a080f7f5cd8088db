// The typed change marks between two snapshots: what is found, and that lookups are by value.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {ChangeSet, diffSnapshots, newlyMissing, type Change} from '../../../source/domain/snapshot-diff.js';
import {labSnapshot} from '../ui-fixtures.js';

test('the first snapshot has no changes; an identical one has none either', () => {
	assert.equal(diffSnapshots(null, labSnapshot()).size, 0);
	assert.equal(diffSnapshots(labSnapshot(1000), labSnapshot(2000)).size, 0);
});

test('a moved leader, a changed ISR, a broker coming back, a rebalance and new lag are each one typed change', () => {
	const before = labSnapshot(1000);
	const after = labSnapshot(2000, 5n);
	const resource = after.topics.find((t) => t.name === 'resource')!;
	// p2: leader 3 -> 4 (4 was out of the ISR [3]; now the ISR is [4])
	resource.partitions[2] = {...resource.partitions[2]!, leader: 4, isr: [4]};
	// broker 5 was unreachable in `before`: coming back is a change as much as going away
	after.brokers = after.brokers.map((b) => (b.id === 5 ? {...b, reachable: true, error: undefined} : b));
	after.groups = after.groups.map((g) => (g.groupId === 'tower-backup' ? {...g, state: 'PreparingRebalance'} : g));
	const changes = diffSnapshots(before, after);
	const expected: Change[] = [
		{kind: 'broker', id: 5, field: 'reachable'},
		{kind: 'broker', id: 3, field: 'leaders'},
		{kind: 'broker', id: 4, field: 'leaders'},
		{kind: 'partition', topic: 'resource', partition: 2, field: 'leader'},
		{kind: 'partition', topic: 'resource', partition: 2, field: 'isr'},
		{kind: 'group', group: 'tower', field: 'lag'},
		{kind: 'group-offset', group: 'tower', topic: 'resource', partition: 0},
		{kind: 'group-offset', group: 'tower', topic: 'resource', partition: 1},
		{kind: 'group-offset', group: 'tower', topic: 'resource', partition: 2},
		{kind: 'group', group: 'tower-backup', field: 'state'},
	];
	assert.deepEqual(changes.changes, expected);
	for (const c of expected) assert.ok(changes.has({...c}), `found by value: ${JSON.stringify(c)}`);
	assert.equal(changes.has({kind: 'partition', topic: 'resource', partition: 1, field: 'leader'}), false);
	assert.equal(changes.has({kind: 'topic', topic: 'resource', field: 'underReplicated'}), false, 'p2 stayed under-replicated');
});

test('names with separators in them do not collide, and a change is kept once', () => {
	const a: Change = {kind: 'group-offset', group: 'a:b', topic: 'c', partition: 1};
	const b: Change = {kind: 'group-offset', group: 'a', topic: 'b:c', partition: 1};
	const set = new ChangeSet([a, a]);
	assert.equal(set.size, 1);
	assert.ok(set.has(a));
	assert.equal(set.has(b), false);
	const more = set.with([b]);
	assert.deepEqual([set.size, more.size], [1, 2], 'with() leaves the original as it was');
});

test('brokers that became missing since the last refresh changed reachability; those missing before did not', () => {
	assert.deepEqual(newlyMissing([{id: 4}], [{id: 4}, {id: 5}]), [{kind: 'broker', id: 5, field: 'reachable'}]);
	assert.deepEqual(newlyMissing([{id: 4}], []), []);
});
