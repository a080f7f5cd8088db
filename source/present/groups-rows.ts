// The console's consumer groups table: state, members, topics, lag with its trend, status and ETA.
import type {ClusterSnapshot, GroupInfo} from '../domain/cluster.js';
import {formatEta, groupLagSummary, type LagHistory, type LagStatus, type LagTrend} from '../domain/lag-history.js';
import {ChangeSet} from '../domain/snapshot-diff.js';
import {marked, type Column, type Row, type Segment, type Table, type Tone} from './cells.js';

export function trendText(trend: LagTrend): Segment {
	if (trend === 'growing') return {text: '↑ growing', tone: 'bad'};
	if (trend === 'draining') return {text: '↓ draining', tone: 'ok'};
	return {text: '→ flat', tone: 'dim'};
}

export function statusText(status: LagStatus | null): Segment {
	if (status === null) return {text: '…', tone: 'dim'};
	const tone: Tone = status === 'OK' ? 'ok' : status === 'WARN' ? 'warn' : 'bad';
	return {text: status, tone};
}

export function groupTopics(g: GroupInfo): string[] {
	const set = new Set<string>();
	for (const o of g.offsets) set.add(o.topic);
	for (const m of g.members) for (const a of m.assignments) set.add(a.topic);
	return [...set].sort();
}

export function groupsTable(snapshot: ClusterSnapshot, history: LagHistory, marks: ChangeSet = ChangeSet.none): Table {
	const columns: Column[] = [
		{title: 'GROUP', min: 12, flex: 3},
		{title: 'STATE', width: 20},
		{title: 'MEMBERS', width: 8, align: 'right', numeric: true},
		{title: 'TOPICS', min: 8, flex: 2},
		{title: 'LAG', width: 10, align: 'right', numeric: true},
		{title: 'TREND', width: 11},
		{title: 'STATUS', width: 7},
		{title: 'ETA', width: 7, align: 'right'},
		// classic, consumer (KIP-848), share (KIP-932), streams, or what a newer broker lists
		{title: 'TYPE', min: 7, flex: 1},
	];
	const rows: Row[] = snapshot.groups.map((g) => {
		const s = groupLagSummary(history, g);
		const totalLag = g.totalLag;
		const stateTone: Tone | undefined = g.error ? 'bad' : g.state === 'Stable' ? 'ok' : g.state === 'Empty' ? 'dim' : 'warn';
		const topics = groupTopics(g);
		return {
			key: g.groupId,
			cells: [
				g.groupId,
				marked(g.error ? `${g.state} (${g.error})` : g.state, marks, {kind: 'group', group: g.groupId, field: 'state'}, stateTone),
				String(g.members.length),
				topics.join(',') || '-',
				marked(totalLag.toString(), marks, {kind: 'group', group: g.groupId, field: 'lag'}, totalLag > 0n ? 'warn' : undefined),
				trendText(s.trend),
				statusText(s.status),
				formatEta(s.eta),
				g.groupType ?? '-',
			],
			sort: [g.groupId, g.state, g.members.length, topics.join(','), totalLag, s.trend, s.status ?? '', s.eta ?? Infinity, g.groupType ?? ''],
		};
	});
	return {columns, rows};
}
