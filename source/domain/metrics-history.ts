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

export class MetricHistory {
	private readonly series = new Map<string, Map<HistoryMetric, Point[]>>();

	constructor(readonly windowMs = DEFAULT_WINDOW_MS) {}

	/** Append one sample's values (null = the agent gave none this time) and trim older points. */
	append(agent: string, at: number, values: Partial<Record<HistoryMetric, number | null>>): void {
		let perAgent = this.series.get(agent);
		if (!perAgent) {
			perAgent = new Map();
			this.series.set(agent, perAgent);
		}
		for (const metric of HISTORY_METRICS) {
			let points = perAgent.get(metric);
			if (!points) {
				points = [];
				perAgent.set(metric, points);
			}
			points.push({at, value: values[metric] ?? null});
			trim(points, at - this.windowMs);
		}
	}

	points(agent: string, metric: HistoryMetric): readonly Point[] {
		return this.series.get(agent)?.get(metric) ?? [];
	}

	/** Values only, oldest first: what sparkline() takes. */
	values(agent: string, metric: HistoryMetric): Array<number | null> {
		return this.points(agent, metric).map((p) => p.value);
	}

	/** Every metric's values for one agent (a copy, safe to hand to a view). */
	snapshot(agent: string): SeriesByMetric {
		const out = {} as SeriesByMetric;
		for (const metric of HISTORY_METRICS) out[metric] = this.values(agent, metric);
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
