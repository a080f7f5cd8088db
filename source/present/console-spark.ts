// Lag sparklines for the console: the shared glyphs of source/domain/sparkline.ts, newest values
// kept (a lag window is short; every refresh is one cell).
import {sparkline as glyphs} from '../domain/sparkline.js';

export function sparkline(values: readonly number[], width: number): string {
	return glyphs(values, width, {fit: 'tail', min: 0});
}
