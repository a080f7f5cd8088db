// Plain aligned columns for terminal tables (two spaces between columns, no trailing spaces).
// Cells are escaped before they are measured (in terminal columns, so CJK names line up): a hostile
// value is shown, and the columns still line up.
import {escapeControl} from '../terminal-safe.js';
import {displayWidth, padToWidth} from './display-width.js';

export function renderTable(titles: string[], cells: string[][]): string {
	const header = titles.map(escapeControl);
	const rows = cells.map((r) => r.map(escapeControl));
	const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
	const line = (cells: string[]) =>
		cells
			.map((c, i) => (i === cells.length - 1 ? c : padToWidth(c, widths[i]!)))
			.join('  ')
			.trimEnd();
	return [line(header), ...rows.map(line)].map((l) => l + '\n').join('');
}
