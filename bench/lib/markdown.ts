// bench/results.md: one table, one row per workload, kcon beside its peers.
import type {BenchResult, Measurement} from './result.js';

const fmt = (m: Measurement) =>
	`${round(m.median)} ${m.unit} (${round(m.min)}–${round(m.max)}, n=${m.runs})`;
const round = (n: number) => (Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 10) / 10);

export function renderMarkdown(doc: {takenAt: string; node: string; loadavg?: number[]; results: Array<BenchResult & {error?: string}>}): string {
	const lines = [
		'# kcon benchmarks',
		'',
		`Written ${doc.takenAt} on this machine (2 cores, Node ${doc.node}) by \`npm run bench\`; each workload says when it was measured and the load average then (a partial run, \`npm run bench -- STEP\`, keeps the other steps' rows).`,
		'Median (min–max, runs). Ratios: how many times faster kcon is than the peer, unless named otherwise.',
		...(doc.loadavg
			? [`Load average when the run ended: ${doc.loadavg.map((l) => l.toFixed(1)).join(' / ')} (1/5/15 min) on 2 cores shared with other work: compare ratios within a row, not times across runs.`]
			: []),
		'',
		'| workload | kcon | peer(s) | ratio | aim | met |',
		'|---|---|---|---|---|---|',
	];
	for (const result of doc.results) {
		if (result.error) {
			lines.push(`| ${result.bench} | — | — | — | — | not run: ${result.error} |`);
			continue;
		}
		for (const row of result.rows) {
			const peers = Object.entries(row.tools)
				.filter(([tool]) => tool !== 'kcon')
				.map(([tool, m]) => `${tool}: ${fmt(m)}`)
				.join('<br>');
			const ratios = Object.entries(row.ratios)
				.map(([name, value]) => `${name} = ${value}`)
				.join('<br>');
			const met = row.met === undefined ? '' : row.met ? 'met' : 'not met';
			const kcon = row.tools['kcon'] ? fmt(row.tools['kcon']) : '—';
			const when = result.measuredAt ? ` (measured ${result.measuredAt.slice(0, 16).replace('T', ' ')} UTC${result.load === undefined ? '' : `, load ${result.load.toFixed(1)}`})` : '';
			lines.push(`| ${row.workload}${when} | ${kcon} | ${peers || '—'} | ${ratios || '—'} | ${row.aim ?? ''} | ${met}${row.note ? ` (${row.note})` : ''} |`);
		}
	}
	return lines.join('\n') + '\n';
}
