// The one shape every benchmark prints (a single JSON line on stdout) and bench/run.ts collects.
import type {Stats} from './measure.js';

export interface Measurement extends Stats {
	unit: string;
}

export interface BenchRow {
	workload: string;
	/** tool name → measurement; 'kcon' is always present */
	tools: Record<string, Measurement>;
	/** how kcon compares, e.g. "kcat / kcon = 0.8 (higher is better for kcon)" */
	ratios: Record<string, number>;
	aim?: string;
	met?: boolean;
	note?: string;
}

export interface BenchResult {
	bench: string;
	rows: BenchRow[];
	/** when bench/run.ts took this step's rows (ISO time), and the 1-minute load average then */
	measuredAt?: string;
	load?: number;
}

export const RESULT_PREFIX = 'BENCH-RESULT ';

export function emit(result: BenchResult): void {
	process.stdout.write(RESULT_PREFIX + JSON.stringify(result) + '\n');
}

/** peer ÷ kcon for times (how many times faster kcon is), rounded to 2 decimals */
export function speedup(kcon: Stats, peer: Stats): number {
	return Math.round((peer.median / kcon.median) * 100) / 100;
}
