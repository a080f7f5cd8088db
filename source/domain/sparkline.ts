// Sparklines in Unicode block glyphs, fitted to the width available (pure; no I/O).
//
//   sparkline([1, 5, 3, 8], 6)            → '  ▁▅▃█'   (right-aligned, always `width` cells)
//   sparkline(sixHundredSamples, 20)      → 20 cells, each the mean of its slice of the window
//   sparkline(cpu, 20, {min: 0, max: 100}) → a fixed scale (percentages)
//   seriesStats(values)                   → {current, min, max} for a "12% (3–40)" label
//
// Scale: by default from min(0, lowest) to the highest value, so a steady non-zero rate draws as a
// steady bar instead of amplified noise; pass min/max for fixed scales. Missing samples (null,
// NaN) draw as blanks.

export const SPARK_GLYPHS = '▁▂▃▄▅▆▇█';

export interface SparklineOptions {
	/** lower end of the scale (default: min(0, lowest value)) */
	min?: number;
	/** upper end of the scale (default: highest value) */
	max?: number;
	/**
	 * how to fit more values than cells: 'bucket' (default) averages contiguous slices so the whole
	 * window shows; 'tail' keeps only the most recent `width` values
	 */
	fit?: 'bucket' | 'tail';
}

type Sample = number | null | undefined;

const isNumber = (v: Sample): v is number => typeof v === 'number' && Number.isFinite(v);

/** Reduce `values` to at most `width` points (mean of each contiguous slice; null if a slice is empty). */
export function fitToWidth(values: readonly Sample[], width: number, fit: 'bucket' | 'tail' = 'bucket'): Array<number | null> {
	if (width <= 0) return [];
	if (values.length <= width || fit === 'tail') {
		return values.slice(-width).map((v) => (isNumber(v) ? v : null));
	}
	const out: Array<number | null> = [];
	for (let cell = 0; cell < width; cell++) {
		const from = Math.floor((cell * values.length) / width);
		const to = Math.floor(((cell + 1) * values.length) / width);
		let sum = 0;
		let count = 0;
		for (let i = from; i < to; i++) {
			const v = values[i];
			if (isNumber(v)) {
				sum += v;
				count++;
			}
		}
		out.push(count ? sum / count : null);
	}
	return out;
}

/** Exactly `width` cells (blank-padded on the left while history is short); '' for width ≤ 0. */
export function sparkline(values: readonly Sample[], width: number, options: SparklineOptions = {}): string {
	if (width <= 0) return '';
	const points = fitToWidth(values, width, options.fit);
	const present = points.filter(isNumber);
	if (present.length === 0) return ' '.repeat(width);
	let lo = options.min ?? Math.min(0, ...present);
	let hi = options.max ?? Math.max(...present);
	if (hi < lo) [lo, hi] = [hi, lo];
	const top = SPARK_GLYPHS.length - 1;
	let out = ' '.repeat(width - points.length);
	for (const v of points) {
		if (!isNumber(v)) {
			out += ' ';
			continue;
		}
		if (hi === lo) {
			out += v > 0 ? SPARK_GLYPHS[Math.ceil(top / 2)] : SPARK_GLYPHS[0];
			continue;
		}
		const ratio = Math.min(1, Math.max(0, (v - lo) / (hi - lo)));
		out += SPARK_GLYPHS[Math.round(ratio * top)];
	}
	return out;
}

export interface SeriesStats {
	/** the latest present value */
	current: number | null;
	min: number | null;
	max: number | null;
}

export function seriesStats(values: readonly Sample[]): SeriesStats {
	let current: number | null = null;
	let min: number | null = null;
	let max: number | null = null;
	for (const v of values) {
		if (!isNumber(v)) continue;
		current = v;
		if (min === null || v < min) min = v;
		if (max === null || v > max) max = v;
	}
	return {current, min, max};
}

/**
 * A multi-row bar chart: `height` lines of exactly `width` cells, top line first, each column one
 * fitted value drawn with eighth-block precision. Same scale rules and fitting as sparkline().
 */
export function barChart(values: readonly Sample[], width: number, height: number, options: SparklineOptions = {}): string[] {
	if (width <= 0 || height <= 0) return [];
	const points = fitToWidth(values, width, options.fit);
	const present = points.filter(isNumber);
	const blank = ' '.repeat(width);
	if (present.length === 0) return Array.from({length: height}, () => blank);
	let lo = options.min ?? Math.min(0, ...present);
	let hi = options.max ?? Math.max(...present);
	if (hi < lo) [lo, hi] = [hi, lo];
	const pad = width - points.length;
	// eighths of a cell per column, at least one eighth for any present value above the floor
	const levels = points.map((v) => {
		if (!isNumber(v)) return -1;
		if (hi === lo) return v > 0 ? Math.ceil((height * 8) / 2) : 1;
		const ratio = Math.min(1, Math.max(0, (v - lo) / (hi - lo)));
		return Math.max(1, Math.round(ratio * height * 8));
	});
	const lines: string[] = [];
	for (let row = height - 1; row >= 0; row--) {
		let line = ' '.repeat(pad);
		for (const level of levels) {
			const inCell = level - row * 8;
			line += level < 0 || inCell <= 0 ? ' ' : inCell >= 8 ? '█' : SPARK_GLYPHS[inCell - 1];
		}
		lines.push(line);
	}
	return lines;
}
