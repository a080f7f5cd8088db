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
		...count('under-replicated', h.underReplicated, 'warn'),
		...count('offline', h.offline),
		...count('under-min-ISR', h.underMinIsr),
		...count('groups lagging', h.groupsLagging, 'warn'),
	];
}
