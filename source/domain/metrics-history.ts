// Metric history per agent and metric, appended per sample and trimmed to a time window
// (lazydocker's model), then drawn for whatever width the view has. Pure: the caller passes `at`.

export const DEFAULT_WINDOW_MS = 10 * 60 * 1000;

/** The metrics kept over time (the ones with sparklines and detail charts). */
export const HISTORY_METRICS = ['cpuPercent', 'memUsedPercent', 'rxBytesPerSec', 'txBytesPerSec', 'load1', 'diskPercent'] as const;
export type HistoryMetric = (typeof HISTORY_METRICS)[number];

/** Every history metric's values for one agent, oldest first (what views take). */
export type SeriesByMetric = Record<HistoryMetric, Array<number | null>>;

export interface Point {
	at: number;
	value: number | null;
}

/**
 * One agent's samples in typed arrays used as a queue: the sample times and one column per metric
 * (NaN for null), live from `start` to `start + length`. A poller of a thousand agents at 1 Hz keeps
 * 600 samples × 6 metrics each over a 10-minute window: as objects that would be 3.6 million points
 * for the garbage collector to walk and an array shift per metric per sample; here appending and
 * trimming move indexes, and the arrays are compacted or grown only when the end is reached.
 */
class Series {
	at = new Float64Array(16);
	columns = HISTORY_METRICS.map(() => new Float64Array(16));
	start = 0;
	length = 0;

	push(at: number, values: Partial<Record<HistoryMetric, number | null>>): void {
		if (this.start + this.length === this.at.length) {
			// compact when at least half is trimmed space, else grow
			const capacity = this.start >= this.at.length / 2 ? this.at.length : this.at.length * 2;
			const move = (old: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> => {
				const next = capacity === old.length ? old : new Float64Array(capacity);
				next.set(old.subarray(this.start, this.start + this.length));
				return next;
			};
			this.at = move(this.at);
			this.columns = this.columns.map(move);
			this.start = 0;
		}
		const i = this.start + this.length++;
		this.at[i] = at;
		HISTORY_METRICS.forEach((metric, m) => (this.columns[m]![i] = values[metric] ?? Number.NaN));
	}

	trim(cutoff: number): void {
		while (this.length > 0 && this.at[this.start]! < cutoff) {
			this.start++;
			this.length--;
		}
	}

	values(m: number): Array<number | null> {
		const out = new Array<number | null>(this.length);
		const column = this.columns[m]!;
		for (let k = 0; k < this.length; k++) {
			const v = column[this.start + k]!;
			out[k] = Number.isNaN(v) ? null : v;
		}
		return out;
	}

	points(m: number): Point[] {
		const values = this.values(m);
		return values.map((value, k) => ({at: this.at[this.start + k]!, value}));
	}
}

export class MetricHistory {
	private readonly series = new Map<string, Series>();

	constructor(readonly windowMs = DEFAULT_WINDOW_MS) {}

	/** Append one sample's values (null or NaN = the agent gave none this time) and trim older points. */
	append(agent: string, at: number, values: Partial<Record<HistoryMetric, number | null>>): void {
		let perAgent = this.series.get(agent);
		if (!perAgent) {
			perAgent = new Series();
			this.series.set(agent, perAgent);
		}
		perAgent.push(at, values);
		perAgent.trim(at - this.windowMs);
	}

	/** One metric's points, oldest first (a copy). */
	points(agent: string, metric: HistoryMetric): readonly Point[] {
		return this.series.get(agent)?.points(HISTORY_METRICS.indexOf(metric)) ?? [];
	}

	/** Values only, oldest first: what sparkline() takes (a copy). */
	values(agent: string, metric: HistoryMetric): Array<number | null> {
		return this.series.get(agent)?.values(HISTORY_METRICS.indexOf(metric)) ?? [];
	}

	/** Every metric's values for one agent (a copy, safe to hand to a view). */
	snapshot(agent: string): SeriesByMetric {
		const out = {} as SeriesByMetric;
		const series = this.series.get(agent);
		HISTORY_METRICS.forEach((metric, m) => (out[metric] = series ? series.values(m) : []));
		return out;
	}

	agents(): string[] {
		return [...this.series.keys()];
	}

	forget(agent: string): void {
		this.series.delete(agent);
	}
}

/** Drop points older than `cutoff` in place (the array is time-ordered). */
export function trim(points: Point[], cutoff: number): void {
	let drop = 0;
	while (drop < points.length && points[drop]!.at < cutoff) drop++;
	if (drop > 0) points.splice(0, drop);
}
