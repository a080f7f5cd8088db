// Lag history: trend, Burrow-style status, time to catch up — on hand-made windows.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
	etaSeconds,
	formatEta,
	groupLagSummary,
	lagStatus,
	lagTrend,
	partitionKey,
	recordLag,
	emptyLagHistory,
	worstStatus,
	type LagSample,
} from '../../../source/domain/lag-history.js';
import {labSnapshot} from '../ui-fixtures.js';

/** samples 2 s apart: [committed, lag] pairs; logEnd = committed + lag */
function win(pairs: [number | null, number | null][], consumed = true): LagSample[] {
	return pairs.map(([c, l], i) => ({
		at: 1_000_000 + i * 2000,
		committed: c === null ? null : BigInt(c),
		lag: l === null ? null : BigInt(l),
		logEnd: c === null || l === null ? null : BigInt(c + l),
		consumed,
	}));
}

test('trend: growing, draining, flat (noise within 1 % of the mean is flat)', () => {
	assert.equal(lagTrend(win([[0, 100], [10, 120], [20, 140]])), 'growing');
	assert.equal(lagTrend(win([[0, 100], [50, 60], [100, 20]])), 'draining');
	assert.equal(lagTrend(win([[0, 1000], [10, 1001], [20, 1000]])), 'flat');
	assert.equal(lagTrend(win([[0, 5]])), 'flat');
});

test('status: OK when lag touched 0, REWIND, STOP, STALL, WARN, OK — in that order', () => {
	assert.equal(lagStatus(win([[0, 5], [5, 0], [10, 7]])), 'OK');
	assert.equal(lagStatus(win([[100, 5], [90, 15], [95, 10]])), 'REWIND');
	// nobody consumes and the offset never moves: STOP
	assert.equal(lagStatus(win([[700, 500], [700, 510], [700, 520]], false)), 'STOP');
	// a consumer holds the partition but does not advance: STALL
	assert.equal(lagStatus(win([[700, 500], [700, 510], [700, 520]], true)), 'STALL');
	// offsets advance but lag never decreases: WARN
	assert.equal(lagStatus(win([[0, 10], [5, 10], [10, 12]])), 'WARN');
	assert.equal(lagStatus(win([[0, 10], [15, 5], [20, 8]])), 'OK');
	// not enough to judge yet
	assert.equal(lagStatus(win([[0, 10]])), null);
	assert.equal(lagStatus(win([[null, null], [null, null]])), null);
	assert.equal(worstStatus(['OK', 'WARN', null, 'STOP', 'STALL']), 'STOP');
});

test('eta: lag / drain rate; 0 when caught up; null when not draining', () => {
	// 100 -> 60 -> 20 over 4 s: 20 msg/s, 20 left: 1 s
	assert.equal(etaSeconds(win([[0, 100], [50, 60], [100, 20]])), 1);
	assert.equal(etaSeconds(win([[0, 5], [5, 0]])), 0);
	assert.equal(etaSeconds(win([[0, 5], [5, 9]])), null);
	assert.equal(formatEta(42), '42s');
	assert.equal(formatEta(190), '3m10s');
	assert.equal(formatEta(7500), '2h05m');
	assert.equal(formatEta(null), '—');
});

test('recordLag keeps a bounded window per group partition and per group', () => {
	let h = emptyLagHistory;
	for (let i = 0; i < 40; i++) h = recordLag(h, labSnapshot(1000 + i * 2000, 3n, BigInt(500 + i)), 30);
	const samples = h.partitions.get(partitionKey('tower-backup', 'resource', 1))!;
	assert.equal(samples.length, 30);
	assert.equal(samples.at(-1)!.lag, 539n);
	assert.equal(h.groups.get('tower-backup')!.at(-1)!.lag, 539n * 3n);
	const snap = labSnapshot(1000 + 40 * 2000, 3n, 540n);
	const summary = groupLagSummary(h, snap.groups[1]!);
	assert.deepEqual({trend: summary.trend, status: summary.status, eta: summary.eta}, {trend: 'growing', status: 'STOP', eta: null});
	// a group that disappears is dropped
	const gone = recordLag(h, {...snap, groups: [snap.groups[0]!]});
	assert.equal(gone.groups.has('tower-backup'), false);
});
