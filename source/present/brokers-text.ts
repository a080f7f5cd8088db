// Brokers as a table: id, host:port, rack, reachable, leaders, replicas, under-replicated (partitions
// this broker leads whose ISR is short), then the connection error of unreachable brokers.
import type {ClusterSnapshot} from '../domain/cluster.js';
import {clusterHealth} from '../domain/health.js';
import {renderTable} from './table.js';

export function renderBrokersText(snapshot: Pick<ClusterSnapshot, 'brokers' | 'topics'>): string {
	const health = clusterHealth(snapshot);
	const load = new Map(health.brokers.map((b) => [b.id, b]));
	const rows = snapshot.brokers.map((b) => {
		const l = load.get(b.id);
		return [
			String(b.id),
			b.host ? `${b.host}:${b.port}` : '-',
			b.rack ?? '-',
			b.reachable ? 'yes' : 'no',
			String(l?.leaders ?? 0),
			String(l?.replicas ?? 0),
			String(l?.underReplicated ?? 0),
			b.reachable ? '' : (b.error ?? ''),
		];
	});
	const anyError = rows.some((r) => r[7] !== '');
	const header = ['ID', 'HOST:PORT', 'RACK', 'REACHABLE', 'LEADERS', 'REPLICAS', 'UNDER-REPLICATED'];
	if (anyError) header.push('ERROR');
	return renderTable(header, anyError ? rows : rows.map((r) => r.slice(0, 7)));
}
