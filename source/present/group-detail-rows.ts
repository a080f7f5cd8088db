// The console's table of one consumer group: a row per partition it commits, with its lag history.
import type {ClusterSnapshot, GroupOffset} from '../domain/cluster.js';
import {etaSeconds, formatEta, lagSeries, lagStatus, lagTrend, partitionKey, type LagHistory} from '../domain/lag-history.js';
import {ChangeSet} from '../domain/snapshot-diff.js';
import {LazyRow, marked, num, type Column, type Row, type RowBody, type Table} from './cells.js';
import {sparkline} from './console-spark.js';
import {statusText, trendText} from './groups-rows.js';

export function groupDetailTable(
	snapshot: ClusterSnapshot,
	history: LagHistory,
	groupId: string,
	marks: ChangeSet = ChangeSet.none,
	sparkWidth = 12,
): Table | null {
	const g = snapshot.groups.find((x) => x.groupId === groupId);
	if (!g) return null;
	const columns: Column[] = [
		{title: 'TOPIC', min: 8, flex: 2},
		{title: 'PARTITION', width: 9, align: 'right', numeric: true},
		// a share group has no position per consumer: its rows carry the share-partition start offset
		{title: g.groupType === 'share' ? 'START-OFFSET' : 'CURRENT-OFFSET', width: 14, align: 'right', numeric: true},
		{title: 'LOG-END-OFFSET', width: 14, align: 'right', numeric: true},
		{title: 'LAG', width: 8, align: 'right', numeric: true},
		{title: 'LAG HISTORY', width: sparkWidth},
		{title: 'TREND', width: 11},
		{title: 'STATUS', width: 7},
		{title: 'ETA', width: 7, align: 'right'},
		{title: 'CONSUMER-ID', min: 8, flex: 2},
		{title: 'HOST', min: 6, flex: 1},
		{title: 'CLIENT-ID', min: 6, flex: 1},
	];
	const draw = (o: GroupOffset): RowBody => {
		const samples = history.partitions.get(partitionKey(g.groupId, o.topic, o.partition)) ?? [];
		const status = lagStatus(samples);
		const trend = lagTrend(samples);
		const eta = etaSeconds(samples);
		return {
			cells: [
				o.topic,
				String(o.partition),
				num(o.committed),
				num(o.logEnd),
				marked(num(o.lag), marks, {kind: 'group-offset', group: g.groupId, topic: o.topic, partition: o.partition}, o.lag !== null && o.lag > 0n ? 'warn' : undefined),
				{text: sparkline(lagSeries(samples), sparkWidth), tone: 'accent'},
				trendText(trend),
				statusText(status),
				formatEta(eta),
				o.consumerId ?? '-',
				o.host ?? '-',
				o.clientId ?? '-',
			],
			sort: [o.topic, o.partition, o.committed ?? -1n, o.logEnd ?? -1n, o.lag ?? -1n, 0, trend, status ?? '', eta ?? Infinity, o.consumerId ?? '', o.host ?? '', o.clientId ?? ''],
		};
	};
	const rows: Row[] = g.offsets
		.slice()
		.sort((a, b) => (a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1))
		.map((o) => new LazyRow(`${o.topic}:${o.partition}`, o, draw));
	return {columns, rows};
}
