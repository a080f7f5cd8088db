// The quorum in the console: the controllers table and the health strip's segments, from a quorum
// whose follower 2 stopped fetching (killed) while the leader's clock went on.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {QuorumInfo} from '../../../source/domain/quorum.js';
import {votersUp} from '../../../source/domain/quorum.js';
import {healthCounts} from '../../../source/domain/health.js';
import {emptyLagHistory} from '../../../source/domain/lag-history.js';
import {controllersTable} from '../../../source/present/controllers-rows.js';
import {healthSegments} from '../../../source/present/health-strip.js';
import {cellText} from '../../../source/present/cells.js';
import {labSnapshot} from '../ui-fixtures.js';

const NOW = 1_796_192_085_671;
const r = (id: number, leo: bigint, fetched: number | null) => ({id, directoryId: `dir${id}`, logEndOffset: leo, lastFetchTimestamp: fetched, lastCaughtUpTimestamp: fetched, endpoints: []});

function quorum(): QuorumInfo {
	return {
		leaderId: 1,
		leaderEpoch: 4,
		highWatermark: 900n,
		version: 2,
		voters: [r(0, 900n, NOW - 120), r(1, 900n, NOW), r(2, 850n, NOW - 42_000)],
		observers: [r(3, 899n, NOW - 300)],
	};
}

const strip = (q: QuorumInfo | {reason: string}) => {
	const snap = {...labSnapshot(), quorum: 'reason' in q ? {available: false as const, reason: q.reason} : {available: true as const, quorum: q}};
	return healthSegments(healthCounts(snap, emptyLagHistory)).map((s) => s.text).join('');
};

test('controllers table: leader first, then followers and observers, lag and ages on the leader clock', () => {
	const t = controllersTable({...labSnapshot(), quorum: {available: true, quorum: quorum()}});
	assert.deepEqual(t.columns.map((c) => c.title), ['ID', 'ROLE', 'LOG-END', 'LAG', 'LAST FETCH', 'CAUGHT UP', 'DIRECTORY']);
	assert.deepEqual(
		t.rows.map((row) => row.cells.map(cellText)),
		[
			['1', 'Leader', '900', '0', '-', '-', 'dir1'],
			['0', 'Follower', '900', '0', '0.1s ago', '0.1s ago', 'dir0'],
			['2', 'Follower', '850', '50', '42s ago', '42s ago', 'dir2'],
			['3', 'Observer', '899', '1', '0.3s ago', '0.3s ago', 'dir3'],
		],
	);
	assert.deepEqual(t.rows.map((row) => row.tone), [undefined, undefined, 'bad', undefined]);
	assert.deepEqual(votersUp(quorum()), {up: 2, total: 3});
});

test('strip: controllers up beside brokers; no leader; not available last', () => {
	assert.match(strip(quorum()), /^brokers up \d\/3 {2}controllers up 2\/3 {2}under-replicated/);
	const leaderless = {...quorum(), leaderId: -1};
	assert.match(strip(leaderless), /^brokers up \d\/3 {2}quorum: no leader {2}under-replicated/);
	assert.equal(controllersTable({...labSnapshot(), quorum: {available: true, quorum: leaderless}}).rows[0]!.key, 'no-leader');
	const unavailable = strip({reason: 'broker 127.0.0.1:9092 does not speak DescribeQuorum'});
	assert.match(unavailable, /groups lagging \d+ {2}quorum: not available \(broker 127\.0\.0\.1:9092 does not speak DescribeQuorum\)$/);
	assert.doesNotMatch(unavailable, /controllers/);
	// a snapshot that did not ask: the strip as before
	assert.doesNotMatch(healthSegments(healthCounts(labSnapshot(), emptyLagHistory)).map((s) => s.text).join(''), /quorum|controllers/);
});
