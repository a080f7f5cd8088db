// The console's controllers table: the KRaft quorum's voters and observers (brokers), leader first,
// with log-end offset, lag behind the leader, and how long ago each last fetched and was caught up.
// The ages are taken on the leader's clock (its own caught-up time is its "now"), so a skew between
// this machine and the controllers does not show. A cluster without a readable quorum gets one row
// saying why.
import type {ClusterSnapshot} from '../domain/cluster.js';
import {quorumLeader, quorumRows, VOTER_SILENT_MS} from '../domain/quorum.js';
import type {Column, Row, Table} from './cells.js';

function age(now: number | null, at: number | null): string {
	if (now === null || at === null) return '-';
	const ms = Math.max(0, now - at);
	return ms < 10_000 ? `${(ms / 1000).toFixed(1)}s ago` : ms < 3_600_000 ? `${Math.round(ms / 1000)}s ago` : `${Math.round(ms / 3_600_000)}h ago`;
}

export function controllersTable(snapshot: ClusterSnapshot): Table {
	const columns: Column[] = [
		{title: 'ID', width: 4, align: 'right', numeric: true},
		{title: 'ROLE', width: 9},
		{title: 'LOG-END', width: 12, align: 'right', numeric: true},
		{title: 'LAG', width: 8, align: 'right', numeric: true},
		{title: 'LAST FETCH', width: 11, align: 'right'},
		{title: 'CAUGHT UP', width: 11, align: 'right'},
		{title: 'DIRECTORY', min: 10, flex: 1},
	];
	const read = snapshot.quorum;
	if (!read) return {columns, rows: []};
	if (!read.available) {
		return {columns, rows: [{key: 'unavailable', cells: ['', {text: `quorum: not available (${read.reason})`, tone: 'dim'}, '', '', '', '', ''], tone: 'dim'}]};
	}
	const q = read.quorum;
	const now = quorumLeader(q)?.lastCaughtUpTimestamp ?? null;
	const rows: Row[] = quorumRows(q).map((r) => {
		const silent = r.role === 'Follower' && now !== null && (r.lastFetchTimestamp === null || now - r.lastFetchTimestamp > VOTER_SILENT_MS);
		const lagging = r.lag !== null && r.lag > 0n;
		return {
			key: `${r.role === 'Observer' ? 'o' : 'v'}${r.id}`,
			cells: [
				String(r.id),
				{text: r.role, tone: r.role === 'Leader' ? 'accent' : r.role === 'Observer' ? 'dim' : undefined},
				String(r.logEndOffset),
				{text: r.lag === null ? '-' : String(r.lag), tone: lagging ? 'warn' : undefined},
				{text: r.role === 'Leader' ? '-' : age(now, r.lastFetchTimestamp), tone: silent ? 'bad' : undefined},
				r.role === 'Leader' ? '-' : age(now, r.lastCaughtUpTimestamp),
				r.directoryId ?? '-',
			],
			sort: [r.id, r.role, r.logEndOffset, r.lag ?? -1n, r.lastFetchTimestamp ?? 0, r.lastCaughtUpTimestamp ?? 0, r.directoryId ?? ''],
			tone: silent ? 'bad' : undefined,
		};
	});
	if (q.leaderId === -1 || !quorumLeader(q)) {
		rows.unshift({key: 'no-leader', cells: ['', {text: 'quorum: no leader', tone: 'bad'}, '', '', '', '', ''], tone: 'bad'});
	}
	return {columns, rows};
}
