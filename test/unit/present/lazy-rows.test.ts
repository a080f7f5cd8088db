// The partitions and group tables draw their rows when asked (cells.ts LazyRow): the rows, a filter
// and a sort give what rows drawn up front gave, and a filter's kept texts follow a refresh.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {cellText, LazyRow, rowBody, type Row} from '../../../source/present/cells.js';
import {partitionsTable} from '../../../source/present/partitions-rows.js';
import {viewTable} from '../../../source/present/view-table.js';
import {emptyLagHistory} from '../../../source/domain/lag-history.js';
import {ChangeSet} from '../../../source/domain/snapshot-diff.js';
import type {ClusterSnapshot} from '../../../source/domain/cluster.js';
import {bigSnapshot, labSnapshot} from '../ui-fixtures.js';

const texts = (rows: readonly Row[]) => rows.map((r) => [r.key, ...rowBody(r).cells.map(cellText)].join('|'));
const source = (snapshot: ClusterSnapshot) => ({snapshot, lag: emptyLagHistory, marks: ChangeSet.none});

test('a lazy row draws the same cells, sort keys and tone on every read', () => {
	const table = partitionsTable(labSnapshot(), 'resource')!;
	assert.ok(table.rows.every((r) => r instanceof LazyRow));
	for (const row of table.rows) {
		const body = rowBody(row);
		assert.deepEqual(row.cells, body.cells);
		assert.deepEqual(row.sort, body.sort);
		assert.equal(row.tone, body.tone);
	}
	// the lab after broker 5's kill: partition 2 has no leader, its row is toned, ISRs shrank
	assert.deepEqual(
		table.rows.map((r) => cellText(r.cells[1]!)),
		labSnapshot().topics[0]!.partitions.map((p) => (p.leader === null ? 'none' : String(p.leader))),
	);
});

test('filter and sort over lazy rows match the drawn cells, and a refresh re-reads them', () => {
	const first = bigSnapshot(300);
	const entry = {view: 'partitions', arg: 'big', filter: '^4$', sort: null};
	const drawn = texts(partitionsTable(first, 'big')!.rows);
	const matched = viewTable(source(first), entry)!;
	// '^4$': partition 4, and every partition led by broker 4
	const expected = drawn.filter((t) => t.split('|').some((cell) => cell === '4'));
	assert.deepEqual(texts(matched.rows), expected);
	assert.ok(expected.length > 90, `${expected.length} rows`);

	// a refresh: partition 0's leader moved to broker 4; the same filter finds it in the new snapshot
	const second = structuredClone(first);
	second.topics[0]!.partitions[0]!.leader = 4;
	const again = viewTable(source(second), entry)!;
	assert.ok(again.rows.some((r) => r.key === '0'));
	assert.ok(!matched.rows.some((r) => r.key === '0'));

	// sorted by LATEST, largest first: the sort keys of the drawn rows
	const sorted = viewTable(source(second), {...entry, filter: '', sort: 5})!;
	const latest = sorted.rows.map((r) => rowBody(r).sort![5] as bigint);
	assert.deepEqual(
		latest,
		[...latest].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)),
	);
	assert.equal(sorted.rows.length, 300);
});
