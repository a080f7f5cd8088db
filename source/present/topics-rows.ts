// The console's topics table: partitions, replication factor, under-replicated, offline, messages.
import type {ClusterSnapshot} from '../domain/cluster.js';
import {liveBrokerIds, topicStats} from '../domain/health.js';
import {ChangeSet} from '../domain/snapshot-diff.js';
import {marked, num, type Column, type Row, type Table} from './cells.js';

export function topicsTable(snapshot: ClusterSnapshot, marks: ChangeSet = ChangeSet.none, includeInternal = true): Table {
	const live = liveBrokerIds(snapshot.brokers);
	const columns: Column[] = [
		{title: 'NAME', min: 12, flex: 3},
		{title: 'PARTITIONS', width: 11, align: 'right', numeric: true},
		{title: 'RF', width: 3, align: 'right', numeric: true},
		{title: 'UNDER-REPL', width: 11, align: 'right', numeric: true},
		{title: 'OFFLINE', width: 8, align: 'right', numeric: true},
		{title: 'MESSAGES', width: 14, align: 'right', numeric: true},
	];
	const rows: Row[] = [];
	for (const t of snapshot.topics) {
		if (!includeInternal && t.internal) continue;
		const s = topicStats(t, live);
		rows.push({
			key: t.name,
			cells: [
				t.internal ? {text: t.name, tone: 'dim'} : t.name,
				String(s.partitions),
				String(s.rf),
				marked(String(s.underReplicated), marks, {kind: 'topic', topic: t.name, field: 'underReplicated'}, s.underReplicated > 0 ? 'warn' : undefined),
				marked(String(s.offline), marks, {kind: 'topic', topic: t.name, field: 'offline'}, s.offline > 0 ? 'bad' : undefined),
				num(s.messages),
			],
			sort: [t.name, s.partitions, s.rf, s.underReplicated, s.offline, s.messages ?? -1n],
			tone: s.offline > 0 ? 'bad' : undefined,
		});
	}
	return {columns, rows};
}
