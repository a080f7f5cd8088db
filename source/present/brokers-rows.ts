// The console's brokers table: one row per broker the cluster lists, plus the missing ones.
import type {BrokerInfo, ClusterSnapshot} from '../domain/cluster.js';
import {clusterHealth} from '../domain/health.js';
import {ChangeSet} from '../domain/snapshot-diff.js';
import {marked, type Column, type Row, type Segment, type Table} from './cells.js';

export function brokersTable(snapshot: ClusterSnapshot, marks: ChangeSet = ChangeSet.none, missing: readonly BrokerInfo[] = []): Table {
	const health = clusterHealth(snapshot);
	const loads = new Map(health.brokers.map((b) => [b.id, b]));
	const columns: Column[] = [
		{title: 'ID', width: 4, align: 'right', numeric: true},
		{title: 'HOST:PORT', min: 16, flex: 1},
		{title: 'REACHABLE', min: 12, flex: 4},
		{title: 'LEADERS', width: 8, align: 'right', numeric: true},
		{title: 'REPLICAS', width: 9, align: 'right', numeric: true},
		{title: 'OUT-OF-SYNC', width: 12, align: 'right', numeric: true},
		{title: 'RACK', width: 8},
	];
	const rows: Row[] = [...snapshot.brokers, ...missing]
		.sort((a, b) => a.id - b.id)
		.map((b: BrokerInfo) => {
			const load = loads.get(b.id);
			const reachable = {kind: 'broker', id: b.id, field: 'reachable'} as const;
			const reach: Segment = b.reachable
				? marked('yes', marks, reachable, 'ok')
				: marked(`no — ${b.error ?? 'unreachable'}`, marks, reachable, 'bad');
			return {
				key: String(b.id),
				cells: [
					String(b.id),
					b.port ? `${b.host}:${b.port}` : '-',
					reach,
					marked(String(load?.leaders ?? 0), marks, {kind: 'broker', id: b.id, field: 'leaders'}),
					String(load?.replicas ?? 0),
					{text: String(load?.outOfSync ?? 0), tone: (load?.outOfSync ?? 0) > 0 ? 'warn' : undefined},
					b.rack ?? '-',
				],
				sort: [b.id, `${b.host}:${b.port}`, b.reachable ? 1 : 0, load?.leaders ?? 0, load?.replicas ?? 0, load?.outOfSync ?? 0, b.rack ?? ''],
				tone: b.reachable ? undefined : 'bad',
			};
		});
	return {columns, rows};
}
