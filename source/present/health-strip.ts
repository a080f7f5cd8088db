// The console's health strip: the counts of domain/health.ts as toned segments.
import type {HealthCounts} from '../domain/health.js';
import type {Segment, Tone} from './cells.js';

export function healthSegments(h: HealthCounts): Segment[] {
	const count = (label: string, n: number, bad: Tone = 'bad'): Segment[] => [
		{text: `${label} `, tone: 'dim'},
		{text: String(n), tone: n > 0 ? bad : 'ok'},
		{text: '  '},
	];
	return [
		{text: 'brokers up ', tone: 'dim'},
		{text: `${h.brokersUp}/${h.brokersTotal}`, tone: h.brokersUp < h.brokersTotal ? 'bad' : 'ok'},
		{text: '  '},
		...quorumSegments(h.quorum),
		...count('under-replicated', h.underReplicated, 'warn'),
		...count('offline', h.offline),
		...count('under-min-ISR', h.underMinIsr),
		...count('groups lagging', h.groupsLagging, 'warn'),
		// a cluster without a readable quorum (ZooKeeper-era, old versions) says so last: it is no fault
		...(h.quorum && 'unavailable' in h.quorum ? [{text: `quorum: not available (${h.quorum.unavailable})`, tone: 'dim' as const}] : []),
	];
}

// controllers up M/N (counted on the leader's clock, domain/quorum.ts) beside the brokers, or a
// quorum without a leader
function quorumSegments(q: HealthCounts['quorum']): Segment[] {
	if (!q || 'unavailable' in q) return [];
	if (!q.leader) return [{text: 'quorum: no leader', tone: 'bad'}, {text: '  '}];
	return [
		{text: 'controllers up ', tone: 'dim'},
		{text: `${q.votersUp ?? '?'}/${q.votersTotal}`, tone: q.votersUp === q.votersTotal ? 'ok' : 'bad'},
		{text: '  '},
	];
}
